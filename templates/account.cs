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
<?cs include:"footer.cs" ?>
