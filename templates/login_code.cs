<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<section class="card narrow">
<h1><?cs var:Lang.login.code_title ?></h1>
<?cs if:Login.Error ?><p class="error-box" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
<form method="post" action="/login/code">
<?cs call:csrf_field() ?>
<label class="field"><span><?cs var:Lang.login.code ?></span><input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" autofocus required></label>
<p class="hint"><?cs var:Lang.login.code_hint ?></p>
<button type="submit" class="primary"><?cs var:Lang.login.submit ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
