<?cs include:"macros.cs" ?><?cs set:Page.OwnErrorBox = 1 ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.channels.title ?></a> ›</p>
<h1><?cs var:Channel.Heading ?> <em class="tag state-<?cs var:Channel.State ?>"><?cs var:Lang.channel_state[Channel.State] ?></em></h1>
<?cs if:Form.HasErrors ?><p class="error-box" role="alert"><?cs var:Lang.ch.not_saved ?> <a href="#<?cs var:Form.FirstError ?>-error"><?cs var:Lang.form.go_to_error ?></a></p><?cs /if ?>
<nav class="sections" aria-label="<?cs var:Lang.ch.sections ?>"><a href="#account"><?cs var:Lang.ch.account ?></a> <a href="#health"><?cs var:Lang.ch.health ?></a> <a href="#details"><?cs var:Lang.wiz.step3 ?></a> <a href="#secrets"><?cs var:Lang.ch.secrets_short ?></a> <a href="#department"><?cs var:Lang.brand.department ?></a> <a href="#preferences"><?cs var:Lang.ch.prefs ?></a> <a href="#csat"><?cs var:Lang.ch.csat ?></a> <a href="#state"><?cs if:Channel.State == "active" ?><?cs var:Lang.ch.disable ?><?cs else ?><?cs var:Lang.ch.enable ?><?cs /if ?></a> <a href="#delete"><?cs var:Lang.common.delete ?></a></nav>
<p class="page-links"><a href="/admin/channels/<?cs var:Channel.Id ?>/qr"><?cs var:Lang.ch.qr ?></a> · <a href="/admin/channels/<?cs var:Channel.Id ?>/menu"><?cs var:Lang.ch.menu ?></a> · <a href="/admin/channels/<?cs var:Channel.Id ?>/templates"><?cs var:Lang.ch.templates ?></a></p>
<?cs if:NewSecret.Token ?><div class="card new-secret"><p><?cs var:Lang.ch.new_token ?></p><pre class="copyable" id="newtoken"><?cs var:NewSecret.Token ?></pre><button type="button" data-copy="newtoken"><?cs var:Lang.ch.copy_token ?></button></div><?cs /if ?>
<?cs if:NewSecret.Aes ?><div class="card new-secret"><p><?cs var:Lang.ch.new_aes ?></p><pre class="copyable" id="newaes"><?cs var:NewSecret.Aes ?></pre><button type="button" data-copy="newaes"><?cs var:Lang.ch.copy_key ?></button></div><?cs /if ?>

<section class="card" id="account">
<h2><?cs var:Lang.ch.account ?></h2>
<table class="summary">
<tr><th><?cs var:Lang.brands.brand ?></th><td><?cs var:Channel.Brand ?></td></tr>
<tr><th><?cs var:Lang.channels.state ?></th><td><?cs if:Channel.State == "active" ?><?cs var:Lang.ch.state_active ?><?cs else ?><?cs var:Lang.ch.state_off ?><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.wx.original_id ?></th><td><?cs var:Channel.OriginalId ?></td></tr>
<tr><th><?cs var:Lang.wx.app_id ?></th><td><?cs var:Channel.AppId ?></td></tr>
<tr><th><?cs var:Lang.wx.app_secret ?></th><td class="secret"><?cs if:Revealed.Secret ?><code id="rv-secret"><?cs var:Revealed.Secret ?></code><?cs else ?><?cs var:Channel.SecretMasked ?><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.wx.token ?></th><td class="secret"><?cs if:Revealed.Token ?><code id="rv-token"><?cs var:Revealed.Token ?></code><?cs else ?><?cs var:Channel.TokenMasked ?><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.wx.aes_key ?></th><td class="secret"><?cs if:Revealed.Aes ?><code id="rv-aes"><?cs var:Revealed.Aes ?></code><?cs else ?><?cs var:Channel.AesMasked ?><?cs /if ?><?cs if:Channel.HasPrevAes ?> <small><?cs var:Lang.ch.prev_aes ?></small><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.wiz.mode ?></th><td><?cs var:Lang.wxmode[Channel.Mode] ?></td></tr>
<tr><th><?cs var:Lang.wx.url ?></th><td><code id="webhook"><?cs var:Channel.Webhook ?></code> <button type="button" data-copy="webhook"><?cs var:Lang.wiz.copy ?></button></td></tr>
<tr><th><?cs var:Lang.brand.department ?></th><td><?cs if:Channel.Department ?><?cs var:Channel.Department ?><?cs else ?><em><?cs var:Lang.channels.no_department ?></em><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.ch.verified ?></th><td><?cs if:Channel.Verified ?><?cs var:Channel.Verified ?><?cs else ?><?cs var:Lang.ch.not_yet ?><?cs /if ?></td></tr>
</table>
<?cs if:!Revealed.Secret ?>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/reveal" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.password.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.reveal_password ?></span>
<input type="password" name="password" autocomplete="current-password" required><?cs call:field_error("password") ?></label>
<button type="submit"><?cs var:Lang.ch.reveal ?></button>
</form>
<?cs /if ?>
</section>

<section class="card" id="health">
<h2><?cs var:Lang.ch.health ?></h2>
<table class="summary">
<tr><th><?cs var:Lang.ch.last_message ?></th><td><?cs if:Health.LastMessage ?><?cs var:Health.LastMessage ?> <?cs var:Lang.ch.to_minute ?><?cs else ?><?cs var:Lang.ch.none_yet ?><?cs /if ?></td></tr>
<tr><th><?cs var:Lang.ch.sig_failures ?></th><td><?cs var:Health.SignatureFailures ?></td></tr>
<tr><th><?cs var:Lang.ch.decrypt_failures ?></th><td><?cs var:Health.DecryptFailures ?></td></tr>
<tr><th><?cs var:Lang.ch.refused ?></th><td><?cs var:Health.RefusedPushes ?></td></tr>
<?cs if:Health.LastFailure ?><tr><th><?cs var:Lang.ch.last_failure ?></th><td><?cs var:Health.LastFailureAt ?> · <?cs var:Health.LastFailure ?></td></tr><?cs /if ?>
<tr><th><?cs var:Lang.ch.inactive ?></th><td><?cs var:Health.Inactive ?></td></tr>
<tr><th><?cs var:Lang.ch.access_token ?></th><td><?cs if:Health.TokenError ?><span class="fail"><?cs var:Lang.error.status ?> <?cs var:Health.TokenErrcode ?> · <?cs var:Health.TokenError ?></span><?cs elif:Health.TokenFetched ?><?cs var:Health.TokenText ?><?cs else ?><?cs var:Lang.ch.not_fetched ?><?cs /if ?><?cs if:Health.TokenErrors > 0 ?> <?cs var:Health.TokenErrorsText ?><?cs /if ?></td></tr>
</table>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/health" class="mini">
<?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.ch.reset_counters ?></button>
</form>
</section>

<section class="card" id="details">
<h2><?cs var:Lang.wiz.step3 ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/details">
<?cs call:csrf_field() ?>
<?cs call:text_field("original_id", Lang.wx.original_id, "text", "64", "off") ?>
<?cs call:text_field("app_id", Lang.wx.app_id, "text", "64", "off") ?>
<label class="field<?cs if:Form.app_secret.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.wx.app_secret ?></span>
<input type="password" name="app_secret" value="" maxlength="128" autocomplete="off" placeholder="<?cs var:Channel.SecretKept ?>"><?cs call:field_error("app_secret") ?></label>
<fieldset class="choices<?cs if:Form.mode.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.wiz.mode ?></legend>
<?cs each:m = Modes ?>
<label class="check"><input type="radio" name="mode" value="<?cs var:m.Value ?>"<?cs if:m.On ?> checked<?cs /if ?>> <?cs var:Lang.mode[m.Value] ?><?cs var:Lang.wiz.mode_select ?> <b><?cs var:Lang.wxmode[m.Value] ?></b></label>
<?cs /each ?>
<?cs call:field_error("mode") ?></fieldset>
<button type="submit" class="primary"><?cs var:Lang.ch.save_details ?></button>
</form>
</section>

<section class="card" id="secrets">
<h2><?cs var:Lang.ch.secrets ?></h2>
<p class="warning"><?cs var:Lang.ch.secrets_warning ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/token" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.token.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.new_token_field ?></span>
<input type="text" name="token" value="" maxlength="128" autocomplete="off"><?cs call:field_error("token") ?></label>
<button type="submit" name="go" value="set"><?cs var:Lang.ch.save_token ?></button>
<button type="submit" name="go" value="generate" data-confirm="<?cs var:Lang.ch.gen_token_confirm ?>"><?cs var:Lang.ch.gen_token ?></button>
</form>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/aes" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.aes_key.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.new_aes_field ?></span>
<input type="text" name="aes_key" value="" maxlength="128" autocomplete="off"><?cs call:field_error("aes_key") ?></label>
<button type="submit" name="go" value="set"><?cs var:Lang.ch.save_key ?></button>
<button type="submit" name="go" value="generate" data-confirm="<?cs var:Lang.ch.gen_key_confirm ?>"><?cs var:Lang.ch.gen_key ?></button>
</form>
</section>

<section class="card" id="upstream">
<h2><?cs var:Lang.up.title ?></h2>
<p class="hint"><?cs var:Lang.up.about ?></p>
<?cs if:Upstream.Url ?><p><?cs var:Lang.up.failures ?> <b id="upstream-failures"><?cs var:Upstream.Failures ?></b><?cs if:Upstream.LastFailure ?> · <?cs var:Upstream.LastFailure ?><?cs /if ?></p><?cs /if ?>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/upstream" class="stack" id="upstream-form">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.upstream_url.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.up.url ?> <small><?cs var:Lang.up.url_hint ?></small></span><input type="url" name="upstream_url" maxlength="500" value="<?cs if:Form.upstream_url.Value ?><?cs var:Form.upstream_url.Value ?><?cs else ?><?cs var:Upstream.Url ?><?cs /if ?>"><?cs call:field_error("upstream_url") ?></label>
<label class="field<?cs if:Form.upstream_token.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.up.token ?><?cs if:Upstream.TokenMasked ?> <small><?cs var:Lang.up.kept ?> <code><?cs var:Upstream.TokenMasked ?></code></small><?cs /if ?></span><input type="text" name="upstream_token" maxlength="32" autocomplete="off"><?cs call:field_error("upstream_token") ?></label>
<label class="field"><span><?cs var:Lang.up.mode ?></span><select name="upstream_mode"><option value="plain"<?cs if:Upstream.Mode != "safe" ?> selected<?cs /if ?>><?cs var:Lang.up.mode_plain ?></option><option value="safe"<?cs if:Upstream.Mode == "safe" ?> selected<?cs /if ?>><?cs var:Lang.up.mode_safe ?></option></select></label>
<label class="field<?cs if:Form.upstream_aes.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.up.aes ?><?cs if:Upstream.AesKept ?> <small><?cs var:Lang.up.aes_kept ?></small><?cs /if ?></span><input type="text" name="upstream_aes" maxlength="43" autocomplete="off"><?cs call:field_error("upstream_aes") ?></label>
<fieldset class="field"><legend><?cs var:Lang.up.routes ?></legend>
<?cs each:k = Upstream.Kinds ?><label class="field"><span><?cs var:Lang.up.kind[k.Name] ?></span><select name="route_<?cs var:k.Name ?>"><option value="off"<?cs if:k.Route == "off" ?> selected<?cs /if ?>><?cs var:Lang.up.route_off ?></option><option value="both"<?cs if:k.Route == "both" ?> selected<?cs /if ?>><?cs var:Lang.up.route_both ?></option><option value="first"<?cs if:k.Route == "first" ?> selected<?cs /if ?>><?cs var:Lang.up.route_first ?></option></select></label>
<?cs /each ?></fieldset>
<button type="submit" class="primary"><?cs var:Lang.up.save ?></button>
</form>
</section>

<section class="card" id="payments">
<h2><?cs var:Lang.pay.title ?></h2>
<p class="hint"><?cs var:Lang.pay.about ?></p>
<p><?cs var:Lang.pay.url ?> <code><?cs var:Channel.PaymentUrl ?></code></p>
<p><?cs var:Lang.pay.format ?> <code>{"openid": "…", "transaction_id": "…", "amount": 1990, "paid_at": 1765000000}</code></p>
<p><?cs var:Lang.pay.sign ?> <code>Authorization: Bearer &lt;token&gt;</code> <a href="/admin/api"><?cs var:Lang.pay.tokens ?></a></p>
</section>
<section class="card" id="department">
<h2><?cs var:Lang.brand.department ?></h2>
<p class="hint"><?cs var:Lang.ch.dept_hint ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/department" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.department.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.brand.department ?></span>
<select name="department"><option value=""><?cs var:Lang.wiz.choose_dept ?></option>
<?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:d.On ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?>
</select><?cs call:field_error("department") ?></label>
<button type="submit"><?cs var:Lang.ch.save_dept ?></button>
</form>
</section>

<section class="card" id="preferences">
<h2><?cs var:Lang.ch.prefs ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/prefs">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.missed_after.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.missed_after ?></span>
<input type="number" name="missed_after" min="1" max="1440" value="<?cs var:Form.missed_after.Value ?>" required><?cs call:field_error("missed_after") ?></label>
<label class="field<?cs if:Form.missed_close.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.missed_close ?></span>
<select name="missed_close"><?cs each:o = Options.MissedClose ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("missed_close") ?></label>
<p class="hint"><?cs var:Lang.ch.missed_hint ?></p>
<label class="field<?cs if:Form.idle_close.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.idle_close ?></span>
<select name="idle_close"><?cs each:o = Options.IdleClose ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("idle_close") ?></label>
<p class="hint"><?cs var:Lang.ch.idle_hint ?></p>
<label class="check"><input type="checkbox" name="bot_enabled" value="1"<?cs if:Prefs.Bot ?> checked<?cs /if ?>> <?cs var:Lang.ch.bot ?></label>
<label class="field<?cs if:Form.bot_idle.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.bot_idle ?></span>
<select name="bot_idle"><?cs each:o = Options.BotIdle ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("bot_idle") ?></label>
<p class="hint"><?cs var:Lang.ch.bot_hint ?> <a href="/admin/channels/<?cs var:Channel.Id ?>/bot"><?cs var:Lang.bot.link ?></a></p>
<label class="check"><input type="checkbox" name="erase_on_unfollow" value="1"<?cs if:Prefs.Erase ?> checked<?cs /if ?>> <?cs var:Lang.ch.erase ?></label>
<button type="submit" class="primary"><?cs var:Lang.ch.save_prefs ?></button>
</form>
</section>

<section class="card" id="csat">
<h2><?cs var:Lang.ch.csat ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/csat">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="csat_enabled" value="1"<?cs if:Csat.On ?> checked<?cs /if ?>> <?cs var:Lang.ch.csat_on ?></label>
<label class="field<?cs if:Form.csat_question.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.csat_question ?></span>
<textarea name="csat_question" rows="2" maxlength="500" placeholder="<?cs var:Csat.Default ?>"><?cs var:Form.csat_question.Value ?></textarea><?cs call:field_error("csat_question") ?></label>
<label class="field<?cs if:Form.csat_hours.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ch.csat_hours ?></span>
<input type="number" name="csat_hours" min="1" max="72" value="<?cs var:Form.csat_hours.Value ?>" required><?cs call:field_error("csat_hours") ?></label>
<p class="hint"><?cs var:Lang.ch.csat_hint ?></p>
<button type="submit"><?cs var:Lang.ch.csat_save ?></button>
</form>
</section>

<section class="card" id="state">
<h2><?cs if:Channel.State == "active" ?><?cs var:Lang.ch.disable ?><?cs else ?><?cs var:Lang.ch.enable ?><?cs /if ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/state" class="mini">
<?cs call:csrf_field() ?>
<?cs if:Channel.State == "active" ?>
<p><?cs var:Lang.ch.disable_hint ?></p>
<input type="hidden" name="state" value="disabled"><button type="submit"><?cs var:Lang.ch.disable_submit ?></button>
<?cs else ?>
<input type="hidden" name="state" value="active"><button type="submit" class="primary"><?cs var:Lang.ch.enable_submit ?></button>
<?cs /if ?>
</form>
</section>

<section class="card danger" id="delete">
<h2><?cs var:Lang.common.delete ?></h2>
<p><?cs var:Lang.ch.delete_hint ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/delete" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("confirm_name", Lang.wiz.confirm_name, "text", "100", "off") ?>
<button type="submit" class="danger"><?cs var:Lang.ch.delete_submit ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
