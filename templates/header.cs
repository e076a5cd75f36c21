<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · <?cs var:App.Name ?></title>
<link rel="stylesheet" href="/static/wxdesk.css">
<script src="/static/wxdesk.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">wx<b>desk</b></a>
  <?cs if:User.Id ?>
  <nav>
    <?cs if:User.IsAdmin == 1 ?>
    <a href="/admin/" class="<?cs if:Nav == "home" ?>on<?cs /if ?>">Administration</a>
    <a href="/admin/brands" class="<?cs if:Nav == "brands" ?>on<?cs /if ?>">Brands</a>
    <a href="/admin/operators" class="<?cs if:Nav == "operators" ?>on<?cs /if ?>">Operators</a>
    <a href="/admin/channels" class="<?cs if:Nav == "channels" ?>on<?cs /if ?>">WeChat</a>
    <?cs /if ?>
    <a href="/console/" class="<?cs if:Nav == "console" ?>on<?cs /if ?>">Console</a>
    <a href="/reports/" class="<?cs if:Nav == "reports" ?>on<?cs /if ?>">Reports</a>
  </nav>
  <form method="post" action="/logout" class="signout">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <span class="who"><?cs var:User.Name ?> · <?cs var:User.Role ?></span>
    <button type="submit" class="link">Sign out</button>
  </form>
  <?cs /if ?>
</header>
<main>
<?cs if:Flash ?><p class="flash" role="status"><?cs var:Flash ?></p><?cs /if ?>
