<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<section class="card narrow">
<h1><?cs var:Lang.login.title ?></h1>
<?cs if:Login.Error ?><p class="error-box" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login">
<?cs call:csrf_field() ?>
<input type="hidden" name="next" value="<?cs var:Form.next.Value ?>">
<?cs call:text_field("login", Lang.login.name, "text", "64", "username") ?>
<?cs call:text_field("password", Lang.login.password, "password", "200", "current-password") ?>
<button type="submit" class="primary"><?cs var:Lang.login.submit ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
