<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels">WeChat accounts</a> ›</p>
<h1>Add a WeChat account<?cs if:Channel.Brand ?> <small>for <?cs var:Channel.Brand ?></small><?cs /if ?></h1>
<ol class="steps" aria-label="Setup steps">
<?cs each:s = Steps ?>
<li class="<?cs if:s.Current ?>now<?cs elif:s.Reached ?>done<?cs /if ?>"<?cs if:s.Current ?> aria-current="step"<?cs /if ?>><?cs if:s.Reached && Channel.Id ?><a href="/admin/channels/<?cs var:Channel.Id ?>/setup?step=<?cs var:s.N ?>"><?cs var:s.N ?>. <?cs var:s.Name ?></a><?cs else ?><?cs var:s.N ?>. <?cs var:s.Name ?><?cs /if ?></li>
<?cs /each ?>
</ol>
<?cs if:Form.HasErrors ?><p class="error-box" role="alert">Please check the fields marked below.</p><?cs /if ?>
<section class="card wizard">
<h2>Step <?cs var:Wizard.Step ?> of 6: <?cs var:Wizard.StepName ?></h2>
<form method="post" action="<?cs if:Channel.Id ?>/admin/channels/<?cs var:Channel.Id ?>/setup<?cs else ?>/admin/channels/new<?cs /if ?>">
<?cs call:csrf_field() ?>
<input type="hidden" name="step" value="<?cs var:Wizard.Step ?>">
<?cs if:Wizard.Step == 1 ?>
<p>Choose the brand this WeChat Official Account answers for. Each brand can have one WeChat account.</p>
<?cs if:subcount(Brands) == 0 ?>
<p class="empty">There are no brands yet. <a href="/admin/brands">Create a brand</a> (with at least one department), then come back here.</p>
<?cs else ?>
<fieldset class="choices<?cs if:Form.brand.Error ?> bad<?cs /if ?>"><legend>Brand</legend>
<?cs each:b = Brands ?>
<?cs if:b.Taken ?>
<p class="taken"><?cs var:b.Name ?>: taken by <a href="/admin/channels/<?cs var:b.Taken ?>"><?cs if:b.TakenDraft ?>an unfinished setup<?cs else ?>its WeChat account<?cs /if ?></a></p>
<?cs else ?>
<label class="check"><input type="radio" name="brand" value="<?cs var:b.Id ?>"<?cs if:b.On ?> checked<?cs /if ?>> <?cs var:b.Name ?></label>
<?cs /if ?>
<?cs /each ?>
<?cs call:field_error("brand") ?></fieldset>
<?cs /if ?>
<?cs elif:Wizard.Step == 2 ?>
<p>WeChat answers API calls only from addresses in the account's API IP whitelist. Copy this list:</p>
<pre class="copyable" id="iplist"><?cs var:IPList ?></pre>
<p><button type="button" data-copy="iplist">Copy IP list</button></p>
<ol class="howto">
<li>In your WeChat Official Account, go to <b>Setup and Development › Development Interface Management</b> and click <b>WeChat Developer Platform</b>.</li>
<li>Open <b>My Business and Services › Service Account</b>. Under <b>Development Key</b>, find <b>API IP Whitelist</b> and click <b>Edit</b>.</li>
<li>Paste the IP list in <b>Set API IP Whitelist</b> and click <b>Sure</b>, then scan the QR code WeChat shows.</li>
</ol>
<label class="check<?cs if:Form.ip_ok.Error ?> bad<?cs /if ?>"><input type="checkbox" name="ip_ok" value="1"<?cs if:Channel.IpConfirmed ?> checked<?cs /if ?>> I have pasted the IP list in WeChat<?cs call:field_error("ip_ok") ?></label>
<?cs elif:Wizard.Step == 3 ?>
<p>Copy these from WeChat's <b>My Business and Services › Service Account</b> pages.</p>
<?cs call:text_field("original_id", "Original ID", "text", "15", "off") ?>
<p class="hint">Basic settings, on the same page as the API IP whitelist. It looks like gh_1a2b3c4d5e6f.</p>
<?cs call:text_field("app_id", "App ID (Developer ID)", "text", "18", "off") ?>
<p class="hint">Development Key › Developer ID (AppID). It looks like wx1a2b3c4d5e6f7a8b.</p>
<label class="field<?cs if:Form.app_secret.Error ?> bad<?cs /if ?>"><span>App Secret (Developer Password)</span>
<input type="password" name="app_secret" value="" maxlength="32" autocomplete="off"<?cs if:!Channel.SecretMasked ?> required<?cs /if ?> placeholder="<?cs if:Channel.SecretMasked ?>Saved (<?cs var:Channel.SecretMasked ?>): leave blank to keep it<?cs /if ?>"><?cs call:field_error("app_secret") ?></label>
<p class="hint">Development Key › Developer Password (AppSecret). WeChat shows it once; reset it there if you no longer have it. It is stored encrypted and never shown again here.</p>
<div class="with-button"><?cs call:text_field("token", "Token", "text", "32", "off") ?>
<button type="submit" name="go" value="token" formnovalidate>Generate token</button>
<button type="button" data-copy-field="token">Copy</button></div>
<?cs if:Form.token.New ?><p class="hint new">A new token was generated: copy it, paste it in WeChat, then click Next to save it.</p><?cs /if ?>
<p class="hint">Domain and push notification configuration › Token: copy WeChat's, or generate one here and paste it there (3 to 32 letters and digits).</p>
<div class="with-button"><?cs call:text_field("aes_key", "Encoding AES Key", "text", "43", "off") ?>
<button type="submit" name="go" value="aes" formnovalidate>Generate Encoding AES Key</button>
<button type="button" data-copy-field="aes_key">Copy</button></div>
<?cs if:Form.aes_key.New ?><p class="hint new">A new key was generated: copy it, paste it in WeChat, then click Next to save it.</p><?cs /if ?>
<p class="hint">Domain and push notification configuration › EncodingAESKey: copy WeChat's, or generate one here (43 letters and digits).</p>
<fieldset class="choices<?cs if:Form.mode.Error ?> bad<?cs /if ?>"><legend>Message encryption mode</legend>
<?cs each:m = Modes ?>
<label class="check"><input type="radio" name="mode" value="<?cs var:m.Value ?>"<?cs if:m.On ?> checked<?cs /if ?>> <?cs var:m.Label ?>: in WeChat, select <b><?cs var:m.WeChat ?></b></label>
<?cs /each ?>
<?cs call:field_error("mode") ?></fieldset>
<p class="hint">Plain text mode is what this integration needs and recommends: select <b>Plain text mode</b> under Domain and push notification configuration › Message encryption method. Compatible and safe mode work too; choose the same mode on both sides.</p>
<?cs elif:Wizard.Step == 4 ?>
<p>This is the account's webhook URL. WeChat sends every follower's message here.</p>
<pre class="copyable" id="webhook"><?cs var:Channel.Webhook ?></pre>
<p><button type="button" data-copy="webhook">Copy URL</button></p>
<ol class="howto">
<li>In WeChat, open <b>My Business and Services › Service Account › Domain and push notification configuration</b> and click <b>Edit</b>.</li>
<li>Paste the URL in the <b>URL</b> box, check the Token, Encoding AES Key and encryption mode from step 3, and click <b>Sure</b>. WeChat then calls the URL to verify it.</li>
</ol>
<p class="status-line" id="verified" data-poll="/admin/channels/<?cs var:Channel.Id ?>/verified" aria-live="polite"><?cs if:Channel.Verified ?><span class="pass">Verified by WeChat at <?cs var:Channel.Verified ?>.</span><?cs else ?><span class="wait">Not yet verified: waiting for WeChat's verification request…</span><?cs /if ?></p>
<label class="check<?cs if:Form.url_ok.Error ?> bad<?cs /if ?>"><input type="checkbox" name="url_ok" value="1"<?cs if:Channel.UrlConfirmed ?> checked<?cs /if ?>> I have pasted the URL in WeChat<?cs call:field_error("url_ok") ?></label>
<?cs elif:Wizard.Step == 5 ?>
<p>Choose the department of <?cs var:Channel.Brand ?> whose operators answer this account's chats.</p>
<p class="warning">Chats from WeChat are received only when a department is selected here. Without one the channel is not fully configured and no chats reach the console.</p>
<?cs if:subcount(Departments) == 0 ?>
<p class="empty"><?cs var:Channel.Brand ?> has no departments yet. <a href="/admin/brands/<?cs var:Channel.BrandId ?>">Add one to the brand</a>, then come back.</p>
<?cs else ?>
<label class="field<?cs if:Form.department.Error ?> bad<?cs /if ?>"><span>Department</span>
<select name="department"><option value="">Choose a department…</option>
<?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:d.On ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?>
</select><?cs call:field_error("department") ?></label>
<?cs /if ?>
<?cs elif:Wizard.Step == 6 ?>
<p>Check every setting, then click Done to connect the account.</p>
<table class="summary">
<tr><th>Brand</th><td><?cs var:Channel.Brand ?></td><td><a href="?step=1">Change</a></td></tr>
<tr><th>IP list pasted in WeChat</th><td><?cs if:Channel.IpConfirmed ?>Yes<?cs else ?>No<?cs /if ?></td><td><a href="?step=2">Change</a></td></tr>
<tr><th>Original ID</th><td><?cs var:Channel.OriginalId ?></td><td><a href="?step=3">Change</a></td></tr>
<tr><th>App ID</th><td><?cs var:Channel.AppId ?></td><td></td></tr>
<tr><th>App Secret</th><td><?cs var:Channel.SecretMasked ?></td><td></td></tr>
<tr><th>Token</th><td><?cs var:Channel.TokenMasked ?></td><td></td></tr>
<tr><th>Encoding AES Key</th><td><?cs var:Channel.AesMasked ?></td><td></td></tr>
<tr><th>Encryption mode</th><td><?cs var:Channel.ModeLabel ?></td><td></td></tr>
<tr><th>Webhook URL</th><td><?cs var:Channel.Webhook ?></td><td><a href="?step=4">Change</a></td></tr>
<tr><th>Department</th><td><?cs var:Channel.Department ?></td><td><a href="?step=5">Change</a></td></tr>
</table>
<h3>Live checks</h3>
<ul class="checks">
<?cs each:k = Checks ?>
<li class="<?cs if:k.Ok ?>pass<?cs else ?>fail<?cs /if ?>"><b><?cs if:k.Ok ?>Pass<?cs else ?>Fail<?cs /if ?>:</b> <?cs var:k.Name ?>. <?cs if:k.Ok ?><?cs var:k.Ok ?><?cs else ?><?cs var:k.Fix ?> <a href="?step=<?cs var:k.Step ?>">Go to step <?cs var:k.Step ?></a><?cs /if ?></li>
<?cs /each ?>
</ul>
<p><a href="?step=6">Run the checks again</a></p>
<?cs if:ChecksFailed > 0 ?>
<label class="check<?cs if:Form.anyway.Error ?> bad<?cs /if ?>"><input type="checkbox" name="anyway" value="1"> Activate anyway, with the failed checks<?cs call:field_error("anyway") ?></label>
<?cs /if ?>
<?cs /if ?>
<p class="actions">
<?cs if:Wizard.Step > 1 ?><button type="submit" name="go" value="back" formnovalidate>Back</button><?cs /if ?>
<?cs if:Wizard.Step == 6 ?><button type="submit" name="go" value="done" class="primary">Done</button><?cs else ?><button type="submit" name="go" value="next" class="primary">Next</button><?cs /if ?>
</p>
</form>
</section>
<?cs if:Channel.Id ?>
<section class="card danger">
<h2>Discard this setup</h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/delete" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("confirm_name", "Type the brand name to confirm", "text", "100", "off") ?>
<button type="submit" class="danger">Discard</button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
