<?cs include:"header.cs" ?>
<h1>Administration</h1>
<div class="tiles">
<a class="tile" href="/admin/brands"><b><?cs var:Stats.Brands ?></b> brands<small>Brands group departments; each brand can connect one WeChat account.</small></a>
<a class="tile" href="/admin/operators"><b><?cs var:Stats.Users ?></b> staff accounts<small>Operators answer chats in the departments they belong to.</small></a>
</div>
<?cs include:"footer.cs" ?>
