<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.bc.title ?></h1>
<p class="hint"><?cs var:Lang.bc.about ?> <?cs var:MonthLine ?></p>
<?cs if:subcount(Accounts) == 0 ?><p class="empty"><?cs var:Lang.fl.no_accounts ?></p><?cs else ?>
<form method="get" class="filters" action="/console/broadcasts">
<label class="field"><span><?cs var:Lang.bc.account ?></span><select name="account">
<?cs each:a = Accounts ?><option value="<?cs var:a.Id ?>"<?cs if:a.Id == Filter.Account ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?></select></label>
<button type="submit"><?cs var:Lang.bc.show ?></button>
</form>
<section class="card" id="new-broadcast">
<h2><?cs var:Lang.bc.new ?></h2>
<p class="warning"><?cs var:Lang.bc.rules ?></p>
<form method="post" action="/console/broadcasts" class="broadcast-form">
<?cs call:csrf_field() ?><input type="hidden" name="account" value="<?cs var:Filter.Account ?>">
<label class="field<?cs if:Form.audience.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bc.audience ?></span>
<select name="audience"><?cs each:a = Audiences ?><option value="<?cs var:a.Value ?>"<?cs if:a.Value == Form.audience.Value ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?><option value="list"<?cs if:Form.audience.Value == "list" ?> selected<?cs /if ?>><?cs var:Lang.bc.list ?></option></select><?cs call:field_error("audience") ?></label>
<label class="field<?cs if:Form.openids.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bc.openids ?> <small><?cs var:Lang.bc.openids_hint ?></small></span>
<textarea name="openids" rows="2"><?cs var:Form.openids.Value ?></textarea><?cs call:field_error("openids") ?></label>
<label class="field<?cs if:Form.content.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bc.content ?> <small><?cs var:Lang.bc.content_hint ?></small></span>
<textarea name="content" rows="4" maxlength="600" required><?cs var:Form.content.Value ?></textarea><?cs call:field_error("content") ?></label>
<button type="submit" class="primary"><?cs var:Lang.bc.send ?></button>
</form>
<details class="preview-form"<?cs if:Form.openid.Error ?> open<?cs /if ?>><summary><?cs var:Lang.bc.preview ?></summary>
<form method="post" action="/console/broadcasts/preview">
<?cs call:csrf_field() ?><input type="hidden" name="account" value="<?cs var:Filter.Account ?>">
<label class="field<?cs if:Form.openid.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bc.openid ?></span><input type="text" name="openid" value="<?cs var:Form.openid.Value ?>" maxlength="64" required><?cs call:field_error("openid") ?></label>
<label class="field"><span><?cs var:Lang.bc.content ?></span><textarea name="content" rows="3" maxlength="600" required><?cs var:Form.content.Value ?></textarea></label>
<button type="submit"><?cs var:Lang.bc.preview_send ?></button>
</form></details>
</section>
<?cs if:subcount(Broadcasts) == 0 ?><p class="empty"><?cs var:Lang.bc.none ?></p><?cs else ?>
<table class="list" id="broadcasts">
<thead><tr><th><?cs var:Lang.bc.when ?></th><th><?cs var:Lang.bc.to ?></th><th><?cs var:Lang.bc.content ?></th><th><?cs var:Lang.bc.result ?></th></tr></thead>
<tbody>
<?cs each:b = Broadcasts ?><tr data-broadcast="<?cs var:b.Id ?>" data-state="<?cs var:b.State ?>">
<td><?cs var:b.When ?><br><small><?cs var:b.Author ?></small></td>
<td><?cs var:b.To ?><?cs if:b.Reach ?><br><small><?cs var:b.Reach ?></small><?cs /if ?></td>
<td class="text"><?cs var:b.Content ?></td>
<td><?cs var:b.Outcome ?><?cs if:b.State == "queued" ?><form method="post" action="/console/broadcasts/<?cs var:b.Id ?>/cancel?account=<?cs var:Filter.Account ?>" class="mini"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.bc.cancel ?></button></form><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
