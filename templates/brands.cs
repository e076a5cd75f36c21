<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1>Brands</h1>
<?cs if:subcount(Brands) == 0 ?>
<p class="empty">No brands yet. Create the first one below: a brand is what your followers know you by, and it holds the departments that receive chats.</p>
<?cs else ?>
<table class="list">
<thead><tr><th>Brand</th><th>Departments</th></tr></thead>
<tbody>
<?cs each:b = Brands ?>
<tr><td><a href="/admin/brands/<?cs var:b.Id ?>"><?cs var:b.Name ?></a></td><td><?cs var:b.Departments ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<section class="card">
<h2>New brand</h2>
<form method="post" action="/admin/brands" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", "Brand name", "text", "100", "off") ?>
<button type="submit" class="primary">Create brand</button>
</form>
</section>
<?cs include:"footer.cs" ?>
