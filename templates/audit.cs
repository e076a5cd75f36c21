<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.audit.title ?></h1>
<p class="hint"><?cs var:Lang.audit.about ?></p>
<form method="get" class="filters card" action="/admin/audit">
<label class="field<?cs if:Form.from.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.rep.from ?></span><input type="date" name="from" value="<?cs var:Filter.From ?>"><?cs call:field_error("from") ?></label>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.rep.to ?></span><input type="date" name="to" value="<?cs var:Filter.To ?>"><?cs call:field_error("to") ?></label>
<label class="field"><span><?cs var:Lang.audit.col_who ?></span><input type="text" name="login" value="<?cs var:Filter.Login ?>" size="12" maxlength="64"></label>
<label class="field"><span><?cs var:Lang.audit.col_action ?></span><select name="action"><option value=""><?cs var:Lang.audit.all_actions ?></option>
<?cs each:a = Actions ?><option value="<?cs var:a.Name ?>"<?cs if:a.Name == Filter.Action ?> selected<?cs /if ?>><?cs var:a.Label ?></option><?cs /each ?></select></label>
<label class="field"><span><?cs var:Lang.audit.col_ip ?></span><input type="text" name="ip" value="<?cs var:Filter.IP ?>" size="14" maxlength="64"></label>
<button type="submit" class="primary"><?cs var:Lang.rep.show ?></button>
<a class="button" href="/admin/audit?from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;login=<?cs var:url_escape(Filter.Login) ?>&amp;action=<?cs var:url_escape(Filter.Action) ?>&amp;ip=<?cs var:url_escape(Filter.IP) ?>&amp;format=csv" download><?cs var:Lang.rep.csv ?></a>
</form>
<?cs if:subcount(Audit) == 0 ?><p class="empty"><?cs var:Lang.audit.none ?></p><?cs else ?>
<table class="list" id="audit">
<thead><tr><th><?cs var:Lang.audit.col_time ?></th><th><?cs var:Lang.audit.col_who ?></th><th><?cs var:Lang.audit.col_action ?></th><th><?cs var:Lang.audit.col_ip ?></th><th><?cs var:Lang.audit.col_detail ?></th></tr></thead>
<tbody>
<?cs each:e = Audit ?><tr data-action="<?cs var:e.Action ?>"><td class="when"><time datetime="<?cs var:e.At ?>"><?cs var:e.Time ?></time></td><td><?cs if:e.Name ?><?cs var:e.Name ?><br><small><?cs var:e.Who ?></small><?cs else ?><?cs var:e.Who ?><?cs /if ?></td><td><?cs var:e.Label ?><br><small><code><?cs var:e.Page ?></code></small></td><td><?cs var:e.IP ?></td><td><?cs if:subcount(e.Fields) ?><dl class="detail"><?cs each:d = e.Fields ?><dt><?cs var:d.Label ?></dt><dd class="words"><?cs var:d.Value ?></dd><?cs /each ?></dl><?cs else ?><code class="detail"><?cs var:e.Raw ?></code><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs if:AuditMore ?><p><a class="button" href="/admin/audit?from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;login=<?cs var:url_escape(Filter.Login) ?>&amp;action=<?cs var:url_escape(Filter.Action) ?>&amp;ip=<?cs var:url_escape(Filter.IP) ?>&amp;before=<?cs var:AuditMore ?>"><?cs var:Lang.audit.older ?></a></p><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
