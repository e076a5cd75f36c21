<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/console/chats/<?cs var:Chat.Id ?>"><?cs var:Lang.ladder.back ?></a></p>
<h1><?cs var:Page.Title ?> <small><?cs var:Chat.Follower ?></small></h1>
<?cs if:Route.Error ?><p class="error" role="alert"><?cs var:Route.Error ?></p><?cs /if ?>
<p class="warning"><?cs if:Route.Kind == "notice" ?><?cs var:Lang.ladder.notice_rules ?><?cs else ?><?cs var:Lang.ladder.template_rules ?><?cs /if ?></p>
<p class="cost"><?cs var:Route.Cost ?></p>
<div class="notice-send">
<form method="post" action="/console/chats/<?cs var:Chat.Id ?>/notice/<?cs var:Route.Id ?>" class="notice-form" data-notice-preview>
<?cs call:csrf_field() ?>
<h2><?cs var:Route.Title ?></h2>
<?cs each:f = Route.Fields ?>
<label class="field<?cs if:Form[f.Name].Error ?> bad<?cs /if ?>"><span><?cs var:f.Label ?> <small><code><?cs var:f.Key ?></code> · <?cs var:Lang.ladder.max ?> <?cs var:f.Max ?></small></span>
<input type="text" name="<?cs var:f.Name ?>" value="<?cs var:f.Value ?>" maxlength="<?cs var:f.Max ?>" data-key="<?cs var:f.Key ?>" required><?cs call:field_error(f.Name) ?></label>
<?cs /each ?>
<label class="field<?cs if:Form.url.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ladder.url ?> <small><?cs var:Lang.ladder.url_hint ?></small></span>
<input type="url" name="url" value="<?cs var:Form.url.Value ?>" maxlength="1024"><?cs call:field_error("url") ?></label>
<?cs if:Route.Kind == "template" ?><details class="mini-program"<?cs if:Form.mp_appid.Value || Form.mp_page.Error ?> open<?cs /if ?>><summary><?cs var:Lang.ladder.mp ?></summary>
<label class="field<?cs if:Form.mp_appid.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ladder.mp_appid ?></span>
<input type="text" name="mp_appid" value="<?cs var:Form.mp_appid.Value ?>" maxlength="18" pattern="wx[0-9a-f]{16}"><?cs call:field_error("mp_appid") ?></label>
<label class="field<?cs if:Form.mp_page.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.ladder.mp_page ?> <small><?cs var:Lang.ladder.mp_page_hint ?></small></span>
<input type="text" name="mp_page" value="<?cs var:Form.mp_page.Value ?>" maxlength="256"><?cs call:field_error("mp_page") ?></label>
</details><?cs /if ?>
<button type="submit" class="primary"><?cs if:Route.Kind == "notice" ?><?cs var:Lang.ladder.send_notice ?><?cs else ?><?cs var:Lang.ladder.send_template ?><?cs /if ?></button>
</form>
<figure class="card notice-preview" id="notice-preview" data-title="<?cs var:Route.Title ?>" data-content="<?cs var:Route.Content ?>">
<figcaption><?cs var:Lang.ladder.preview ?></figcaption>
<pre><?cs var:Route.Preview ?></pre>
<?cs if:Route.Example ?><details><summary><?cs var:Lang.nt.example ?></summary><pre><?cs var:Route.Example ?></pre></details><?cs /if ?>
</figure>
</div>
<?cs include:"footer.cs" ?>
