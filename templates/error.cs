<?cs set:Page.Title = Error.Title ?><?cs include:"header.cs" ?>
<section class="card error-page">
<h1><?cs var:Error.Title ?></h1>
<p class="status"><?cs var:Lang.error.status ?> <?cs var:Error.Status ?></p>
<p><?cs var:Error.Message ?></p>
<p><a href="/" data-back><?cs var:Lang.error.back ?></a> · <a href="/"><?cs var:Lang.error.home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
