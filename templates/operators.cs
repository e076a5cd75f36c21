<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.nav.operators ?></h1>
<p><a class="button primary" href="/admin/operators/new"><?cs var:Lang.ops.new ?></a></p>
<table class="list">
<thead><tr><th><?cs var:Lang.ops.name ?></th><th><?cs var:Lang.login.name ?></th><th><?cs var:Lang.ops.role ?></th><th><?cs var:Lang.brands.departments ?></th><th><?cs var:Lang.channels.state ?></th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr<?cs if:u.Disabled == 1 ?> class="off"<?cs /if ?>><td><a href="/admin/operators/<?cs var:u.Id ?>"><?cs var:u.Name ?></a></td>
<td><?cs var:u.Login ?></td><td><?cs var:Lang.role[u.Role] ?></td><td><?cs if:u.Departments ?><?cs var:u.Departments ?><?cs else ?>—<?cs /if ?></td>
<td><?cs if:u.Disabled == 1 ?><?cs var:Lang.ops.disabled ?><?cs else ?><?cs var:Lang.ops.active ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs call:paging("/admin/operators") ?>
<section class="card" id="security">
<h2><?cs var:Lang.tf.security ?></h2>
<form method="post" action="/admin/security">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="require_2fa_admins" value="1"<?cs if:Security.Require2FA == 1 ?> checked<?cs /if ?>> <?cs var:Lang.tf.require_admins ?></label>
<p class="hint"><?cs var:Lang.tf.require_hint ?></p>
<button type="submit"><?cs var:Lang.common.save ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
