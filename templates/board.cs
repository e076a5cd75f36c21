<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.board.title ?></h1>
<p class="hint"><?cs var:Lang.board.intro ?></p>
<?cs if:subcount(Brands) > 0 ?><form method="get" action="/console/board" class="inline filters"><label class="field"><span><?cs var:Lang.brands.brand ?></span>
<select name="brand"><option value="0"><?cs var:Lang.board.all_brands ?></option><?cs each:b = Brands ?><option value="<?cs var:b.Id ?>"<?cs if:b.Id == Filter.Brand ?> selected<?cs /if ?>><?cs var:b.Name ?></option><?cs /each ?></select></label>
<button type="submit"><?cs var:Lang.board.show ?></button></form><?cs /if ?>
<div id="board" data-refresh="5">
<?cs if:subcount(Board) == 0 ?><p class="empty"><?cs var:Lang.board.none ?></p><?cs /if ?>
<?cs each:d = Board ?>
<section class="card board-dept" data-dept="<?cs var:d.Id ?>">
<h2><?cs var:d.Name ?> <small class="hint"><?cs var:d.Brand ?> · <?cs var:Lang.routing.mode[d.Routing] ?></small></h2>
<p class="queue"><?cs if:d.Waiting > 0 ?><?cs var:Lang.board.waiting ?> <b class="count waiting"><?cs var:d.Unoffered ?></b><?cs if:d.Offered > 0 ?> · <?cs var:Lang.board.being_offered ?> <b class="count offered"><?cs var:d.Offered ?></b><?cs /if ?><?cs if:d.Missed > 0 ?> · <?cs var:Lang.board.of_them_missed ?> <b class="count missed"><?cs var:d.Missed ?></b><?cs /if ?> · <?cs var:Lang.board.longest ?> <b class="longest"><?cs var:d.Longest ?></b><?cs else ?><?cs var:Lang.board.nobody_waiting ?><?cs /if ?></p>
<?cs if:subcount(d.Members) == 0 ?><p class="empty"><?cs var:Lang.board.no_members ?></p><?cs else ?>
<table class="list members">
<thead><tr><th><?cs var:Lang.board.operator ?></th><th><?cs var:Lang.board.presence ?></th><th><?cs var:Lang.board.since ?></th><th><?cs var:Lang.board.in_hand ?></th></tr></thead>
<tbody><?cs each:m = d.Members ?><tr data-presence="<?cs var:m.Presence ?>"><td><?cs var:m.Name ?></td>
<td><?cs if:m.Idle ?><span class="dot away" aria-hidden="true"></span> <?cs var:Lang.presence.idle ?><?cs else ?><span class="dot <?cs var:m.Presence ?>" aria-hidden="true"></span> <?cs var:Lang.presence.states[m.Presence] ?><?cs /if ?></td>
<td><?cs if:m.Since ?><span title="<?cs var:m.SinceAt ?>"><?cs var:m.Since ?></span><?cs else ?>—<?cs /if ?></td>
<td<?cs if:m.Full ?> class="full"<?cs /if ?>><?cs var:m.Hand ?><?cs if:m.Offered ?> <small><?cs var:m.Offered ?></small><?cs /if ?></td></tr><?cs /each ?></tbody>
</table><?cs /if ?>
</section>
<?cs /each ?>
<?cs call:paging("/console/board") ?>
</div>
<?cs include:"footer.cs" ?>
