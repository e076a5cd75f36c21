<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/console/followers"><?cs var:Lang.fl.title ?></a></p>
<h1 class="who"><?cs var:Follower.Name ?></h1>
<div class="cols">
<section class="card" id="follower">
<?cs call:follower_name_form("/console/followers/" + Follower.Id + "/name") ?>
<table class="summary">
<tr><th><?cs var:Lang.chat.openid ?></th><td><code><?cs var:Follower.OpenId ?></code></td></tr>
<?cs if:Follower.Remark ?><tr><th><?cs var:Lang.chat.remark ?></th><td><?cs var:Follower.Remark ?></td></tr><?cs /if ?>
<tr><th><?cs var:Lang.fl.state ?></th><td><?cs if:Follower.Following ?><?cs var:Lang.fl.following ?><?cs else ?><?cs var:Lang.fl.unfollowed ?><?cs if:Follower.Unfollowed ?> (<?cs var:Follower.Unfollowed ?>)<?cs /if ?><?cs /if ?></td></tr>
<?cs if:Follower.Followed ?><tr><th><?cs var:Lang.chat.followed ?></th><td><time datetime="<?cs var:Follower.FollowedAt ?>"><?cs var:Follower.Followed ?></time></td></tr><?cs /if ?>
<?cs if:Follower.Source ?><tr><th><?cs var:Lang.fl.col_source ?></th><td><?cs var:Follower.Source ?></td></tr><?cs /if ?>
<?cs if:Follower.Language ?><tr><th><?cs var:Lang.chat.language ?></th><td><?cs var:Follower.Language ?></td></tr><?cs /if ?>
<?cs if:Follower.LastMessage ?><tr><th><?cs var:Lang.fl.last_message ?></th><td><?cs var:Follower.LastMessage ?></td></tr><?cs /if ?>
</table>
<?cs call:follower_tags("/console/followers/" + Follower.Id) ?>
</section>
<section class="card" id="follower-chats">
<h2><?cs var:Lang.fl.chats ?></h2>
<?cs if:subcount(Chats) == 0 ?><p class="empty"><?cs var:Lang.fl.no_chats ?></p><?cs else ?>
<?cs if:Follower.Chat ?><p><a class="button<?cs if:Follower.ChatState != "closed" ?> primary<?cs /if ?>" href="/console/chats/<?cs var:Follower.Chat ?>"><?cs if:Follower.ChatState == "closed" ?><?cs var:Lang.fl.view_chat ?><?cs else ?><?cs var:Lang.fl.open_chat ?><?cs /if ?></a></p><?cs /if ?>
<?cs if:Follower.Ledger.Window || Follower.Ledger.Held || Follower.Ledger.Templates ?><ul class="ledger" id="follower-ledger"><?cs if:Follower.Ledger.Window ?><li><?cs var:Follower.Ledger.Window ?></li><?cs /if ?><?cs if:Follower.Ledger.Held ?><li><?cs var:Follower.Ledger.Held ?></li><?cs /if ?><?cs each:c = Follower.Ledger.Credits ?><li class="credit"><?cs var:c ?></li><?cs /each ?><?cs if:Follower.Ledger.Templates ?><li><?cs var:Follower.Ledger.Templates ?></li><?cs /if ?><?cs if:Follower.Ledger.Broadcasts ?><li><?cs var:Follower.Ledger.Broadcasts ?></li><?cs /if ?></ul><?cs /if ?>
<?cs if:Follower.Window ?><p class="hint" id="follower-window"><?cs var:Follower.Window ?></p><?cs /if ?>
<?cs if:Follower.Reopen ?><form method="post" action="/console/chats/<?cs var:Follower.Reopen ?>/reopen" class="reopen"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.chat.reopen ?></button></form><?cs /if ?>
<ul class="other-chats">
<?cs each:o = Chats ?><li><a href="/console/chats/<?cs var:o.Id ?>"><?cs var:o.Started ?></a> · <?cs var:Lang.chat_state[o.State] ?><?cs if:o.Reason ?> (<?cs var:o.Reason ?>)<?cs /if ?></li><?cs /each ?>
</ul>
<?cs /if ?>
<?cs if:subcount(Clicks) > 0 ?>
<h2><?cs var:Lang.menu.clicks ?></h2>
<ul class="clicks" id="menu-clicks">
<?cs each:k = Clicks ?><li><small><?cs var:k.At ?></small> <?cs if:k.Link ?><?cs var:Lang.menu.opened ?> <?cs /if ?><?cs var:k.What ?></li><?cs /each ?>
</ul>
<?cs /if ?>
<?cs if:subcount(Follower.Unanswered) > 0 ?>
<h2><?cs var:Lang.ftag.unanswered ?></h2>
<p class="hint"><?cs var:Lang.ftag.unanswered_hint ?></p>
<ul class="unanswered">
<?cs each:m = Follower.Unanswered ?><li><small><?cs var:m.At ?></small> <?cs if:m.Body ?><?cs var:m.Body ?><?cs elif:Lang.chat.part[m.Type] ?><?cs var:Lang.chat.part[m.Type] ?><?cs else ?><?cs var:Lang.msg.other ?> <?cs var:m.Type ?><?cs /if ?></li><?cs /each ?>
</ul>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
