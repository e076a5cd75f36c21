<?cs include:"header.cs" ?>
<h1>Console</h1>
<section class="card">
<?cs if:Console.Departments == 0 ?>
<p class="empty">You do not belong to any department yet, so no chats can reach you. Ask an administrator to add you to one.</p>
<?cs else ?>
<p class="empty">No chats are waiting. You belong to <?cs var:Console.Departments ?> department<?cs if:Console.Departments != 1 ?>s<?cs /if ?>; new WeChat chats for them appear here.</p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
