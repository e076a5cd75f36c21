<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.api.title ?></h1>
<p class="hint"><?cs var:Lang.api.about ?> <code><?cs var:Api.Base ?></code> · <a href="/static/openapi.json"><?cs var:Lang.api.openapi ?></a></p>
<?cs if:Revealed.Token ?><p class="warning" role="alert"><?cs var:Lang.api.token_shown ?> <b><?cs var:Revealed.TokenName ?></b>: <code id="new-token"><?cs var:Revealed.Token ?></code></p><?cs /if ?>
<section class="card" id="tokens">
<h2><?cs var:Lang.api.tokens ?></h2>
<?cs if:subcount(Tokens) == 0 ?><p class="empty"><?cs var:Lang.api.no_tokens ?></p><?cs else ?>
<div class="table-scroll"><table class="list" id="token-list">
<thead><tr><th><?cs var:Lang.api.token_name ?></th><th><?cs var:Lang.api.scopes ?></th><th><?cs var:Lang.api.brand ?></th><th><?cs var:Lang.api.rate ?></th><th><?cs var:Lang.api.last_used ?></th><th></th></tr></thead>
<tbody>
<?cs each:t = Tokens ?><tr data-token="<?cs var:t.Id ?>"<?cs if:t.Revoked ?> class="off"<?cs /if ?>>
<td><b><?cs var:t.Name ?></b><br><small class="hint"><code><?cs var:t.Prefix ?>…</code> · <?cs var:t.Creator ?> · <?cs var:t.Created ?></small></td>
<td><code><?cs var:t.Scopes ?></code></td>
<td><?cs if:t.Brand ?><?cs var:t.Brand ?><?cs else ?><?cs var:Lang.api.all_brands ?><?cs /if ?></td>
<td><?cs var:t.RatePerMinute ?></td>
<td><?cs if:t.LastUsed ?><?cs var:t.LastUsed ?><br><small class="hint"><?cs var:t.LastIp ?></small><?cs else ?><?cs var:Lang.api.never ?><?cs /if ?></td>
<td><?cs if:t.Revoked ?><?cs var:Lang.api.revoked_mark ?><?cs else ?><form method="post" action="/admin/api/tokens/<?cs var:t.Id ?>/revoke" class="mini" data-confirm="<?cs var:Lang.api.revoke_confirm ?>"><?cs call:csrf_field() ?><button type="submit" class="danger"><?cs var:Lang.api.revoke ?></button></form><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<h3><?cs var:Lang.api.new_token ?></h3>
<form method="post" action="/admin/api/tokens" class="stack" id="token-new">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", Lang.api.token_name, "text", "100", "off") ?>
<fieldset class="field<?cs if:Form.scope.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.api.scopes ?></legend>
<div class="checks"><?cs each:s = Scopes ?><label class="check"><input type="checkbox" name="scope" value="<?cs var:s ?>"> <code><?cs var:s ?></code> <small class="hint"><?cs var:Lang.api.scope_about[s] ?></small></label> <?cs /each ?></div>
<?cs call:field_error("scope") ?></fieldset>
<label class="field"><span><?cs var:Lang.api.brand ?></span><select name="brand"><option value=""><?cs var:Lang.api.all_brands ?></option><?cs each:b = Brands ?><option value="<?cs var:b.Id ?>"><?cs var:b.Name ?></option><?cs /each ?></select></label>
<label class="field<?cs if:Form.rate.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.api.rate ?> <small><?cs var:Lang.api.rate_hint ?></small></span><input type="number" name="rate" min="1" max="100000" value="<?cs if:Form.rate.Value ?><?cs var:Form.rate.Value ?><?cs else ?>600<?cs /if ?>"><?cs call:field_error("rate") ?></label>
<button type="submit" class="primary"><?cs var:Lang.api.create_token ?></button>
</form>
</section>
<section class="card" id="webhooks">
<h2><?cs var:Lang.api.webhooks ?></h2>
<p class="hint"><?cs var:Lang.api.webhooks_about ?> <code>X-Wxdesk-Signature: t=&lt;unix&gt;,v1=&lt;HMAC-SHA256&gt;</code></p>
<?cs if:subcount(Hooks) == 0 ?><p class="empty"><?cs var:Lang.api.no_hooks ?></p><?cs else ?>
<div class="table-scroll"><table class="list" id="hook-list">
<thead><tr><th><?cs var:Lang.api.url ?></th><th><?cs var:Lang.api.brand ?></th><th><?cs var:Lang.api.pending ?></th><th><?cs var:Lang.api.dead ?></th><th><?cs var:Lang.api.delivered ?></th></tr></thead>
<tbody>
<?cs each:h = Hooks ?><tr data-hook="<?cs var:h.Id ?>"<?cs if:!h.Enabled ?> class="off"<?cs /if ?>>
<td><a href="/admin/api/webhooks/<?cs var:h.Id ?>"><code><?cs var:h.Url ?></code></a><?cs if:!h.Enabled ?> <small class="hint"><?cs var:Lang.api.paused ?></small><?cs /if ?></td>
<td><?cs if:h.Brand ?><?cs var:h.Brand ?><?cs else ?><?cs var:Lang.api.all_brands ?><?cs /if ?></td>
<td><?cs var:h.Pending ?></td>
<td><?cs if:h.Dead > 0 ?><a href="/admin/api/webhooks/<?cs var:h.Id ?>?state=dead" class="bad"><?cs var:h.Dead ?></a><?cs else ?>0<?cs /if ?></td>
<td><?cs var:h.Delivered ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<h3><?cs var:Lang.api.new_hook ?></h3>
<form method="post" action="/admin/api/webhooks" class="stack" id="hook-new">
<?cs call:csrf_field() ?><input type="hidden" name="enabled" value="1">
<?cs call:text_field("url", Lang.api.url, "url", "500", "off") ?>
<fieldset class="field<?cs if:Form.event.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.api.events ?></legend>
<div class="checks"><?cs each:e = Events ?><label class="check"><input type="checkbox" name="event" value="<?cs var:e ?>" checked> <code><?cs var:e ?></code></label> <?cs /each ?></div>
<?cs call:field_error("event") ?></fieldset>
<label class="field"><span><?cs var:Lang.api.brand ?></span><select name="brand"><option value=""><?cs var:Lang.api.all_brands ?></option><?cs each:b = Brands ?><option value="<?cs var:b.Id ?>"><?cs var:b.Name ?></option><?cs /each ?></select></label>
<button type="submit" class="primary"><?cs var:Lang.api.create_hook ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
