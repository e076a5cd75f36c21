<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.channels.title ?></h1>
<p><?cs var:Lang.channels.intro ?></p>
<p><a class="button primary" href="/admin/channels/new"><?cs var:Lang.channels.add ?></a></p>
<?cs if:subcount(Channels) == 0 ?>
<p class="empty"><?cs var:Lang.channels.empty ?></p>
<?cs else ?>
<table class="list">
<thead><tr><th><?cs var:Lang.brands.brand ?></th><th><?cs var:Lang.wx.app_id ?></th><th><?cs var:Lang.channels.state ?></th><th><?cs var:Lang.brand.department ?></th><th><?cs var:Lang.channels.last_message ?></th></tr></thead>
<tbody>
<?cs each:c = Channels ?>
<tr<?cs if:c.State != "active" ?> class="off"<?cs /if ?>>
<td><a href="/admin/channels/<?cs var:c.Id ?><?cs if:c.State == "draft" ?>/setup<?cs /if ?>"><?cs var:c.Brand ?></a></td>
<td><?cs var:c.AppId ?></td>
<td><?cs if:c.State == "draft" ?><?cs var:c.StepText ?><?cs else ?><?cs var:Lang.channel_state[c.State] ?><?cs /if ?></td>
<td><?cs if:c.Department ?><?cs var:c.Department ?><?cs else ?><em><?cs var:Lang.channels.no_department ?></em><?cs /if ?></td>
<td><?cs if:c.LastMessage ?><?cs var:c.LastMessage ?><?cs else ?><?cs var:Lang.channels.never ?><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
