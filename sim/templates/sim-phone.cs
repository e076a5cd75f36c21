<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeChat simulator</title>
<link rel="stylesheet" href="/static/sim.css">
<script src="/static/sim.js" defer></script>
</head>
<body>
<div class="phone">
<header>WeChat simulator <small>plays WeChat for wxdesk's demo and tests</small></header>
<form method="get" action="/phone" class="who">
<label>Account <select name="appid">
<?cs each:a = Accounts ?><option value="<?cs var:a.AppId ?>"<?cs if:a.AppId == Phone.AppId ?> selected<?cs /if ?>><?cs var:a.Name ?> (<?cs var:a.Mode ?>)</option><?cs /each ?>
</select></label>
<label>Follower OpenID <input name="openid" value="<?cs var:Phone.OpenId ?>"></label>
<button type="submit">Switch</button>
</form>
<?cs if:subcount(Accounts) == 0 ?><p class="note">No account is registered with the simulator yet. <code>make run</code> registers the demo channel.</p><?cs /if ?>
<?cs if:Phone.Result == "delivered" ?><p class="ok" role="status">Delivered to the account's webhook.</p>
<?cs elif:Phone.Result == "failed" ?><p class="bad" role="alert">The account's webhook did not accept it after 3 attempts (see the simulator's log).</p>
<?cs elif:Phone.Result == "badfile" ?><p class="bad" role="alert">WeChat accepts pictures (JPEG, PNG), voice (AMR, MP3) and video (MP4) only.</p>
<?cs elif:Phone.Result == "empty" ?><p class="bad" role="alert">Type a message first.</p><?cs /if ?>
<p class="state"><?cs if:Phone.Following == "1" ?>Following<?cs elif:Phone.Following == "0" ?>Not following<?cs else ?>Not yet following<?cs /if ?> this account<?cs if:Phone.SentSince ?> · operator messages since your last: <?cs var:Phone.SentSince ?> of 5<?cs /if ?></p>
<section class="chat" aria-label="Messages from the account" aria-live="polite" data-appid="<?cs var:Phone.AppId ?>" data-openid="<?cs var:Phone.OpenId ?>">
<?cs if:subcount(Received) == 0 ?><p class="note">Nothing received yet.</p><?cs /if ?>
<?cs each:m = Received ?>
<div class="bubble"><span class="meta"><?cs var:m.When ?> · <?cs var:m.Type ?></span>
<?cs if:m.Type == "text" ?><?cs var:m.Content ?><?cs else ?>[<?cs var:m.Type ?>: <?cs var:m.MediaId ?>]<?cs /if ?></div>
<?cs /each ?>
</section>
<form method="post" action="/phone" class="compose">
<input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="text">
<input name="text" placeholder="Message" aria-label="Message" autocomplete="off"><button type="submit">Send</button>
</form>
<form method="post" action="/phone" enctype="multipart/form-data" class="compose">
<input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="media">
<input type="file" name="file" aria-label="Picture, voice or video"><input name="recognition" placeholder="voice recognition text (optional)"><button type="submit">Send file</button>
</form>
<div class="events">
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="follow"><button type="submit">Follow</button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="scan"><input name="scene" placeholder="QR scene" size="10"><button type="submit">Scan QR code</button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="unfollow"><button type="submit">Unfollow</button></form>
</div>
</div>
</body>
</html>
