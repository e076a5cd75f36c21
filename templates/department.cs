<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands"><?cs var:Lang.nav.brands ?></a> › <a href="/admin/brands/<?cs var:Dept.BrandId ?>"><?cs var:Dept.BrandName ?></a> ›</p>
<h1><?cs var:Dept.Name ?></h1>
<section class="card">
<h2><?cs var:Lang.dept.members ?></h2>
<?cs if:subcount(Members) == 0 ?>
<p class="empty"><?cs var:Lang.dept.no_members ?></p>
<?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.ops.name ?></th><th><?cs var:Lang.login.name ?></th><th><?cs var:Lang.ops.role ?></th><th></th></tr></thead>
<tbody>
<?cs each:m = Members ?>
<tr><td><a href="/admin/operators/<?cs var:m.Id ?>"><?cs var:m.Name ?></a><?cs if:m.Disabled == 1 ?> <em>(<?cs var:Lang.ops.disabled ?>)</em><?cs /if ?></td>
<td><?cs var:m.Login ?></td><td><?cs var:Lang.role[m.Role] ?></td>
<td><form method="post" action="/admin/departments/<?cs var:Dept.Id ?>/members" class="mini">
<?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="user_id" value="<?cs var:m.Id ?>">
<button type="submit" class="link"><?cs var:Lang.dept.remove ?></button></form></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Candidates) > 0 ?>
<form method="post" action="/admin/departments/<?cs var:Dept.Id ?>/members" class="inline">
<?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
<label class="field<?cs if:Form.user_id.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.dept.add_member ?></span>
<select name="user_id"><?cs each:c = Candidates ?><option value="<?cs var:c.Id ?>"><?cs var:c.Name ?> (<?cs var:c.Login ?>)</option><?cs /each ?></select>
<?cs call:field_error("user_id") ?></label>
<button type="submit"><?cs var:Lang.common.add ?></button>
</form>
<?cs /if ?>
</section>
<section class="card" id="routing">
<h2><?cs var:Lang.dept.routing ?></h2>
<form method="post" action="/admin/departments/<?cs var:Dept.Id ?>/routing">
<?cs call:csrf_field() ?>
<fieldset class="choices<?cs if:Form.routing.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.field.routing ?></legend>
<label class="check"><input type="radio" name="routing" value="everyone"<?cs if:Form.routing.Value == "everyone" ?> checked<?cs /if ?>> <b><?cs var:Lang.routing.name.everyone ?></b>: <?cs var:Lang.routing.about.everyone ?></label>
<label class="check"><input type="radio" name="routing" value="round_robin"<?cs if:Form.routing.Value == "round_robin" ?> checked<?cs /if ?>> <b><?cs var:Lang.routing.name.round_robin ?></b>: <?cs var:Lang.routing.about.round_robin ?></label>
<label class="check"><input type="radio" name="routing" value="least_busy"<?cs if:Form.routing.Value == "least_busy" ?> checked<?cs /if ?>> <b><?cs var:Lang.routing.name.least_busy ?></b>: <?cs var:Lang.routing.about.least_busy ?></label>
<?cs call:field_error("routing") ?></fieldset>
<label class="field<?cs if:Form.chat_limit.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.dept_chat_limit ?></span>
<input type="number" name="chat_limit" min="1" max="50" value="<?cs var:Form.chat_limit.Value ?>" placeholder="<?cs var:Lang.dept.limit_own ?>"><?cs call:field_error("chat_limit") ?></label>
<label class="field<?cs if:Form.offer_seconds.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.offer_seconds ?></span>
<input type="number" name="offer_seconds" min="10" max="600" value="<?cs var:Form.offer_seconds.Value ?>" required><?cs call:field_error("offer_seconds") ?></label>
<fieldset class="leave"><legend><?cs var:Lang.dept.leave_heading ?></legend>
<p class="hint"><?cs var:Lang.dept.leave_hint ?></p>
<label class="field<?cs if:Form.leave_after.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.leave_after ?></span>
<input type="number" name="leave_after" min="1" max="1440" value="<?cs var:Form.leave_after.Value ?>"><?cs call:field_error("leave_after") ?></label>
<label class="field<?cs if:Form.queue_limit.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.queue_limit ?></span>
<input type="number" name="queue_limit" min="1" max="1000" value="<?cs var:Form.queue_limit.Value ?>"><?cs call:field_error("queue_limit") ?></label>
</fieldset>
<button type="submit"><?cs var:Lang.dept.save_routing ?></button>
</form>
</section>
<section class="card">
<h2><?cs var:Lang.common.rename ?></h2>
<form method="post" action="/admin/departments/<?cs var:Dept.Id ?>" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", Lang.dept.name, "text", "100", "off") ?>
<button type="submit"><?cs var:Lang.common.save_name ?></button>
</form>
</section>
<section class="card danger">
<h2><?cs var:Lang.dept.delete ?></h2>
<?cs if:Delete.Error ?><p class="error-box" role="alert"><?cs var:Delete.Error ?></p><?cs /if ?>
<form method="post" action="/admin/departments/<?cs var:Dept.Id ?>/delete" data-confirm="<?cs var:Lang.dept.delete_confirm ?>">
<?cs call:csrf_field() ?>
<button type="submit" class="danger"><?cs var:Lang.dept.delete ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
