<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/console/kb"><?cs var:Lang.kb.title ?></a> › <a href="/console/kb/<?cs var:Brand.Id ?>"><?cs var:Brand.Name ?></a> ›</p>
<h1><?cs var:Article.0.Question ?></h1>
<p class="hint"><?cs var:Lang.kb.version ?> <?cs var:Article.0.Version ?><?cs if:Article.0.UpdatedBy ?> · <?cs var:Article.0.UpdatedBy ?><?cs /if ?> · <?cs var:Lang.kb.uses ?> <?cs var:Article.0.Uses ?></p>
<section class="card" id="edit">
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:Article.0.Id ?>" enctype="multipart/form-data" class="stack" id="kb-edit">
<?cs call:csrf_field() ?>
<?cs call:kb_fields() ?>
<button type="submit" class="primary"><?cs var:Lang.kb.save ?></button>
</form>
<form method="post" action="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:Article.0.Id ?>/delete" class="inline" data-confirm="<?cs var:Lang.kb.delete_confirm ?>">
<?cs call:csrf_field() ?><button type="submit" class="danger"><?cs var:Lang.kb.delete ?></button>
</form>
</section>
<section class="card" id="history">
<h2><?cs var:Lang.kb.history ?></h2>
<ol class="plain" id="kb-history"><?cs each:h = History ?><li><b><?cs var:Lang.kb.version ?> <?cs var:h.Version ?></b> · <?cs var:h.WhatText ?> · <?cs var:h.When ?><?cs if:h.Who ?> · <?cs var:h.Who ?><?cs /if ?>
<details><summary><?cs var:h.Question ?></summary><p class="pre"><?cs var:h.Answer ?></p><?cs if:h.Alternatives ?><p class="pre hint"><?cs var:h.Alternatives ?></p><?cs /if ?></details></li><?cs /each ?></ol>
</section>
<?cs include:"footer.cs" ?>
