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
<section class="card narrow" id="canned">
<h2><?cs var:Lang.account.canned ?></h2>
<p class="hint"><?cs var:Lang.account.canned_hint ?></p>
<?cs if:subcount(Mine) == 0 ?><p class="empty"><?cs var:Lang.account.no_canned ?></p><?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.brand.shortcut ?></th><th><?cs var:Lang.brand.category ?></th><th><?cs var:Lang.brand.text ?></th><th></th></tr></thead>
<tbody><?cs each:c = Mine ?><tr><td><code>/<?cs var:c.Shortcut ?></code></td><td><?cs var:c.Category ?></td><td class="words"><?cs var:c.Body ?></td>
<td><form method="post" action="/account/canned/<?cs var:c.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.brand.delete_canned_confirm ?> /<?cs var:c.Shortcut ?>"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.common.delete ?></button></form></td></tr><?cs /each ?></tbody></table>
<?cs /if ?>
<form method="post" action="/account/canned">
<?cs call:csrf_field() ?>
<?cs call:text_field("shortcut", Lang.brand.shortcut_field, "text", "33", "off") ?>
<?cs call:text_field("category", Lang.brand.category_field, "text", "40", "off") ?>
<label class="field<?cs if:Form.body.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.brand.text ?></span>
<textarea name="body" rows="4" maxlength="2000" required><?cs var:Form.body.Value ?></textarea><?cs call:field_error("body") ?></label>
<button type="submit"><?cs var:Lang.brand.add_canned ?></button>
</form>
</section>
<section class="card narrow" id="wechat-alerts">
<h2><?cs var:Lang.alerts.title ?></h2>
<p><?cs var:Lang.alerts.about ?></p>
<p class="hint"><?cs var:Alerts.Rule ?></p>
<?cs if:Alerts.Unreached ?><p class="error-box" role="alert" id="alerts-unreached"><?cs var:Alerts.Unreached ?></p><?cs /if ?>
<?cs if:Alerts.Code ?>
<div class="alert-code" role="status">
<p><?cs var:Alerts.CodeIntro ?></p>
<p class="code"><code id="alert-code"><?cs var:Alerts.Code ?></code></p>
<p class="hint"><?cs var:Alerts.CodeHint ?></p>
<p><a class="button" href="/account#wechat-alerts"><?cs var:Lang.alerts.code_sent ?></a></p>
</div>
<?cs /if ?>
<?cs if:subcount(Alerts.Bindings) == 0 ?>
<p class="empty"><?cs var:Lang.alerts.none ?></p>
<?cs else ?>
<table class="list" id="alert-bindings">
<thead><tr><th><?cs var:Lang.alerts.col_account ?></th><th><?cs var:Lang.alerts.col_wechat ?></th><th><?cs var:Lang.alerts.col_since ?></th><th><?cs var:Lang.alerts.col_window ?></th><th></th></tr></thead>
<tbody>
<?cs each:b = Alerts.Bindings ?>
<tr><td><?cs var:b.Brand ?></td><td><code><?cs var:b.WeChat ?></code></td><td><?cs var:b.Since ?></td>
<td<?cs if:b.Open != 1 ?> class="warn"<?cs /if ?>><?cs var:b.Window ?></td>
<td><form method="post" action="/account/wechat/<?cs var:b.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.alerts.remove_confirm ?>"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.alerts.remove ?></button></form></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Alerts.Channels) == 0 ?>
<p class="empty"><?cs var:Lang.alerts.no_accounts ?></p>
<?cs else ?>
<form method="post" action="/account/wechat/code#wechat-alerts">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.channel.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.alerts.account ?></span>
<select name="channel"<?cs if:Form.channel.Error ?> aria-invalid="true" aria-describedby="channel-error"<?cs /if ?>><?cs each:c = Alerts.Channels ?><option value="<?cs var:c.Id ?>"<?cs if:c.Id == Alerts.CodeChannel ?> selected<?cs /if ?>><?cs var:c.Brand ?></option><?cs /each ?></select>
<?cs call:field_error("channel") ?></label>
<button type="submit" class="primary"><?cs var:Lang.alerts.get_code ?></button>
</form>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
