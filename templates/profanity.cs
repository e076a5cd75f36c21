<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands">Brands</a> › <a href="/admin/brands/<?cs var:Brand.Id ?>"><?cs var:Brand.Name ?></a> › Flow controls ›</p>
<h1>Profanity management</h1>
<?cs if:Form.HasErrors ?><p class="error-box" role="alert">Please check the fields marked below.</p><?cs /if ?>
<section class="card">
<h2>Settings</h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Form.enabled.Value ?> checked<?cs /if ?>> Close a chat when the follower uses too many abusive words</label>
<label class="field<?cs if:Form.limit.Error ?> bad<?cs /if ?>"><span>Abusive words allowed per chat before it closes</span>
<input type="number" name="limit" min="1" max="100" value="<?cs var:Form.limit.Value ?>" required><?cs call:field_error("limit") ?></label>
<label class="field<?cs if:Form.warning.Error ?> bad<?cs /if ?>"><span>Warning sent to the follower once, one word before the limit (optional)</span>
<textarea name="warning" rows="2" maxlength="600"><?cs var:Form.warning.Value ?></textarea><?cs call:field_error("warning") ?></label>
<p class="hint">Every abusive word in a follower's text (or in WeChat's transcript of a voice message) counts. Chinese words match anywhere in a sentence; Latin words match whole, in any case. The warning counts toward WeChat's 5 messages in a row and is skipped when none is left.</p>
<button type="submit" class="primary">Save settings</button>
</form>
</section>
<section class="card">
<h2>Word list <small>(<?cs var:WordCount ?>)</small></h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/words" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("word", "Add a word or phrase", "text", "64", "off") ?>
<button type="submit">Add</button>
</form>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/import" enctype="multipart/form-data" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span>Import a CSV (first column) or text file (one word a line)</span>
<input type="file" name="file" accept=".csv,.txt,text/csv,text/plain"><?cs call:field_error("file") ?></label>
<button type="submit">Import</button>
</form>
<p><a href="/admin/brands/<?cs var:Brand.Id ?>/profanity/export">Export the list as CSV</a></p>
<?cs if:subcount(Words) == 0 ?><p class="empty">The list is empty.</p><?cs else ?>
<ul class="words">
<?cs each:w = Words ?><li><?cs var:w.Word ?> <form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/words/<?cs var:w.Id ?>/delete" class="mini"><?cs call:csrf_field() ?><button type="submit" class="link" aria-label="Remove <?cs var:w.Word ?>">remove</button></form></li><?cs /each ?>
</ul>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
