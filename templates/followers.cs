<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.fl.title ?></h1>
<?cs if:User.SeesAll == 1 && Filter.Account ?><p><a href="/console/followers/tags?account=<?cs var:Filter.Account ?>"><?cs var:Lang.tg.manage ?></a></p><?cs /if ?>
<p class="hint"><?cs var:Lang.fl.about ?></p>
<?cs if:subcount(Accounts) == 0 ?><p class="empty"><?cs var:Lang.fl.no_accounts ?></p><?cs else ?>
<form method="get" class="filters card" action="/console/followers" id="follower-filters">
<label class="field"><span><?cs var:Lang.fl.account ?></span><select name="account">
<?cs each:a = Accounts ?><option value="<?cs var:a.Id ?>"<?cs if:a.Id == Filter.Account ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?></select></label>
<label class="field"><span><?cs var:Lang.fl.search ?></span><input type="search" name="q" value="<?cs var:Filter.Q ?>" size="16" maxlength="100" placeholder="<?cs var:Lang.fl.search_hint ?>"></label>
<label class="field"><span><?cs var:Lang.fl.scene ?></span><input type="text" name="scene" value="<?cs var:Filter.Scene ?>" size="12" maxlength="128"<?cs if:subcount(Codes) > 0 ?> list="qr-scenes"<?cs /if ?>><?cs if:subcount(Codes) > 0 ?><datalist id="qr-scenes"><?cs each:c = Codes ?><option value="<?cs var:c.Scene ?>"><?cs var:c.Name ?></option><?cs /each ?></datalist><?cs /if ?></label>
<label class="field"><span><?cs var:Lang.fl.language ?></span><select name="language"><option value=""><?cs var:Lang.fl.any ?></option>
<?cs each:l = Languages ?><option value="<?cs var:l.Code ?>"<?cs if:l.Code == Filter.Language ?> selected<?cs /if ?>><?cs var:l.Name ?></option><?cs /each ?></select></label>
<label class="field"><span><?cs var:Lang.fl.state ?></span><select name="state"><option value=""><?cs var:Lang.fl.any ?></option>
<option value="following"<?cs if:Filter.State == "following" ?> selected<?cs /if ?>><?cs var:Lang.fl.following ?></option>
<option value="unfollowed"<?cs if:Filter.State == "unfollowed" ?> selected<?cs /if ?>><?cs var:Lang.fl.unfollowed ?></option>
<option value="blocked"<?cs if:Filter.State == "blocked" ?> selected<?cs /if ?>><?cs var:Lang.fl.blocked ?></option></select></label>
<?cs if:subcount(Tags) > 0 ?><label class="field"><span><?cs var:Lang.ftag.tag ?></span><select name="tag"><option value=""><?cs var:Lang.fl.any ?></option>
<?cs each:t = Tags ?><option value="<?cs var:t.Id ?>"<?cs if:t.Id == Filter.Tag ?> selected<?cs /if ?>><?cs var:t.Name ?></option><?cs /each ?></select></label><?cs /if ?>
<label class="field<?cs if:Form.from.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.fl.followed_from ?></span><input type="date" name="from" value="<?cs var:Filter.From ?>"><?cs call:field_error("from") ?></label>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.fl.followed_to ?></span><input type="date" name="to" value="<?cs var:Filter.To ?>"><?cs call:field_error("to") ?></label>
<button type="submit" class="primary"><?cs var:Lang.rep.show ?></button>
</form>
<?cs if:subcount(Followers) == 0 ?><p class="empty"><?cs var:Lang.fl.none ?></p><?cs else ?>
<table class="list" id="followers">
<thead><tr><th><?cs var:Lang.fl.col_name ?></th><th><?cs var:Lang.fl.col_followed ?></th><th><?cs var:Lang.fl.col_source ?></th><th><?cs var:Lang.fl.language ?></th><th><?cs var:Lang.fl.col_chat ?></th></tr></thead>
<tbody>
<?cs each:f = Followers ?><tr data-follower="<?cs var:f.Id ?>"<?cs if:!f.Following || f.Blocked ?> class="off"<?cs /if ?>><td><a href="/console/followers/<?cs var:f.Id ?>" class="who"><?cs var:f.Name ?></a><?cs if:f.Blocked ?> <small class="badge"><?cs var:Lang.fl.blocked ?></small><?cs /if ?><?cs if:f.Named ?><br><small><code><?cs var:f.OpenId ?></code></small><?cs /if ?><?cs if:subcount(f.Tags) > 0 ?><ul class="words tags"><?cs each:t = f.Tags ?><li><?cs var:t ?></li><?cs /each ?></ul><?cs /if ?></td><td class="when"><?cs if:f.Following ?><time datetime="<?cs var:f.FollowedAt ?>"><?cs var:f.Followed ?></time><?cs else ?><?cs var:Lang.fl.unfollowed ?><?cs if:f.Unfollowed ?> <small><?cs var:f.Unfollowed ?></small><?cs /if ?><?cs /if ?></td><td><?cs var:f.Source ?></td><td><?cs var:f.Language ?></td><td><?cs if:f.Chat ?><a href="/console/chats/<?cs var:f.Chat ?>"><?cs var:Lang.chat_state[f.ChatState] ?></a><?cs if:f.LastMessage ?><br><small><?cs var:f.LastMessage ?></small><?cs /if ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs if:FollowersMore ?><p><a class="button" href="/console/followers?account=<?cs var:Filter.Account ?>&amp;q=<?cs var:url_escape(Filter.Q) ?>&amp;scene=<?cs var:url_escape(Filter.Scene) ?>&amp;language=<?cs var:url_escape(Filter.Language) ?>&amp;state=<?cs var:url_escape(Filter.State) ?>&amp;tag=<?cs var:Filter.Tag ?>&amp;from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;before=<?cs var:FollowersMore ?>"><?cs var:Lang.fl.older ?></a></p><?cs /if ?>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
