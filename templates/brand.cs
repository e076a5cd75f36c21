<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands"><?cs var:Lang.nav.brands ?></a> ›</p>
<h1><?cs var:Brand.Name ?></h1>
<section class="card">
<h2><?cs var:Lang.brand.departments ?></h2>
<?cs if:subcount(Departments) == 0 ?>
<p class="empty"><?cs var:Lang.brand.no_departments ?></p>
<?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.brand.department ?></th><th><?cs var:Lang.brand.operators ?></th></tr></thead>
<tbody>
<?cs each:d = Departments ?>
<tr><td><a href="/admin/departments/<?cs var:d.Id ?>"><?cs var:d.Name ?></a></td><td><?cs var:d.Members ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs call:paging("/admin/brands/" + Brand.Id) ?>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/departments" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("dept_name", Lang.brand.new_department, "text", "100", "off") ?>
<button type="submit" class="primary"><?cs var:Lang.brand.add_department ?></button>
</form>
</section>
<section class="card">
<h2><?cs var:Lang.brand.followers ?></h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/language" class="inline">
<?cs call:csrf_field() ?>
<label class="field"><span><?cs var:Lang.brand.follower_language ?></span>
<select name="follower_language"><?cs each:l = Langs ?><option value="<?cs var:l.Code ?>"<?cs if:l.Code == Brand.FollowerLanguage ?> selected<?cs /if ?>><?cs var:l.Name ?></option><?cs /each ?></select></label>
<button type="submit"><?cs var:Lang.common.save ?></button>
</form>
<p class="hint"><?cs var:Lang.brand.follower_language_hint ?></p>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/held" class="inline" id="held-days">
<?cs call:csrf_field() ?>
<label class="field"><span><?cs var:Lang.brand.held_days ?></span>
<input type="number" name="held_days" min="1" max="30" value="<?cs var:Brand.HeldDays ?>" required></label>
<button type="submit"><?cs var:Lang.common.save ?></button>
</form>
<p class="hint"><?cs var:Lang.brand.held_days_hint ?></p>
</section>
<section class="card" id="texts">
<h2><?cs var:Lang.texts.heading ?></h2>
<p class="hint"><?cs var:Lang.texts.about ?></p>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/texts" class="texts">
<?cs call:csrf_field() ?>
<?cs each:t = Texts ?>
<label class="field<?cs if:Form[t.Field].Error ?> bad<?cs /if ?>"><span><?cs var:t.Label ?></span>
<small class="hint"><?cs var:t.When ?></small>
<textarea name="<?cs var:t.Field ?>" rows="3" maxlength="500" placeholder="<?cs var:t.Default ?>"<?cs if:Form[t.Field].Error ?> aria-invalid="true" aria-describedby="<?cs var:t.Field ?>-error"<?cs /if ?>><?cs var:Form[t.Field].Value ?></textarea><?cs call:field_error(t.Field) ?>
<?cs if:t.Field == "text_queued" ?><small class="hint"><?cs var:Lang.texts.values ?> <q class="example"><?cs var:TextExample ?></q></small><?cs /if ?></label>
<?cs /each ?>
<button type="submit" class="primary"><?cs var:Lang.texts.save ?></button>
</form>
</section>
<section class="card">
<h2><?cs var:Lang.brand.flow ?></h2>
<p><a href="/admin/brands/<?cs var:Brand.Id ?>/profanity"><?cs var:Lang.brand.profanity ?></a><?cs var:Lang.brand.profanity_hint ?></p>
<p><a href="/admin/brands/<?cs var:Brand.Id ?>/hours"><?cs var:Lang.hours.link ?></a> <?cs var:Lang.hours.link_hint ?></p>
</section>
<section class="card" id="canned">
<h2><?cs var:Lang.brand.canned ?></h2>
<p class="hint"><?cs var:Lang.brand.canned_hint ?></p>
<?cs if:subcount(Canned) == 0 ?><p class="empty"><?cs var:Lang.brand.no_canned ?></p><?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.brand.shortcut ?></th><th><?cs var:Lang.brand.category ?></th><th><?cs var:Lang.brand.text ?></th><th><?cs var:Lang.brand.file ?></th><th></th></tr></thead>
<tbody>
<?cs each:c = Canned ?>
<tr><td><code>/<?cs var:c.Shortcut ?></code></td><td><?cs var:c.Category ?></td><td class="words"><?cs var:c.Body ?></td><td><?cs var:c.Kind ?></td>
<td><form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/canned/<?cs var:c.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.brand.delete_canned_confirm ?> /<?cs var:c.Shortcut ?>"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.common.delete ?></button></form></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/canned" enctype="multipart/form-data">
<?cs call:csrf_field() ?>
<?cs call:text_field("shortcut", Lang.brand.shortcut_field, "text", "33", "off") ?>
<?cs call:text_field("category", Lang.brand.category_field, "text", "40", "off") ?>
<label class="field<?cs if:Form.body.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.brand.text ?></span>
<textarea name="body" rows="5" maxlength="2000" required><?cs var:Form.body.Value ?></textarea><?cs call:field_error("body") ?></label>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.brand.file_optional ?> <?cs var:Page.FileLimits ?></span>
<input type="file" name="file" accept=".jpg,.jpeg,.png,.mp3,.amr,.mp4" data-limits="image:<?cs var:WeChat.ImageMB ?>,audio:<?cs var:WeChat.VoiceMB ?>,video:<?cs var:WeChat.VideoMB ?>"><?cs call:file_pick() ?><span class="error" id="attachment-error" role="alert"><?cs var:Form.file.Error ?></span></label>
<button type="submit"><?cs var:Lang.brand.add_canned ?></button>
</form>
</section>
<section class="card" id="topics">
<h2><?cs var:Lang.brand.topics ?></h2>
<p class="hint"><?cs var:Lang.brand.topics_hint ?></p>
<?cs if:subcount(Topics) == 0 ?><p class="empty"><?cs var:Lang.brand.no_topics ?></p><?cs else ?>
<ul class="topics"><?cs each:k = Topics ?><li><?cs var:k.Name ?> <form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/topics/<?cs var:k.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.brand.topic_delete_confirm ?> <?cs var:k.Name ?>"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.common.delete ?></button></form></li><?cs /each ?></ul>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/topics/required" class="inline">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="topic_required" value="1"<?cs if:Brand.TopicRequired ?> checked<?cs /if ?>> <?cs var:Lang.brand.topic_required ?></label>
<button type="submit"><?cs var:Lang.common.save ?></button>
</form>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/topics" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("topic", Lang.brand.topic_new, "text", "40", "off") ?>
<button type="submit"><?cs var:Lang.brand.topic_add ?></button>
</form>
</section>
<section class="card">
<h2><?cs var:Lang.common.rename ?></h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", Lang.brands.name, "text", "100", "off") ?>
<button type="submit"><?cs var:Lang.common.save_name ?></button>
</form>
</section>
<section class="card danger">
<h2><?cs var:Lang.brand.delete ?></h2>
<?cs if:Delete.Error ?><p class="error-box" role="alert"><?cs var:Delete.Error ?></p><?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/delete" data-confirm="<?cs var:Lang.brand.delete_confirm ?>">
<?cs call:csrf_field() ?>
<p><?cs var:Lang.brand.delete_hint ?></p>
<button type="submit" class="danger"><?cs var:Lang.brand.delete ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
