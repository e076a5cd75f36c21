<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div id="live" data-live="/console/poll" data-waiting="<?cs var:Counts.waiting ?>">
<p class="crumbs"><a href="/console/">Console</a> › <a href="/console/?tab=waiting">Waiting <b class="count" id="count-waiting"><?cs var:Counts.waiting ?></b></a></p>
<div class="chat-layout">
<section class="card chat" id="chat">
<h1><?cs var:Chat.Follower ?> <em class="tag state-<?cs var:Chat.State ?>"><?cs var:Chat.State ?></em></h1>
<p class="hint"><?cs var:Chat.Brand ?> · <?cs if:Chat.Department ?><?cs var:Chat.Department ?><?cs else ?>no department<?cs /if ?><?cs if:Chat.Operator ?> · answered by <?cs var:Chat.Operator ?><?cs /if ?> · started <?cs var:Chat.Started ?></p>
<?cs if:Chat.Error ?><p class="error-box" role="alert"><?cs var:Chat.Error ?></p><?cs /if ?>
<?cs if:Chat.Meter.Max ?><p class="meter-line">Reply window: <?cs call:meter(Chat.Meter) ?></p><?cs /if ?>
<?cs if:Chat.Closed ?><p class="closed-line">Closed <?cs var:Chat.Closed ?>: <?cs var:Chat.Reason ?>.</p><?cs /if ?>
<?cs if:Chat.Truncated ?><p class="hint">Only the newest 500 messages are shown.</p><?cs /if ?>
<ol class="transcript" id="transcript">
<?cs each:m = Messages ?>
<?cs if:m.Dir == "system" ?>
<li class="sys"><?cs var:m.Body ?> <time><?cs var:m.Time ?></time></li>
<?cs elif:m.Type == "event" ?>
<li class="sys"><?cs if:m.Event == "subscribe" ?>Followed the account<?cs if:m.F.EventKey ?> (scene <?cs var:m.F.EventKey ?>)<?cs /if ?><?cs elif:m.Event == "unsubscribe" ?>Unfollowed the account<?cs elif:m.Event == "SCAN" ?>Scanned QR scene <?cs var:m.F.EventKey ?><?cs elif:m.Event == "CLICK" ?>Clicked menu item <?cs var:m.F.EventKey ?><?cs elif:m.Event == "VIEW" ?>Opened menu link <?cs var:m.F.EventKey ?><?cs elif:m.Event == "LOCATION" ?>Reported a location<?cs else ?>Event <?cs var:m.Event ?><?cs /if ?> <time><?cs var:m.Time ?></time></li>
<?cs else ?>
<li class="msg <?cs var:m.Dir ?>" id="m<?cs var:m.Id ?>">
<?cs if:m.Type == "text" ?><p class="text"><?cs var:m.Body ?></p>
<?cs elif:m.Type == "image" ?><?cs if:m.Attachment ?><img src="/console/media/<?cs var:m.Id ?>" alt="<?cs if:m.Dir == "in" ?>Picture from the follower<?cs else ?>Picture sent<?cs /if ?>" loading="lazy"><?cs else ?><p class="media-wait">Picture <?cs if:m.MediaState == "failed" ?>(could not be fetched from WeChat)<?cs else ?>(being fetched from WeChat…)<?cs /if ?></p><?cs /if ?>
<?cs elif:m.Type == "voice" ?><?cs if:m.Attachment ?><audio controls src="/console/media/<?cs var:m.Id ?>"></audio><?cs else ?><p class="media-wait">Voice message <?cs if:m.MediaState == "failed" ?>(could not be fetched)<?cs else ?>(being fetched…)<?cs /if ?></p><?cs /if ?><?cs if:m.F.Recognition ?><p class="text recognised">“<?cs var:m.F.Recognition ?>”</p><?cs /if ?>
<?cs elif:m.Type == "video" || m.Type == "shortvideo" ?><?cs if:m.Attachment ?><video controls src="/console/media/<?cs var:m.Id ?>"></video><?cs else ?><p class="media-wait">Video <?cs if:m.MediaState == "failed" ?>(could not be fetched)<?cs else ?>(being fetched…)<?cs /if ?></p><?cs /if ?>
<?cs elif:m.Type == "location" ?><p class="location">📍 <?cs var:m.F.Label ?><br><small>latitude <?cs var:m.F.Location_X ?>, longitude <?cs var:m.F.Location_Y ?></small></p>
<?cs elif:m.Type == "link" ?><p class="link"><b><?cs var:m.F.Title ?></b><br><?cs var:m.F.Description ?><br><small><?cs var:m.F.Url ?></small></p>
<?cs else ?><p class="text">(a <?cs var:m.Type ?> message)</p>
<?cs /if ?>
<p class="meta"><?cs if:m.Author ?><?cs var:m.Author ?> · <?cs /if ?><time><?cs var:m.Time ?></time>
<?cs if:m.Dir == "out" ?> · <span class="delivery <?cs var:m.Delivery ?>"><?cs if:m.Delivery == "delivered" ?>delivered<?cs elif:m.Delivery == "failed" ?>not delivered: <?cs var:m.Error ?><?cs else ?>sending…<?cs /if ?></span><?cs /if ?></p>
<?cs if:m.Delivery == "failed" && Chat.Mine ?><form method="post" action="/console/chats/<?cs var:Chat.Id ?>/retry" class="mini"><?cs call:csrf_field() ?><input type="hidden" name="message" value="<?cs var:m.Id ?>"><button type="submit">Retry</button></form><?cs /if ?>
</li>
<?cs /if ?>
<?cs /each ?>
</ol>
<?cs if:Chat.CanPickUp ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/pickup" class="pickup"><?cs call:csrf_field() ?><button type="submit" class="primary">Pick up this chat</button></form>
<?cs /if ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/send" enctype="multipart/form-data" class="composer<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>" id="composer">
<?cs call:csrf_field() ?>
<?cs if:Chat.CannotReply ?><p class="why" role="status"><?cs var:Chat.CannotReply ?></p><?cs /if ?>
<label class="field<?cs if:Form.text.Error ?> bad<?cs /if ?>"><span>Reply</span>
<textarea name="text" rows="3" maxlength="2000"<?cs if:Chat.Mine && !Chat.CannotReply ?> data-typing="/console/chats/<?cs var:Chat.Id ?>/typing"<?cs /if ?><?cs if:Chat.CannotReply ?> disabled<?cs /if ?>><?cs var:Form.text.Value ?></textarea><?cs call:field_error("text") ?></label>
<?cs if:subcount(Canned) > 0 && !Chat.CannotReply ?>
<label class="field canned"><span>Canned response</span>
<select data-canned><option value="">Insert…</option>
<?cs each:k = Canned ?><option value="<?cs if:k.Mime ?>/<?cs var:k.Shortcut ?><?cs else ?><?cs var:k.Body ?><?cs /if ?>">/<?cs var:k.Shortcut ?>: <?cs var:k.Body ?><?cs if:k.Mime ?> (with a file)<?cs /if ?></option><?cs /each ?>
</select></label>
<?cs /if ?>
<label class="field attach<?cs if:Form.attachment.Error ?> bad<?cs /if ?>"><span>Attach a file <small>(picture: JPEG or PNG up to <?cs var:WeChat.ImageMB ?> MB · audio: MP3 or AMR up to <?cs var:WeChat.VoiceMB ?> MB · video: MP4 up to <?cs var:WeChat.VideoMB ?> MB)</small></span>
<input type="file" name="attachment" accept=".jpg,.jpeg,.png,.mp3,.amr,.mp4,image/jpeg,image/png,audio/mpeg,audio/amr,video/mp4" data-limits="image:<?cs var:WeChat.ImageMB ?>,audio:<?cs var:WeChat.VoiceMB ?>,video:<?cs var:WeChat.VideoMB ?>"<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>><span class="error" id="attachment-error" role="alert"><?cs var:Form.attachment.Error ?></span></label>
<button type="submit" class="primary"<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>>Send</button>
</form>
</section>
<aside class="card follower">
<h2>Follower</h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/alias" class="alias">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.alias.Error ?> bad<?cs /if ?>"><span>Name shown for this follower</span>
<input type="text" name="alias" value="<?cs var:Form.alias.Value ?>" maxlength="100" placeholder="WeChat does not give names: add one"><?cs call:field_error("alias") ?></label>
<button type="submit">Save name</button>
</form>
<table class="summary">
<tr><th>OpenID</th><td><code><?cs var:Chat.OpenId ?></code></td></tr>
<?cs if:Chat.Subscribed ?><tr><th>Followed</th><td><?cs var:Chat.Subscribed ?></td></tr><?cs /if ?>
<?cs if:Chat.Scene ?><tr><th>Scene</th><td><?cs var:Chat.Scene ?></td></tr><?cs /if ?>
<?cs if:Chat.Language ?><tr><th>Language</th><td><?cs var:Chat.Language ?></td></tr><?cs /if ?>
</table>
<?cs if:subcount(Others) > 0 ?>
<h2>Other chats</h2>
<ul class="other-chats">
<?cs each:o = Others ?><li><a href="/console/chats/<?cs var:o.Id ?>"><?cs var:o.Started ?></a> · <?cs var:o.State ?><?cs if:o.Reason ?> (<?cs var:o.Reason ?>)<?cs /if ?><?cs if:o.Id == Chat.Previous ?> · the previous one<?cs /if ?></li><?cs /each ?>
</ul>
<?cs /if ?>
<?cs if:Chat.CanClose ?>
<h2>Transfer</h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/transfer" class="transfer">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span>To</span>
<select name="to"><option value="">Choose…</option>
<?cs if:subcount(Targets.dept) > 0 ?><optgroup label="Another department (the chat waits there)"><?cs each:t = Targets.dept ?><option value="<?cs var:t.Value ?>"><?cs var:t.Name ?></option><?cs /each ?></optgroup><?cs /if ?>
<?cs if:subcount(Targets.user) > 0 ?><optgroup label="A colleague in <?cs var:Chat.Department ?>"><?cs each:t = Targets.user ?><option value="<?cs var:t.Value ?>"><?cs var:t.Name ?></option><?cs /each ?></optgroup><?cs /if ?>
</select><?cs call:field_error("to") ?></label>
<label class="field<?cs if:Form.note.Error ?> bad<?cs /if ?>"><span>Note for them (optional)</span><input type="text" name="note" maxlength="500"><?cs call:field_error("note") ?></label>
<button type="submit">Transfer</button>
</form>
<h2>Close</h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/close" data-confirm="Close this chat?" class="close">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.closing.Error ?> bad<?cs /if ?>"><span>Closing message to the follower (optional; counts toward the 5)</span>
<textarea name="closing" rows="2" maxlength="2000"><?cs var:Form.closing.Value ?></textarea><?cs call:field_error("closing") ?></label>
<button type="submit">Close the chat</button></form>
<?cs /if ?>
</aside>
</div>
</div>
<?cs include:"footer.cs" ?>
