<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1>Operators</h1>
<p><a class="button primary" href="/admin/operators/new">New operator</a></p>
<table class="list">
<thead><tr><th>Name</th><th>Sign-in</th><th>Role</th><th>Departments</th><th>State</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr<?cs if:u.Disabled == 1 ?> class="off"<?cs /if ?>><td><a href="/admin/operators/<?cs var:u.Id ?>"><?cs var:u.Name ?></a></td>
<td><?cs var:u.Login ?></td><td><?cs var:u.Role ?></td><td><?cs if:u.Departments ?><?cs var:u.Departments ?><?cs else ?>—<?cs /if ?></td>
<td><?cs if:u.Disabled == 1 ?>disabled<?cs else ?>active<?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs call:paging("/admin/operators") ?>
<?cs include:"footer.cs" ?>
