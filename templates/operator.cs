<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/operators"><?cs var:Lang.nav.operators ?></a> ›</p>
<?cs if:Op.Id ?>
<h1><?cs var:Op.Name ?> <small>(<?cs var:Op.Login ?>)</small><?cs if:Op.Disabled == 1 ?> <em class="tag"><?cs var:Lang.ops.disabled ?></em><?cs /if ?></h1>
<?cs else ?>
<h1><?cs var:Lang.ops.new ?></h1>
<?cs /if ?>
<section class="card">
<form method="post" action="/admin/operators<?cs if:Op.Id ?>/<?cs var:Op.Id ?><?cs /if ?>">
<?cs call:csrf_field() ?>
<?cs if:!Op.Id ?>
<?cs call:text_field("login", Lang.login.name, "text", "64", "off") ?>
<?cs /if ?>
<?cs call:text_field("name", Lang.ops.name, "text", "100", "off") ?>
<label class="field<?cs if:Form.role.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ops.role ?></span>
<select name="role">
<option value="operator"<?cs if:Form.role.Value == "operator" ?> selected<?cs /if ?>><?cs var:Lang.ops.role_operator ?></option>
<option value="supervisor"<?cs if:Form.role.Value == "supervisor" ?> selected<?cs /if ?>><?cs var:Lang.ops.role_supervisor ?></option>
<option value="admin"<?cs if:Form.role.Value == "admin" ?> selected<?cs /if ?>><?cs var:Lang.ops.role_admin ?></option>
</select><?cs call:field_error("role") ?></label>
<?cs if:!Op.Id ?>
<?cs call:text_field("password", Lang.ops.password, "password", "200", "new-password") ?>
<?cs /if ?>
<label class="field<?cs if:Form.chat_limit.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.chat_limit ?></span>
<input type="number" name="chat_limit" min="1" max="50" value="<?cs var:Form.chat_limit.Value ?>"><?cs call:field_error("chat_limit") ?>
<small class="hint"><?cs var:Lang.ops.chat_limit_hint ?></small></label>
<fieldset class="depts"><legend><?cs var:Lang.brands.departments ?></legend>
<?cs if:subcount(Depts) == 0 ?><p class="empty"><?cs var:Lang.ops.no_departments ?> <a href="/admin/brands"><?cs var:Lang.ops.create_department ?></a></p><?cs /if ?>
<?cs each:d = Depts ?>
<label class="check"><input type="checkbox" name="dept" value="<?cs var:d.Id ?>"<?cs if:d.Checked ?> checked<?cs /if ?>> <?cs var:d.Brand ?> › <?cs var:d.Name ?></label>
<?cs /each ?>
</fieldset>
<button type="submit" class="primary"><?cs if:Op.Id ?><?cs var:Lang.common.save ?><?cs else ?><?cs var:Lang.ops.create ?><?cs /if ?></button>
</form>
</section>
<?cs if:Op.Id ?>
<section class="card">
<h2><?cs var:Lang.ops.reset ?></h2>
<form method="post" action="/admin/operators/<?cs var:Op.Id ?>/password" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("password", Lang.ops.new_password, "password", "200", "new-password") ?>
<button type="submit"><?cs var:Lang.ops.reset ?></button>
</form>
<p class="hint"><?cs var:Lang.ops.reset_hint ?></p>
</section>
<section class="card" id="two-factor">
<h2><?cs var:Lang.tf.title ?></h2>
<?cs if:Op.TwoFactor == 1 ?><p><?cs var:Lang.tf.staff_on ?></p>
<form method="post" action="/admin/operators/<?cs var:Op.Id ?>/2fa-reset">
<?cs call:csrf_field() ?>
<button type="submit"><?cs var:Lang.tf.reset ?></button>
</form>
<p class="hint"><?cs var:Lang.tf.reset_hint ?></p>
<?cs else ?><p><?cs var:Lang.tf.staff_off ?></p><?cs /if ?>
</section>
<section class="card danger">
<h2><?cs if:Op.Disabled == 1 ?><?cs var:Lang.ops.enable ?><?cs else ?><?cs var:Lang.ops.disable ?><?cs /if ?></h2>
<?cs if:Disable.Error ?><p class="error-box" role="alert"><?cs var:Disable.Error ?></p><?cs /if ?>
<form method="post" action="/admin/operators/<?cs var:Op.Id ?>/disable">
<?cs call:csrf_field() ?>
<?cs if:Op.Disabled == 1 ?>
<input type="hidden" name="disabled" value="0"><button type="submit"><?cs var:Lang.ops.enable ?></button>
<?cs else ?>
<input type="hidden" name="disabled" value="1"><p><?cs var:Lang.ops.disable_hint ?></p><button type="submit" class="danger"><?cs var:Lang.ops.disable ?></button>
<?cs /if ?>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
