<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.nav.wechat ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>"><?cs var:Channel.Brand ?></a> ›</p>
<h1><?cs var:Lang.bot.heading ?> <small><?cs var:Channel.Brand ?></small></h1>
<nav class="sections" aria-label="<?cs var:Lang.ch.sections ?>"><a href="#texts"><?cs var:Lang.bot.texts ?></a> <a href="#rules"><?cs var:Lang.bot.rules ?></a> <a href="#menu"><?cs var:Lang.bot.menu ?></a> <a href="#service"><?cs var:Lang.botsvc.heading ?></a> <a href="#try"><?cs var:Lang.bot.try ?></a> <a href="#import"><?cs var:Lang.bot.import ?></a></nav>
<?cs if:Bot.On ?><p class="hint"><?cs var:Lang.bot.on ?></p><?cs else ?><p class="warning"><?cs var:Lang.bot.off ?> <a href="/admin/channels/<?cs var:Channel.Id ?>#preferences"><?cs var:Lang.ch.prefs ?></a></p><?cs /if ?>
<p class="hint"><?cs var:Lang.bot.about ?></p>
<?cs if:Service.Url ?><p class="notice" id="service-on"><?cs var:Lang.botsvc.on ?> <a href="#service"><?cs var:Service.Url ?></a></p><?cs /if ?>

<section class="card" id="texts">
<h2><?cs var:Lang.bot.texts ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.welcome.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_welcome ?></span>
<textarea name="welcome" rows="3" maxlength="2000"><?cs var:Form.welcome.Value ?></textarea><?cs call:field_error("welcome") ?>
<small class="hint"><?cs var:Lang.bot.welcome_hint ?></small></label>
<label class="field<?cs if:Form.fallback.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_fallback ?></span>
<textarea name="fallback" rows="2" maxlength="2000" placeholder="<?cs var:Bot.DefaultFallback ?>"><?cs var:Form.fallback.Value ?></textarea><?cs call:field_error("fallback") ?></label>
<label class="field<?cs if:Form.handoff_text.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_handoff_text ?></span>
<textarea name="handoff_text" rows="2" maxlength="2000" placeholder="<?cs var:Bot.DefaultHandoff ?>"><?cs var:Form.handoff_text.Value ?></textarea><?cs call:field_error("handoff_text") ?></label>
<label class="field<?cs if:Form.handoff_words.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_handoff_words ?></span>
<textarea name="handoff_words" rows="2" maxlength="1000"><?cs var:Form.handoff_words.Value ?></textarea><?cs call:field_error("handoff_words") ?>
<small class="hint"><?cs var:Lang.bot.words_hint ?> <code><?cs var:Bot.DefaultWords ?></code></small></label>
<label class="field<?cs if:Form.miss_limit.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_miss_limit ?></span>
<input type="number" name="miss_limit" min="1" max="9" value="<?cs var:Form.miss_limit.Value ?>" required><?cs call:field_error("miss_limit") ?></label>
<button type="submit" class="primary"><?cs var:Lang.bot.save ?></button>
</form>
</section>

<section class="card" id="rules">
<h2><?cs var:Lang.bot.rules ?></h2>
<?cs if:subcount(Rules) == 0 ?><p class="empty"><?cs var:Lang.bot.no_rules ?></p><?cs else ?>
<table class="list rules">
<thead><tr><th><?cs var:Lang.field.bot_mode ?></th><th><?cs var:Lang.field.bot_patterns ?></th><th><?cs var:Lang.field.bot_answer ?></th><th></th></tr></thead>
<tbody><?cs each:x = Rules ?><tr data-rule="<?cs var:x.Id ?>" id="rule-<?cs var:x.Id ?>"<?cs if:x.Id == Edit.Id ?> class="editing"<?cs /if ?>><td><?cs var:Lang.bot.mode[x.Mode] ?></td><td class="pre"><?cs var:x.Patterns ?></td>
<td class="pre"><?cs var:x.Answer ?><?cs if:x.Picture ?> <img class="thumb" src="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:x.Id ?>/picture?v=<?cs var:x.Picture ?>" alt="<?cs var:Lang.kb.picture_tag ?>" loading="lazy"> <em class="tag"><?cs if:x.MediaId ?><?cs var:Lang.bot.picture_ready ?><?cs else ?><?cs var:Lang.bot.picture_waiting ?><?cs /if ?></em><?cs /if ?><?cs if:x.Handoff == 1 ?> <em class="tag"><?cs var:Lang.bot.hands_off ?></em><?cs /if ?></td>
<td class="actions"><?cs if:x.MenuItem >= 0 ?><a href="#menu"><?cs var:Lang.bot.in_menu ?></a><?cs else ?><?cs if:!first(x) ?><form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:x.Id ?>/move" class="mini"><?cs call:csrf_field() ?><input type="hidden" name="dir" value="up"><button type="submit" class="link" title="<?cs var:Lang.bot.move_up ?>" aria-label="<?cs var:Lang.bot.move_up ?>">↑</button></form><?cs /if ?>
<?cs if:!last(x) ?><form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:x.Id ?>/move" class="mini"><?cs call:csrf_field() ?><input type="hidden" name="dir" value="down"><button type="submit" class="link" title="<?cs var:Lang.bot.move_down ?>" aria-label="<?cs var:Lang.bot.move_down ?>">↓</button></form><?cs /if ?>
<a href="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:x.Id ?>#rule-form"><?cs var:Lang.bot.edit_rule ?></a>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:x.Id ?>/delete" class="mini" data-confirm="<?cs var:Lang.bot.rule_delete_confirm ?>"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.common.delete ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
</table><?cs /if ?>
<h3 id="rule-form"><?cs if:Edit.Id ?><?cs var:Lang.bot.editing_rule ?><?cs else ?><?cs var:Lang.bot.new_rule ?><?cs /if ?></h3>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/rules<?cs if:Edit.Id ?>/<?cs var:Edit.Id ?><?cs /if ?>" enctype="multipart/form-data">
<?cs call:csrf_field() ?>
<fieldset class="choices<?cs if:Form.mode.Error ?> bad<?cs /if ?>"><legend><?cs var:Lang.field.bot_mode ?></legend>
<label class="check"><input type="radio" name="mode" value="contains"<?cs if:Form.mode.Value != "exact" && Form.mode.Value != "scene" ?> checked<?cs /if ?>> <?cs var:Lang.bot.mode_about.contains ?></label>
<label class="check"><input type="radio" name="mode" value="exact"<?cs if:Form.mode.Value == "exact" ?> checked<?cs /if ?>> <?cs var:Lang.bot.mode_about.exact ?></label>
<label class="check"><input type="radio" name="mode" value="scene"<?cs if:Form.mode.Value == "scene" ?> checked<?cs /if ?>> <?cs var:Lang.bot.mode_about.scene ?></label>
<?cs call:field_error("mode") ?></fieldset>
<label class="field<?cs if:Form.patterns.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_patterns ?></span>
<textarea name="patterns" rows="3" maxlength="1000"><?cs var:Form.patterns.Value ?></textarea><?cs call:field_error("patterns") ?>
<small class="hint"><?cs var:Lang.bot.patterns_hint ?></small></label>
<label class="field<?cs if:Form.answer.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_answer ?></span>
<textarea name="answer" rows="4" maxlength="2000"><?cs var:Form.answer.Value ?></textarea><?cs call:field_error("answer") ?>
<small class="hint"><?cs var:Lang.bot.answer_hint ?></small></label>
<label class="field<?cs if:Form.picture.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bot.picture ?></span>
<input type="file" name="picture" accept=".jpg,.jpeg,.png,image/jpeg,image/png"><?cs call:file_pick() ?><?cs call:field_error("picture") ?>
<small class="hint"><?cs var:Lang.bot.picture_hint ?></small></label>
<label class="check"><input type="checkbox" name="handoff" value="1"<?cs if:Form.handoff.Value ?> checked<?cs /if ?>> <?cs var:Lang.bot.handoff_box ?></label>
<?cs if:Edit.Id ?><?cs if:Edit.Picture ?><p class="hint picture-kept"><img class="thumb" src="/admin/channels/<?cs var:Channel.Id ?>/bot/rules/<?cs var:Edit.Id ?>/picture?v=<?cs var:Edit.Picture ?>" alt="<?cs var:Lang.kb.picture_tag ?>" loading="lazy"> <?cs var:Lang.bot.picture_kept ?></p><?cs /if ?>
<button type="submit" class="primary"><?cs var:Lang.bot.save_rule ?></button> <a href="/admin/channels/<?cs var:Channel.Id ?>/bot#rules"><?cs var:Lang.common.cancel ?></a>
<?cs else ?><button type="submit" class="primary"><?cs var:Lang.bot.add_rule ?></button><?cs /if ?>
</form>
</section>

<section class="card" id="menu">
<h2><?cs var:Lang.bot.menu ?></h2>
<p class="hint"><?cs var:Lang.bot.menu_about ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/menu">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.menu_words.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bot.menu_words ?></span>
<input type="text" name="menu_words" value="<?cs var:Form.menu_words.Value ?>" maxlength="1000" placeholder="<?cs var:Lang.bot.menu_words_example ?>"><?cs call:field_error("menu_words") ?></label>
<label class="field<?cs if:Form.menu_intro.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bot.menu_intro ?></span>
<textarea name="menu_intro" rows="2" maxlength="2000"><?cs var:Form.menu_intro.Value ?></textarea><?cs call:field_error("menu_intro") ?></label>
<table class="list menu-items"><thead><tr><th>#</th><th><?cs var:Lang.bot.menu_label ?></th><th><?cs var:Lang.field.bot_answer ?></th><th><?cs var:Lang.field.bot_handoff ?></th></tr></thead><tbody>
<?cs each:i = Menu.Items ?><tr><td><?cs var:i.N ?></td>
<td class="<?cs if:Form[i.Label].Error ?>bad<?cs /if ?>"><input type="text" name="<?cs var:i.Label ?>" value="<?cs var:Form[i.Label].Value ?>" maxlength="20" aria-label="<?cs var:i.N ?> <?cs var:Lang.bot.menu_label ?>"><?cs call:field_error(i.Label) ?></td>
<td class="<?cs if:Form[i.Answer].Error ?>bad<?cs /if ?>"><textarea name="<?cs var:i.Answer ?>" rows="1" maxlength="2000" aria-label="<?cs var:i.N ?> <?cs var:Lang.field.bot_answer ?>"><?cs var:Form[i.Answer].Value ?></textarea><?cs call:field_error(i.Answer) ?></td>
<td><input type="checkbox" name="<?cs var:i.Handoff ?>" value="1"<?cs if:Form[i.Handoff].Value ?> checked<?cs /if ?> aria-label="<?cs var:i.N ?> <?cs var:Lang.field.bot_handoff ?>"></td></tr>
<?cs /each ?></tbody></table>
<button type="submit" class="primary"><?cs var:Lang.bot.menu_save ?></button>
</form>
</section>

<section class="card" id="service">
<h2><?cs var:Lang.botsvc.heading ?></h2>
<p class="hint"><?cs var:Lang.botsvc.about ?></p>
<?cs if:Revealed.Secret ?><p class="warning" role="alert"><?cs var:Lang.botsvc.secret_shown ?> <code id="service-secret"><?cs var:Revealed.Secret ?></code></p><?cs /if ?>
<?cs if:Service.Url ?><dl class="facts" id="service-facts">
<dt><?cs var:Lang.botsvc.week ?></dt><dd><?cs var:Lang.botsvc.answered ?> <b id="service-answered"><?cs var:Service.Week.answered ?></b> · <?cs var:Lang.botsvc.late ?> <b id="service-late"><?cs var:Service.Week.late ?></b> · <?cs var:Lang.botsvc.handoff ?> <b id="service-handoff"><?cs var:Service.Week.handoff ?></b> · <?cs var:Lang.botsvc.failed ?> <b id="service-failed"><?cs var:Service.Week.failed ?></b> · <?cs var:Lang.botsvc.unsent ?> <b><?cs var:Service.Week.unsent ?></b></dd>
<dt><?cs var:Lang.botsvc.failures ?></dt><dd><b id="service-failures"><?cs var:Service.Failures ?></b><?cs if:Service.LastFailure ?> · <?cs var:Service.LastFailure ?><?cs /if ?></dd>
</dl><?cs /if ?>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/service#service" class="stack" id="service-form">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.service_url.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.bot_service_url ?> <small><?cs var:Lang.botsvc.url_hint ?></small></span><input type="url" name="service_url" maxlength="500" inputmode="url" value="<?cs var:Form.service_url.Value ?>"><?cs call:field_error("service_url") ?></label>
<?cs if:Service.SecretMasked ?><p><?cs var:Lang.botsvc.secret ?> <code><?cs var:Service.SecretMasked ?></code></p>
<label class="check"><input type="checkbox" name="new_secret" value="1"> <?cs var:Lang.field.bot_new_secret ?></label><?cs /if ?>
<button type="submit" class="primary"><?cs var:Lang.botsvc.save ?></button>
</form>
</section>

<section class="card" id="try">
<h2><?cs var:Lang.bot.try ?></h2>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/test#try" class="inline">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.try.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bot.try_label ?></span>
<input type="text" name="try" value="<?cs var:Form.try.Value ?>" maxlength="2000"><?cs call:field_error("try") ?></label>
<button type="submit"><?cs var:Lang.bot.try_button ?></button>
</form>
<?cs if:Try.Kind ?><div class="try-result" data-kind="<?cs var:Try.Kind ?>">
<p><b><?cs var:Lang.bot.try_kind[Try.Kind] ?></b><?cs if:Try.Why ?> <?cs var:Try.Why ?><?cs /if ?></p>
<?cs if:Try.Text ?><p class="bubble"><?cs var:Try.Text ?></p><?cs /if ?>
</div><?cs /if ?>
</section>

<section class="card" id="import">
<h2><?cs var:Lang.bot.import ?></h2>
<p><a class="button" href="/admin/channels/<?cs var:Channel.Id ?>/bot/export" download><?cs var:Lang.bot.export ?></a></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/bot/import" enctype="multipart/form-data">
<?cs call:csrf_field() ?>
<p class="hint"><?cs var:Lang.bot.import_about ?> <?cs var:Lang.bot.import_save ?> <code>CSV UTF-8</code></p>
<dl class="columns">
<dt><code>mode</code></dt><dd><?cs var:Lang.bot.col_mode ?> <code>exact</code> <?cs var:Lang.bot.col_exact ?>; <code>contains</code> <?cs var:Lang.bot.col_contains ?>; <code>scene</code> <?cs var:Lang.bot.col_scene ?></dd>
<dt><code>patterns</code></dt><dd><?cs var:Lang.bot.col_patterns ?></dd>
<dt><code>answer</code></dt><dd><?cs var:Lang.bot.col_answer ?></dd>
<dt><code>handoff</code></dt><dd><?cs var:Lang.bot.col_handoff ?></dd>
</dl>
<label class="field<?cs if:Form.file.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.bot.import_file ?> <code>mode,patterns,answer,handoff</code></span>
<input type="file" name="file" accept=".csv,text/csv"><?cs call:file_pick() ?><?cs call:field_error("file") ?></label>
<label class="check"><input type="checkbox" name="replace" value="1"> <?cs var:Lang.bot.replace ?></label>
<button type="submit"><?cs var:Lang.bot.import ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
