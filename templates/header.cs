<!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · <?cs var:App.Name ?></title>
<link rel="stylesheet" href="/static/wxdesk.css">
<link rel="icon" href="/static/favicon.png" sizes="32x32" type="image/png">
<link rel="apple-touch-icon" href="/static/icon-192.png">
<link rel="manifest" href="/static/wxdesk.webmanifest">
<meta name="theme-color" content="#1d2733">
<script src="/static/wxdesk.js" defer></script>
</head>
<body data-text="<?cs var:Page.ScriptText ?>">
<header class="top">
  <a class="brand" href="/">wx<b>desk</b></a>
  <?cs if:User.Id ?>
  <button type="button" class="menu-toggle" aria-controls="menu" aria-expanded="false"><?cs var:Lang.nav.menu ?></button>
  <nav id="menu">
    <?cs if:User.IsAdmin == 1 ?>
    <a href="/admin/" class="<?cs if:Nav == "home" ?>on<?cs /if ?>"><?cs var:Lang.nav.admin ?></a>
    <a href="/admin/brands" class="<?cs if:Nav == "brands" ?>on<?cs /if ?>"><?cs var:Lang.nav.brands ?></a>
    <a href="/admin/operators" class="<?cs if:Nav == "operators" ?>on<?cs /if ?>"><?cs var:Lang.nav.operators ?></a>
    <a href="/admin/channels" class="<?cs if:Nav == "channels" ?>on<?cs /if ?>"><?cs var:Lang.nav.wechat ?></a>
    <a href="/admin/audit" class="<?cs if:Nav == "audit" ?>on<?cs /if ?>"><?cs var:Lang.nav.audit ?></a>
    <a href="/admin/api" class="<?cs if:Nav == "api" ?>on<?cs /if ?>"><?cs var:Lang.nav.api ?></a>
    <?cs /if ?>
    <a href="/console/" class="<?cs if:Nav == "console" ?>on<?cs /if ?>"><?cs var:Lang.nav.console ?></a>
    <a href="/console/followers" class="<?cs if:Nav == "followers" ?>on<?cs /if ?>"><?cs var:Lang.nav.followers ?></a>
    <?cs if:User.SeesAll == 1 ?><a href="/console/board" class="<?cs if:Nav == "board" ?>on<?cs /if ?>"><?cs var:Lang.nav.board ?></a><?cs /if ?>
    <?cs if:User.SeesAll == 1 ?><a href="/console/broadcasts" class="<?cs if:Nav == "broadcasts" ?>on<?cs /if ?>"><?cs var:Lang.nav.broadcasts ?></a><?cs /if ?>
    <?cs if:User.SeesAll == 1 ?><a href="/console/kb" class="<?cs if:Nav == "kb" ?>on<?cs /if ?>"><?cs var:Lang.nav.kb ?></a><?cs /if ?>
    <a href="/reports/" class="<?cs if:Nav == "reports" ?>on<?cs /if ?>"><?cs var:Lang.nav.reports ?></a>
  </nav>
  <form method="post" action="/console/presence" class="presence">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="next" value="<?cs var:Request.Path ?>">
    <label><span class="dot <?cs var:User.Presence ?>" aria-hidden="true"></span><span class="sr"><?cs var:Lang.presence.label ?></span>
    <select name="presence" data-autosubmit>
    <option value="available"<?cs if:User.Presence == "available" ?> selected<?cs /if ?>><?cs var:Lang.presence.states.available ?></option>
    <option value="busy"<?cs if:User.Presence == "busy" ?> selected<?cs /if ?>><?cs var:Lang.presence.states.busy ?></option>
    <option value="away"<?cs if:User.Presence == "away" ?> selected<?cs /if ?>><?cs var:Lang.presence.states.away ?></option></select></label>
    <button type="submit" class="link presence-set"><?cs var:Lang.presence.set ?></button>
  </form>
  <a class="help-link" href="<?cs var:Page.Help ?>"><?cs var:Lang.nav.help ?></a>
  <form method="post" action="/logout" class="signout">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <a class="who" href="/account"><?cs var:User.Name ?> · <?cs var:Lang.role[User.Role] ?></a>
    <button type="submit" class="link"><?cs var:Lang.nav.sign_out ?></button>
  </form>
  <?cs else ?>
  <nav class="langs"><?cs each:l = Langs ?><a href="?lang=<?cs var:l.Code ?>" lang="<?cs var:l.Code ?>" class="<?cs if:l.Code == Page.Lang ?>on<?cs /if ?>"><?cs var:l.Name ?></a><?cs /each ?></nav>
  <?cs /if ?>
</header>
<main<?cs if:Page.Wide ?> class="wide"<?cs /if ?>>
<?cs if:Flash ?><p class="flash" role="status"><?cs var:Flash ?></p><?cs /if ?>
<?cs if:Form.HasErrors && !Page.OwnErrorBox ?><p class="error-box" role="alert"><?cs var:Lang.form.check_fields ?> <a href="#<?cs var:Form.FirstError ?>-error"><?cs var:Lang.form.go_to_error ?></a></p><?cs /if ?>
