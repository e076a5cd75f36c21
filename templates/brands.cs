<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.brands.title ?></h1>
<?cs if:subcount(Brands) == 0 ?>
<p class="empty"><?cs var:Lang.brands.empty ?></p>
<?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.brands.brand ?></th><th><?cs var:Lang.brands.departments ?></th></tr></thead>
<tbody>
<?cs each:b = Brands ?>
<tr><td><a href="/admin/brands/<?cs var:b.Id ?>"><?cs var:b.Name ?></a></td><td><?cs var:b.Departments ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<section class="card">
<h2><?cs var:Lang.brands.new ?></h2>
<form method="post" action="/admin/brands" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", Lang.brands.name, "text", "100", "off") ?>
<button type="submit" class="primary"><?cs var:Lang.brands.create ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
