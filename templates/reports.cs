<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<?cs def:filter_query() ?>from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;tz=<?cs var:url_escape(Filter.TZ) ?><?cs if:Filter.Brand ?>&amp;brand=<?cs var:Filter.Brand ?><?cs /if ?><?cs if:Filter.Channel ?>&amp;channel=<?cs var:Filter.Channel ?><?cs /if ?><?cs if:Filter.Department ?>&amp;department=<?cs var:Filter.Department ?><?cs /if ?><?cs if:Filter.Operator && !Filter.Own ?>&amp;operator=<?cs var:Filter.Operator ?><?cs /if ?><?cs /def ?>
<?cs def:tab(path, page, label) ?><a href="/reports/<?cs var:path ?>?<?cs call:filter_query() ?>"<?cs if:Report.Page == page ?> class="on" aria-current="page"<?cs /if ?>><?cs var:label ?></a><?cs /def ?>
<?cs def:select(name, label, list, current, anyname) ?>
<label class="field"><span><?cs var:label ?></span><select name="<?cs var:name ?>">
<option value="0"><?cs var:anyname ?></option>
<?cs each:o = list ?><option value="<?cs var:o.Id ?>"<?cs if:o.Id == current ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
</select></label><?cs /def ?>
<?cs def:stacked(c, title) ?>
<figure class="chart">
<svg viewBox="0 0 <?cs var:c.W ?> <?cs var:c.H ?>" role="img" aria-label="<?cs var:title ?>">
<title><?cs var:title ?></title>
<?cs each:t = c.Ticks ?><line class="grid" x1="<?cs var:c.Left ?>" x2="<?cs var:c.Right ?>" y1="<?cs var:t.Y ?>" y2="<?cs var:t.Y ?>"/><text class="ty" x="<?cs var:c.TickX ?>" y="<?cs var:t.Y ?>" dy="4"><?cs var:t.Text ?></text>
<?cs /each ?>
<?cs each:b = c.Bars ?><g><title><?cs var:b.Title ?></title><rect class="a" x="<?cs var:b.X ?>" y="<?cs var:b.AY ?>" width="<?cs var:b.W ?>" height="<?cs var:b.AH ?>"/><rect class="b" x="<?cs var:b.X ?>" y="<?cs var:b.BY ?>" width="<?cs var:b.W ?>" height="<?cs var:b.BH ?>"/></g>
<?cs /each ?>
<?cs each:x = c.XLabels ?><text class="tx" x="<?cs var:x.X ?>" y="<?cs var:c.LabelY ?>"><?cs var:x.Text ?></text>
<?cs /each ?>
<?cs if:c.Points ?><polyline class="line" points="<?cs var:c.Points ?>"/>
<?cs each:d = c.Dots ?><circle class="dot" cx="<?cs var:d.X ?>" cy="<?cs var:d.Y ?>" r="2.5"/><?cs /each ?>
<?cs each:t = c.LineTicks ?><text class="tl" x="<?cs var:c.LineX ?>" y="<?cs var:t.Y ?>" dy="4"><?cs var:t.Text ?></text><?cs /each ?>
<?cs /if ?>
</svg>
<figcaption><span class="key a"></span> <?cs var:c.Legend.A ?> <span class="key b"></span> <?cs var:c.Legend.B ?><?cs if:c.Legend.Line ?> <span class="key line"></span> <?cs var:c.Legend.Line ?> (right axis)<?cs /if ?></figcaption>
</figure><?cs /def ?>
<?cs def:hbars(c, title) ?><?cs if:subcount(c.Rows) > 0 ?>
<figure class="chart">
<svg viewBox="0 0 <?cs var:c.W ?> <?cs var:c.H ?>" role="img" aria-label="<?cs var:title ?>">
<title><?cs var:title ?></title>
<?cs each:b = c.Rows ?><text class="hl" x="224" y="<?cs var:b.TY ?>"><?cs var:b.Text ?></text><rect class="a" x="232" y="<?cs var:b.Y ?>" width="<?cs var:b.W ?>" height="18"/><text class="hv" x="<?cs var:b.VX ?>" y="<?cs var:b.TY ?>"><?cs var:b.Value ?></text>
<?cs /each ?>
</svg>
</figure><?cs /if ?><?cs /def ?>

<h1>Reports</h1>
<nav class="tabs" aria-label="Reports">
<?cs call:tab("", "overview", "Overview") ?>
<?cs call:tab("days", "days", "Per day") ?>
<?cs call:tab("hours", "hours", "Per hour of day") ?>
<?cs call:tab("operators", "operators", "Per operator") ?>
<?cs if:!Filter.Own ?><?cs call:tab("departments", "departments", "Per department") ?>
<?cs call:tab("followers", "followers", "Followers") ?><?cs /if ?>
</nav>

<form method="get" class="filters card" action="">
<label class="field<?cs if:Form.from.Error ?> bad<?cs /if ?>"><span>From</span><input type="date" name="from" value="<?cs var:Filter.From ?>"><?cs call:field_error("from") ?></label>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span>To</span><input type="date" name="to" value="<?cs var:Filter.To ?>"><?cs call:field_error("to") ?></label>
<label class="field<?cs if:Form.tz.Error ?> bad<?cs /if ?>"><span>Time zone</span><input type="text" name="tz" value="<?cs var:Filter.TZ ?>" size="16" maxlength="64" list="zones" data-tz-default><?cs call:field_error("tz") ?></label>
<datalist id="zones"><option value="Asia/Shanghai"><option value="Asia/Hong_Kong"><option value="Asia/Singapore"><option value="Asia/Tokyo"><option value="Europe/London"><option value="Europe/Berlin"><option value="America/New_York"><option value="America/Los_Angeles"><option value="UTC"></datalist>
<?cs call:select("brand", "Brand", Dims.brand, Filter.Brand, "All brands") ?>
<?cs call:select("channel", "WeChat account", Dims.channel, Filter.Channel, "All accounts") ?>
<?cs call:select("department", "Department", Dims.department, Filter.Department, "All departments") ?>
<?cs if:Filter.Own ?><p class="hint">Your own figures.</p><?cs else ?><?cs call:select("operator", "Operator", Dims.operator, Filter.Operator, "All operators") ?><?cs /if ?>
<button type="submit" class="primary">Show</button>
<a class="button" href="?<?cs call:filter_query() ?>&amp;format=csv" download>Download CSV</a>
</form>
<p class="hint">Each figure counts what happened from <?cs var:Filter.From ?> to <?cs var:Filter.To ?> (<?cs var:Filter.Days ?> day<?cs if:Filter.Days != 1 ?>s<?cs /if ?>) in <?cs var:Filter.TZ ?> time. A chat answered the day after it arrived is received on one day and answered on the next.<?cs if:Filter.Operator || Filter.Own ?> With an operator chosen, only what that operator did counts: chats received and missed belong to no operator.<?cs /if ?></p>

<?cs if:Report.Page == "overview" ?>
<section class="card">
<h2>Chats</h2>
<dl class="figures">
<div><dt>Received</dt><dd id="fig-received"><?cs var:Overview.Received ?></dd></div>
<div><dt>Answered</dt><dd id="fig-answered"><?cs var:Overview.Answered ?></dd></div>
<div><dt>Missed</dt><dd id="fig-missed"><?cs var:Overview.Missed ?></dd></div>
<div><dt>Picked up</dt><dd id="fig-picked"><?cs var:Overview.PickedUp ?></dd></div>
<div><dt>Closed</dt><dd id="fig-closed"><?cs var:Overview.Closed ?></dd></div>
<div><dt>Transfers</dt><dd id="fig-transfers"><?cs var:Overview.Transferred ?></dd></div>
<div><dt>Messages in</dt><dd id="fig-in"><?cs var:Overview.MessagesIn ?></dd></div>
<div><dt>Messages out</dt><dd id="fig-out"><?cs var:Overview.MessagesOut ?></dd></div>
<div><dt>Delivery failures</dt><dd id="fig-failed"><?cs var:Overview.Failed ?></dd></div>
</dl>
<table class="list times">
<thead><tr><th>Time</th><th>Median</th><th>90th percentile</th><th>Chats</th></tr></thead>
<tbody>
<tr id="t-first"><td>First response (from the follower's first message to the first reply)</td><td><?cs var:Overview.FirstResponse.Median ?></td><td><?cs var:Overview.FirstResponse.P90 ?></td><td><?cs var:Overview.FirstResponse.N ?></td></tr>
<tr id="t-wait"><td>Wait (in the queue until picked up)</td><td><?cs var:Overview.Wait.Median ?></td><td><?cs var:Overview.Wait.P90 ?></td><td><?cs var:Overview.Wait.N ?></td></tr>
<tr id="t-duration"><td>Chat duration (start to close)</td><td><?cs var:Overview.Duration.Median ?></td><td><?cs var:Overview.Duration.P90 ?></td><td><?cs var:Overview.Duration.N ?></td></tr>
</tbody></table>
</section>
<section class="card">
<h2>Closed, by reason</h2>
<?cs call:hbars(Reasons, "Chats closed, by reason") ?>
<?cs if:subcount(Overview.Reasons) > 0 ?>
<table class="list" id="reasons"><thead><tr><th>Reason</th><th>Chats</th></tr></thead><tbody>
<?cs each:x = Overview.Reasons ?><tr data-reason="<?cs var:x.Code ?>"><td><?cs var:x.Name ?></td><td><?cs var:x.Count ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty">No chat closed in this range.</p><?cs /if ?>
</section>
<section class="card">
<h2>Delivery failures, by WeChat error code</h2>
<?cs if:subcount(Overview.Errcodes) > 0 ?>
<table class="list" id="errcodes"><thead><tr><th>Code</th><th>What WeChat said</th><th>Messages</th></tr></thead><tbody>
<?cs each:x = Overview.Errcodes ?><tr data-errcode="<?cs var:x.Code ?>"><td><?cs var:x.Code ?></td><td><?cs var:x.Text ?></td><td><?cs var:x.Count ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty">WeChat delivered every message.</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Report.Page == "days" || Report.Page == "hours" ?>
<section class="card">
<h2><?cs if:Report.Page == "days" ?>Answered and missed chats per day<?cs else ?>Answered and missed chats per hour of the day<?cs /if ?></h2>
<?cs call:stacked(Chart, "Answered and missed chats, with the median first response") ?>
<table class="list" id="series"><thead><tr><th><?cs if:Report.Page == "days" ?>Day<?cs else ?>Hour<?cs /if ?></th><th>Received</th><th>Answered</th><th>Missed</th><th>Closed</th><th>Median first response</th><th>90th percentile</th><th>Messages in</th><th>Messages out</th><th>Delivery failures</th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-bucket="<?cs var:x.Label ?>"><td><?cs var:x.Label ?></td><td><?cs var:x.Received ?></td><td><?cs var:x.Answered ?></td><td><?cs var:x.Missed ?></td><td><?cs var:x.Closed ?></td><td><?cs var:x.Median ?></td><td><?cs var:x.P90 ?></td><td><?cs var:x.In ?></td><td><?cs var:x.Out ?></td><td><?cs var:x.Failed ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<?cs /if ?>

<?cs if:Report.Page == "operators" || Report.Page == "departments" ?>
<section class="card">
<h2>Chats picked up, per <?cs if:Report.Page == "operators" ?>operator<?cs else ?>department<?cs /if ?></h2>
<?cs call:hbars(Groups, "Chats picked up") ?>
<?cs if:subcount(Rows) > 0 ?>
<table class="list" id="groups"><thead><tr><th><?cs if:Report.Page == "operators" ?>Operator<?cs else ?>Department<?cs /if ?></th><?cs if:Report.Page == "departments" ?><th>Received</th><?cs /if ?><th>Picked up</th><th>Answered</th><?cs if:Report.Page == "departments" ?><th>Missed</th><?cs /if ?><th>Closed</th><th>Median first response</th><th>Median chat duration</th><th>Messages sent</th><th>Transfers</th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-id="<?cs var:x.Id ?>"><td><?cs var:x.Name ?></td><?cs if:Report.Page == "departments" ?><td><?cs var:x.Received ?></td><?cs /if ?><td><?cs var:x.PickedUp ?></td><td><?cs var:x.Answered ?></td><?cs if:Report.Page == "departments" ?><td><?cs var:x.Missed ?></td><?cs /if ?><td><?cs var:x.Closed ?></td><td><?cs var:x.FirstResponse ?></td><td><?cs var:x.Duration ?></td><td><?cs var:x.Out ?></td><td><?cs var:x.Transferred ?></td></tr>
<?cs /each ?></tbody></table>
<?cs else ?><p class="empty">Nothing in this range.</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Report.Page == "followers" ?>
<section class="card">
<h2>Follows and unfollows per day</h2>
<?cs call:stacked(Chart, "Follows and unfollows per day") ?>
<table class="list" id="series"><thead><tr><th>Day</th><th>Follows</th><th>Unfollows</th><th>Net</th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-bucket="<?cs var:x.Label ?>"><td><?cs var:x.Label ?></td><td><?cs var:x.Follows ?></td><td><?cs var:x.Unfollows ?></td><td><?cs var:x.Net ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>By QR scene</h2>
<?cs if:subcount(Scenes) > 0 ?>
<table class="list" id="scenes"><thead><tr><th>QR scene</th><th>Follows</th><th>Unfollows</th></tr></thead><tbody>
<?cs each:x = Scenes ?><tr data-scene="<?cs var:x.Scene ?>"><td><?cs if:x.Scene ?><?cs var:x.Scene ?><?cs else ?><i>no QR code</i><?cs /if ?></td><td><?cs var:x.Follows ?></td><td><?cs var:x.Unfollows ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty">No follows or unfollows in this range.</p><?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
