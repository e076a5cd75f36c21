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
// copy buttons: data-copy names an element whose text is copied,
// data-copy-field a form field whose value is
document.addEventListener('click', function (e) {
	var b = e.target.closest('[data-copy],[data-copy-field]');
	if (!b)
		return;
	var text = b.hasAttribute('data-copy') ?
		document.getElementById(b.getAttribute('data-copy')).textContent :
		b.form.elements[b.getAttribute('data-copy-field')].value;
	if (navigator.clipboard) {
		navigator.clipboard.writeText(text).then(function () {
			var was = b.textContent;
			b.textContent = 'Copied';
			setTimeout(function () { b.textContent = was; }, 1500);
		});
	}
});
// a status line that refreshes itself: data-poll answers {"verified": "…" | null}
(function () {
	var el = document.querySelector('[data-poll]');
	if (!el)
		return;
	var timer = setInterval(function () {
		fetch(el.getAttribute('data-poll'), { credentials: 'same-origin' })
			.then(function (r) { return r.json(); })
			.then(function (j) {
				if (!j.verified)
					return;
				el.innerHTML = '';
				var s = document.createElement('span');
				s.className = 'pass';
				s.textContent = 'Verified by WeChat at ' + j.verified + '.';
				el.appendChild(s);
				clearInterval(timer);
			})
			.catch(function () {});
	}, 2000);
})();
