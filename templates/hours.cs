<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands"><?cs var:Lang.nav.brands ?></a> › <a href="/admin/brands/<?cs var:Brand.Id ?>"><?cs var:Brand.Name ?></a> ›</p>
<h1><?cs var:Lang.hours.heading ?> <small><?cs var:Brand.Name ?></small></h1>
<p class="hint"><?cs var:Lang.hours.about ?></p>
<section class="card">
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/hours">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="hours_enabled" value="1"<?cs if:Hours.On ?> checked<?cs /if ?>> <?cs var:Lang.hours.enabled ?></label>
<label class="field<?cs if:Form.time_zone.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.hours.zone ?></span>
<select name="time_zone" required><?cs each:z = Zones ?><option value="<?cs var:z.Id ?>"<?cs if:z.Id == Form.time_zone.Value ?> selected<?cs /if ?>><?cs var:z.Name ?></option><?cs /each ?></select><?cs call:field_error("time_zone") ?>
<small class="hint"><?cs var:Lang.hours.zone_hint ?></small></label>
<table class="list hours">
<thead><tr><th><?cs var:Lang.hours.day ?></th><th><?cs var:Lang.hours.spans ?></th></tr></thead>
<tbody><?cs each:d = Days ?><?cs set:c = "closes_" + d.N ?>
<tr><td><?cs var:d.Name ?></td>
<td class="spans<?cs if:Form[c].Error ?> bad<?cs /if ?>"><?cs each:k = d.Spans ?><span class="span"><input type="text" name="<?cs var:k.Opens ?>" value="<?cs var:Form[k.Opens].Value ?>" placeholder="<?cs var:k.OpensHint ?>" maxlength="5" inputmode="numeric" aria-label="<?cs var:d.Name ?> <?cs var:Lang.hours.opens ?> <?cs var:k.N ?>">–<input type="text" name="<?cs var:k.Closes ?>" value="<?cs var:Form[k.Closes].Value ?>" placeholder="<?cs var:k.ClosesHint ?>" maxlength="5" inputmode="numeric" aria-label="<?cs var:d.Name ?> <?cs var:Lang.hours.closes ?> <?cs var:k.N ?>"></span> <?cs /each ?><?cs call:field_error(c) ?></td></tr>
<?cs /each ?></tbody></table>
<label class="check"><input type="checkbox" name="copy" value="1"> <?cs var:Lang.hours.copy ?></label>
<p class="hint"><?cs var:Lang.hours.days_hint ?></p>
<label class="field<?cs if:Form.holidays.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.hours.holidays ?></span>
<textarea name="holidays" rows="4" placeholder="2026-10-01"><?cs var:Form.holidays.Value ?></textarea><?cs call:field_error("holidays") ?>
<small class="hint"><?cs var:Lang.hours.holidays_hint ?></small></label>
<label class="field<?cs if:Form.workdays.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.hours.workdays ?></span>
<textarea name="workdays" rows="3" placeholder="2026-10-11"><?cs var:Form.workdays.Value ?></textarea><?cs call:field_error("workdays") ?>
<small class="hint"><?cs var:Lang.hours.workdays_hint ?></small></label>
<p class="hint"><?cs var:Lang.hours.text_moved ?> <a href="/admin/brands/<?cs var:Brand.Id ?>#texts"><?cs var:Lang.texts.heading ?></a></p>
<label class="check"><input type="checkbox" name="offhours_missed_timer" value="1"<?cs if:Hours.Timer ?> checked<?cs /if ?>> <?cs var:Lang.hours.timer ?></label>
<button type="submit" class="primary"><?cs var:Lang.hours.save ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
