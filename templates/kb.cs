<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<?cs if:!Brand.Id ?>
<h1><?cs var:Lang.kb.title ?></h1>
<p class="hint"><?cs var:Lang.kb.about ?></p>
<ul class="plain" id="kb-brands"><?cs each:b = Brands ?><li><a href="/console/kb/<?cs var:b.Id ?>"><?cs var:b.Name ?></a></li><?cs /each ?></ul>
<?cs else ?>
<p class="crumbs"><a href="/console/kb"><?cs var:Lang.kb.title ?></a> ›</p>
<h1><?cs var:Lang.kb.title ?> <small><?cs var:Brand.Name ?></small></h1>
<p class="hint"><?cs var:Lang.kb.about ?></p>
<nav class="sections" aria-label="<?cs var:Lang.ch.sections ?>"><a href="#articles"><?cs var:Lang.kb.articles ?></a> <a href="#new"><?cs var:Lang.kb.new ?></a> <a href="#settings"><?cs var:Lang.kb.settings ?></a> <a href="#report"><?cs var:Lang.kb.report ?></a> <a href="#import"><?cs var:Lang.kb.import ?></a></nav>

<section class="card" id="articles">
<h2><?cs var:Lang.kb.articles ?> <small>(<?cs var:Kb.Articles ?>)</small></h2>
<form method="get" action="/console/kb/<?cs var:Brand.Id ?>#articles" class="inline search">
<label class="field"><span><?cs var:Lang.kb.search ?></span><input type="search" name="q" value="<?cs var:Search.q ?>" maxlength="100"></label>
<button type="submit"><?cs var:Lang.console.search ?></button>
</form>
<?cs if:subcount(Articles) == 0 ?><p class="empty"><?cs if:Search.q ?><?cs var:Lang.kb.none_found ?><?cs else ?><?cs var:Lang.kb.none ?><?cs /if ?></p><?cs else ?>
<table class="list" id="kb-list">
<thead><tr><th><?cs var:Lang.field.kb_question ?></th><th><?cs var:Lang.field.kb_category ?></th><th><?cs var:Lang.kb.uses ?></th><?cs if:Search.q ?><th><?cs var:Lang.kb.score ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:a = Articles ?><tr<?cs if:!a.Enabled ?> class="off"<?cs /if ?>>
<td><a href="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:a.Id ?>"><?cs var:a.Question ?></a><?cs if:a.Picture ?> <img class="thumb" src="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:a.Id ?>/picture?v=<?cs var:a.Picture ?>" alt="<?cs var:Lang.kb.picture_tag ?>" loading="lazy"><?cs /if ?><?cs if:!a.Enabled ?> <small class="hint"><?cs var:Lang.kb.disabled ?></small><?cs /if ?></td>
<td><?cs var:a.Category ?></td><td><?cs var:a.Uses ?></td><?cs if:Search.q ?><td><b class="score"><?cs var:a.Score ?></b></td><?cs /if ?></tr><?cs /each ?></tbody>
</table><?cs /if ?>
</section>

<section class="card" id="new">
<h2><?cs var:Lang.kb.new ?></h2>
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/articles" enctype="multipart/form-data" class="stack" id="kb-new">
<?cs call:csrf_field() ?>
<?cs call:kb_fields() ?>
<button type="submit" class="primary"><?cs var:Lang.kb.add ?></button>
</form>
</section>

<section class="card" id="settings">
<h2><?cs var:Lang.kb.settings ?></h2>
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/settings" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.threshold.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_threshold ?> <small><?cs var:Lang.kb.threshold_hint ?></small></span>
<input type="number" name="threshold" min="1" max="100" value="<?cs var:Form.threshold.Value ?>" required><?cs call:field_error("threshold") ?></label>
<button type="submit"><?cs var:Lang.kb.save ?></button>
</form>
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/test#settings" class="stack" id="kb-test">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.try.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_try ?></span>
<input type="text" name="try" maxlength="500" value="<?cs var:Test.Text ?>" required><?cs call:field_error("try") ?></label>
<button type="submit"><?cs var:Lang.kb.test ?></button>
</form>
<?cs if:Test.Outcome ?><div id="kb-test-result" role="status"><p><b><?cs var:Test.Outcome ?></b></p>
<?cs if:Test.Answer ?><p class="pre"><?cs var:Test.Answer ?></p><?cs /if ?>
<?cs if:subcount(Test.Matches) ?><ol><?cs each:m = Test.Matches ?><li><a href="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:m.Article ?>"><?cs var:m.Question ?></a> · <?cs var:Lang.kb.score ?> <b class="score"><?cs var:m.Score ?></b></li><?cs /each ?></ol><?cs /if ?></div><?cs /if ?>
</section>

<section class="card" id="report">
<h2><?cs var:Lang.kb.report ?> <small><?cs var:Lang.kb.last_30 ?></small></h2>
<dl class="facts">
<dt><?cs var:Lang.kb.answered ?></dt><dd id="kb-answered"><?cs var:Report.answered ?></dd>
<dt><?cs var:Lang.kb.picked ?></dt><dd id="kb-picked"><?cs var:Report.picked ?></dd>
<dt><?cs var:Lang.kb.offered ?></dt><dd id="kb-offered"><?cs var:Report.offered ?></dd>
<dt><?cs var:Lang.kb.missed ?></dt><dd id="kb-missed"><?cs var:Report.missed ?></dd>
<dt><?cs var:Lang.kb.handoffs ?></dt><dd id="kb-handoffs"><?cs var:Report.handoff ?></dd>
</dl>
<h3><?cs var:Lang.kb.top_missed ?></h3>
<?cs if:subcount(Missed) == 0 ?><p class="empty"><?cs var:Lang.kb.no_missed ?></p><?cs else ?>
<table class="list" id="kb-missed-list"><thead><tr><th><?cs var:Lang.kb.question_asked ?></th><th><?cs var:Lang.kb.times ?></th></tr></thead>
<tbody><?cs each:m = Missed ?><tr><td><?cs var:m.Text ?></td><td><?cs var:m.N ?></td></tr><?cs /each ?></tbody></table><?cs /if ?>
</section>

<section class="card" id="import">
<h2><?cs var:Lang.kb.import ?></h2>
<p class="hint"><?cs var:Lang.kb.import_hint ?> <a href="/console/kb/<?cs var:Brand.Id ?>/export" download><?cs var:Lang.kb.export ?></a></p>
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/import" enctype="multipart/form-data" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.kb.csv_file ?></span><input type="file" name="file" accept=".csv,text/csv" required><?cs call:file_pick() ?><?cs call:field_error("file") ?></label>
<button type="submit"><?cs var:Lang.kb.import_button ?></button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
