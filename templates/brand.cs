<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands">Brands</a> ›</p>
<h1><?cs var:Brand.Name ?></h1>
<section class="card">
<h2>Departments</h2>
<?cs if:subcount(Departments) == 0 ?>
<p class="empty">No departments yet. Chats from a messaging channel are routed to one department, so create at least one.</p>
<?cs else ?>
<table class="list">
<thead><tr><th>Department</th><th>Operators</th></tr></thead>
<tbody>
<?cs each:d = Departments ?>
<tr><td><a href="/admin/departments/<?cs var:d.Id ?>"><?cs var:d.Name ?></a></td><td><?cs var:d.Members ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs call:paging("/admin/brands/" + Brand.Id) ?>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/departments" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("dept_name", "New department", "text", "100", "off") ?>
<button type="submit" class="primary">Add department</button>
</form>
</section>
<section class="card">
<h2>Flow controls</h2>
<p><a href="/admin/brands/<?cs var:Brand.Id ?>/profanity">Profanity management</a>: close chats where a follower uses too many abusive words.</p>
</section>
<section class="card" id="canned">
<h2>Canned responses</h2>
<p class="hint">Operators answering this brand's chats insert these from the console, or type the shortcut (like <code>/hello</code>) as the whole message.</p>
<?cs if:subcount(Canned) == 0 ?><p class="empty">No canned responses yet.</p><?cs else ?>
<table class="list">
<thead><tr><th>Shortcut</th><th>Text</th><th>File</th><th></th></tr></thead>
<tbody>
<?cs each:c = Canned ?>
<tr><td><code>/<?cs var:c.Shortcut ?></code></td><td class="words"><?cs var:c.Body ?></td><td><?cs var:c.Mime ?></td>
<td><form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/canned/<?cs var:c.Id ?>/delete" class="mini" data-confirm="Delete /<?cs var:c.Shortcut ?>?"><?cs call:csrf_field() ?><button type="submit" class="link">Delete</button></form></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/canned" enctype="multipart/form-data">
<?cs call:csrf_field() ?>
<?cs call:text_field("shortcut", "Shortcut (after the slash)", "text", "33", "off") ?>
<label class="field<?cs if:Form.body.Error ?> bad<?cs /if ?>"><span>Text</span>
<textarea name="body" rows="3" maxlength="2000" required><?cs var:Form.body.Value ?></textarea><?cs call:field_error("body") ?></label>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span>File (optional: picture up to <?cs var:WeChat.ImageMB ?> MB, MP3/AMR up to <?cs var:WeChat.VoiceMB ?> MB, MP4 up to <?cs var:WeChat.VideoMB ?> MB)</span>
<input type="file" name="file" accept=".jpg,.jpeg,.png,.mp3,.amr,.mp4" data-limits="image:<?cs var:WeChat.ImageMB ?>,audio:<?cs var:WeChat.VoiceMB ?>,video:<?cs var:WeChat.VideoMB ?>"><span class="error" id="attachment-error" role="alert"><?cs var:Form.file.Error ?></span></label>
<button type="submit">Add canned response</button>
</form>
</section>
<section class="card">
<h2>Rename</h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", "Brand name", "text", "100", "off") ?>
<button type="submit">Save name</button>
</form>
</section>
<section class="card danger">
<h2>Delete brand</h2>
<?cs if:Delete.Error ?><p class="error-box" role="alert"><?cs var:Delete.Error ?></p><?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/delete" data-confirm="Delete this brand?">
<?cs call:csrf_field() ?>
<p>A brand can be deleted once it has no departments and no messaging channel.</p>
<button type="submit" class="danger">Delete brand</button>
</form>
</section>
<?cs include:"footer.cs" ?>
