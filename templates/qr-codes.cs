<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.nav.wechat ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>"><?cs var:Channel.Brand ?></a> ›</p>
<h1><?cs var:Lang.qr.title ?> <small><?cs var:Channel.Brand ?></small></h1>
<p class="hint"><?cs var:Lang.qr.about ?></p>
<?cs if:subcount(Codes) == 0 ?><p class="empty"><?cs var:Lang.qr.none ?></p><?cs else ?>
<table class="list" id="qr-codes">
<thead><tr><th><?cs var:Lang.qr.name ?></th><th><?cs var:Lang.qr.scene ?></th><th><?cs var:Lang.qr.routes_to ?></th><th><?cs var:Lang.qr.kind ?></th><th></th></tr></thead>
<tbody>
<?cs each:q = Codes ?><tr data-qr="<?cs var:q.Id ?>"<?cs if:q.Lapsed ?> class="off"<?cs /if ?>>
<td><a href="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:q.Id ?>"><?cs var:q.Name ?></a><?cs if:q.Campaign ?><br><small><?cs var:Lang.qr.campaign ?>: <?cs var:q.Campaign ?></small><?cs /if ?></td>
<td><code><?cs var:q.Scene ?></code></td>
<td><?cs if:q.Department ?><?cs var:q.Department ?><?cs else ?><?cs var:Lang.qr.department_account ?><?cs /if ?><?cs if:q.Operator ?> · <?cs var:q.Operator ?><?cs /if ?><?cs if:q.Tag ?><br><small><?cs var:Lang.qr.tag ?>: <?cs var:q.Tag ?></small><?cs /if ?></td>
<td><?cs if:q.Permanent ?><?cs var:Lang.qr.permanent ?><?cs else ?><?cs var:Lang.qr.temporary ?><?cs if:q.Expires ?><br><small><?cs var:Lang.qr.until ?> <?cs var:q.Expires ?></small><?cs /if ?><?cs /if ?></td>
<td><?cs if:q.State ?><small class="hint"><?cs var:q.State ?></small><?cs /if ?><?cs if:q.Picture ?> <a href="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:q.Id ?>/png"><?cs var:Lang.qr.download ?></a><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<section class="card" id="new-qr">
<h2><?cs var:Lang.qr.new ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/qr" class="qr-new">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.scene.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.scene ?> <small><?cs var:Lang.qr.scene_hint ?></small></span>
<input type="text" name="scene" value="<?cs var:Form.scene.Value ?>" maxlength="64" required pattern="[A-Za-z0-9_-]{1,64}"><?cs call:field_error("scene") ?></label>
<fieldset class="field<?cs if:Form.kind.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.qr.kind ?></legend>
<label class="check"><input type="radio" name="kind" value="temporary"<?cs if:Form.kind.Value != "permanent" ?> checked<?cs /if ?>> <?cs var:Lang.qr.temporary_for ?></label>
<label class="inline-field"><input type="number" name="days" min="1" max="30" value="<?cs var:Form.days.Value ?>" aria-label="<?cs var:Lang.qr.days ?>"> <?cs var:Lang.qr.days ?></label><?cs call:field_error("days") ?>
<label class="check"><input type="radio" name="kind" value="permanent"<?cs if:Form.kind.Value == "permanent" ?> checked<?cs /if ?>> <?cs var:Lang.qr.permanent ?></label>
<p class="warning"><?cs var:Lang.qr.permanent_warning ?> (<?cs var:Permanents ?> / <?cs var:PermanentMax ?>)</p><?cs call:field_error("kind") ?></fieldset>
<?cs call:qr_routing_fields() ?>
<button type="submit" class="primary"><?cs var:Lang.qr.create ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
