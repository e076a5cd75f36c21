/* wxdesk.js: small progressive enhancements; every page works without it. */
document.addEventListener('submit', function (e) {
	var msg = e.target.getAttribute('data-confirm');
	if (msg && !window.confirm(msg))
		e.preventDefault();
});
document.addEventListener('click', function (e) {
	var a = e.target.closest('[data-back]');
	if (a && window.history.length > 1) {
		e.preventDefault();
		window.history.back();
	}
});
