<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.channels.title ?></a> ›</p>
<h1><?cs var:Lang.channels.add ?><?cs if:Channel.Brand ?> <small><?cs var:Lang.wiz.for ?> <?cs var:Channel.Brand ?></small><?cs /if ?></h1>
<ol class="steps" aria-label="<?cs var:Lang.wiz.steps ?>">
<?cs each:s = Steps ?>
<li class="<?cs if:s.Current ?>now<?cs elif:s.Reached ?>done<?cs /if ?>"<?cs if:s.Current ?> aria-current="step"<?cs /if ?>><?cs if:s.Reached && Channel.Id ?><a href="/admin/channels/<?cs var:Channel.Id ?>/setup?step=<?cs var:s.N ?>"><?cs var:s.N ?>. <?cs var:s.Name ?></a><?cs else ?><?cs var:s.N ?>. <?cs var:s.Name ?><?cs /if ?></li>
<?cs /each ?>
</ol>

<section class="card wizard">
<h2><?cs var:Wizard.Heading ?></h2>
<form method="post" action="<?cs if:Channel.Id ?>/admin/channels/<?cs var:Channel.Id ?>/setup<?cs else ?>/admin/channels/new<?cs /if ?>">
<?cs call:csrf_field() ?>
<input type="hidden" name="step" value="<?cs var:Wizard.Step ?>">
<?cs if:Wizard.Step == 1 ?>
<p><?cs var:Lang.wiz.brand_intro ?></p>
<?cs if:subcount(Brands) == 0 ?>
<p class="empty"><?cs var:Lang.wiz.no_brands ?> <a href="/admin/brands"><?cs var:Lang.brands.create ?></a></p>
<?cs else ?>
<fieldset class="choices<?cs if:Form.brand.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.brands.brand ?></legend>
<?cs each:b = Brands ?>
<?cs if:b.Taken ?>
<p class="taken"><?cs var:b.TakenText ?> <a href="/admin/channels/<?cs var:b.Taken ?>"><?cs if:b.TakenDraft ?><?cs var:Lang.wiz.taken_draft ?><?cs else ?><?cs var:Lang.wiz.taken_account ?><?cs /if ?></a></p>
<?cs else ?>
<label class="check"><input type="radio" name="brand" value="<?cs var:b.Id ?>"<?cs if:b.On ?> checked<?cs /if ?>> <?cs var:b.Name ?></label>
<?cs /if ?>
<?cs /each ?>
<?cs call:field_error("brand") ?></fieldset>
<?cs /if ?>
<?cs elif:Wizard.Step == 2 ?>
<p><?cs var:Lang.wiz.ip_intro ?></p>
<pre class="copyable" id="iplist"><?cs var:IPList ?></pre>
<p><button type="button" data-copy="iplist"><?cs var:Lang.wiz.copy_ip ?></button></p>
<ol class="howto">
<li><?cs call:rich(Rich.ip_1) ?></li>
<li><?cs call:rich(Rich.ip_2) ?></li>
<li><?cs call:rich(Rich.ip_3) ?></li>
</ol>
<label class="check<?cs if:Form.ip_ok.Error ?> bad<?cs /if ?>"><input type="checkbox" name="ip_ok" value="1"<?cs if:Channel.IpConfirmed ?> checked<?cs /if ?>> <?cs var:Lang.wiz.ip_done ?><?cs call:field_error("ip_ok") ?></label>
<?cs elif:Wizard.Step == 3 ?>
<p><?cs call:rich(Rich.keys_intro) ?></p>
<?cs call:text_field("original_id", Lang.wx.original_id, "text", "64", "off") ?>
<p class="hint"><?cs var:Lang.wiz.original_id_hint ?></p>
<?cs call:text_field("app_id", Lang.wx.app_id, "text", "64", "off") ?>
<p class="hint"><?cs var:Lang.wiz.app_id_hint ?></p>
<label class="field<?cs if:Form.app_secret.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.wx.app_secret ?></span>
<input type="password" name="app_secret" value="" maxlength="128" autocomplete="off"<?cs if:!Channel.SecretMasked ?> required<?cs /if ?> placeholder="<?cs if:Channel.SecretMasked ?><?cs var:Channel.SecretKept ?><?cs /if ?>"><?cs call:field_error("app_secret") ?></label>
<p class="hint"><?cs var:Lang.wiz.app_secret_hint ?></p>
<div class="with-button"><?cs call:text_field("token", Lang.wx.token, "text", "128", "off") ?>
<button type="submit" name="go" value="token" formnovalidate><?cs var:Lang.wiz.gen_token ?></button>
<button type="button" data-copy-field="token"><?cs var:Lang.wiz.copy ?></button></div>
<?cs if:Form.token.New ?><p class="hint new"><?cs var:Lang.wiz.token_new ?></p><?cs /if ?>
<p class="hint"><?cs var:Lang.wiz.token_hint ?></p>
<div class="with-button"><?cs call:text_field("aes_key", Lang.wx.aes_key, "text", "128", "off") ?>
<button type="submit" name="go" value="aes" formnovalidate><?cs var:Lang.wiz.gen_aes ?></button>
<button type="button" data-copy-field="aes_key"><?cs var:Lang.wiz.copy ?></button></div>
<?cs if:Form.aes_key.New ?><p class="hint new"><?cs var:Lang.wiz.aes_new ?></p><?cs /if ?>
<p class="hint"><?cs var:Lang.wiz.aes_hint ?></p>
<fieldset class="choices<?cs if:Form.mode.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.wiz.mode ?></legend>
<?cs each:m = Modes ?>
<label class="check"><input type="radio" name="mode" value="<?cs var:m.Value ?>"<?cs if:m.On ?> checked<?cs /if ?>> <?cs var:Lang.mode[m.Value] ?><?cs var:Lang.wiz.mode_select ?> <b><?cs var:Lang.wxmode[m.Value] ?></b></label>
<?cs /each ?>
<?cs call:field_error("mode") ?></fieldset>
<p class="hint"><?cs call:rich(Rich.mode_hint) ?></p>
<?cs elif:Wizard.Step == 4 ?>
<p><?cs var:Lang.wiz.url_intro ?></p>
<pre class="copyable" id="webhook"><?cs var:Channel.Webhook ?></pre>
<?cs if:Channel.WebhookWarning ?><p class="error-box" role="alert" id="webhook-warning"><?cs var:Channel.WebhookWarning ?></p><?cs /if ?>
<p><button type="button" data-copy="webhook"><?cs var:Lang.wiz.copy_url ?></button></p>
<ol class="howto">
<li><?cs call:rich(Rich.url_1) ?></li>
<li><?cs call:rich(Rich.url_2) ?></li>
</ol>
<p class="status-line" id="verified" data-poll="/admin/channels/<?cs var:Channel.Id ?>/verified" aria-live="polite"><?cs if:Channel.Verified ?><span class="pass"><?cs var:Channel.VerifiedText ?></span><?cs else ?><span class="wait"><?cs var:Lang.wiz.not_verified ?></span><?cs /if ?></p>
<label class="check<?cs if:Form.url_ok.Error ?> bad<?cs /if ?>"><input type="checkbox" name="url_ok" value="1"<?cs if:Channel.UrlConfirmed ?> checked<?cs /if ?>> <?cs var:Lang.wiz.url_done ?><?cs call:field_error("url_ok") ?></label>
<?cs elif:Wizard.Step == 5 ?>
<p><?cs var:Wizard.DeptIntro ?></p>
<p class="warning"><?cs var:Lang.wiz.dept_warning ?></p>
<?cs if:subcount(Departments) == 0 ?>
<p class="empty"><?cs var:Wizard.NoDepts ?> <a href="/admin/brands/<?cs var:Channel.BrandId ?>"><?cs var:Lang.wiz.add_dept ?></a></p>
<?cs else ?>
<label class="field<?cs if:Form.department.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.brand.department ?></span>
<select name="department"><option value=""><?cs var:Lang.wiz.choose_dept ?></option>
<?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:d.On ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?>
</select><?cs call:field_error("department") ?></label>
<?cs /if ?>
<?cs elif:Wizard.Step == 6 ?>
<p><?cs var:Lang.wiz.review ?></p>
<table class="summary">
<tr><th><?cs var:Lang.brands.brand ?></th><td><?cs var:Channel.Brand ?></td><td><a href="?step=1"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wiz.ip_pasted ?></th><td><?cs if:Channel.IpConfirmed ?><?cs var:Lang.common.yes ?><?cs else ?><?cs var:Lang.common.no ?><?cs /if ?></td><td><a href="?step=2"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.original_id ?></th><td><?cs var:Channel.OriginalId ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.app_id ?></th><td><?cs var:Channel.AppId ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.app_secret ?></th><td><?cs var:Channel.SecretMasked ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.token ?></th><td><?cs var:Channel.TokenMasked ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.aes_key ?></th><td><?cs var:Channel.AesMasked ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wiz.mode ?></th><td><?cs var:Lang.mode[Channel.Mode] ?></td><td><a href="?step=3"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.wx.url ?></th><td><?cs var:Channel.Webhook ?></td><td><a href="?step=4"><?cs var:Lang.wiz.change ?></a></td></tr>
<tr><th><?cs var:Lang.brand.department ?></th><td><?cs var:Channel.Department ?></td><td><a href="?step=5"><?cs var:Lang.wiz.change ?></a></td></tr>
</table>
<h3><?cs var:Lang.wiz.checks ?></h3>
<ul class="checks">
<?cs each:k = Checks ?>
<li class="<?cs if:k.Ok ?>pass<?cs else ?>fail<?cs /if ?>"><b><?cs if:k.Ok ?><?cs var:Lang.wiz.pass ?><?cs else ?><?cs var:Lang.wiz.fail ?><?cs /if ?></b> <?cs var:k.Name ?><?cs var:Lang.chat.stop ?> <?cs if:k.Ok ?><?cs var:k.Ok ?><?cs else ?><?cs var:k.Fix ?> <a href="?step=<?cs var:k.Step ?>"><?cs var:k.GoTo ?></a><?cs /if ?></li>
<?cs /each ?>
</ul>
<p><a href="?step=6"><?cs var:Lang.wiz.again ?></a></p>
<?cs if:ChecksFailed > 0 ?>
<label class="check<?cs if:Form.anyway.Error ?> bad<?cs /if ?>"><input type="checkbox" name="anyway" value="1"> <?cs var:Lang.wiz.anyway ?><?cs call:field_error("anyway") ?></label>
<?cs /if ?>
<?cs /if ?>
<p class="actions">
<?cs if:Wizard.Step > 1 ?><button type="submit" name="go" value="back" formnovalidate><?cs var:Lang.wiz.back ?></button><?cs /if ?>
<?cs if:Wizard.Step == 6 ?><button type="submit" name="go" value="done" class="primary"><?cs var:Lang.wiz.done ?></button><?cs else ?><button type="submit" name="go" value="next" class="primary"><?cs var:Lang.wiz.next ?></button><?cs /if ?>
</p>
</form>
</section>
<?cs if:Channel.Id ?>
<section class="card danger">
<h2><?cs var:Lang.wiz.discard_title ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/delete" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("confirm_name", Lang.wiz.confirm_name, "text", "100", "off") ?>
<button type="submit" class="danger"><?cs var:Lang.wiz.discard ?></button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
