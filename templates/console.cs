<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div id="live" data-live="/console/poll" data-mark="<?cs var:Live.Mark ?>" data-waiting="<?cs var:Counts.waiting ?>">
<h1><?cs var:Lang.nav.console ?></h1>
<?cs call:offer_banner() ?>
<?cs if:User.Presence != "available" ?><p class="warning presence-hint"><?cs var:Lang.presence.hint[User.Presence] ?></p><?cs /if ?>
<?cs if:Console.Hint ?><p class="hint"><?cs var:Console.Hint ?></p><?cs /if ?>
<?cs if:Console.Closed ?><p class="hint closed-now"><?cs var:Console.Closed ?></p><?cs /if ?>
<nav class="tabs" aria-label="<?cs var:Lang.console.lists ?>">
<?cs each:t = Tabs ?><a href="/console/?tab=<?cs var:t.Tab ?>" class="<?cs if:t.On ?>on<?cs /if ?>"<?cs if:t.On ?> aria-current="page"<?cs /if ?>><?cs var:t.Label ?><?cs if:t.Tab != "closed" ?> <b class="count" id="count-<?cs var:t.Tab ?>"><?cs var:Counts[t.Tab] ?></b><?cs /if ?></a><?cs /each ?>
</nav>
<p class="prefs"><label class="check"><input type="checkbox" id="sound-on" checked> <?cs var:Lang.console.sound ?></label>
<label class="check"><input type="checkbox" id="title-on" checked> <?cs var:Lang.console.title_count ?></label>
<button type="button" id="notify-on" class="link" hidden><?cs var:Lang.console.notify ?></button></p>
<p class="next-line"><a class="button primary" href="/console/next"><?cs var:Lang.console.next ?></a></p>
<?cs if:Console.Tab != "closed" ?>
<form method="get" action="/console/" class="inline search">
<input type="hidden" name="tab" value="<?cs var:Console.Tab ?>">
<label class="field"><span><?cs var:Lang.console.search_text ?></span><input type="search" name="q" value="<?cs var:Search.q ?>" maxlength="100"></label>
<button type="submit"><?cs var:Lang.console.search ?></button>
</form>
<?cs /if ?>
<?cs if:Console.Tab == "closed" ?>
<form method="get" action="/console/" class="inline search">
<input type="hidden" name="tab" value="closed">
<label class="field"><span><?cs var:Lang.console.search_text ?></span><input type="search" name="q" value="<?cs var:Search.q ?>" maxlength="100"></label>
<label class="field"><span><?cs var:Lang.console.started_from ?></span><input type="date" name="from" value="<?cs var:Search.from ?>"></label>
<label class="field"><span><?cs var:Lang.console.started_to ?></span><input type="date" name="to" value="<?cs var:Search.to ?>"></label>
<button type="submit"><?cs var:Lang.console.search ?></button>
</form>
<?cs /if ?>
<section class="card" id="chatlist">
<?cs if:Console.Departments == 0 && !Console.SeesAll ?>
<p class="empty"><?cs var:Lang.console.no_department ?></p>
<?cs elif:subcount(Chats) == 0 && Search.Any ?>
<p class="empty" id="no-match"><?cs var:Lang.console.no_match ?>
<?cs if:Console.Tab != "closed" ?><a href="/console/?tab=closed&amp;q=<?cs var:url_escape(Search.q) ?>"><?cs var:Lang.console.no_match_closed ?></a> · <?cs /if ?><a href="/console/?tab=<?cs var:Console.Tab ?>"><?cs var:Lang.console.no_match_clear ?></a></p>
<?cs elif:subcount(Chats) == 0 ?>
<p class="empty"><?cs if:Console.Tab == "waiting" ?><?cs var:Lang.console.none_waiting ?><?cs elif:Console.Tab == "followup" ?><?cs var:Lang.console.none_followup ?><?cs else ?><?cs var:Lang.console.none ?><?cs /if ?></p>
<?cs else ?>
<table class="list chats">
<thead><tr><th><?cs var:Lang.console.follower ?></th><th><?cs var:Lang.brand.department ?></th><th><?cs var:Lang.console.last_words ?></th><th><?cs if:Console.Tab == "closed" ?><?cs var:Lang.console.closed ?><?cs else ?><?cs var:Lang.console.waiting_for ?><?cs /if ?></th><th><?cs if:Console.Tab == "closed" ?><?cs var:Lang.console.why ?><?cs else ?><?cs var:Lang.console.window ?><?cs /if ?></th></tr></thead>
<tbody>
<?cs each:c = Chats ?>
<tr>
<td><a href="/console/chats/<?cs var:c.Id ?>"><?cs var:c.Follower ?></a><?cs if:c.Unread > 0 ?> <b class="unread" title="<?cs var:Lang.console.unread ?>"><?cs if:c.Unread > 99 ?>99+<?cs else ?><?cs var:c.Unread ?><?cs /if ?></b><?cs /if ?><?cs if:c.Operator ?> <small>· <?cs var:c.Operator ?></small><?cs /if ?></td>
<td><?cs var:c.Department ?> <small class="hint"><?cs var:c.Brand ?></small></td>
<td class="words"><?cs if:subcount(c.Snippet) ?><?cs each:x = c.Snippet ?><?cs if:x.Hit ?><mark><?cs var:x.Text ?></mark><?cs else ?><?cs var:x.Text ?><?cs /if ?><?cs /each ?><?cs else ?><?cs var:c.LastWords ?><?cs /if ?></td>
<td><?cs if:Console.Tab == "closed" ?><?cs var:c.ClosedAt ?><?cs else ?><?cs var:c.Age ?><?cs /if ?></td>
<td><?cs if:Console.Tab == "closed" ?><?cs var:c.ReasonText ?><?cs else ?><?cs call:meter(c.Meter) ?><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody></table>
<p class="paging"><?cs if:Paging.Prev ?><a href="/console/?tab=<?cs var:Console.Tab ?><?cs if:Search.q ?>&amp;q=<?cs var:url_escape(Search.q) ?><?cs /if ?><?cs if:Search.from ?>&amp;from=<?cs var:url_escape(Search.from) ?><?cs /if ?><?cs if:Search.to ?>&amp;to=<?cs var:url_escape(Search.to) ?><?cs /if ?>&amp;page=<?cs var:Paging.Prev ?>"><?cs if:Search.q ?><?cs var:Lang.console.better ?><?cs else ?><?cs var:Lang.console.newer ?><?cs /if ?></a><?cs /if ?>
<?cs if:Paging.Next ?><a href="/console/?tab=<?cs var:Console.Tab ?><?cs if:Search.q ?>&amp;q=<?cs var:url_escape(Search.q) ?><?cs /if ?><?cs if:Search.from ?>&amp;from=<?cs var:url_escape(Search.from) ?><?cs /if ?><?cs if:Search.to ?>&amp;to=<?cs var:url_escape(Search.to) ?><?cs /if ?>&amp;page=<?cs var:Paging.Next ?>"><?cs if:Search.q ?><?cs var:Lang.console.worse ?><?cs else ?><?cs var:Lang.console.older ?><?cs /if ?></a><?cs /if ?></p>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
