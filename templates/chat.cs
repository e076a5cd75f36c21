<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div id="live" data-live="/console/poll" data-mark="<?cs var:Live.Mark ?>" data-waiting="<?cs var:Counts.waiting ?>" data-self="/console/chats/<?cs var:Chat.Id ?>">
<p class="crumbs"><a href="/console/"><?cs var:Lang.nav.console ?></a> › <a href="/console/?tab=waiting"><?cs var:Lang.tab.waiting ?> <b class="count" id="count-waiting"><?cs var:Counts.waiting ?></b></a> · <a href="/console/next"><?cs var:Lang.console.next ?></a></p>
<?cs call:offer_banner() ?>
<div class="chat-layout">
<nav class="card inbox" id="inbox" aria-label="<?cs var:Lang.inbox.label ?>">
<h2><?cs var:Lang.tab.mine ?> <b class="count"><?cs var:Counts.mine ?></b></h2>
<?cs if:subcount(Inbox.Mine) == 0 ?><p class="empty"><?cs var:Lang.inbox.none_mine ?></p><?cs else ?>
<ul><?cs each:i = Inbox.Mine ?><?cs call:inbox_item(i) ?><?cs /each ?></ul><?cs /if ?>
<h2><?cs var:Lang.tab.waiting ?> <b class="count"><?cs var:Counts.waiting ?></b></h2>
<?cs if:subcount(Inbox.Waiting) == 0 ?><p class="empty"><?cs var:Lang.console.none_waiting_next ?></p><?cs else ?>
<ul><?cs each:i = Inbox.Waiting ?><?cs call:inbox_item(i) ?><?cs /each ?></ul><?cs /if ?>
<h2><?cs var:Lang.tab.followup ?> <b class="count"><?cs var:Counts.followup ?></b></h2>
<?cs if:subcount(Inbox.Followups) == 0 ?><p class="empty"><?cs var:Lang.inbox.none_followup ?></p><?cs else ?>
<ul class="followups"><?cs each:i = Inbox.Followups ?><?cs call:inbox_item(i) ?><?cs /each ?></ul><?cs /if ?>
<p><a href="/console/"><?cs var:Lang.inbox.all_lists ?></a></p>
</nav>
<section class="card chat" id="chat">
<p class="follower-toggle"><a class="button" href="#follower"><?cs var:Lang.chat.follower_and_actions ?></a></p>
<h1><?cs var:Chat.Follower ?> <em class="tag state-<?cs var:Chat.State ?>"><?cs var:Lang.chat_state[Chat.State] ?></em><?cs if:Chat.AfterHours ?> <em class="tag after-hours"><?cs var:Lang.hours.after ?></em><?cs /if ?></h1>
<?cs if:Chat.FollowupLine ?><p class="followup-line"><?cs var:Chat.FollowupLine ?></p><?cs /if ?>
<p class="hint"><?cs var:Chat.Brand ?> · <?cs if:Chat.Department ?><?cs var:Chat.Department ?><?cs else ?><?cs var:Lang.chat.no_department ?><?cs /if ?><?cs if:Chat.Operator ?> · <?cs var:Lang.chat.answered_by ?> <?cs var:Chat.Operator ?><?cs /if ?> · <?cs var:Lang.chat.started ?> <time datetime="<?cs var:Chat.StartedAt ?>" data-rel="after"><?cs var:Chat.Started ?></time></p>
<?cs if:Chat.Error ?><p class="error-box" role="alert"><?cs var:Chat.Error ?></p><?cs /if ?>
<?cs if:Chat.Meter.Max ?><p class="meter-line"><?cs var:Lang.chat.window ?> <?cs call:meter(Chat.Meter) ?></p><?cs /if ?>
<?cs if:Chat.Closed ?><p class="closed-line"><?cs var:Chat.ClosedLine ?></p><?cs /if ?>
<?cs if:Chat.OpenElsewhere ?><p class="hint open-elsewhere"><a href="/console/chats/<?cs var:Chat.OpenElsewhere ?>"><?cs var:Lang.chat.open_elsewhere ?></a></p><?cs /if ?>
<?cs if:Chat.SummaryLine ?><p class="summary-line"><?cs var:Chat.SummaryLine ?></p><?cs /if ?>
<?cs if:Chat.CanReopen ?><form method="post" action="/console/chats/<?cs var:Chat.Id ?>/reopen" class="reopen"><?cs call:csrf_field() ?><p class="hint"><?cs var:Lang.chat.reopen_hint ?></p><button type="submit"><?cs var:Lang.chat.reopen ?></button></form><?cs /if ?>
<ol class="transcript" id="transcript"<?cs if:Chat.From ?> data-from="<?cs var:Chat.From ?>"<?cs /if ?>>
<?cs if:Chat.OlderBefore ?><li class="older-more"><a href="/console/chats/<?cs var:Chat.Id ?>?before=<?cs var:Chat.OlderBefore ?>#transcript"><?cs var:Lang.chat.older ?></a></li><?cs /if ?>
<?cs if:Chat.Earlier ?><li class="sys earlier-head"><?cs var:Lang.chat.earlier ?></li><?cs /if ?>
<?cs each:m = Messages ?>
<?cs if:m.Dir == "system" && m.Staff ?>
<li class="staff-note" id="m<?cs var:m.Id ?>"><p class="meta"><b><?cs var:Lang.chat.internal_note ?></b> · <?cs var:m.Staff ?> · <time datetime="<?cs var:m.At ?>"><?cs var:m.Time ?></time></p><p class="text"><?cs var:m.Body ?></p></li>
<?cs elif:m.Dir == "system" ?>
<li class="sys<?cs if:m.Earlier ?> earlier<?cs /if ?>"><?cs var:m.Body ?> <time datetime="<?cs var:m.At ?>"><?cs var:m.Time ?></time></li>
<?cs elif:m.Type == "event" ?>
<li class="sys<?cs if:m.Earlier ?> earlier<?cs /if ?>"><?cs if:m.Event == "subscribe" ?><?cs var:Lang.event.subscribe ?><?cs if:m.F.EventKey ?> (<?cs var:Lang.event.scene ?> <?cs var:m.F.EventKey ?>)<?cs /if ?><?cs elif:m.Event == "unsubscribe" ?><?cs var:Lang.event.unsubscribe ?><?cs elif:m.Event == "SCAN" ?><?cs var:Lang.event.scan ?> <?cs var:m.F.EventKey ?><?cs elif:m.Event == "CLICK" ?><?cs var:Lang.event.click ?> <?cs var:m.F.EventKey ?><?cs elif:m.Event == "VIEW" ?><?cs var:Lang.event.view ?> <?cs var:m.F.EventKey ?><?cs elif:m.Event == "LOCATION" ?><?cs var:Lang.event.location ?><?cs else ?><?cs var:Lang.event.other ?> <?cs var:m.Event ?><?cs /if ?> <time datetime="<?cs var:m.At ?>"><?cs var:m.Time ?></time></li>
<?cs else ?>
<li class="msg <?cs var:m.Dir ?><?cs if:m.Earlier ?> earlier<?cs /if ?>" id="m<?cs var:m.Id ?>">
<?cs if:m.Type == "text" ?><p class="text"><?cs var:m.Body ?></p>
<?cs elif:m.Type == "image" ?><?cs if:m.Attachment ?><img src="/console/media/<?cs var:m.Id ?>" alt="<?cs if:m.Dir == "in" ?><?cs var:Lang.msg.picture_in ?><?cs else ?><?cs var:Lang.msg.picture_out ?><?cs /if ?>" loading="lazy"><?cs else ?><p class="media-wait"><?cs var:Lang.msg.picture ?> <?cs if:m.MediaState == "failed" ?><?cs var:Lang.msg.fetch_failed ?><?cs else ?><?cs var:Lang.msg.fetching ?><?cs /if ?></p><?cs /if ?>
<?cs elif:m.Type == "voice" ?><?cs if:m.Attachment ?><audio controls src="/console/media/<?cs var:m.Id ?>"></audio><?cs else ?><p class="media-wait"><?cs var:Lang.msg.voice ?> <?cs if:m.MediaState == "failed" ?><?cs var:Lang.msg.fetch_failed ?><?cs else ?><?cs var:Lang.msg.fetching ?><?cs /if ?></p><?cs /if ?><?cs if:m.F.Recognition ?><p class="text recognised">“<?cs var:m.F.Recognition ?>”</p><?cs /if ?>
<?cs elif:m.Type == "video" || m.Type == "shortvideo" ?><?cs if:m.Attachment ?><video controls src="/console/media/<?cs var:m.Id ?>"></video><?cs else ?><p class="media-wait"><?cs var:Lang.msg.video ?> <?cs if:m.MediaState == "failed" ?><?cs var:Lang.msg.fetch_failed ?><?cs else ?><?cs var:Lang.msg.fetching ?><?cs /if ?></p><?cs /if ?>
<?cs elif:m.Type == "location" ?><p class="location">📍 <?cs var:m.F.Label ?><br><small><?cs var:Lang.msg.latitude ?> <?cs var:m.F.Location_X ?><?cs var:Lang.msg.comma ?> <?cs var:Lang.msg.longitude ?> <?cs var:m.F.Location_Y ?></small></p>
<?cs elif:m.Type == "template" || m.Type == "notice" ?><div class="notice-msg"><p class="badge"><?cs if:m.Type == "notice" ?><?cs var:Lang.msg.notice ?><?cs else ?><?cs var:Lang.msg.template ?><?cs /if ?></p><p class="text notice-body"><?cs var:m.Body ?></p><?cs if:m.Result ?><p class="notice-result <?cs if:m.Result == "success" ?>ok<?cs else ?>bad<?cs /if ?>"><?cs if:m.Result == "success" ?><?cs var:Lang.msg.job_success ?><?cs elif:m.Result == "failed:user block" ?><?cs var:Lang.msg.job_blocked ?><?cs else ?><?cs var:Lang.msg.job_failed ?><?cs /if ?></p><?cs /if ?></div>
<?cs elif:m.Type == "link" ?><p class="link"><b><?cs var:m.F.Title ?></b><br><?cs var:m.F.Description ?><br><small><?cs var:m.F.Url ?></small></p>
<?cs else ?><p class="text">(<?cs var:Lang.msg.other ?> <?cs var:m.Type ?>)</p>
<?cs /if ?>
<p class="meta"><?cs if:m.Bot ?><?cs var:Lang.chat.bot_author ?> · <?cs elif:m.Auto ?><?cs var:Lang.chat.auto_author ?> · <?cs elif:m.Author ?><?cs var:m.Author ?> · <?cs /if ?><time datetime="<?cs var:m.At ?>"><?cs var:m.Time ?></time>
<?cs if:m.Dir == "out" ?> · <span class="delivery <?cs var:m.Delivery ?>"><?cs if:m.Delivery == "delivered" ?><?cs var:Lang.delivery.delivered ?><?cs elif:m.Delivery == "failed" ?><?cs var:Lang.delivery.failed ?> <?cs var:m.Error ?><?cs elif:m.Delivery == "held" && m.SendAt ?><?cs var:Lang.delivery.scheduled ?> <?cs var:m.SendAt ?><?cs elif:m.Delivery == "held" ?><?cs var:Lang.delivery.held ?><?cs elif:m.Delivery == "expired" && m.SendAt ?><?cs var:Lang.delivery.unscheduled ?><?cs elif:m.Delivery == "expired" ?><?cs var:Lang.delivery.expired ?><?cs else ?><?cs var:Lang.delivery.sending ?><?cs /if ?></span><?cs /if ?><?cs if:m.Written ?> · <span class="written"><?cs var:Lang.chat.written ?> <?cs var:m.Written ?></span><?cs /if ?></p>
<?cs if:m.Delivery == "held" ?><details class="held-edit"><summary><?cs var:Lang.chat.held_change ?></summary>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/held/<?cs var:m.Id ?>" class="mini"><?cs call:csrf_field() ?><textarea name="held_text" rows="2" maxlength="2000" aria-label="<?cs var:Lang.chat.held_change ?>"><?cs var:m.Body ?></textarea><button type="submit"><?cs var:Lang.chat.held_save ?></button></form>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/held/<?cs var:m.Id ?>/cancel" class="mini"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.chat.held_cancel ?></button></form>
</details><?cs /if ?>
<?cs if:m.Delivery == "failed" && !m.Earlier && (Chat.Mine || m.Type == "template" || m.Type == "notice") ?><form method="post" action="/console/chats/<?cs var:Chat.Id ?>/retry" class="mini"><?cs call:csrf_field() ?><input type="hidden" name="message" value="<?cs var:m.Id ?>"><button type="submit"><?cs var:Lang.chat.retry ?></button></form><?cs /if ?>
</li>
<?cs /if ?>
<?cs /each ?>
<?cs if:Chat.Older ?><li class="newer-more"><a href="/console/chats/<?cs var:Chat.Id ?>#transcript"><?cs var:Lang.chat.newest ?></a></li><?cs /if ?>
</ol>
<?cs if:Chat.CanTakeOver ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/pickup" class="pickup"><?cs call:csrf_field() ?><button type="submit" class="primary"><?cs var:Lang.bot.take_over ?></button></form>
<?cs /if ?>
<?cs if:Chat.OfferedTo ?><p class="hint offered-to"><?cs var:Chat.OfferedTo ?></p><?cs /if ?>
<?cs if:Chat.CanPickUp ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/pickup" class="pickup"><?cs call:csrf_field() ?><button type="submit" class="primary"><?cs if:Chat.OfferMine ?><?cs var:Lang.offer.accept ?><?cs else ?><?cs var:Lang.chat.pickup ?><?cs /if ?></button></form>
<?cs if:Chat.OfferMine ?><form method="post" action="/console/chats/<?cs var:Chat.Id ?>/decline" class="decline"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.offer.decline ?></button></form><?cs /if ?>
<?cs /if ?>
<?cs if:Chat.CanHold ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/send" enctype="multipart/form-data" class="composer hold" id="composer">
<?cs call:csrf_field() ?><input type="hidden" name="hold" value="1">
<p class="why" role="status"><?cs var:Chat.CannotReply ?></p>
<p class="hint"><?cs var:Chat.HoldHint ?></p>
<label class="field<?cs if:Form.text.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.hold_field ?></span>
<textarea name="text" rows="3" maxlength="2000"><?cs var:Form.text.Value ?></textarea><?cs call:field_error("text") ?></label>
<button type="submit" class="primary"><?cs var:Lang.chat.hold ?></button>
</form>
<?cs if:Ladder.Shown ?>
<section class="ladder" id="ladder" aria-labelledby="ladder-title">
<h3 id="ladder-title"><?cs var:Lang.ladder.title ?></h3>
<ol>
<li class="route hold"><strong><?cs var:Lang.ladder.hold ?></strong> <small><?cs var:Lang.ladder.hold_cost ?></small></li>
<?cs each:n = Ladder.Routes ?><li class="route <?cs var:n.Kind ?>"><?cs if:n.Spent ?><span class="off"><?cs var:n.Label ?></span> <small><?cs var:n.Spent ?></small><?cs else ?><a href="/console/chats/<?cs var:Chat.Id ?>/notice/<?cs var:n.Id ?>"><?cs var:n.Label ?></a> <small><?cs var:n.Cost ?></small><?cs /if ?></li>
<?cs /each ?>
</ol>
<?cs if:subcount(Ladder.NoCredit) > 0 ?><p class="hint no-credit"><?cs var:Lang.ladder.no_credit_line ?> <?cs each:n = Ladder.NoCredit ?><?cs var:n.Title ?> <?cs /each ?></p><?cs /if ?>
<?cs if:Ladder.NoTemplates ?><p class="hint"><?cs var:Lang.ladder.no_templates ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs else ?>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/send" enctype="multipart/form-data" class="composer<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>" id="composer">
<?cs call:csrf_field() ?>
<?cs if:Chat.CannotReply ?><p class="why" role="status"><?cs var:Chat.CannotReply ?></p><?cs /if ?>
<label class="field<?cs if:Form.text.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.reply ?></span>
<textarea name="text" rows="3" maxlength="2000"<?cs if:Chat.Mine && !Chat.CannotReply ?> data-typing="/console/chats/<?cs var:Chat.Id ?>/typing"<?cs /if ?><?cs if:Chat.CannotReply ?> disabled<?cs /if ?>><?cs var:Form.text.Value ?></textarea><?cs call:field_error("text") ?></label>
<?cs if:subcount(Suggestions) > 0 ?><div class="suggestions" id="suggestions">
<p class="hint"><?cs var:Lang.suggest.heading ?></p>
<ol><?cs each:s = Suggestions ?><li><button type="button" class="suggestion" data-suggest="<?cs var:s.Text ?>" data-kind="<?cs var:s.Kind ?>" data-ref="<?cs var:s.Ref ?>" data-pick="/console/chats/<?cs var:Chat.Id ?>/suggestions/pick" aria-keyshortcuts="Alt+<?cs var:s.Key ?>"><kbd>Alt+<?cs var:s.Key ?></kbd> <span class="text"><?cs var:s.Text ?></span></button>
<small class="hint"><?cs var:Lang.suggest.kind[s.Kind] ?> · <?cs var:s.About ?> · <?cs var:Lang.kb.score ?> <?cs var:s.Score ?></small></li><?cs /each ?></ol></div><?cs /if ?>
<?cs # on a phone the tools fold behind one line, so the conversation keeps the
   screen (wxdesk.js folds them; open by default, and where it does not run) ?>
<details class="tools" id="composer-tools" open><summary><?cs var:Lang.chat.tools ?></summary>
<?cs if:subcount(Canned) > 0 && !Chat.CannotReply ?>
<label class="field canned"><span><?cs var:Lang.chat.canned ?></span>
<select data-canned><option value=""><?cs var:Lang.chat.insert ?></option>
<?cs each:g = CannedGroups ?><optgroup label="<?cs var:g.Name ?>"><?cs each:k = g.Items ?><option value="<?cs if:k.Mime ?>/<?cs var:k.Shortcut ?><?cs else ?><?cs var:k.Body ?><?cs /if ?>"<?cs if:k.Mime ?> data-parts="<?cs if:k.Body ?>2<?cs else ?>1<?cs /if ?>"<?cs /if ?>>/<?cs var:k.Shortcut ?>: <?cs var:k.Body ?><?cs if:k.Mime ?> <?cs var:Lang.chat.with_file ?><?cs /if ?></option><?cs /each ?></optgroup><?cs /each ?>
</select></label>
<?cs /if ?>
<label class="field attach<?cs if:Form.attachment.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.attach ?> <small><?cs var:Page.FileLimits ?></small></span>
<input type="file" name="attachment" accept=".jpg,.jpeg,.png,.mp3,.amr,.mp4,image/jpeg,image/png,audio/mpeg,audio/amr,video/mp4" data-limits="image:<?cs var:WeChat.ImageMB ?>,audio:<?cs var:WeChat.VoiceMB ?>,video:<?cs var:WeChat.VideoMB ?>"<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>><?cs call:file_pick() ?><span class="error" id="attachment-error" role="alert"><?cs var:Form.attachment.Error ?></span></label>
</details>
<?cs if:Chat.RemindLine ?><label class="check remind"><input type="checkbox" name="remind" value="1"> <?cs var:Chat.RemindLine ?></label><?cs /if ?>
<?cs if:Chat.Meter.Max && !Chat.CannotReply && !Chat.Meter.Paid ?><p class="cost" id="send-cost" data-left="<?cs var:Chat.Meter.Max - Chat.Meter.Used ?>" aria-live="polite"></p><?cs /if ?>
<button type="submit" class="primary"<?cs if:Chat.CannotReply ?> disabled<?cs /if ?>><?cs var:Lang.chat.send ?> <kbd><?cs var:Lang.keys.send ?></kbd></button>
<button type="button" class="link" data-keys-help>? <?cs var:Lang.keys.title ?></button>
</form>
<?cs /if ?>
</section>
<aside class="card follower" id="follower">
<p class="follower-hide"><a href="#chat"><?cs var:Lang.chat.back_to_chat ?></a></p>
<h2><?cs var:Lang.console.follower ?></h2>
<?cs call:follower_name_form("/console/chats/" + Chat.Id + "/alias") ?>
<table class="summary">
<tr><th><?cs var:Lang.chat.openid ?></th><td><code><?cs var:Chat.OpenId ?></code></td></tr>
<?cs if:Chat.Remark ?><tr><th><?cs var:Lang.chat.remark ?></th><td><?cs var:Chat.Remark ?></td></tr><?cs /if ?>
<?cs if:Chat.Subscribed ?><tr><th><?cs var:Lang.chat.followed ?></th><td><?cs var:Chat.Subscribed ?></td></tr><?cs /if ?>
<?cs if:Chat.Scene ?><tr><th><?cs var:Lang.event.scene ?></th><td><?cs var:Chat.Scene ?></td></tr><?cs /if ?>
<?cs if:Chat.Language ?><tr><th><?cs var:Lang.chat.language ?></th><td><?cs var:Chat.Language ?></td></tr><?cs /if ?>
</table>
<?cs call:follower_tags("/console/chats/" + Chat.Id) ?>
<?cs if:subcount(Others) > 0 ?>
<h2><?cs var:Lang.chat.others ?></h2>
<ul class="other-chats">
<?cs each:o = Others ?><li><a href="/console/chats/<?cs var:o.Id ?>"><?cs var:o.Started ?></a> · <?cs var:Lang.chat_state[o.State] ?><?cs if:o.Reason ?> (<?cs var:o.Reason ?>)<?cs /if ?><?cs if:o.Id == Chat.Previous ?> · <?cs var:Lang.chat.previous ?><?cs /if ?></li><?cs /each ?>
</ul>
<?cs /if ?>
<h2><?cs var:Lang.chat.internal_notes ?></h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/note" class="staff-note-form">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.staff_note.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.note_field ?></span>
<textarea name="staff_note" rows="3" maxlength="2000"><?cs var:Form.staff_note.Value ?></textarea><?cs call:field_error("staff_note") ?></label>
<button type="submit"><?cs var:Lang.chat.add_note ?></button>
</form>
<?cs if:Chat.CanClose ?>
<h2><?cs var:Lang.chat.transfer ?></h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/transfer" class="transfer">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.transfer_to ?></span>
<select name="to"><option value=""><?cs var:Lang.chat.choose ?></option>
<?cs if:subcount(Targets.dept) > 0 ?><optgroup label="<?cs var:Lang.chat.other_department ?>"><?cs each:t = Targets.dept ?><option value="<?cs var:t.Value ?>"<?cs if:t.Value == Form.to.Value ?> selected<?cs /if ?>><?cs var:t.Name ?></option><?cs /each ?></optgroup><?cs /if ?>
<?cs if:subcount(Targets.user) > 0 ?><optgroup label="<?cs var:Lang.chat.colleague ?> <?cs var:Chat.Department ?>"><?cs each:t = Targets.user ?><option value="<?cs var:t.Value ?>"<?cs if:t.Away ?> class="away"<?cs /if ?><?cs if:t.Value == Form.to.Value ?> selected<?cs /if ?>><?cs var:t.Name ?> · <?cs var:t.Status ?> · <?cs var:t.Load ?></option><?cs /each ?></optgroup><?cs /if ?>
</select><?cs call:field_error("to") ?></label>
<label class="check"><input type="checkbox" name="keep_me" value="1"<?cs if:Form.keep_me.Value ?> checked<?cs /if ?>> <?cs var:Lang.chat.keep_me ?></label>
<label class="field<?cs if:Form.note.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.note ?></span><input type="text" name="note" maxlength="500" value="<?cs var:Form.note.Value ?>"><?cs call:field_error("note") ?></label>
<button type="submit"><?cs var:Lang.chat.transfer ?></button>
</form>
<h2><?cs var:Lang.chat.close ?></h2>
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/close" data-confirm="<?cs var:Lang.chat.close_confirm ?>" class="close">
<?cs call:csrf_field() ?>
<?cs if:subcount(Topics) > 0 ?><label class="field<?cs if:Form.topic.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.topic ?><?cs if:!Chat.TopicRequired ?> <small><?cs var:Lang.common.optional ?></small><?cs /if ?></span>
<select name="topic"<?cs if:Chat.TopicRequired ?> required<?cs /if ?>><option value=""><?cs var:Lang.chat.topic_choose ?></option>
<?cs each:k = Topics ?><option value="<?cs var:k.Id ?>"<?cs if:k.Id == Form.topic.Value ?> selected<?cs /if ?>><?cs var:k.Name ?></option><?cs /each ?>
</select><?cs call:field_error("topic") ?></label>
<label class="field<?cs if:Form.summary.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.summary ?> <small><?cs var:Lang.common.optional ?></small></span>
<textarea name="summary" rows="2" maxlength="500"><?cs var:Form.summary.Value ?></textarea><?cs call:field_error("summary") ?></label><?cs /if ?>
<label class="field<?cs if:Form.closing.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.closing ?></span>
<textarea name="closing" rows="2" maxlength="2000"><?cs var:Form.closing.Value ?></textarea><?cs call:field_error("closing") ?></label>
<button type="submit"><?cs var:Lang.chat.close_submit ?></button></form>
<?cs /if ?>
</aside>
</div>
</div>
<?cs include:"footer.cs" ?>
