<?cs include:"header.cs" ?>
<h1><?cs var:Lang.admin.title ?></h1>
<div class="tiles">
<a class="tile" href="/admin/brands"><b><?cs var:Stats.Brands ?></b> <?cs var:Lang.admin.brands ?><small><?cs var:Lang.admin.brands_hint ?></small></a>
<a class="tile" href="/admin/operators"><b><?cs var:Stats.Users ?></b> <?cs var:Lang.admin.staff ?><small><?cs var:Lang.admin.staff_hint ?></small></a>
</div>
<section class="card" id="attention">
<h2><?cs var:Lang.home.attention ?></h2>
<?cs if:subcount(Attention) == 0 ?><p class="empty"><?cs var:Lang.home.all_well ?></p><?cs else ?>
<ul class="attention"><?cs each:a = Attention ?><li><a href="<?cs var:a.Href ?>"><?cs var:a.Text ?></a></li><?cs /each ?></ul>
<?cs /if ?>
</section>
<?cs if:subcount(Accounts) > 0 ?>
<section class="card">
<h2><?cs var:Lang.channels.title ?></h2>
<table class="list" id="accounts">
<thead><tr><th><?cs var:Lang.brands.brand ?></th><th><?cs var:Lang.channels.state ?></th><th><?cs var:Lang.channels.last_message ?></th><th><?cs var:Lang.home.waiting ?></th><th><?cs var:Lang.home.failures_h ?></th><th><?cs var:Lang.ch.access_token ?></th></tr></thead>
<tbody>
<?cs each:a = Accounts ?><tr><td><a href="<?cs var:a.Href ?>"><?cs var:a.Brand ?></a></td><td><?cs var:Lang.channel_state[a.State] ?></td><td><?cs if:a.LastMessage ?><?cs var:a.LastMessage ?><?cs else ?><?cs var:Lang.channels.never ?><?cs /if ?></td><td><?cs var:a.Waiting ?></td><td><?cs var:a.Failures ?></td><td><?cs if:a.TokenError ?><span class="fail"><?cs var:a.TokenError ?></span><?cs else ?><?cs var:Lang.home.token_ok ?><?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
