<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/console/followers?account=<?cs var:Filter.Account ?>"><?cs var:Lang.fl.title ?></a></p>
<h1><?cs var:Lang.tg.title ?></h1>
<p class="hint"><?cs var:Lang.tg.about ?></p>
<?cs if:subcount(Accounts) > 1 ?><form method="get" class="filters" action="/console/followers/tags">
<label class="field"><span><?cs var:Lang.fl.account ?></span><select name="account" data-autosubmit>
<?cs each:a = Accounts ?><option value="<?cs var:a.Id ?>"<?cs if:a.Id == Filter.Account ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?></select></label>
<button type="submit"><?cs var:Lang.rep.show ?></button></form><?cs /if ?>
<?cs if:TagsError ?><p class="error" role="alert"><?cs var:TagsError ?></p><?cs /if ?>
<?cs if:Filter.Account ?>
<section class="card">
<h2><?cs var:Lang.tg.new ?></h2>
<form method="post" action="/console/followers/tags" class="tag-new">
<?cs call:csrf_field() ?><input type="hidden" name="account" value="<?cs var:Filter.Account ?>">
<label class="field<?cs if:Form.name.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.tg.name ?> <small><?cs var:Lang.tg.name_hint ?></small></span>
<input type="text" name="name" value="<?cs var:Form.name.Value ?>" maxlength="30" required><?cs call:field_error("name") ?></label>
<button type="submit" class="primary"><?cs var:Lang.tg.create ?></button>
</form>
</section>
<?cs if:subcount(Tags) == 0 ?><p class="empty"><?cs var:Lang.tg.none ?></p><?cs else ?>
<table class="list" id="tags">
<thead><tr><th><?cs var:Lang.tg.name ?></th><th><?cs var:Lang.tg.followers ?></th><th></th></tr></thead>
<tbody>
<?cs each:t = Tags ?><tr data-tag="<?cs var:t.Id ?>"<?cs if:t.Deleting ?> class="off"<?cs /if ?>>
<td><?cs if:t.System || t.Deleting ?><?cs var:t.Name ?><?cs if:t.System ?> <small class="hint"><?cs var:Lang.tg.system ?></small><?cs else ?> <small class="hint"><?cs var:Lang.tg.deleting ?></small><?cs /if ?><?cs else ?><form method="post" action="/console/followers/tags/<?cs var:t.Id ?>" class="mini tag-rename"><?cs call:csrf_field() ?><input type="hidden" name="account" value="<?cs var:Filter.Account ?>"><label><span class="sr"><?cs var:Lang.tg.name ?></span><input type="text" name="name" value="<?cs var:t.Name ?>" maxlength="30" required></label> <button type="submit"><?cs var:Lang.tg.rename ?></button></form><?cs /if ?><?cs if:t.Write ?><br><small class="hint"><?cs var:t.Write ?></small><?cs /if ?></td>
<td><a href="/console/followers?account=<?cs var:Filter.Account ?>&amp;tag=<?cs var:t.Id ?>"><?cs var:t.Followers ?></a></td>
<td><?cs if:!t.System && !t.Deleting ?><form method="post" action="/console/followers/tags/<?cs var:t.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.tg.delete_confirm ?>"><?cs call:csrf_field() ?><input type="hidden" name="account" value="<?cs var:Filter.Account ?>"><button type="submit" class="danger"><?cs var:Lang.tg.delete ?></button></form><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
