<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands"><?cs var:Lang.nav.brands ?></a> › <a href="/admin/brands/<?cs var:Brand.Id ?>"><?cs var:Brand.Name ?></a> › <?cs var:Lang.brand.flow ?> ›</p>
<h1><?cs var:Lang.brand.profanity ?></h1>

<section class="card">
<h2><?cs var:Lang.prof.settings ?></h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Form.enabled.Value ?> checked<?cs /if ?>> <?cs var:Lang.prof.enabled ?></label>
<label class="field<?cs if:Form.limit.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.prof.limit ?></span>
<input type="number" name="limit" min="1" max="100" value="<?cs var:Form.limit.Value ?>" required><?cs call:field_error("limit") ?></label>
<label class="field<?cs if:Form.warning.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.prof.warning ?></span>
<textarea name="warning" rows="4" maxlength="600"><?cs var:Form.warning.Value ?></textarea><?cs call:field_error("warning") ?></label>
<p class="hint"><?cs var:Lang.prof.hint ?></p>
<button type="submit" class="primary"><?cs var:Lang.prof.save ?></button>
</form>
</section>
<section class="card">
<h2><?cs var:Lang.prof.words ?> <small>(<?cs var:WordCount ?>)</small></h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/words" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("word", Lang.prof.add_word, "text", "64", "off") ?>
<button type="submit"><?cs var:Lang.common.add ?></button>
</form>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/import" enctype="multipart/form-data" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.prof.import_file ?></span>
<input type="file" name="file" accept=".csv,.txt,text/csv,text/plain"><?cs call:file_pick() ?><?cs call:field_error("file") ?></label>
<button type="submit"><?cs var:Lang.prof.import ?></button>
</form>
<p><a href="/admin/brands/<?cs var:Brand.Id ?>/profanity/export"><?cs var:Lang.prof.export ?></a></p>
<?cs if:subcount(Words) == 0 ?><p class="empty"><?cs var:Lang.prof.empty ?></p><?cs else ?>
<ul class="words">
<?cs each:w = Words ?><li><?cs var:w.Word ?> <form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/profanity/words/<?cs var:w.Id ?>/delete" class="mini"><?cs call:csrf_field() ?><button type="submit" class="link" aria-label="<?cs var:Lang.prof.remove ?> <?cs var:w.Word ?>"><?cs var:Lang.prof.remove ?></button></form></li><?cs /each ?>
</ul>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
