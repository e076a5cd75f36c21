<?cs include:"macros.cs" ?><?cs include:"header.cs" ?>
<?cs # an operator is offered their own guide, a supervisor the administrator's too, an
   administrator every one; a guide opened by its address is still shown ?>
<nav class="guides" aria-label="<?cs var:Lang.help.guides ?>">
<a href="/help/operator"<?cs if:Help.Guide == "operator" ?> class="on"<?cs /if ?>><?cs var:Lang.help.operator ?></a>
<?cs if:User.Role != "operator" || Help.Guide == "admin" ?><a href="/help/admin"<?cs if:Help.Guide == "admin" ?> class="on"<?cs /if ?>><?cs var:Lang.help.admin ?></a><?cs /if ?>
<?cs if:User.IsAdmin == 1 || Help.Guide == "operations" ?><a href="/help/operations"<?cs if:Help.Guide == "operations" ?> class="on"<?cs /if ?>><?cs var:Lang.help.operations ?></a><?cs /if ?>
<?cs if:User.IsAdmin == 1 || Help.Guide == "contributing" ?><a href="/help/contributing"<?cs if:Help.Guide == "contributing" ?> class="on"<?cs /if ?>><?cs var:Lang.help.contributing ?></a><?cs /if ?>
<?cs if:User.IsAdmin == 1 || Help.Guide == "capacity" ?><a href="/help/capacity"<?cs if:Help.Guide == "capacity" ?> class="on"<?cs /if ?>><?cs var:Lang.help.capacity ?></a><?cs /if ?>
<a href="/help/<?cs var:Help.Guide ?>?in=<?cs var:Help.Other ?>" lang="<?cs var:Help.Other ?>" class="other"><?cs var:Lang.help.other_lang ?></a>
</nav>
<article class="doc" lang="<?cs var:Help.Lang ?>" id="guide"><?cs
each:t = Doc ?><?cs
 if:t.T == "text" ?><?cs var:t.A ?><?cs
 elif:t.T == "code" ?><code><?cs var:t.A ?></code><?cs
 elif:t.T == "pre" ?><pre><code><?cs var:t.A ?></code></pre><?cs
 elif:t.T == "br" ?><br><?cs
 elif:t.T == "hr" ?><hr><?cs
 elif:t.T == "img" ?><img src="<?cs var:t.A ?>" alt="<?cs var:t.B ?>" loading="lazy"><?cs
 elif:t.T == "open" && t.E == "a" ?><a href="<?cs var:t.A ?>"><?cs
 elif:t.T == "open" && (t.E == "h1" || t.E == "h2" || t.E == "h3" || t.E == "h4") ?><<?cs var:t.E ?><?cs if:t.A ?> id="<?cs var:t.A ?>"<?cs /if ?>><?cs
 elif:t.T == "open" ?><<?cs var:t.E ?>><?cs
 elif:t.T == "close" ?></<?cs var:t.E ?>><?cs
 /if ?><?cs /each ?>
</article>
<?cs include:"footer.cs" ?>
