<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/channels"><?cs var:Lang.nav.wechat ?></a> › <a href="/admin/channels/<?cs var:Channel.Id ?>"><?cs var:Channel.Brand ?></a> ›</p>
<h1><?cs var:Lang.menu.title ?> <small><?cs var:Channel.Brand ?></small></h1>
<p class="hint"><?cs var:Lang.menu.about ?></p>
<nav class="tabs" aria-label="<?cs var:Lang.menu.title ?>"><?cs each:x = Menus ?><a href="/admin/channels/<?cs var:Channel.Id ?>/menu<?cs if:!x.Default ?>/<?cs var:x.Id ?><?cs /if ?>"<?cs if:x.Id == Menu.Id ?> class="on" aria-current="page"<?cs /if ?>><?cs if:x.Default ?><?cs var:Lang.menu.default ?><?cs else ?><?cs var:Lang.menu.conditional ?>: <?cs if:x.Tag ?><?cs var:x.Tag ?><?cs /if ?><?cs if:x.Platform ?> <?cs var:Lang.menu.os[x.Platform] ?><?cs /if ?><?cs /if ?></a> <?cs /each ?></nav>
<?cs if:MenuError ?><p class="error" role="alert" id="menu-error"><?cs var:MenuError ?></p><?cs /if ?>
<div class="cols menu-cols">
<section class="card" id="menu-state">
<h2><?cs if:Menu.Default ?><?cs var:Lang.menu.default ?><?cs else ?><?cs var:Lang.menu.conditional ?><?cs /if ?></h2>
<?cs if:!Menu.Default ?><p><?cs var:Lang.menu.for ?> <?cs if:Menu.Tag ?><?cs var:Lang.menu.tag ?> <b><?cs var:Menu.Tag ?></b><?cs /if ?><?cs if:Menu.Platform ?> · <?cs var:Lang.menu.os[Menu.Platform] ?><?cs /if ?></p><?cs /if ?>
<p><?cs if:Menu.Published ?><?cs var:Lang.menu.published_at ?> <?cs var:Menu.Published ?><?cs else ?><?cs var:Lang.menu.never ?><?cs /if ?><?cs if:Menu.Unpublished && Menu.Published ?> · <b><?cs var:Lang.menu.changed ?></b><?cs /if ?></p>
<?cs if:Menu.Write ?><p class="hint" id="menu-write"><?cs var:Menu.Write ?></p><?cs /if ?>
<div class="phone-menu" aria-label="<?cs var:Lang.menu.preview ?>"><p class="phone-menu-title"><?cs var:Lang.menu.preview ?></p>
<div class="phone-screen"></div>
<ul class="phone-bar"><li class="kbd" aria-hidden="true">⌨</li><?cs each:b = Preview ?><li><?cs if:subcount(b.Subs) > 0 ?><ul class="phone-subs"><?cs each:sb = b.Subs ?><li><?cs var:sb ?></li><?cs /each ?></ul><?cs /if ?><span><?cs var:b.Name ?></span></li><?cs /each ?></ul></div>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/menu<?cs if:!Menu.Default ?>/<?cs var:Menu.Id ?><?cs /if ?>/publish"><?cs call:csrf_field() ?><button type="submit" class="primary"><?cs var:Lang.menu.publish ?></button></form>
<p class="hint"><?cs var:Lang.menu.refresh_hint ?></p>
<?cs if:!Menu.Default ?><form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/menu/<?cs var:Menu.Id ?>/delete" data-confirm="<?cs var:Lang.menu.delete_confirm ?>"><?cs call:csrf_field() ?><button type="submit" class="danger"><?cs var:Lang.menu.delete ?></button></form><?cs /if ?>
</section>
<section class="card" id="menu-edit">
<h2><?cs var:Lang.menu.edit ?></h2>
<p class="hint"><?cs var:Lang.menu.rules ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/menu<?cs if:!Menu.Default ?>/<?cs var:Menu.Id ?><?cs /if ?>" class="menu-form">
<?cs call:csrf_field() ?>
<?cs each:s = Slots ?><?cs if:s.Top ?><?cs if:s.N > 1 ?></fieldset><?cs /if ?><fieldset class="menu-button"><legend><?cs var:Lang.menu.button ?> <?cs var:s.N ?></legend><?cs /if ?>
<?cs if:s.Top ?><div class="menu-slot"><?cs else ?><details class="menu-slot sub"<?cs if:Form[s.Pre + "_name"].Value ?> open<?cs /if ?>><summary><?cs if:Form[s.Pre + "_name"].Value ?><?cs var:Form[s.Pre + "_name"].Value ?><?cs else ?><?cs var:Lang.menu.add_sub ?><?cs /if ?></summary><?cs /if ?>
<label class="field"><span><?cs if:s.Top ?><?cs var:Lang.menu.name_top ?><?cs else ?><?cs var:Lang.menu.name_sub ?><?cs /if ?></span><input type="text" name="<?cs var:s.Pre ?>_name" value="<?cs var:Form[s.Pre + "_name"].Value ?>" maxlength="60"></label>
<label class="field"><span><?cs var:Lang.menu.type ?></span><select name="<?cs var:s.Pre ?>_type"><?cs if:s.Top ?><option value="sub"<?cs if:Form[s.Pre + "_type"].Value == "sub" ?> selected<?cs /if ?>><?cs var:Lang.menu.t.sub ?></option><?cs /if ?><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:Form[s.Pre + "_type"].Value == t ?> selected<?cs /if ?>><?cs var:Lang.menu.t[t] ?></option><?cs /each ?></select></label>
<label class="field"><span><?cs var:Lang.menu.value ?></span><input type="text" name="<?cs var:s.Pre ?>_value" value="<?cs var:Form[s.Pre + "_value"].Value ?>" maxlength="1024"></label>
<details class="menu-more"><summary><?cs var:Lang.menu.more ?></summary>
<label class="field"><span><?cs var:Lang.menu.appid ?></span><input type="text" name="<?cs var:s.Pre ?>_appid" value="<?cs var:Form[s.Pre + "_appid"].Value ?>" maxlength="64"></label>
<label class="field"><span><?cs var:Lang.menu.page ?></span><input type="text" name="<?cs var:s.Pre ?>_page" value="<?cs var:Form[s.Pre + "_page"].Value ?>" maxlength="1024"></label>
<label class="field"><span><?cs var:Lang.menu.action ?></span><select name="<?cs var:s.Pre ?>_action"><option value=""><?cs var:Lang.menu.a.none ?></option><option value="answer"<?cs if:Form[s.Pre + "_action"].Value == "answer" ?> selected<?cs /if ?>><?cs var:Lang.menu.a.answer ?></option><option value="department"<?cs if:Form[s.Pre + "_action"].Value == "department" ?> selected<?cs /if ?>><?cs var:Lang.menu.a.department ?></option><option value="person"<?cs if:Form[s.Pre + "_action"].Value == "person" ?> selected<?cs /if ?>><?cs var:Lang.menu.a.person ?></option></select></label>
<label class="field"><span><?cs var:Lang.menu.answer ?></span><textarea name="<?cs var:s.Pre ?>_answer" rows="2" maxlength="600"><?cs var:Form[s.Pre + "_answer"].Value ?></textarea></label>
<label class="field"><span><?cs var:Lang.menu.department ?></span><select name="<?cs var:s.Pre ?>_dept"><option value=""><?cs var:Lang.qr.department_account ?></option><?cs each:d = Departments ?><option value="<?cs var:d.Id ?>"<?cs if:Form[s.Pre + "_dept"].Value == d.Id ?> selected<?cs /if ?>><?cs var:d.Name ?></option><?cs /each ?></select></label>
</details>
<?cs if:s.Top ?></div><?cs else ?></details><?cs /if ?>
<?cs /each ?></fieldset>
<button type="submit" class="primary"><?cs var:Lang.menu.save ?></button>
</form>
</section>
</div>
<?cs if:Menu.Default ?><section class="card" id="menu-conditional">
<h2><?cs var:Lang.menu.new_conditional ?></h2>
<p class="hint"><?cs var:Lang.menu.conditional_about ?></p>
<form method="post" action="/admin/channels/<?cs var:Channel.Id ?>/menu/conditional" class="inline">
<?cs call:csrf_field() ?>
<label class="field"><span><?cs var:Lang.menu.tag ?></span><select name="tag"><option value=""><?cs var:Lang.menu.any_tag ?></option><?cs each:t = Tags ?><option value="<?cs var:t.Id ?>"><?cs var:t.Name ?></option><?cs /each ?></select></label>
<label class="field"><span><?cs var:Lang.menu.platform ?></span><select name="platform"><option value=""><?cs var:Lang.menu.any_os ?></option><option value="1"><?cs var:Lang.menu.os.1 ?></option><option value="2"><?cs var:Lang.menu.os.2 ?></option><option value="3"><?cs var:Lang.menu.os.3 ?></option></select></label>
<button type="submit"><?cs var:Lang.menu.create_conditional ?></button>
</form>
</section><?cs /if ?>
<?cs include:"footer.cs" ?>
