<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.nav.wechat ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>"><?cs var:Channel.Brand ?></a> ›</p>
<h1><?cs var:Lang.nt.title ?> <small><?cs var:Channel.Brand ?></small></h1>
<p class="hint"><?cs var:Lang.nt.about ?></p>
<p class="warning"><?cs var:Lang.nt.rules ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/templates/import" class="inline">
<?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.nt.import ?></button> <small class="hint"><?cs var:Lang.nt.import_hint ?></small>
</form>
<?cs def:notice_card(t, kind) ?>
<section class="card template<?cs if:t.Gone ?> off<?cs /if ?>" id="t<?cs var:t.Id ?>" data-template="<?cs var:t.WxId ?>">
<h3><?cs var:t.Title ?><?cs if:t.Gone ?> <small class="hint"><?cs var:Lang.nt.gone ?></small><?cs /if ?></h3>
<p><small><code><?cs var:t.WxId ?></code></small></p>
<dl class="template-fields"><?cs each:f = t.Fields ?><dt><?cs var:f.Label ?></dt><dd><code><?cs var:f.Key ?></code></dd><?cs /each ?></dl>
<?cs if:t.Example ?><details><summary><?cs var:Lang.nt.example ?></summary><pre class="template-example"><?cs var:t.Example ?></pre></details><?cs /if ?>
<?cs if:!t.Gone ?>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/templates/<?cs var:t.Id ?>">
<?cs call:csrf_field() ?>
<fieldset class="field"><legend><?cs var:Lang.nt.senders ?></legend>
<label class="check"><input type="radio" name="senders" value="everyone"<?cs if:t.Senders != "chosen" ?> checked<?cs /if ?>> <?cs var:Lang.nt.everyone ?></label>
<label class="check"><input type="radio" name="senders" value="chosen"<?cs if:t.Senders == "chosen" ?> checked<?cs /if ?>> <?cs var:Lang.nt.chosen ?></label>
<div class="checks"><?cs each:u = t.People ?><label class="check"><input type="checkbox" name="user" value="<?cs var:u.Id ?>"<?cs if:u.Chosen ?> checked<?cs /if ?>> <?cs var:u.Name ?></label> <?cs /each ?></div>
</fieldset>
<button type="submit"><?cs var:Lang.nt.save_senders ?></button>
</form>
<?cs /if ?>
</section>
<?cs /def ?>
<h2><?cs var:Lang.nt.templates ?></h2>
<p class="hint"><?cs var:Lang.nt.templates_about ?><?cs if:QuotaLine ?> <?cs var:QuotaLine ?><?cs /if ?></p>
<?cs if:subcount(Templates) == 0 ?><p class="empty"><?cs var:Lang.nt.no_templates ?></p><?cs /if ?>
<?cs each:t = Templates ?><?cs call:notice_card(t, "template") ?><?cs /each ?>
<h2><?cs var:Lang.nt.notices ?></h2>
<p class="hint"><?cs var:Lang.nt.notices_about ?></p>
<?cs if:subcount(Notices) == 0 ?><p class="empty"><?cs var:Lang.nt.no_notices ?></p><?cs /if ?>
<?cs each:t = Notices ?><?cs call:notice_card(t, "notice") ?><?cs /each ?>
<?cs include:"footer.cs" ?>
