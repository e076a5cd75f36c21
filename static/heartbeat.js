/* heartbeat.js: a dedicated worker that tells wxdesk every 5 s that one of
 * the operator's pages is open (POST /console/heartbeat). A worker, so a
 * tab in the background keeps beating at that pace; it stops with the page
 * (closed, or frozen by a locked phone or a closed lid), and then the
 * operator is offered nothing within seconds. The page sends the CSRF token
 * first, and 'beat' when it becomes visible again. */
var csrf = null, timer = null;
function beat() {
	if (!csrf)
		return;
	fetch('/console/heartbeat', {
		method: 'POST', credentials: 'same-origin',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'csrf=' + encodeURIComponent(csrf)
	}).then(function (r) {
		if (r.status === 403 || r.redirected)
			stop();	/* signed out, or the session ended */
	}).catch(function () {});
}
function stop() {
	if (timer !== null)
		clearInterval(timer);
	timer = null;
}
onmessage = function (e) {
	if (e.data && e.data.csrf) {
		csrf = e.data.csrf;
		stop();
		timer = setInterval(beat, (e.data.every || 5) * 1000);
	}
	beat();
};
