<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/brands"><?cs var:Lang.nav.brands ?></a> › <a href="/admin/brands/<?cs var:Brand.Id ?>"><?cs var:Brand.Name ?></a> ›</p>
<h1><?cs var:Lang.hours.heading ?> <small><?cs var:Brand.Name ?></small></h1>
<p class="hint"><?cs var:Lang.hours.about ?></p>
<section class="card">
<form method="post" action="/admin/brands/<?cs var:Brand.Id ?>/hours">
<?cs call:csrf_field() ?>
<label class="check"><input type="checkbox" name="hours_enabled" value="1"<?cs if:Hours.On ?> checked<?cs /if ?>> <?cs var:Lang.hours.enabled ?></label>
<label class="field<?cs if:Form.time_zone.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.hours.zone ?></span>
<input type="text" name="time_zone" value="<?cs var:Form.time_zone.Value ?>" maxlength="64" list="zones" required><?cs call:field_error("time_zone") ?></label>
<datalist id="zones"><option value="Asia/Shanghai"><option value="Asia/Hong_Kong"><option value="Asia/Singapore"><option value="Asia/Tokyo"><option value="Europe/London"><option value="Europe/Berlin"><option value="America/New_York"><option value="UTC"></datalist>
<table class="list hours">
<thead><tr><th><?cs var:Lang.hours.day ?></th><th><?cs var:Lang.hours.opens ?></th><th><?cs var:Lang.hours.closes ?></th></tr></thead>
<tbody><?cs each:d = Days ?><?cs set:o = "opens_" + d.N ?><?cs set:c = "closes_" + d.N ?>
<tr><td><?cs var:d.Name ?></td>
<td><input type="text" name="opens_<?cs var:d.N ?>" value="<?cs var:Form[o].Value ?>" placeholder="09:00" maxlength="5" aria-label="<?cs var:d.Name ?> <?cs var:Lang.hours.opens ?>"></td>
<td class="<?cs if:Form[c].Error ?>bad<?cs /if ?>"><input type="text" name="closes_<?cs var:d.N ?>" value="<?cs var:Form[c].Value ?>" placeholder="18:00" maxlength="5" aria-label="<?cs var:d.Name ?> <?cs var:Lang.hours.closes ?>"><?cs call:field_error(c) ?></td></tr>
<?cs /each ?></tbody></table>
<p class="hint"><?cs var:Lang.hours.days_hint ?></p>
<label class="field<?cs if:Form.holidays.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.hours.holidays ?></span>
<textarea name="holidays" rows="4" placeholder="2026-10-01"><?cs var:Form.holidays.Value ?></textarea><?cs call:field_error("holidays") ?>
<small class="hint"><?cs var:Lang.hours.holidays_hint ?></small></label>
<p class="hint"><?cs var:Lang.hours.text_moved ?> <a href="/admin/brands/<?cs var:Brand.Id ?>#texts"><?cs var:Lang.texts.heading ?></a></p>
<label class="check"><input type="checkbox" name="offhours_missed_timer" value="1"<?cs if:Hours.Timer ?> checked<?cs /if ?>> <?cs var:Lang.hours.timer ?></label>
<button type="submit" class="primary"><?cs var:Lang.hours.save ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
