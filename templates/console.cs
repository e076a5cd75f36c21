<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<div id="live" data-live="/console/poll" data-waiting="<?cs var:Counts.waiting ?>">
<h1>Console</h1>
<?cs if:Console.SeesAll ?><p class="hint">As a <?cs var:User.Role ?> you see the chats of every department.</p><?cs elif:Console.Departments > 0 ?><p class="hint">You answer the chats of <?cs var:Console.Departments ?> department<?cs if:Console.Departments != 1 ?>s<?cs /if ?>.</p><?cs /if ?>
<nav class="tabs" aria-label="Chat lists">
<?cs each:t = Tabs ?><a href="/console/?tab=<?cs var:t.Tab ?>" class="<?cs if:t.On ?>on<?cs /if ?>"<?cs if:t.On ?> aria-current="page"<?cs /if ?>><?cs var:t.Label ?><?cs if:t.Tab != "closed" ?> <b class="count" id="count-<?cs var:t.Tab ?>"><?cs var:Counts[t.Tab] ?></b><?cs /if ?></a><?cs /each ?>
</nav>
<p class="prefs"><label class="check"><input type="checkbox" id="sound-on" checked> Sound for new waiting chats</label>
<label class="check"><input type="checkbox" id="title-on" checked> Count in the tab title</label></p>
<?cs if:Console.Tab == "closed" ?>
<form method="get" action="/console/" class="inline search">
<input type="hidden" name="tab" value="closed">
<label class="field"><span>Follower or text</span><input type="search" name="q" value="<?cs var:Search.q ?>" maxlength="100"></label>
<label class="field"><span>Started from</span><input type="date" name="from" value="<?cs var:Search.from ?>"></label>
<label class="field"><span>to</span><input type="date" name="to" value="<?cs var:Search.to ?>"></label>
<button type="submit">Search</button>
</form>
<?cs /if ?>
<section class="card" id="chatlist">
<?cs if:Console.Departments == 0 && !Console.SeesAll ?>
<p class="empty">You do not belong to any department yet, so no chats can reach you. Ask an administrator to add you to one.</p>
<?cs elif:subcount(Chats) == 0 ?>
<p class="empty">No chats here<?cs if:Console.Tab == "waiting" ?>: nobody is waiting. New WeChat chats appear here by themselves<?cs /if ?>.</p>
<?cs else ?>
<table class="list chats">
<thead><tr><th>Follower</th><th>Department</th><th>First words</th><th><?cs if:Console.Tab == "closed" ?>Closed<?cs else ?>Waiting for<?cs /if ?></th><th><?cs if:Console.Tab == "closed" ?>Why<?cs else ?>Reply window<?cs /if ?></th></tr></thead>
<tbody>
<?cs each:c = Chats ?>
<tr>
<td><a href="/console/chats/<?cs var:c.Id ?>"><?cs var:c.Follower ?></a><?cs if:c.Operator ?> <small>· <?cs var:c.Operator ?></small><?cs /if ?></td>
<td><?cs var:c.Department ?> <small class="hint"><?cs var:c.Brand ?></small></td>
<td class="words"><?cs var:c.FirstWords ?></td>
<td><?cs if:Console.Tab == "closed" ?><?cs var:c.ClosedAt ?><?cs else ?><?cs var:c.Age ?><?cs /if ?></td>
<td><?cs if:Console.Tab == "closed" ?><?cs var:c.ReasonText ?><?cs else ?><?cs call:meter(c.Meter) ?><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody></table>
<p class="paging"><?cs if:Paging.Prev ?><a href="/console/?tab=<?cs var:Console.Tab ?>&amp;page=<?cs var:Paging.Prev ?>">← Newer</a><?cs /if ?>
<?cs if:Paging.Next ?><a href="/console/?tab=<?cs var:Console.Tab ?>&amp;page=<?cs var:Paging.Next ?>">Older →</a><?cs /if ?></p>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
