<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.nav.account ?></h1>
<section class="card narrow">
<p><?cs var:User.Name ?> (<?cs var:User.Login ?>) · <?cs var:Lang.role[User.Role] ?></p>
<form method="post" action="/account">
<?cs call:csrf_field() ?>
<fieldset><legend><?cs var:Lang.account.language ?></legend>
<?cs each:l = Langs ?>
<label class="check"><input type="radio" name="language" value="<?cs var:l.Code ?>"<?cs if:l.Code == Account.Language ?> checked<?cs /if ?>> <span lang="<?cs var:l.Code ?>"><?cs var:l.Name ?></span></label>
<?cs /each ?>
<label class="check"><input type="radio" name="language" value=""<?cs if:!Account.Language ?> checked<?cs /if ?>> <?cs var:Lang.account.browser ?> (<?cs var:Account.Browser ?>)</label>
</fieldset>
<button type="submit" class="primary"><?cs var:Lang.common.save ?></button>
</form>
</section>
<section class="card narrow" id="two-factor">
<h2><?cs var:Lang.tf.title ?></h2>
<?cs if:Account.TwoFactor.On == 1 ?>
<p><?cs var:Lang.tf.is_on ?> <?cs var:Lang.tf.codes_left ?> <b id="codes-left"><?cs var:Account.TwoFactor.CodesLeft ?></b></p>
<form method="post" action="/account/2fa/codes">
<?cs call:csrf_field() ?>
<?cs call:text_field("password", Lang.login.password, "password", "200", "current-password") ?>
<button type="submit" name="go" value="codes"><?cs var:Lang.tf.new_codes ?></button>
<button type="submit" class="danger" formaction="/account/2fa/off"><?cs var:Lang.tf.turn_off ?></button>
</form>
<?cs else ?>
<?cs if:Account.TwoFactor.Required == 1 ?><p class="error-box" role="alert"><?cs var:Lang.tf.must_enrol ?></p><?cs /if ?>
<p><?cs var:Lang.tf.about ?></p>
<form method="post" action="/account/2fa/start">
<?cs call:csrf_field() ?>
<button type="submit" class="primary"><?cs var:Lang.tf.turn_on ?></button>
</form>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
