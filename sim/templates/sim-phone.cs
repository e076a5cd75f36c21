<!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Lang.sim.title ?></title>
<link rel="stylesheet" href="/static/sim.css">
<script src="/static/sim.js" defer></script>
</head>
<body>
<div class="phone">
<header><?cs var:Lang.sim.title ?> <small><?cs var:Lang.sim.tagline ?></small></header>
<form method="get" action="/phone" class="who">
<label><?cs var:Lang.wx.account ?> <select name="appid">
<?cs each:a = Accounts ?><option value="<?cs var:a.AppId ?>"<?cs if:a.AppId == Phone.AppId ?> selected<?cs /if ?>><?cs var:a.Name ?> (<?cs var:Lang.modename[a.Mode] ?>)</option><?cs /each ?>
</select></label>
<label><?cs var:Lang.sim.openid ?> <input name="openid" value="<?cs var:Phone.OpenId ?>"></label>
<button type="submit"><?cs var:Lang.sim.switch ?></button>
</form>
<?cs if:subcount(Accounts) == 0 ?><p class="note"><?cs var:Lang.sim.no_account ?> <code>make run</code></p><?cs /if ?>
<?cs if:Phone.Result == "delivered" ?><p class="ok" role="status"><?cs var:Lang.sim.delivered ?></p>
<?cs elif:Phone.Result == "failed" ?><p class="bad" role="alert"><?cs var:Lang.sim.failed ?></p>
<?cs elif:Phone.Result == "badfile" ?><p class="bad" role="alert"><?cs var:Lang.sim.badfile ?></p>
<?cs elif:Phone.Result == "empty" ?><p class="bad" role="alert"><?cs var:Lang.chat.type_first ?></p><?cs /if ?>
<p class="state"><?cs if:Phone.Following == "1" ?><?cs var:Lang.sim.following ?><?cs elif:Phone.Following == "0" ?><?cs var:Lang.sim.not_following ?><?cs else ?><?cs var:Lang.sim.not_yet ?><?cs /if ?><?cs if:Phone.SentSince ?> · <?cs var:Lang.sim.sent_since ?> <?cs var:Phone.SentSince ?>/5<?cs /if ?></p>
<section class="chat" aria-label="<?cs var:Lang.sim.messages ?>" aria-live="polite" data-empty="<?cs var:Lang.sim.nothing ?>" data-appid="<?cs var:Phone.AppId ?>" data-openid="<?cs var:Phone.OpenId ?>">
<?cs if:subcount(Received) == 0 ?><p class="note"><?cs var:Lang.sim.nothing ?></p><?cs /if ?>
<?cs each:m = Received ?>
<div class="bubble"><span class="meta"><?cs var:m.When ?> · <?cs var:m.Type ?></span>
<?cs if:m.Type == "text" || m.Type == "mass" ?><?cs var:m.Content ?><?cs elif:m.Type == "template" || m.Type == "notice" ?><span class="card-msg"><?cs var:m.Content ?></span><?cs else ?>[<?cs var:m.Type ?>: <?cs var:m.MediaId ?>]<?cs /if ?></div>
<?cs /each ?>
</section>
<form method="post" action="/phone" class="compose">
<input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="text">
<input name="text" placeholder="<?cs var:Lang.sim.message ?>" aria-label="<?cs var:Lang.sim.message ?>" autocomplete="off"><button type="submit"><?cs var:Lang.chat.send ?></button>
</form>
<form method="post" action="/phone" enctype="multipart/form-data" class="compose">
<input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="media">
<input type="file" name="file" aria-label="<?cs var:Lang.sim.file ?>"><input name="recognition" placeholder="<?cs var:Lang.sim.recognition ?>"><button type="submit"><?cs var:Lang.sim.send_file ?></button>
</form>
<div class="events">
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="follow"><button type="submit"><?cs var:Lang.sim.follow ?></button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="scan"><input name="scene" placeholder="<?cs var:Lang.rep.scene ?>" size="10"><button type="submit"><?cs var:Lang.sim.scan ?></button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="click"><input name="key" placeholder="<?cs var:Lang.sim.menu_key ?>" size="10"><button type="submit"><?cs var:Lang.sim.click ?></button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="unfollow"><button type="submit"><?cs var:Lang.sim.unfollow ?></button></form>
<form method="post" action="/phone"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><input type="hidden" name="action" value="pay"><button type="submit"><?cs var:Lang.sim.pay ?></button></form>
<form method="post" action="/phone" class="consent"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="appid" value="<?cs var:Phone.AppId ?>"><input type="hidden" name="openid" value="<?cs var:Phone.OpenId ?>"><select name="action" aria-label="<?cs var:Lang.sim.consent ?>"><option value="notice_accept"><?cs var:Lang.sim.notice_accept ?></option><option value="notice_off"><?cs var:Lang.sim.notice_off ?></option><option value="templates_off"><?cs var:Lang.sim.templates_off ?></option><option value="templates_on"><?cs var:Lang.sim.templates_on ?></option></select><input name="template_id" placeholder="<?cs var:Lang.sim.template_id ?>" size="14"><button type="submit"><?cs var:Lang.sim.consent ?></button></form>
</div>
</div>
</body>
</html>
