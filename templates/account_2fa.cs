<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.tf.title ?></h1>
<section class="card narrow">
<?cs if:Done == 1 ?>
<p role="status"><?cs var:Lang.tf.codes_intro ?></p>
<ol class="codes" id="recovery-codes"><?cs each:c = Codes ?><li><code><?cs var:c ?></code></li><?cs /each ?></ol>
<p class="hint"><?cs var:Lang.tf.codes_hint ?></p>
<p><a class="button primary" href="/account"><?cs var:Lang.tf.codes_done ?></a></p>
<?cs else ?>
<ol class="tf-steps">
<li><?cs var:Lang.tf.step_scan ?>
<figure class="qr"><svg id="qr" viewBox="0 0 <?cs var:Setup.Size ?> <?cs var:Setup.Size ?>" width="220" height="220" role="img" aria-label="<?cs var:Lang.tf.qr_label ?>" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="<?cs var:Setup.QR ?>" fill="#000"/></svg></figure>
<p><?cs var:Lang.tf.or_type ?> <code id="secret"><?cs var:Setup.Secret ?></code></p></li>
<li><form method="post" action="/account/2fa/confirm">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.code.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.tf.step_code ?></span><input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7" pattern="[0-9 ]*" required<?cs if:Form.code.Error ?> aria-invalid="true" aria-describedby="code-error"<?cs /if ?>><?cs call:field_error("code") ?></label>
<button type="submit" class="primary"><?cs var:Lang.tf.confirm ?></button>
</form></li>
</ol>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
