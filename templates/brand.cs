<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands">Brands</a> ›</p>
<h1><?cs var:Brand.Name ?></h1>
<section class="card">
<h2>Departments</h2>
<?cs if:subcount(Departments) == 0 ?>
<p class="empty">No departments yet. Chats from a messaging channel are routed to one department, so create at least one.</p>
<?cs else ?>
<table class="list">
<thead><tr><th>Department</th><th>Operators</th></tr></thead>
<tbody>
<?cs each:d = Departments ?>
<tr><td><a href="/admin/departments/<?cs var:d.Id ?>"><?cs var:d.Name ?></a></td><td><?cs var:d.Members ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs call:paging("/admin/brands/" + Brand.Id) ?>
<?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/departments" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("dept_name", "New department", "text", "100", "off") ?>
<button type="submit" class="primary">Add department</button>
</form>
</section>
<section class="card">
<h2>Rename</h2>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>" class="inline">
<?cs call:csrf_field() ?>
<?cs call:text_field("name", "Brand name", "text", "100", "off") ?>
<button type="submit">Save name</button>
</form>
</section>
<section class="card danger">
<h2>Delete brand</h2>
<?cs if:Delete.Error ?><p class="error-box" role="alert"><?cs var:Delete.Error ?></p><?cs /if ?>
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/delete" data-confirm="Delete this brand?">
<?cs call:csrf_field() ?>
<p>A brand can be deleted once it has no departments and no messaging channel.</p>
<button type="submit" class="danger">Delete brand</button>
</form>
</section>
<?cs include:"footer.cs" ?>
