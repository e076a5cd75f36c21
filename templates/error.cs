<?cs set:Page.Title = Error.Title ?><?cs include:"header.cs" ?>
<section class="card error-page">
<h1><?cs var:Error.Title ?></h1>
<p class="status">Error <?cs var:Error.Status ?></p>
<p><?cs var:Error.Message ?></p>
<p><a href="/" data-back>Go back</a> · <a href="/">Home</a></p>
</section>
<?cs include:"footer.cs" ?>
