<?cs include:"header.cs" ?>
<h1><?cs var:Lang.admin.title ?></h1>
<div class="tiles">
<a class="tile" href="/admin/brands"><b><?cs var:Stats.Brands ?></b> <?cs var:Lang.admin.brands ?><small><?cs var:Lang.admin.brands_hint ?></small></a>
<a class="tile" href="/admin/operators"><b><?cs var:Stats.Users ?></b> <?cs var:Lang.admin.staff ?><small><?cs var:Lang.admin.staff_hint ?></small></a>
</div>
<?cs include:"footer.cs" ?>
