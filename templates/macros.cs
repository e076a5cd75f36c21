<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs /def ?>
<?cs def:field_error(name) ?><?cs if:Form[name].Error ?><span class="error" id="<?cs var:name ?>-error"><?cs var:Form[name].Error ?></span><?cs /if ?><?cs /def ?>
<?cs # a file field's face: the browser's own control is labelled in the browser's language, so it is hidden (still focusable) and this shows the catalogue's words; wxdesk.js writes the chosen file's name ?>
<?cs def:file_pick() ?><span class="file-pick"><span class="button"><?cs var:Lang.file.choose ?></span> <span class="file-name" aria-hidden="true" data-none="<?cs var:Lang.file.none ?>"><?cs var:Lang.file.none ?></span></span><?cs /def ?>
<?cs def:text_field(name, label, type, maxlen, ac) ?>
<label class="field<?cs if:Form[name].Error ?> bad<?cs /if ?>"><span><?cs var:label ?></span>
<input type="<?cs var:type ?>" name="<?cs var:name ?>" value="<?cs if:type != "password" ?><?cs var:Form[name].Value ?><?cs /if ?>" maxlength="<?cs var:maxlen ?>" autocomplete="<?cs var:ac ?>" required<?cs if:Form[name].Error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
<?cs call:field_error(name) ?></label>
<?cs /def ?>
<?cs def:paging(base) ?><?cs if:Paging.Pages > 1 ?>
<p class="paging"><?cs var:Paging.Text ?>
<?cs if:Paging.Prev ?><a href="<?cs var:base ?>?page=<?cs var:Paging.Prev ?>"><?cs var:Lang.paging.prev ?></a><?cs /if ?>
<?cs if:Paging.Next ?><a href="<?cs var:base ?>?page=<?cs var:Paging.Next ?>"><?cs var:Lang.paging.next ?></a><?cs /if ?></p>
<?cs /if ?><?cs /def ?>
<?cs def:meter(m) ?><span class="meter<?cs if:m.Low ?> low<?cs /if ?><?cs if:m.Expired ?> expired<?cs /if ?>"><?cs var:m.Text ?></span><?cs /def ?>
<?cs def:rich(t) ?><?cs each:s = t ?><?cs if:s.B ?><b><?cs var:s.T ?></b><?cs else ?><?cs var:s.T ?><?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:inbox_item(i) ?><li<?cs if:i.On ?> class="on"<?cs /if ?>><a href="/console/chats/<?cs var:i.Id ?>"<?cs if:i.On ?> aria-current="page"<?cs /if ?>><b><?cs var:i.Follower ?></b><?cs if:i.Unread > 0 ?> <b class="unread" title="<?cs var:Lang.console.unread ?>"><?cs if:i.Unread > 99 ?>99+<?cs else ?><?cs var:i.Unread ?><?cs /if ?></b><?cs /if ?> <small><?cs var:i.Age ?></small><span class="words"><?cs var:i.Words ?></span><?cs if:i.Meter.Max ?><?cs call:meter(i.Meter) ?><?cs /if ?></a></li><?cs /def ?>
<?cs def:offer_banner() ?><div id="offer"><?cs if:Offer.Chat ?><section class="card offer" role="alert" data-offer="<?cs var:Offer.Chat ?>" data-left="<?cs var:Offer.Seconds ?>">
<p><b><?cs var:Lang.offer.title ?></b> <?cs var:Offer.Text ?> <span class="left"><?cs var:Offer.Left ?></span></p>
<div class="offer-actions"><form method="post" action="/console/chats/<?cs var:Offer.Chat ?>/pickup" class="mini accept"><?cs call:csrf_field() ?><button type="submit" class="primary"><?cs var:Lang.offer.accept ?></button></form>
<form method="post" action="/console/chats/<?cs var:Offer.Chat ?>/decline" class="mini decline"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.offer.decline ?></button></form>
<a href="/console/chats/<?cs var:Offer.Chat ?>"><?cs var:Lang.offer.look ?></a></div>
</section><?cs /if ?></div><?cs /def ?>
<?cs def:follower_name_form(action) ?><form method="post" action="<?cs var:action ?>" class="alias">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.alias.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.chat.alias ?></span>
<input type="text" name="alias" value="<?cs var:Form.alias.Value ?>" maxlength="100" placeholder="<?cs var:Lang.chat.alias_hint ?>"><?cs call:field_error("alias") ?></label>
<button type="submit"><?cs var:Lang.common.save_name ?></button>
<?cs if:Follower.RemarkWrite ?><p class="hint" id="remark-write"><?cs var:Follower.RemarkWrite ?></p><?cs /if ?>
</form><?cs /def ?>
<?cs def:follower_tags(base) ?><div class="follower-tags" id="follower-tags">
<h3><?cs var:Lang.ftag.title ?></h3>
<?cs if:subcount(Follower.Tags) > 0 ?><ul class="words tags"><?cs each:t = Follower.Tags ?><li<?cs if:!t.On ?> class="off"<?cs /if ?>><?cs var:t.Name ?><?cs if:t.On ?> <form method="post" action="<?cs var:base ?>/tags" class="mini"><?cs call:csrf_field() ?><input type="hidden" name="untag" value="<?cs var:t.Id ?>"><button type="submit" class="link" aria-label="<?cs var:Lang.ftag.remove ?>: <?cs var:t.Name ?>" title="<?cs var:Lang.ftag.remove ?>">×</button></form><?cs else ?> <small>(<?cs var:Lang.ftag.removing ?>)</small><?cs /if ?><?cs if:t.Write ?> <small class="hint"><?cs var:t.Write ?></small><?cs /if ?></li><?cs /each ?></ul>
<?cs else ?><p class="empty"><?cs var:Lang.ftag.none ?></p><?cs /if ?>
<?cs if:Follower.TagsFull ?><p class="hint"><?cs var:Follower.TagsFull ?></p>
<?cs elif:subcount(Follower.TagChoices) > 0 ?><form method="post" action="<?cs var:base ?>/tags" class="tag-add">
<?cs call:csrf_field() ?>
<label class="field<?cs if:Form.tag.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ftag.add_label ?></span>
<select name="tag"><option value=""><?cs var:Lang.ftag.choose ?></option><?cs each:t = Follower.TagChoices ?><option value="<?cs var:t.Id ?>"><?cs var:t.Name ?></option><?cs /each ?></select><?cs call:field_error("tag") ?></label>
<button type="submit"><?cs var:Lang.ftag.add ?></button>
</form>
<?cs else ?><p class="hint"><?cs var:Lang.ftag.no_choices ?></p><?cs if:Form.tag.Error ?><p class="error"><?cs var:Form.tag.Error ?></p><?cs /if ?><?cs /if ?>
</div>
<div class="follower-block" id="follower-block">
<?cs if:Follower.Blocked ?><p class="warning"><?cs var:Lang.ftag.is_blocked ?><?cs if:Follower.BlockedSince ?> (<?cs var:Follower.BlockedSince ?>)<?cs /if ?></p>
<form method="post" action="<?cs var:base ?>/block"><?cs call:csrf_field() ?><input type="hidden" name="blocked" value="0"><button type="submit"><?cs var:Lang.ftag.unblock ?></button></form>
<?cs else ?><form method="post" action="<?cs var:base ?>/block" data-confirm="<?cs var:Lang.ftag.block_confirm ?>"><?cs call:csrf_field() ?><input type="hidden" name="blocked" value="1"><button type="submit" class="danger"><?cs var:Lang.ftag.block ?></button></form><?cs /if ?>
<?cs if:Follower.BlockWrite ?><p class="hint" id="block-write"><?cs var:Follower.BlockWrite ?></p><?cs /if ?>
</div>
<form method="post" action="<?cs var:base ?>/menu" class="menu-match"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.menu.what_sees ?></button></form><?cs /def ?>
<?cs def:qr_routing_fields() ?>
<label class="field<?cs if:Form.name.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.name ?></span>
<input type="text" name="name" value="<?cs var:Form.name.Value ?>" maxlength="100" required><?cs call:field_error("name") ?></label>
<label class="field<?cs if:Form.campaign.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.campaign ?> <small><?cs var:Lang.common.optional ?></small></span>
<input type="text" name="campaign" value="<?cs var:Form.campaign.Value ?>" maxlength="64"><?cs call:field_error("campaign") ?></label>
<label class="field<?cs if:Form.department.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.department ?></span>
<select name="department"><option value=""><?cs var:Lang.qr.department_account ?></option><?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:d.Id == Form.department.Value ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?></select><?cs call:field_error("department") ?></label>
<label class="field<?cs if:Form.operator.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.operator ?> <small><?cs var:Lang.common.optional ?></small></span>
<select name="operator"><option value=""><?cs var:Lang.qr.operator_none ?></option><?cs each:u = People ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Form.operator.Value ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?></select><?cs call:field_error("operator") ?></label>
<label class="field<?cs if:Form.tag.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.tag ?> <small><?cs var:Lang.common.optional ?></small></span>
<select name="tag"><option value=""><?cs var:Lang.qr.tag_none ?></option><?cs each:t = Tags ?><option value="<?cs var:t.Id ?>"<?cs if:t.Id == Form.tag.Value ?> selected<?cs /if ?>><?cs var:t.Name ?></option><?cs /each ?></select><?cs call:field_error("tag") ?></label>
<label class="field<?cs if:Form.welcome.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.qr.welcome ?> <small><?cs var:Lang.qr.welcome_hint ?></small></span>
<textarea name="welcome" rows="3" maxlength="600"><?cs var:Form.welcome.Value ?></textarea><?cs call:field_error("welcome") ?></label>
<?cs /def ?>
<?cs # a knowledge base article's fields (kb.cs, kb-article.cs) ?>
<?cs def:kb_fields() ?><label class="field<?cs if:Form.question.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_question ?></span>
<input type="text" name="question" maxlength="200" value="<?cs var:Form.question.Value ?>" required><?cs call:field_error("question") ?></label>
<label class="field<?cs if:Form.alternatives.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_alternatives ?> <small><?cs var:Lang.kb.alternatives_hint ?></small></span>
<textarea name="alternatives" rows="3" maxlength="2000"><?cs var:Form.alternatives.Value ?></textarea><?cs call:field_error("alternatives") ?></label>
<label class="field<?cs if:Form.answer.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_answer ?></span>
<textarea name="answer" rows="4" maxlength="2000" required><?cs var:Form.answer.Value ?></textarea><?cs call:field_error("answer") ?></label>
<label class="field<?cs if:Form.category.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_category ?></span>
<input type="text" name="category" maxlength="60" value="<?cs var:Form.category.Value ?>"><?cs call:field_error("category") ?></label>
<label class="field<?cs if:Form.picture.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_picture ?></span>
<input type="file" name="picture" accept=".jpg,.jpeg,.png,image/jpeg,image/png"><?cs call:file_pick() ?><?cs call:field_error("picture") ?>
<small class="hint"><?cs var:Lang.kb.picture_hint ?></small></label>
<?cs if:Article.0.Picture ?><p class="hint picture-kept" id="kb-picture"><img class="thumb" src="/console/kb/<?cs var:Brand.Id ?>/articles/<?cs var:Article.0.Id ?>/picture?v=<?cs var:Article.0.Picture ?>" alt="<?cs var:Lang.field.kb_picture ?>" loading="lazy"> <?cs var:Lang.kb.picture_kept ?></p>
<label class="check"><input type="checkbox" name="picture_remove" value="1"> <?cs var:Lang.field.kb_picture_remove ?></label><?cs /if ?>
<label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Form.enabled.Value || !Form.question.Value ?> checked<?cs /if ?>> <?cs var:Lang.field.kb_enabled ?></label><?cs /def ?>
