<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels">WeChat accounts</a> ›</p>
<h1>WeChat account of <?cs var:Channel.Brand ?> <em class="tag state-<?cs var:Channel.State ?>"><?cs var:Channel.State ?></em></h1>
<?cs if:Form.HasErrors ?><p class="error-box" role="alert">Nothing was saved: please check the fields marked below.</p><?cs /if ?>
<?cs if:NewSecret.Token ?><div class="card new-secret"><p>The new token:</p><pre class="copyable" id="newtoken"><?cs var:NewSecret.Token ?></pre><button type="button" data-copy="newtoken">Copy token</button></div><?cs /if ?>
<?cs if:NewSecret.Aes ?><div class="card new-secret"><p>The new Encoding AES Key:</p><pre class="copyable" id="newaes"><?cs var:NewSecret.Aes ?></pre><button type="button" data-copy="newaes">Copy key</button></div><?cs /if ?>

<section class="card">
<h2>Account</h2>
<table class="summary">
<tr><th>Brand</th><td><?cs var:Channel.Brand ?></td></tr>
<tr><th>State</th><td><?cs if:Channel.State == "active" ?>Active: messages become chats<?cs else ?>Disabled: messages are acknowledged and counted, but open no chats<?cs /if ?></td></tr>
<tr><th>Original ID</th><td><?cs var:Channel.OriginalId ?></td></tr>
<tr><th>App ID</th><td><?cs var:Channel.AppId ?></td></tr>
<tr><th>App Secret</th><td class="secret"><?cs if:Revealed.Secret ?><code id="rv-secret"><?cs var:Revealed.Secret ?></code><?cs else ?><?cs var:Channel.SecretMasked ?><?cs /if ?></td></tr>
<tr><th>Token</th><td class="secret"><?cs if:Revealed.Token ?><code id="rv-token"><?cs var:Revealed.Token ?></code><?cs else ?><?cs var:Channel.TokenMasked ?><?cs /if ?></td></tr>
<tr><th>Encoding AES Key</th><td class="secret"><?cs if:Revealed.Aes ?><code id="rv-aes"><?cs var:Revealed.Aes ?></code><?cs else ?><?cs var:Channel.AesMasked ?><?cs /if ?><?cs if:Channel.HasPrevAes ?> <small>(the previous key still opens messages sealed with it)</small><?cs /if ?></td></tr>
<tr><th>Encryption mode</th><td><?cs var:Channel.ModeLabel ?> (in WeChat: <?cs var:Channel.ModeWeChat ?>)</td></tr>
<tr><th>Webhook URL</th><td><code id="webhook"><?cs var:Channel.Webhook ?></code> <button type="button" data-copy="webhook">Copy</button></td></tr>
<tr><th>Department</th><td><?cs if:Channel.Department ?><?cs var:Channel.Department ?><?cs else ?><em>none: no chats are received</em><?cs /if ?></td></tr>
<tr><th>URL verified by WeChat</th><td><?cs if:Channel.Verified ?><?cs var:Channel.Verified ?><?cs else ?>not yet<?cs /if ?></td></tr>
</table>
<?cs if:!Revealed.Secret ?>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/reveal" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.password.Error ?> bad<?cs /if ?>"><span>Your password, to reveal the secrets</span>
<input type="password" name="password" autocomplete="current-password" required><?cs call:field_error("password") ?></label>
<button type="submit">Reveal</button>
</form>
<?cs /if ?>
</section>

<section class="card">
<h2>Health</h2>
<table class="summary">
<tr><th>Last message received</th><td><?cs if:Health.LastMessage ?><?cs var:Health.LastMessage ?> (to the minute)<?cs else ?>none yet<?cs /if ?></td></tr>
<tr><th>Signature failures</th><td><?cs var:Health.SignatureFailures ?></td></tr>
<tr><th>Decryption failures</th><td><?cs var:Health.DecryptFailures ?></td></tr>
<tr><th>Pushes refused as invalid</th><td><?cs var:Health.RefusedPushes ?></td></tr>
<?cs if:Health.LastFailure ?><tr><th>Last failure</th><td><?cs var:Health.LastFailureAt ?>: <?cs var:Health.LastFailure ?></td></tr><?cs /if ?>
<tr><th>Messages while not active</th><td><?cs var:Health.Inactive ?></td></tr>
<tr><th>Access token</th><td><?cs if:Health.TokenError ?><span class="fail">Error <?cs var:Health.TokenErrcode ?>: <?cs var:Health.TokenError ?></span><?cs elif:Health.TokenFetched ?>fetched <?cs var:Health.TokenFetched ?>, valid until <?cs var:Health.TokenExpires ?><?cs else ?>not fetched yet<?cs /if ?><?cs if:Health.TokenErrors > 0 ?> (<?cs var:Health.TokenErrors ?> errors so far)<?cs /if ?></td></tr>
</table>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/health" class="mini">
<?cs call:csrf_field() ?><button type="submit">Reset the counters</button>
</form>
</section>

<section class="card" id="details">
<h2>Account details</h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/details">
<?cs call:csrf_field() ?>
<?cs call:text_field("original_id", "Original ID", "text", "15", "off") ?>
<?cs call:text_field("app_id", "App ID (Developer ID)", "text", "18", "off") ?>
<label class="field<?cs if:Form.app_secret.Error ?> bad<?cs /if ?>"><span>App Secret (Developer Password)</span>
<input type="password" name="app_secret" value="" maxlength="32" autocomplete="off" placeholder="Saved (<?cs var:Channel.SecretMasked ?>): leave blank to keep it"><?cs call:field_error("app_secret") ?></label>
<fieldset class="choices<?cs if:Form.mode.Error ?> bad<?cs /if ?>"><legend>Message encryption mode</legend>
<?cs each:m = Modes ?>
<label class="check"><input type="radio" name="mode" value="<?cs var:m.Value ?>"<?cs if:m.On ?> checked<?cs /if ?>> <?cs var:m.Label ?>: in WeChat, select <b><?cs var:m.WeChat ?></b></label>
<?cs /each ?>
<?cs call:field_error("mode") ?></fieldset>
<button type="submit" class="primary">Save details</button>
</form>
</section>

<section class="card" id="secrets">
<h2>Token and Encoding AES Key</h2>
<p class="warning">WeChat must be updated at the same moment: after a change here, paste the new value in WeChat (Domain and push notification configuration › Edit) right away. A new token takes effect at once, so WeChat's messages fail the signature check until WeChat has it too. After a new AES key, messages sealed with the previous key are still read until WeChat switches.</p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/token" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.token.Error ?> bad<?cs /if ?>"><span>New token (3 to 32 letters and digits)</span>
<input type="text" name="token" value="" maxlength="32" autocomplete="off"><?cs call:field_error("token") ?></label>
<button type="submit" name="go" value="set">Save token</button>
<button type="submit" name="go" value="generate" data-confirm="Generate a new token? Paste it in WeChat right away: until then, WeChat's messages fail the signature check.">Generate new token</button>
</form>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/aes" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.aes_key.Error ?> bad<?cs /if ?>"><span>New Encoding AES Key (43 letters and digits)</span>
<input type="text" name="aes_key" value="" maxlength="43" autocomplete="off"><?cs call:field_error("aes_key") ?></label>
<button type="submit" name="go" value="set">Save key</button>
<button type="submit" name="go" value="generate" data-confirm="Generate a new Encoding AES Key? Paste it in WeChat right away.">Generate new key</button>
</form>
</section>

<section class="card" id="department">
<h2>Department</h2>
<p class="hint">Chats from WeChat are received only while a department is set.</p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/department" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.department.Error ?> bad<?cs /if ?>"><span>Department</span>
<select name="department"><option value="">Choose a department…</option>
<?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:d.On ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?>
</select><?cs call:field_error("department") ?></label>
<button type="submit">Save department</button>
</form>
</section>

<section class="card" id="preferences">
<h2>Preferences</h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/prefs">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.missed_after.Error ?> bad<?cs /if ?>"><span>Mark a waiting chat as missed when no operator picks it up within (minutes)</span>
<input type="number" name="missed_after" min="1" max="1440" value="<?cs var:Form.missed_after.Value ?>" required><?cs call:field_error("missed_after") ?></label>
<label class="field<?cs if:Form.missed_close.Error ?> bad<?cs /if ?>"><span>Close missed chats after</span>
<select name="missed_close"><?cs each:o = Options.MissedClose ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("missed_close") ?></label>
<p class="hint">A chat no operator attends moves to Missed; after this time it closes. Operators must answer missed chats before then: closed chats cannot be answered.</p>
<label class="field<?cs if:Form.idle_close.Error ?> bad<?cs /if ?>"><span>Close idle chats after</span>
<select name="idle_close"><?cs each:o = Options.IdleClose ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("idle_close") ?></label>
<p class="hint">An active chat where neither the follower nor the operator writes stays open this long, then closes. Any message from either side resets the timer.</p>
<label class="check"><input type="checkbox" name="bot_enabled" value="1"<?cs if:Prefs.Bot ?> checked<?cs /if ?>> Chatbot enabled for this account</label>
<label class="field<?cs if:Form.bot_idle.Error ?> bad<?cs /if ?>"><span>The bot closes idle chats after</span>
<select name="bot_idle"><?cs each:o = Options.BotIdle ?><option value="<?cs var:o.Value ?>"<?cs if:o.On ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?></select><?cs call:field_error("bot_idle") ?></label>
<p class="hint">With the chatbot enabled, the bot's idle limit applies instead of “Close idle chats after”.</p>
<label class="check"><input type="checkbox" name="erase_on_unfollow" value="1"<?cs if:Prefs.Erase ?> checked<?cs /if ?>> When a follower unfollows, erase their messages, files and profile (reports keep anonymous counts)</label>
<button type="submit" class="primary">Save preferences</button>
</form>
</section>

<section class="card">
<h2><?cs if:Channel.State == "active" ?>Disable<?cs else ?>Enable<?cs /if ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/state" class="mini">
<?cs call:csrf_field() ?>
<?cs if:Channel.State == "active" ?>
<p>While disabled, WeChat's messages are acknowledged and counted here, but open no chats.</p>
<input type="hidden" name="state" value="disabled"><button type="submit">Disable the channel</button>
<?cs else ?>
<input type="hidden" name="state" value="active"><button type="submit" class="primary">Enable the channel</button>
<?cs /if ?>
</form>
</section>

<section class="card danger">
<h2>Delete</h2>
<p>Deleting disconnects the account: its webhook URL stops answering and its secrets are erased. Its chats, messages and reports are kept.</p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/delete" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("confirm_name", "Type the brand name to confirm", "text", "100", "off") ?>
<button type="submit" class="danger">Delete the channel</button>
</form>
</section>
<?cs include:"footer.cs" ?>
