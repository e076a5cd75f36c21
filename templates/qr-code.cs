<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.nav.wechat ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>"><?cs var:Channel.Brand ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>/qr"><?cs var:Lang.qr.title ?></a> ›</p>
<h1><?cs var:Code.Name ?></h1>
<div class="cols">
<section class="card" id="qr-picture">
<h2><?cs var:Lang.qr.picture ?></h2>
<?cs if:Code.State ?><p class="<?cs if:Code.Lapsed ?>warning<?cs else ?>hint<?cs /if ?>" id="qr-state"><?cs var:Code.State ?></p><?cs /if ?>
<?cs if:Code.Picture ?><p><img src="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>/png" alt="<?cs var:Lang.qr.picture ?>: <?cs var:Code.Name ?>" width="240" height="240" class="qr-picture"></p>
<p><a class="button" href="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>/png" download><?cs var:Lang.qr.download ?></a> <a class="button" href="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>/print"><?cs var:Lang.qr.print ?></a></p><?cs /if ?>
<table class="summary">
<tr><th><?cs var:Lang.qr.scene ?></th><td><code><?cs var:Code.Scene ?></code></td></tr>
<tr><th><?cs var:Lang.qr.kind ?></th><td><?cs if:Code.Permanent ?><?cs var:Lang.qr.permanent ?><?cs else ?><?cs var:Lang.qr.temporary ?><?cs if:Code.Expires ?> · <?cs var:Lang.qr.until ?> <?cs var:Code.Expires ?><?cs /if ?><?cs /if ?></td></tr>
</table>
<?cs if:!Code.Permanent ?><form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>/reissue"><?cs call:csrf_field() ?><p class="hint"><?cs var:Lang.qr.reissue_hint ?></p><button type="submit"><?cs var:Lang.qr.reissue ?></button></form><?cs /if ?>
</section>
<section class="card" id="qr-routing">
<h2><?cs var:Lang.qr.routing ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>" class="qr-edit">
<?cs call:csrf_field() ?>
<?cs call:qr_routing_fields() ?>
<button type="submit" class="primary"><?cs var:Lang.common.save ?></button>
</form>
</section>
</div>
<?cs include:"footer.cs" ?>
