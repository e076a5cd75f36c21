<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<section class="card narrow">
<h1>Sign in to wxdesk</h1>
<?cs if:Login.Error ?><p class="error-box" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login">
<?cs call:csrf_field() ?>
<input type="hidden" name="next" value="<?cs var:Form.next.Value ?>">
<?cs call:text_field("login", "Sign-in name", "text", "64", "username") ?>
<?cs call:text_field("password", "Password", "password", "200", "current-password") ?>
<button type="submit" class="primary">Sign in</button>
</form>
</section>
<?cs include:"footer.cs" ?>
