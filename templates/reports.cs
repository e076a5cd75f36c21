<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<?cs def:filter_query() ?>from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;tz=<?cs var:url_escape(Filter.TZ) ?><?cs if:Filter.Brand ?>&amp;brand=<?cs var:Filter.Brand ?><?cs /if ?><?cs if:Filter.Channel ?>&amp;channel=<?cs var:Filter.Channel ?><?cs /if ?><?cs if:Filter.Department ?>&amp;department=<?cs var:Filter.Department ?><?cs /if ?><?cs if:Filter.Operator && !Filter.Own ?>&amp;operator=<?cs var:Filter.Operator ?><?cs /if ?><?cs if:Filter.BH ?>&amp;bh=1<?cs /if ?><?cs if:Filter.QR ?>&amp;qr=<?cs var:Filter.QR ?><?cs /if ?><?cs if:Filter.Campaign ?>&amp;campaign=<?cs var:url_escape(Filter.Campaign) ?><?cs /if ?><?cs /def ?>
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
<figcaption><span class="key a"></span> <?cs var:c.Legend.A ?> <span class="key b"></span> <?cs var:c.Legend.B ?><?cs if:c.Legend.Line ?> <span class="key line"></span> <?cs var:c.Legend.Line ?> <?cs var:Lang.rep.right_axis ?><?cs /if ?></figcaption>
</figure><?cs /def ?>
<?cs def:hbars(c, title) ?><?cs if:subcount(c.Rows) > 0 ?>
<figure class="chart">
<svg viewBox="0 0 <?cs var:c.W ?> <?cs var:c.H ?>" role="img" aria-label="<?cs var:title ?>">
<title><?cs var:title ?></title>
<?cs each:b = c.Rows ?><text class="hl" x="224" y="<?cs var:b.TY ?>"><?cs var:b.Text ?></text><rect class="a" x="232" y="<?cs var:b.Y ?>" width="<?cs var:b.W ?>" height="18"/><text class="hv" x="<?cs var:b.VX ?>" y="<?cs var:b.TY ?>"><?cs var:b.Value ?></text>
<?cs /each ?>
</svg>
</figure><?cs /if ?><?cs /def ?>

<h1><?cs var:Lang.nav.reports ?></h1>
<nav class="tabs" aria-label="<?cs var:Lang.nav.reports ?>">
<?cs call:tab("", "overview", Lang.rep.overview) ?>
<?cs call:tab("days", "days", Lang.rep.per_day) ?>
<?cs call:tab("hours", "hours", Lang.rep.per_hour) ?>
<?cs call:tab("operators", "operators", Lang.rep.per_operator) ?>
<?cs if:!Filter.Own ?><?cs call:tab("departments", "departments", Lang.rep.per_department) ?>
<?cs call:tab("followers", "followers", Lang.rep.followers) ?>
<?cs call:tab("qr", "qr", Lang.rep.qr) ?><?cs /if ?>
<?cs call:tab("presence", "presence", Lang.rep.presence) ?>
<?cs call:tab("csat", "csat", Lang.rep.csat) ?>
</nav>

<form method="get" class="filters card" action="">
<label class="field<?cs if:Form.from.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.rep.from ?></span><input type="date" name="from" value="<?cs var:Filter.From ?>"><?cs call:field_error("from") ?></label>
<label class="field<?cs if:Form.to.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.rep.to ?></span><input type="date" name="to" value="<?cs var:Filter.To ?>"><?cs call:field_error("to") ?></label>
<label class="field<?cs if:Form.tz.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.rep.tz ?></span><input type="text" name="tz" value="<?cs var:Filter.TZ ?>" size="16" maxlength="64" list="zones" data-tz-default><?cs call:field_error("tz") ?></label>
<datalist id="zones"><option value="Asia/Shanghai"><option value="Asia/Hong_Kong"><option value="Asia/Singapore"><option value="Asia/Tokyo"><option value="Europe/London"><option value="Europe/Berlin"><option value="America/New_York"><option value="America/Los_Angeles"><option value="UTC"></datalist>
<?cs call:select("brand", Lang.brands.brand, Dims.brand, Filter.Brand, Lang.rep.all_brands) ?>
<?cs call:select("channel", Lang.wx.account, Dims.channel, Filter.Channel, Lang.rep.all_accounts) ?>
<?cs if:Filter.Uses.Department ?><?cs call:select("department", Lang.brand.department, Dims.department, Filter.Department, Lang.rep.all_departments) ?><?cs elif:Filter.Department ?><input type="hidden" name="department" value="<?cs var:Filter.Department ?>"><?cs /if ?>
<?cs if:Filter.Own ?><p class="hint"><?cs var:Lang.rep.own ?></p><?cs elif:Filter.Uses.Operator ?><?cs call:select("operator", Lang.rep.operator, Dims.operator, Filter.Operator, Lang.rep.all_operators) ?><?cs elif:Filter.Operator ?><input type="hidden" name="operator" value="<?cs var:Filter.Operator ?>"><?cs /if ?>
<?cs if:Filter.Uses.QR ?><?cs if:subcount(Dims.qr) > 0 || Filter.QR ?><?cs call:select("qr", Lang.rep.qr_code, Dims.qr, Filter.QR, Lang.rep.all_qr) ?><?cs /if ?><?cs if:subcount(Dims.campaign) > 0 || Filter.Campaign ?>
<label class="field"><span><?cs var:Lang.rep.qr_campaign ?></span><select name="campaign">
<option value=""><?cs var:Lang.rep.all_campaigns ?></option>
<?cs each:o = Dims.campaign ?><option value="<?cs var:o.Name ?>"<?cs if:o.Name == Filter.Campaign ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
</select></label><?cs /if ?><?cs else ?><?cs if:Filter.QR ?><input type="hidden" name="qr" value="<?cs var:Filter.QR ?>"><?cs /if ?><?cs if:Filter.Campaign ?><input type="hidden" name="campaign" value="<?cs var:Filter.Campaign ?>"><?cs /if ?><?cs /if ?>
<?cs if:Filter.Uses.BH ?><label class="check" id="bh"><input type="checkbox" name="bh" value="1"<?cs if:Filter.BH ?> checked<?cs /if ?>> <?cs var:Lang.rep.bh_only ?></label><?cs elif:Filter.BH ?><input type="hidden" name="bh" value="1"><?cs /if ?>
<button type="submit" class="primary"><?cs var:Lang.rep.show ?></button>
<a class="button" href="?<?cs call:filter_query() ?>&amp;format=csv" download><?cs var:Lang.rep.csv ?></a>
</form>
<p class="hint"><?cs var:Filter.Text ?><?cs if:(Filter.Operator && Filter.Uses.Operator) || Filter.Own ?> <?cs var:Lang.rep.operator_hint ?><?cs /if ?><?cs if:Filter.BH && Filter.Uses.BH ?> <span id="bh-hint"><?cs var:Lang.rep.bh_hint ?></span><?cs /if ?><?cs if:Report.Page == "presence" && (Filter.Brand || Filter.Channel || Filter.Department) ?> <span id="serves-hint"><?cs var:Lang.rep.presence_serves ?></span><?cs /if ?><?cs if:(Filter.QR || Filter.Campaign) && Filter.Uses.QR ?> <span id="qr-hint"><?cs var:Lang.rep.qr_hint ?></span><?cs /if ?><?cs if:(Filter.Department && !Filter.Uses.Department) || (Filter.Operator && !Filter.Own && !Filter.Uses.Operator) || (Filter.BH && !Filter.Uses.BH) || ((Filter.QR || Filter.Campaign) && !Filter.Uses.QR) ?> <span id="kept-hint"><?cs var:Lang.rep.filters_kept ?></span><?cs /if ?></p>

<?cs if:Report.Page == "overview" ?>
<section class="card">
<h2><?cs var:Lang.rep.chats ?></h2>
<dl class="figures">
<div><dt><?cs var:Lang.rep.received ?></dt><dd id="fig-received"><?cs var:Overview.Received ?></dd></div>
<div><dt><?cs var:Lang.rep.answered_h ?></dt><dd id="fig-answered"><?cs var:Overview.Answered ?></dd></div>
<div><dt><?cs var:Lang.rep.missed_h ?></dt><dd id="fig-missed"><?cs var:Overview.Missed ?></dd></div>
<div><dt><?cs var:Lang.rep.picked_up ?></dt><dd id="fig-picked"><?cs var:Overview.PickedUp ?></dd></div>
<div><dt><?cs var:Lang.rep.closed ?></dt><dd id="fig-closed"><?cs var:Overview.Closed ?></dd></div>
<div><dt><?cs var:Lang.rep.transfers ?></dt><dd id="fig-transfers"><?cs var:Overview.Transferred ?></dd></div>
<div><dt><?cs var:Lang.rep.messages_in ?></dt><dd id="fig-in"><?cs var:Overview.MessagesIn ?></dd></div>
<div><dt><?cs var:Lang.rep.messages_out ?></dt><dd id="fig-out"><?cs var:Overview.MessagesOut ?></dd></div>
<div><dt><?cs var:Lang.rep.failures ?></dt><dd id="fig-failed"><?cs var:Overview.Failed ?></dd></div>
</dl>
<table class="list times">
<thead><tr><th><?cs var:Lang.rep.time ?></th><th><?cs var:Lang.rep.median ?></th><th><?cs var:Lang.rep.p90 ?></th><th><?cs var:Lang.rep.chats ?></th></tr></thead>
<tbody>
<tr id="t-first"><td><?cs if:Filter.BH ?><?cs var:Lang.rep.first_response_bh ?><?cs else ?><?cs var:Lang.rep.first_response_long ?><?cs /if ?></td><td><?cs var:Overview.FirstResponse.Median ?></td><td><?cs var:Overview.FirstResponse.P90 ?></td><td><?cs var:Overview.FirstResponse.N ?></td></tr>
<tr id="t-wait"><td><?cs var:Lang.rep.wait_long ?></td><td><?cs var:Overview.Wait.Median ?></td><td><?cs var:Overview.Wait.P90 ?></td><td><?cs var:Overview.Wait.N ?></td></tr>
<tr id="t-duration"><td><?cs var:Lang.rep.duration_long ?></td><td><?cs var:Overview.Duration.Median ?></td><td><?cs var:Overview.Duration.P90 ?></td><td><?cs var:Overview.Duration.N ?></td></tr>
</tbody></table>
</section>
<section class="card" id="followups">
<h2><?cs var:Lang.rep.followups ?></h2>
<p class="hint"><?cs var:Lang.rep.followups_hint ?></p>
<dl class="figures">
<div><dt><?cs var:Lang.rep.followups_received ?></dt><dd id="fig-fu-received"><?cs var:Overview.FollowupsReceived ?></dd></div>
<div><dt><?cs var:Lang.rep.followups_answered ?></dt><dd id="fig-fu-answered"><?cs var:Overview.FollowupsAnswered ?></dd></div>
<div><dt><?cs var:Lang.rep.followups_expired ?></dt><dd id="fig-fu-expired"><?cs var:Overview.FollowupsExpired ?></dd></div>
<div><dt><?cs var:Lang.rep.held_sent ?></dt><dd id="fig-held-sent"><?cs var:Overview.HeldSent ?></dd></div>
<div><dt><?cs var:Lang.rep.held_expired ?></dt><dd id="fig-held-expired"><?cs var:Overview.HeldExpired ?></dd></div>
<div><dt><?cs var:Lang.rep.first_in_window ?></dt><dd id="fig-first-in-window"><?cs var:Overview.FirstInWindow ?></dd></div>
<div><dt><?cs var:Lang.rep.templates_sent ?></dt><dd id="fig-templates-sent"><?cs var:Overview.TemplatesSent ?></dd></div>
<div><dt><?cs var:Lang.rep.templates_failed ?></dt><dd id="fig-templates-failed"><?cs var:Overview.TemplatesFailed ?></dd></div>
<div><dt><?cs var:Lang.rep.notices_sent ?></dt><dd id="fig-notices-sent"><?cs var:Overview.NoticesSent ?></dd></div>
<div><dt><?cs var:Lang.rep.notices_failed ?></dt><dd id="fig-notices-failed"><?cs var:Overview.NoticesFailed ?></dd></div>
<div><dt><?cs var:Lang.rep.broadcasts ?></dt><dd id="fig-broadcasts"><?cs var:Overview.Broadcasts ?></dd></div>
</dl>
</section>
<section class="card">
<h2><?cs var:Lang.rep.by_reason ?></h2>
<?cs call:hbars(Reasons, Lang.rep.by_reason) ?>
<?cs if:subcount(Overview.Reasons) > 0 ?>
<table class="list" id="reasons"><thead><tr><th><?cs var:Lang.rep.reason ?></th><th><?cs var:Lang.rep.chats ?></th></tr></thead><tbody>
<?cs each:x = Overview.Reasons ?><tr data-reason="<?cs var:x.Code ?>"><td><?cs var:x.Name ?></td><td><?cs var:x.Count ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.none_closed ?></p><?cs /if ?>
</section>
<section class="card" id="by-topic">
<h2><?cs var:Lang.rep.by_topic ?></h2>
<?cs if:subcount(Overview.Topics) > 0 ?>
<?cs call:hbars(Topics, Lang.rep.by_topic) ?>
<table class="list" id="topics"><thead><tr><th><?cs var:Lang.rep.topic ?></th><th><?cs var:Lang.rep.chats ?></th></tr></thead><tbody>
<?cs each:x = Overview.Topics ?><tr><td><?cs var:x.Name ?></td><td><?cs var:x.Count ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.none_topics ?></p><?cs /if ?>
</section>
<section class="card">
<h2><?cs var:Lang.rep.by_errcode ?></h2>
<?cs if:subcount(Overview.Errcodes) > 0 ?>
<table class="list" id="errcodes"><thead><tr><th><?cs var:Lang.rep.code ?></th><th><?cs var:Lang.rep.what_wechat_said ?></th><th><?cs var:Lang.rep.messages ?></th></tr></thead><tbody>
<?cs each:x = Overview.Errcodes ?><tr data-errcode="<?cs var:x.Code ?>" data-kind="<?cs var:x.Kind ?>"><td><?cs var:x.Code ?></td><td><?cs var:x.Text ?></td><td><?cs var:x.Count ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.all_delivered ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Report.Page == "days" || Report.Page == "hours" ?>
<section class="card">
<h2><?cs if:Report.Page == "days" ?><?cs var:Lang.rep.series_days ?><?cs else ?><?cs var:Lang.rep.series_hours ?><?cs /if ?></h2>
<?cs call:stacked(Chart, Lang.rep.series_chart) ?>
<table class="list" id="series"><thead><tr><th><?cs if:Report.Page == "days" ?><?cs var:Lang.rep.day ?><?cs else ?><?cs var:Lang.rep.hour ?><?cs /if ?></th><th><?cs var:Lang.rep.received ?></th><th><?cs var:Lang.rep.answered_h ?></th><th><?cs var:Lang.rep.missed_h ?></th><th><?cs var:Lang.rep.closed ?></th><th><?cs var:Lang.rep.median_first_h ?></th><th><?cs var:Lang.rep.p90 ?></th><th><?cs var:Lang.rep.messages_in ?></th><th><?cs var:Lang.rep.messages_out ?></th><th><?cs var:Lang.rep.failures ?></th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-bucket="<?cs var:x.Label ?>"><td><?cs var:x.Label ?></td><td><?cs var:x.Received ?></td><td><?cs var:x.Answered ?></td><td><?cs var:x.Missed ?></td><td><?cs var:x.Closed ?></td><td><?cs var:x.Median ?></td><td><?cs var:x.P90 ?></td><td><?cs var:x.In ?></td><td><?cs var:x.Out ?></td><td><?cs var:x.Failed ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<?cs /if ?>

<?cs if:Report.Page == "operators" || Report.Page == "departments" ?>
<section class="card">
<h2><?cs if:Report.Page == "operators" ?><?cs var:Lang.rep.picked_per_operator ?><?cs else ?><?cs var:Lang.rep.picked_per_department ?><?cs /if ?></h2>
<?cs call:hbars(Groups, Lang.rep.picked_up) ?>
<?cs if:subcount(Rows) > 0 ?>
<table class="list" id="groups"><thead><tr><th><?cs if:Report.Page == "operators" ?><?cs var:Lang.rep.operator ?><?cs else ?><?cs var:Lang.brand.department ?><?cs /if ?></th><?cs if:Report.Page == "departments" ?><th><?cs var:Lang.rep.received ?></th><?cs /if ?><th><?cs var:Lang.rep.picked_up ?></th><th><?cs var:Lang.rep.answered_h ?></th><?cs if:Report.Page == "departments" ?><th><?cs var:Lang.rep.missed_h ?></th><?cs /if ?><th><?cs var:Lang.rep.closed ?></th><th><?cs var:Lang.rep.median_first_h ?></th><th><?cs var:Lang.rep.median_duration ?></th><th><?cs var:Lang.rep.messages_sent ?></th><th><?cs var:Lang.rep.transfers ?></th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-id="<?cs var:x.Id ?>"><td><?cs var:x.Name ?></td><?cs if:Report.Page == "departments" ?><td><?cs var:x.Received ?></td><?cs /if ?><td><?cs var:x.PickedUp ?></td><td><?cs var:x.Answered ?></td><?cs if:Report.Page == "departments" ?><td><?cs var:x.Missed ?></td><?cs /if ?><td><?cs var:x.Closed ?></td><td><?cs var:x.FirstResponse ?></td><td><?cs var:x.Duration ?></td><td><?cs var:x.Out ?></td><td><?cs var:x.Transferred ?></td></tr>
<?cs /each ?></tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.nothing ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Report.Page == "followers" ?>
<section class="card">
<h2><?cs var:Lang.rep.follows_per_day ?></h2>
<?cs call:stacked(Chart, Lang.rep.follows_per_day) ?>
<table class="list" id="series"><thead><tr><th><?cs var:Lang.rep.day ?></th><th><?cs var:Lang.rep.follows_h ?></th><th><?cs var:Lang.rep.unfollows_h ?></th><th><?cs var:Lang.rep.net ?></th></tr></thead><tbody>
<?cs each:x = Rows ?><tr data-bucket="<?cs var:x.Label ?>"><td><?cs var:x.Label ?></td><td><?cs var:x.Follows ?></td><td><?cs var:x.Unfollows ?></td><td><?cs var:x.Net ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2><?cs var:Lang.rep.by_scene ?></h2>
<?cs if:subcount(Scenes) > 0 ?>
<table class="list" id="scenes"><thead><tr><th><?cs var:Lang.rep.scene ?></th><th><?cs var:Lang.rep.follows_h ?></th><th><?cs var:Lang.rep.unfollows_h ?></th></tr></thead><tbody>
<?cs each:x = Scenes ?><tr data-scene="<?cs var:x.Scene ?>"><td><?cs if:x.Scene ?><?cs var:x.Scene ?><?cs else ?><i><?cs var:Lang.rep.no_qr ?></i><?cs /if ?></td><td><?cs var:x.Follows ?></td><td><?cs var:x.Unfollows ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.no_follows ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs def:qr_table(rows, id, first) ?><table class="list" id="<?cs var:id ?>"><thead><tr><th><?cs var:first ?></th><th><?cs var:Lang.rep.qr_scans ?></th><th><?cs var:Lang.rep.follows_h ?></th><th><?cs var:Lang.rep.qr_chats ?></th><th><?cs var:Lang.rep.csat_rated ?></th><th><?cs var:Lang.rep.csat_avg ?></th></tr></thead><tbody>
<?cs each:x = rows ?><tr><td><?cs var:x.Label ?><?cs if:x.Scene ?> <small><code><?cs var:x.Scene ?></code><?cs if:x.Campaign ?> · <?cs var:x.Campaign ?><?cs /if ?></small><?cs /if ?></td><td><?cs var:x.Scans ?></td><td><?cs var:x.Follows ?></td><td><?cs var:x.Chats ?></td><td><?cs var:x.Rated ?></td><td><?cs var:x.Avg ?></td></tr><?cs /each ?>
</tbody></table><?cs /def ?>
<?cs if:Report.Page == "qr" ?>
<section class="card"><h2><?cs var:Lang.rep.qr_codes ?></h2>
<?cs if:subcount(Codes) > 0 ?><?cs call:qr_table(Codes, "qr-codes", Lang.rep.qr_code) ?><?cs else ?><p class="empty"><?cs var:Lang.rep.qr_none ?></p><?cs /if ?></section>
<?cs if:subcount(Campaigns) > 0 ?><section class="card"><h2><?cs var:Lang.rep.qr_campaigns ?></h2><?cs call:qr_table(Campaigns, "qr-campaigns", Lang.rep.qr_campaign) ?></section><?cs /if ?>
<?cs /if ?>
<?cs def:csat_table(rows, id, first) ?><?cs if:subcount(rows) > 0 ?>
<table class="list" id="<?cs var:id ?>"><thead><tr><th><?cs var:first ?></th><th><?cs var:Lang.rep.csat_asked ?></th><th><?cs var:Lang.rep.csat_rated ?></th><th><?cs var:Lang.rep.csat_share ?></th><th><?cs var:Lang.rep.csat_avg ?></th></tr></thead><tbody>
<?cs each:x = rows ?><tr><td><?cs var:x.Label ?></td><td><?cs var:x.Asked ?></td><td><?cs var:x.Rated ?></td><td><?cs var:x.Share ?></td><td><?cs var:x.Avg ?></td></tr><?cs /each ?>
</tbody></table><?cs else ?><p class="empty"><?cs var:Lang.rep.csat_none ?></p><?cs /if ?><?cs /def ?>
<?cs if:Report.Page == "csat" ?>
<section class="card"><h2><?cs var:Lang.rep.csat_per_day ?></h2><?cs call:csat_table(CsatDays, "csat-days", Lang.rep.day) ?></section>
<section class="card"><h2><?cs var:Lang.rep.per_operator ?></h2><?cs call:csat_table(CsatOperators, "csat-operators", Lang.rep.operator) ?></section>
<section class="card"><h2><?cs var:Lang.rep.per_department ?></h2><?cs call:csat_table(CsatDepartments, "csat-departments", Lang.brand.department) ?></section>
<?cs /if ?>
<?cs if:Report.Page == "presence" ?>
<section class="card">
<h2><?cs var:Lang.rep.presence_per_day ?></h2>
<?cs if:subcount(Rows) > 0 ?>
<table class="list" id="presence"><thead><tr><th><?cs var:Lang.rep.operator ?></th><th><?cs var:Lang.rep.day ?></th><th><?cs var:Lang.presence.states.available ?></th><th><?cs var:Lang.presence.states.busy ?></th><th><?cs var:Lang.presence.states.away ?></th><th><?cs var:Lang.rep.offers_accepted ?></th><th><?cs var:Lang.rep.offers_declined ?></th><th><?cs var:Lang.rep.offers_timeout ?></th><th><?cs var:Lang.rep.hand_avg ?></th><th><?cs var:Lang.rep.hand_max ?></th></tr></thead><tbody>
<?cs each:x = Rows ?><tr><td><?cs var:x.Operator ?></td><td><?cs var:x.Day ?></td><td><?cs var:x.available ?></td><td><?cs var:x.busy ?></td><td><?cs var:x.away ?></td><td><?cs var:x.Accepted ?></td><td><?cs var:x.Declined ?></td><td><?cs var:x.TimedOut ?></td><td><?cs var:x.HandAvg ?></td><td><?cs var:x.HandMax ?></td></tr>
<?cs /each ?></tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.no_presence ?></p><?cs /if ?>
</section>
<section class="card">
<h2><?cs var:Lang.rep.queue_by_hour ?></h2>
<?cs if:subcount(Queue) > 0 ?>
<table class="list" id="queue"><thead><tr><th><?cs var:Lang.rep.hour ?></th><th><?cs var:Lang.rep.queue_avg ?></th><th><?cs var:Lang.rep.wait_longest ?></th><th><?cs var:Lang.rep.wait_avg_longest ?></th></tr></thead><tbody>
<?cs each:x = Queue ?><tr data-hour="<?cs var:x.Hour ?>" data-waiting="<?cs var:x.Avg ?>" data-longest="<?cs var:x.MaxWaitS ?>"><td><?cs var:x.Hour ?></td><td><?cs var:x.Avg ?></td><td><?cs var:x.MaxWait ?></td><td><?cs var:x.AvgWait ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><p class="empty"><?cs var:Lang.rep.no_queue ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
