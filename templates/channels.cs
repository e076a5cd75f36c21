<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1>WeChat accounts</h1>
<p>Each brand can connect one WeChat Official Account. Its followers' messages become chats for the department you choose.</p>
<p><a class="button primary" href="/admin/channels/new">Add a WeChat account</a></p>
<?cs if:subcount(Channels) == 0 ?>
<p class="empty">No WeChat account is connected yet.</p>
<?cs else ?>
<table class="list">
<thead><tr><th>Brand</th><th>App ID</th><th>State</th><th>Department</th><th>Last message</th></tr></thead>
<tbody>
<?cs each:c = Channels ?>
<tr<?cs if:c.State != "active" ?> class="off"<?cs /if ?>>
<td><a href="/admin/channels/<?cs var:c.Id ?><?cs if:c.State == "draft" ?>/setup<?cs /if ?>"><?cs var:c.Brand ?></a></td>
<td><?cs var:c.AppId ?></td>
<td><?cs if:c.State == "draft" ?>setup unfinished (step <?cs var:c.Step ?> of 6)<?cs else ?><?cs var:c.State ?><?cs /if ?></td>
<td><?cs if:c.Department ?><?cs var:c.Department ?><?cs else ?><em>none: no chats are received</em><?cs /if ?></td>
<td><?cs if:c.LastMessage ?><?cs var:c.LastMessage ?><?cs else ?>never<?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
