<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/operators">Operators</a> ›</p>
<?cs if:Op.Id ?>
<h1><?cs var:Op.Name ?> <small>(<?cs var:Op.Login ?>)</small><?cs if:Op.Disabled == 1 ?> <em class="tag">disabled</em><?cs /if ?></h1>
<?cs else ?>
<h1>New operator</h1>
<?cs /if ?>
<section class="card">
<form method="post" action="/admin/operators<?cs if:Op.Id ?>/<?cs var:Op.Id ?><?cs /if ?>">
<?cs call:csrf_field() ?>
<?cs if:!Op.Id ?>
<?cs call:text_field("login", "Sign-in name", "text", "64", "off") ?>
<?cs /if ?>
<?cs call:text_field("name", "Name", "text", "100", "off") ?>
<label class="field<?cs if:Form.role.Error ?> bad<?cs /if ?>"><span>Role</span>
<select name="role">
<option value="operator"<?cs if:Form.role.Value == "operator" ?> selected<?cs /if ?>>Operator: answers chats in their departments</option>
<option value="supervisor"<?cs if:Form.role.Value == "supervisor" ?> selected<?cs /if ?>>Supervisor: also sees every chat and the reports</option>
<option value="admin"<?cs if:Form.role.Value == "admin" ?> selected<?cs /if ?>>Administrator: also sets up brands, channels and staff</option>
</select><?cs call:field_error("role") ?></label>
<?cs if:!Op.Id ?>
<?cs call:text_field("password", "Password (at least 10 characters)", "password", "200", "new-password") ?>
<?cs /if ?>
<fieldset class="depts"><legend>Departments</legend>
<?cs if:subcount(Depts) == 0 ?><p class="empty">There are no departments yet. <a href="/admin/brands">Create one under a brand.</a></p><?cs /if ?>
<?cs each:d = Depts ?>
<label class="check"><input type="checkbox" name="dept" value="<?cs var:d.Id ?>"<?cs if:d.Checked ?> checked<?cs /if ?>> <?cs var:d.Brand ?> › <?cs var:d.Name ?></label>
<?cs /each ?>
</fieldset>
<button type="submit" class="primary"><?cs if:Op.Id ?>Save<?cs else ?>Create operator<?cs /if ?></button>
</form>
</section>
<?cs if:Op.Id ?>
<section class="card">
<h2>Reset password</h2>
<form method="post" action="/admin/operators/<?cs var:Op.Id ?>/password" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("password", "New password (at least 10 characters)", "password", "200", "new-password") ?>
<button type="submit">Reset password</button>
</form>
<p class="hint">Resetting also unlocks an account locked after failed sign-ins, and signs the operator out everywhere.</p>
</section>
<section class="card danger">
<h2><?cs if:Op.Disabled == 1 ?>Enable<?cs else ?>Disable<?cs /if ?> account</h2>
<?cs if:Disable.Error ?><p class="error-box" role="alert"><?cs var:Disable.Error ?></p><?cs /if ?>
<form method="post" action="/admin/operators/<?cs var:Op.Id ?>/disable">
<?cs call:csrf_field() ?>
<?cs if:Op.Disabled == 1 ?>
<input type="hidden" name="disabled" value="0"><button type="submit">Enable account</button>
<?cs else ?>
<input type="hidden" name="disabled" value="1"><p>A disabled operator cannot sign in; their chat history stays.</p><button type="submit" class="danger">Disable account</button>
<?cs /if ?>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
