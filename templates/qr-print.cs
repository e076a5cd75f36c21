<!doctype html>
<html lang="<?cs var:Page.Lang ?>">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · <?cs var:Channel.Brand ?></title>
<link rel="stylesheet" href="/static/wxdesk.css"></head>
<body class="print-page">
<main class="qr-print">
<h1><?cs var:Channel.Brand ?></h1>
<?cs if:Code.Picture ?><img src="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>/png" alt="<?cs var:Code.Name ?>" width="320" height="320"><?cs else ?><p><?cs var:Code.State ?></p><?cs /if ?>
<p class="qr-name"><?cs var:Code.Name ?></p>
<?cs if:Code.Expires ?><p class="hint"><?cs var:Lang.qr.until ?> <?cs var:Code.Expires ?></p><?cs /if ?>
<p class="no-print hint"><?cs var:Lang.qr.print_hint ?> <a href="/admin/channels/<?cs var:Channel.Id ?>/qr/<?cs var:Code.Id ?>"><?cs var:Lang.qr.back ?></a></p>
</main>
</body></html>
