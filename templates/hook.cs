<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<?cs with:h = Hook.0 ?>
<p class="crumbs"><a href="/admin/api#webhooks"><?cs var:Lang.api.title ?></a></p>
<h1><?cs var:Lang.api.hook ?> <code><?cs var:h.Url ?></code></h1>
<?cs if:Revealed.Secret ?><p class="warning" role="alert"><?cs var:Lang.api.secret_shown ?> <code id="hook-secret"><?cs var:Revealed.Secret ?></code></p><?cs /if ?>
<section class="card">
<h2><?cs var:Lang.api.hook_settings ?></h2>
<form method="post" action="/admin/api/webhooks/<?cs var:h.Id ?>" class="stack" id="hook-edit">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.url.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.api.url ?></span><input type="url" name="url" maxlength="500" required value="<?cs if:Form.url.Value ?><?cs var:Form.url.Value ?><?cs else ?><?cs var:h.Url ?><?cs /if ?>"><?cs call:field_error("url") ?></label>
<fieldset class="field<?cs if:Form.event.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.api.events ?></legend>
<div class="checks"><?cs each:e = Events ?><label class="check"><input type="checkbox" name="event" value="<?cs var:e ?>"<?cs if:string.find("," + h.Events + ",", "," + e + ",") >= 0 ?> checked<?cs /if ?>> <code><?cs var:e ?></code></label> <?cs /each ?></div>
<?cs call:field_error("event") ?></fieldset>
<label class="field"><span><?cs var:Lang.api.brand ?></span><select name="brand"><option value=""><?cs var:Lang.api.all_brands ?></option><?cs each:b = Brands ?><option value="<?cs var:b.Id ?>"<?cs if:b.Id == h.BrandId ?> selected<?cs /if ?>><?cs var:b.Name ?></option><?cs /each ?></select></label>
<label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:h.Enabled ?> checked<?cs /if ?>> <?cs var:Lang.api.enabled ?></label>
<button type="submit" class="primary"><?cs var:Lang.api.save ?></button>
</form>
<div class="actions">
<form method="post" action="/admin/api/webhooks/<?cs var:h.Id ?>/test" class="inline"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.api.test ?></button></form>
<form method="post" action="/admin/api/webhooks/<?cs var:h.Id ?>/secret" class="inline" data-confirm="<?cs var:Lang.api.secret_confirm ?>"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.api.new_secret ?></button></form>
<form method="post" action="/admin/api/webhooks/<?cs var:h.Id ?>/delete" class="inline" data-confirm="<?cs var:Lang.api.delete_confirm ?>"><?cs call:csrf_field() ?><button type="submit" class="danger"><?cs var:Lang.api.delete ?></button></form>
</div>
</section>
<section class="card" id="deliveries">
<h2><?cs var:Lang.api.deliveries ?></h2>
<p class="hint"><?cs var:Lang.api.deliveries_about ?></p>
<nav class="tabs"><a href="/admin/api/webhooks/<?cs var:h.Id ?>#deliveries"<?cs if:!Filter.State ?> class="on"<?cs /if ?>><?cs var:Lang.api.all ?></a> <a href="?state=pending#deliveries"<?cs if:Filter.State == "pending" ?> class="on"<?cs /if ?>><?cs var:Lang.api.pending ?></a> <a href="?state=dead#deliveries"<?cs if:Filter.State == "dead" ?> class="on"<?cs /if ?>><?cs var:Lang.api.dead ?></a> <a href="?state=delivered#deliveries"<?cs if:Filter.State == "delivered" ?> class="on"<?cs /if ?>><?cs var:Lang.api.delivered ?></a></nav>
<?cs if:subcount(Deliveries) == 0 ?><p class="empty"><?cs var:Lang.api.no_deliveries ?></p><?cs else ?>
<div class="table-scroll"><table class="list" id="delivery-list">
<thead><tr><th><?cs var:Lang.api.delivery ?></th><th><?cs var:Lang.api.event ?></th><th><?cs var:Lang.api.state ?></th><th><?cs var:Lang.api.answer ?></th><th></th></tr></thead>
<tbody>
<?cs each:d = Deliveries ?><tr data-delivery="<?cs var:d.Id ?>" class="d-<?cs var:d.State ?>">
<td><code><?cs var:d.Id ?></code><br><small class="hint"><?cs var:d.Created ?></small></td>
<td><code><?cs var:d.Kind ?></code><?cs if:d.ChatId > 0 ?> <a href="/console/chats/<?cs var:d.ChatId ?>">#<?cs var:d.ChatId ?></a><?cs /if ?></td>
<td><?cs var:Lang.api.state_name[d.State] ?> · <?cs var:d.Attempts ?>/11<?cs if:d.State == "pending" && d.Attempts > 0 ?><br><small class="hint"><?cs var:Lang.api.next_try ?> <?cs var:d.Next ?></small><?cs /if ?></td>
<td><?cs if:d.LastStatus ?><code>HTTP <?cs var:d.LastStatus ?></code><?cs elif:d.LastError ?><?cs var:d.LastError ?><?cs /if ?><?cs if:d.Last ?> <small class="hint"><?cs var:d.Last ?></small><?cs /if ?><?cs if:d.LastResponse ?><details><summary><?cs var:Lang.api.response ?></summary><pre><?cs var:d.LastResponse ?></pre></details><?cs /if ?></td>
<td><?cs if:d.State == "dead" ?><form method="post" action="/admin/api/webhooks/<?cs var:h.Id ?>/deliveries/<?cs var:d.Id ?>/replay" class="mini"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.api.replay ?></button></form><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs if:Paging.Before ?><p><a href="?state=<?cs var:Filter.State ?>&amp;before=<?cs var:Paging.Before ?>#deliveries"><?cs var:Lang.api.older ?></a></p><?cs /if ?>
<?cs /if ?>
</section>
<?cs /with ?>
<?cs include:"footer.cs" ?>
