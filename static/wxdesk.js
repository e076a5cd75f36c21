/* wxdesk.js: small progressive enhancements; every page works without it. */
// the page's texts in the reader's language (the catalogue's js.* keys, in
// body[data-text]); t(key, values…) fills %s and %d in order, as the
// catalogue's printf formats do
// (file fields show the catalogue's face only where this script runs)
document.documentElement.classList.add('js');
// what an action did: in view for a few seconds, then out of the way
(function () {
	var f = document.querySelector('main > .flash');
	if (!f)
		return;
	f.addEventListener('click', function () { f.classList.add('gone'); });
	setTimeout(function () { f.classList.add('gone'); }, 10000);
})();
var texts = {};
try { texts = JSON.parse(document.body.getAttribute('data-text') || '{}'); } catch (e) { texts = {}; }
function t(key) {
	var args = Array.prototype.slice.call(arguments, 1), i = 0;
	return (texts[key] || key).replace(/%[-0-9.]*(?:ll|l|z)?[a-z]/g, function () {
		return i < args.length ? String(args[i++]) : '';
	});
}
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
			b.textContent = t('copied');
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
				s.textContent = t('verified', j.verified);
				el.appendChild(s);
				clearInterval(timer);
			})
			.catch(function () {});
	}, 2000);
})();
// recent times read as "3 min ago" (the exact time in the tooltip); a
// time with data-rel="after" keeps its text and gains the relative one
function relTimes() {
	var now = Date.now();
	document.querySelectorAll('time[datetime]').forEach(function (el) {
		var at = Date.parse(el.getAttribute('datetime')), s = (now - at) / 1000, rel;
		if (isNaN(at))
			return;
		if (!el.hasAttribute('data-abs'))
			el.setAttribute('data-abs', el.textContent);
		rel = s < -60 || s >= 6 * 3600 ? null : s < 45 ? t('rel_now') :
		    s < 3600 ? t('rel_min', Math.round(s / 60)) : t('rel_hours', Math.floor(s / 3600));
		el.title = el.getAttribute('data-abs');
		if (el.getAttribute('data-rel') === 'after')
			el.textContent = el.getAttribute('data-abs') + (rel ? ' (' + rel + ')' : '');
		else
			el.textContent = rel || el.getAttribute('data-abs');
	});
}
relTimes();
setInterval(relTimes, 30000);
// each cell of a list table carries its column's name, which a phone-sized
// screen shows beside the value (the table reads as a list there)
function labelTables() {
	document.querySelectorAll('table.list').forEach(function (tb) {
		var heads = Array.prototype.map.call(tb.querySelectorAll('thead th'),
		    function (th) { return th.textContent.trim(); });
		tb.querySelectorAll('tbody tr').forEach(function (tr) {
			Array.prototype.forEach.call(tr.children, function (td, i) {
				if (heads[i] && !td.hasAttribute('data-label'))
					td.setAttribute('data-label', heads[i]);
			});
		});
	});
}
labelTables();
// presence follows the person: every signed-in page beats from a worker
// (static/heartbeat.js) and says so when it is closed or hidden; another
// page of theirs beating meanwhile keeps them present
(function () {
	var f = document.querySelector('form.presence input[name="csrf"]');
	if (!f || !window.Worker)
		return;
	var csrf = f.value, w;
	try { w = new Worker('/static/heartbeat.js'); } catch (e) { return; }
	w.postMessage({ csrf: csrf, every: 5 });
	function gone() {
		var body = new URLSearchParams();
		body.set('csrf', csrf);
		body.set('gone', '1');
		if (navigator.sendBeacon)
			navigator.sendBeacon('/console/heartbeat', body);
	}
	window.addEventListener('pagehide', gone);
	document.addEventListener('visibilitychange', function () {
		if (document.visibilityState === 'hidden')
			gone();
		else
			w.postMessage('beat');
	});
	window.addEventListener('pageshow', function (e) {
		if (e.persisted)	/* back from the browser's page cache */
			w.postMessage('beat');
	});
})();
// the console, live: polls a cheap endpoint every 2 s; when something
// changed, updates the counts and the tab title, plays a sound for a new
// waiting chat, and refreshes the list or the transcript in place (what is
// typed in the reply box stays)
(function () {
	var live = document.getElementById('live');
	if (!live)
		return;
	// the mark as the page was drawn: a change while it loaded (a reply
	// delivered meanwhile) refreshes it at the first poll
	var mark = null, drawn = live.getAttribute('data-mark');
	var waiting = parseInt(live.getAttribute('data-waiting'), 10) || 0, unread = null;
	var offer = null;
	// a refused action (a sixth reply, a file WeChat cannot take) answers at
	// the form's address: the address bar, a reload and the live refresh
	// go back to the chat's own page
	var self = live.getAttribute('data-self');
	if (self && location.pathname !== self && window.history.replaceState)
		window.history.replaceState(null, '', self);
	var baseTitle = document.title;
	var pref = function (id, def) {
		var box = document.getElementById(id), v = localStorage.getItem('wxdesk.' + id);
		if (box) {
			box.checked = v === null ? def : v === '1';
			box.addEventListener('change', function () {
				localStorage.setItem('wxdesk.' + id, box.checked ? '1' : '0');
				showTitle();
			});
		}
		return function () { return box ? box.checked : (v === null ? def : v === '1'); };
	};
	var soundOn = pref('sound-on', true), titleOn = pref('title-on', true);
	// the title counts the waiting chats and the unread messages in my chats
	function showTitle() {
		var n = waiting + (unread || 0);
		document.title = titleOn() && n > 0 ? '(' + n + ') ' + baseTitle : baseTitle;
	}
	function beep() {
		try {
			var ctx = new (window.AudioContext || window.webkitAudioContext)();
			var o = ctx.createOscillator(), g = ctx.createGain();
			o.frequency.value = 880;
			g.gain.value = 0.1;
			o.connect(g);
			g.connect(ctx.destination);
			o.start();
			o.stop(ctx.currentTime + 0.15);
		} catch (e) { /* no audio: the title still counts */ }
	}
	// the conversation in view: the transcript scrolls by itself, pinned to
	// the newest message; once the reader scrolled up it stays where they
	// are, and a marker says new messages came and takes them there
	function atEnd(tr) {
		return tr.scrollTop + tr.clientHeight >= tr.scrollHeight - 24;
	}
	// what stands between the transcript and the reply box (the pick-up
	// button, whom the chat is offered to): in view with the transcript
	function between(tr, box) {
		var h = 0;
		for (var e = tr.nextElementSibling; e && e !== box; e = e.nextElementSibling)
			if (e.offsetHeight)
				h += e.offsetHeight + 8;
		return h;
	}
	// the reply box is pinned at the bottom of the screen while the
	// operator can reply (not before the chat is theirs: then the pick-up
	// button is what they need, above it)
	function pinned(box) {
		return window.getComputedStyle(box).position === 'sticky';
	}
	// the transcript's height: what the screen has between its top and the
	// reply box pinned at the bottom; when that is too little (a phone), as
	// much as the screen has, the page scrolled to show it
	function fit() {
		var tr = document.getElementById('transcript'), box = document.getElementById('composer');
		if (!tr || !box)
			return;
		var room = window.innerHeight - (pinned(box) ? box.offsetHeight : 0) - between(tr, box) - 16,
		    top = tr.getBoundingClientRect().top + window.scrollY, h = room - top;
		if (h < 200)
			h = Math.max(160, room - 48);
		tr.style.maxHeight = h + 'px';
	}
	function toEnd() {
		var tr = document.getElementById('transcript'), mark = document.getElementById('new-below');
		if (tr)
			tr.scrollTop = tr.scrollHeight;
		if (mark)
			mark.hidden = true;
	}
	function show() {
		var tr = document.getElementById('transcript'), box = document.getElementById('composer');
		fit();
		toEnd();
		if (!tr || !box)
			return;
		var over = tr.getBoundingClientRect().bottom + between(tr, box) -
		    (window.innerHeight - (pinned(box) ? box.offsetHeight : 0) - 8);
		if (over > 0)
			window.scrollBy(0, over);
		// a chat to pick up: its button in view (the reply box below it waits)
		var pick = document.querySelector('#chat form.pickup');
		if (pick && pick.scrollIntoView)
			pick.scrollIntoView({ block: 'nearest' });
	}
	window.addEventListener('resize', fit);
	// a picture that loads after the transcript was pinned to its end (they
	// load lazily, after the page is shown) keeps it there
	document.addEventListener('load', function (e) {
		var img = e.target, tr = document.getElementById('transcript');
		if (!tr || img.tagName !== 'IMG' || !tr.contains(img))
			return;
		if (tr.scrollTop + tr.clientHeight >= tr.scrollHeight - img.offsetHeight - 48)
			toEnd();
	}, true);
	function markNew() {
		var tr = document.getElementById('transcript'), mark = document.getElementById('new-below');
		if (!tr)
			return;
		if (!mark) {
			mark = document.createElement('button');
			mark.type = 'button';
			mark.id = 'new-below';
			mark.className = 'new-below';
			mark.textContent = t('new_messages');
			tr.parentNode.insertBefore(mark, tr.nextSibling);
		}
		mark.hidden = false;
	}
	document.addEventListener('click', function (e) {
		if (e.target.closest && e.target.closest('#new-below'))
			toEnd();
	});
	document.addEventListener('scroll', function (e) {
		var mark = document.getElementById('new-below');
		if (e.target.id === 'transcript' && mark && !mark.hidden && atEnd(e.target))
			mark.hidden = true;
	}, true);
	show();
	// older messages: a chat page shows its newest 50; the rest come 50 at a
	// time above them when the reader scrolls to the top (or follows the
	// link, which without the script is a page of its own). The live update
	// then asks for everything from the oldest message the reader has.
	var older = null;	// { path, id }: the oldest message loaded into this chat's page
	// where the messages shown begin, by id (the page says: its first row
	// may be a held reply shown where it went, with an older id)
	function oldestShown() {
		var tr = document.getElementById('transcript');
		if (older && older.path === location.pathname)
			return older.id;
		return tr && tr.querySelector('.older-more') ? tr.getAttribute('data-from') : null;
	}
	function loadOlder(a) {
		var li = a.parentNode, tr = document.getElementById('transcript');
		if (!tr || li.getAttribute('data-loading'))
			return;
		li.setAttribute('data-loading', '1');
		fetch(a.href, { credentials: 'same-origin' })
			.then(function (r) {
				if (!r.ok)
					throw new Error(String(r.status));
				return r.text();
			})
			.then(function (html) {
				var fresh = new DOMParser().parseFromString(html, 'text/html')
				    .getElementById('transcript');
				if (!fresh)
					throw new Error('not a chat');
				var h0 = tr.scrollHeight, top0 = tr.scrollTop,
				    part = document.createDocumentFragment();
				Array.prototype.slice.call(fresh.children).forEach(function (c) {
					if (!c.classList.contains('newer-more'))
						part.appendChild(c);
				});
				li.replaceWith(part);
				if (fresh.getAttribute('data-from'))
					older = { path: location.pathname, id: fresh.getAttribute('data-from') };
				tr.scrollTop = top0 + tr.scrollHeight - h0;	/* the reader stays where they were */
				relTimes();
			})
			.catch(function () { location.href = a.href; });
	}
	document.addEventListener('click', function (e) {
		var a = e.target.closest && e.target.closest('#transcript .older-more a');
		if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)
			return;
		e.preventDefault();
		loadOlder(a);
	});
	document.addEventListener('scroll', function (e) {
		var a = e.target.id === 'transcript' && e.target.scrollTop < 40 &&
		    e.target.querySelector('.older-more a');
		if (a)
			loadOlder(a);
	}, true);
	function refresh() {
		var from = oldestShown(), url = from && location.pathname.match(CHAT) ?
		    location.pathname + '?from=' + from : location.href;
		fetch(url, { credentials: 'same-origin' })
			.then(function (r) { return r.text(); })
			.then(function (html) {
				var doc = new DOMParser().parseFromString(html, 'text/html');
				var tr0 = document.getElementById('transcript'), mark0 = document.getElementById('new-below');
				var pinned = !tr0 || atEnd(tr0), top0 = tr0 ? tr0.scrollTop : 0;
				var n0 = tr0 ? tr0.children.length : 0, marked = mark0 && !mark0.hidden;
				var tools0 = document.getElementById('composer-tools');
				var toolsOpen = tools0 ? tools0.open : undefined;
				['chatlist', 'chat', 'inbox', 'offer'].forEach(function (id) {
					var old = document.getElementById(id), fresh = doc.getElementById(id);
					if (!old || !fresh)
						return;
					// what the operator types into and chooses is never replaced,
					// only moved into the fresh page (which says whether it may be
					// used): a text typed or a file chosen stays, even one given
					// while the page was updating (a file dialog open)
					var keep = old.querySelectorAll('textarea[name], input[type=file][name]');
					var focused = document.activeElement, chosen = choices(old);
					old.innerHTML = fresh.innerHTML;
					choose(old, chosen);
					keep.forEach(function (el) {
						var n = old.querySelector(el.tagName + '[name="' + el.name + '"]');
						if (!n)
							return;
						el.disabled = n.disabled;
						['data-typing', 'placeholder'].forEach(function (a) {
							if (n.hasAttribute(a))
								el.setAttribute(a, n.getAttribute(a));
							else
								el.removeAttribute(a);
						});
						n.replaceWith(el);
						if (el.type === 'file')
							showFile(el);	/* the fresh face names its file */
						if (el === focused && !el.disabled)
							el.focus();
					});
				});
				sendCost(document.getElementById('composer'));
				foldTools(toolsOpen);
				var tr1 = document.getElementById('transcript');
				fit();
				if (tr1 && pinned)
					toEnd();
				else if (tr1) {
					tr1.scrollTop = top0;
					if (marked || tr1.children.length > n0)
						markNew();
				}
				relTimes();
				labelTables();
			})
			.catch(function () {});
	}
	// the one-page inbox: a chat opened from the inbox column (or the
	// follower's other chats) is swapped in without reloading the page; the
	// address follows, back and forward work, and what was typed in each
	// chat's reply box waits for it in this tab
	var CHAT = /^\/console\/chats\/\d+$/, shown = live.getAttribute('data-self');
	function draft(save) {
		var box = document.querySelector('#composer textarea'), key = 'wxdesk.draft.' + shown;
		if (!box)
			return;
		if (save && box.value)
			sessionStorage.setItem(key, box.value);
		else if (save)
			sessionStorage.removeItem(key);
		else if (!box.value && !box.disabled && sessionStorage.getItem(key))
			box.value = sessionStorage.getItem(key);
	}
	function openChat(url, push) {
		draft(true);
		fetch(url, { credentials: 'same-origin' })
			.then(function (r) {
				if (!r.ok)
					throw new Error(String(r.status));
				return r.text();
			})
			.then(function (html) {
				var doc = new DOMParser().parseFromString(html, 'text/html'),
				    fresh = doc.getElementById('live');
				if (!fresh || !doc.getElementById('chat') || !document.getElementById('chat'))
					throw new Error('not a chat');
				['inbox', 'chat', 'follower'].forEach(function (id) {
					var old = document.getElementById(id), f = doc.getElementById(id);
					if (old && f)
						old.innerHTML = f.innerHTML;
				});
				document.querySelectorAll('main > .flash').forEach(function (f) { f.remove(); });
				live.setAttribute('data-self', fresh.getAttribute('data-self'));
				if (push)
					window.history.pushState({ chat: url }, '', url);
				shown = url;
				baseTitle = doc.title;
				showTitle();
				draft(false);
				relTimes();
				sendCost(document.getElementById('composer'));
				foldTools();
				show();
			})
			.catch(function () { location.href = url; });
	}
	if (document.getElementById('inbox')) {
		document.addEventListener('click', function (e) {
			var a = e.target.closest('a[href]');
			if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey ||
			    !a.closest('#inbox, .other-chats') || !CHAT.test(a.getAttribute('href')))
				return;
			e.preventDefault();
			if (a.getAttribute('href') !== location.pathname)
				openChat(a.getAttribute('href'), true);
		});
		// (back and forward between chats; a link within the page, the
		// follower panel's #follower on a phone, is no other chat)
		window.addEventListener('popstate', function () {
			if (CHAT.test(location.pathname) && location.pathname !== shown)
				openChat(location.pathname, false);
		});
	}
	// a chat's actions in place (send, note, pick up, transfer, close, reopen,
	// the follower's name): the form posts, and the chat page that answers
	// takes the chat's place, the transcript in view at its newest message
	// and the flash above it; the address stays the chat's. An answer that
	// is no chat page (a transfer away, an error page) is shown as it is.
	// Without the script the forms post as they always did.
	function swapIn(doc, url, sent) {
		['inbox', 'chat', 'follower', 'offer'].forEach(function (id) {
			var old = document.getElementById(id), f = doc.getElementById(id);
			if (!old || !f)
				return;
			var chosen = choices(old, sent);
			old.innerHTML = f.innerHTML;
			choose(old, chosen);
		});
		document.querySelectorAll('main > .flash').forEach(function (f) { f.remove(); });
		var flash = doc.querySelector('main > .flash'), main = document.querySelector('main');
		if (flash && main)
			main.insertBefore(document.importNode(flash, true), main.firstChild);
		var fresh = doc.getElementById('live');
		if (fresh)
			live.setAttribute('data-mark', fresh.getAttribute('data-mark'));
		if (window.history.replaceState)
			window.history.replaceState(null, '', url);
		draft(false);
		relTimes();
		labelTables();
		sendCost(document.getElementById('composer'));
		foldTools();
		show();
	}
	document.addEventListener('submit', function (e) {
		var f = e.target, sent = e.submitter;
		if (e.defaultPrevented || !f.closest || !f.closest('#chat, #follower') || !window.fetch ||
		    !window.FormData || (f.getAttribute('method') || '').toLowerCase() !== 'post')
			return;
		e.preventDefault();
		var body = new FormData(f);
		if (sent && sent.name)
			body.append(sent.name, sent.value);
		f.classList.add('busy');
		/* as the form would send it: urlencoded, multipart when it takes files */
		if ((f.getAttribute('enctype') || '') !== 'multipart/form-data')
			body = new URLSearchParams(body);
		fetch(f.action, { method: 'POST', body: body, credentials: 'same-origin' })
			.then(function (r) {
				return r.text().then(function (html) { return { r: r, html: html }; });
			})
			.then(function (x) {
				var doc = new DOMParser().parseFromString(x.html, 'text/html');
				var to = new URL(x.r.url), here = shown || location.pathname;
				if (doc.getElementById('chat') && document.getElementById('chat') &&
				    (!x.r.redirected || to.pathname === here)) {
					swapIn(doc, here, f.getAttribute('action'));
					return;
				}
				/* elsewhere (a transfer away: the console with its flash), or
				 * an error page: the page as the server wrote it, at its address */
				if (x.r.redirected && window.history.replaceState)
					window.history.replaceState(null, '', x.r.url);
				document.open();
				document.write(x.html);
				document.close();
			})
			.catch(function () {
				f.classList.remove('busy');
				HTMLFormElement.prototype.submit.call(f);	/* the form as it was */
			});
	});
	// what is typed in a chat's reply box is kept in this tab, per chat, until
	// it is sent: a note added, a status changed, an offer taken, a reload
	// or a chat opened and left all give it back
	document.addEventListener('input', function (e) {
		if (e.target.matches && e.target.matches('#composer textarea'))
			draft(true);
	});
	document.addEventListener('submit', function (e) {
		if (e.target.id === 'composer')
			sessionStorage.removeItem('wxdesk.draft.' + shown);
	});
	// a reply the server gave back (a refused send) is the draft; else the draft fills the box
	var typed = document.querySelector('#composer textarea');
	draft(!!(typed && typed.value));
	function poll() {
		fetch('/console/poll' + (mark ? '?since=' + encodeURIComponent(mark) : ''),
		    { credentials: 'same-origin' })
			.then(function (r) { return r.json(); })
			.then(function (j) {
				if (!j.changed)
					return;
				var first = mark === null;
				mark = j.mark;
				['waiting', 'missed', 'followup', 'mine', 'others', 'bot'].forEach(function (k) {
					var el = document.getElementById('count-' + k);
					if (el)
						el.textContent = j[k];
				});
				if (j.waiting > waiting && soundOn())
					beep();
				var notify = document.hidden && window.Notification &&
				    Notification.permission === 'granted' && localStorage.getItem('wxdesk.notify') !== '0';
				if (j.waiting > waiting && notify)
					new Notification(t('notify_waiting', j.waiting));
				if (unread !== null && j.unread > unread && notify)
					new Notification(t('notify_unread', j.unread));
				// a chat offered to me rings (the sound, and a notification
				// while the tab is hidden) once per offer
				var offered = j.offer ? j.offer.chat : null;
				if (offered && offered !== offer) {
					// a phone in a pocket: it buzzes where the browser allows
					if (navigator.vibrate)
						navigator.vibrate([300, 150, 300]);
					if (soundOn()) {
						beep();
						setTimeout(beep, 300);
					}
					if (notify)
						new Notification(t('notify_offer', j.offer.follower));
				}
				offer = offered;
				unread = j.unread;
				waiting = j.waiting;
				showTitle();
				if (!first || (drawn && j.mark !== drawn))
					refresh();
			})
			.catch(function () {});
	}
	showTitle();
	poll();
	setInterval(poll, 2000);
})();
// attachments: the reference's types and sizes, checked before the upload
// (the server checks the content again)
document.addEventListener('change', function (e) {
	var input = e.target;
	if (!input.matches || !input.matches('input[type=file][data-limits]') || !input.files.length)
		return;
	var f = input.files[0], name = f.name.toLowerCase(), err = document.getElementById('attachment-error');
	var ext = name.slice(name.lastIndexOf('.') + 1);
	var kinds = { jpg: 'image', jpeg: 'image', png: 'image', mp3: 'audio', amr: 'audio', mp4: 'video' };
	var limits = {};
	input.getAttribute('data-limits').split(',').forEach(function (p) {
		var kv = p.split(':');
		limits[kv[0]] = parseInt(kv[1], 10);
	});
	var kind = kinds[ext], msg = '';
	if (!kind)
		msg = t('file_kind', limits.image, limits.audio, limits.video);
	else if (f.size > limits[kind] * 1024 * 1024)
		msg = t(kind + '_max', limits[kind], (f.size / 1024 / 1024).toFixed(1));
	if (err)
		err.textContent = msg;
	input.closest('label').classList.toggle('bad', msg !== '');
	if (msg)
		input.value = '';
});
// a file field shows the chosen file's name in the page's language (the
// browser's own control is hidden); after the check above, so a refused
// file shows none
// what the operator chose in a form (a transfer's department or
// colleague, a note, a tick) stays chosen when the page is updated: by
// the form's action and the field's name, where the fresh form still
// offers it (except the form just sent: its own fields start again)
function choices(root, except) {
	var out = [];
	root.querySelectorAll('select[name], input[type=text][name], input[type=checkbox][name]')
		.forEach(function (el) {
			var o = el.tagName === 'SELECT' ? el.options[el.selectedIndex] : null;
			var changed = el.type === 'checkbox' ? el.checked !== el.defaultChecked :
			    el.tagName === 'SELECT' ? !!o && !o.defaultSelected : el.value !== el.defaultValue;
			if (changed && el.form && el.form.getAttribute('action') !== except)
				out.push({ form: el.form.getAttribute('action'), name: el.name, value: el.value,
				    checked: el.checked });
		});
	return out;
}
function choose(root, chosen) {
	chosen.forEach(function (c) {
		var f = null;
		root.querySelectorAll('form').forEach(function (x) {
			if (x.getAttribute('action') === c.form)
				f = x;
		});
		var el = f && f.elements[c.name];
		if (!el || !el.tagName)
			return;	/* gone, or several of that name */
		if (el.type === 'checkbox')
			el.checked = c.checked;
		else if (el.tagName !== 'SELECT' || [].some.call(el.options, function (o) {
		    return o.value === c.value; }))
			el.value = c.value;
	});
}
// on a phone the reply box's tools (a canned response, a file) fold behind
// one line so that the conversation keeps the screen: folded as a chat is
// shown, unless they hold something to see (a file chosen, an error); open
// (true/false) is the state to keep through an update. A desk shows them.
var NARROW = window.matchMedia ? window.matchMedia('(max-width:720px)') : null;
function foldTools(open) {
	var d = document.getElementById('composer-tools');
	if (!d || !NARROW || !NARROW.matches)
		return;
	var f = d.querySelector('input[type=file]');
	d.open = open !== undefined ? open : !!(d.querySelector('.bad') ||
	    (f && f.files && f.files.length));
}
foldTools();
// wider again (a phone turned, a window widened): the line that opens
// them is hidden there, so they show
if (NARROW && NARROW.addEventListener)
	NARROW.addEventListener('change', function () {
		var d = document.getElementById('composer-tools');
		if (d && !NARROW.matches)
			d.open = true;
	});
function showFile(input) {
	var name = input.nextElementSibling && input.nextElementSibling.querySelector('.file-name');
	if (name)
		name.textContent = input.files.length ? input.files[0].name : name.getAttribute('data-none');
}
document.addEventListener('change', function (e) {
	if (e.target.matches && e.target.matches('input[type=file]'))
		showFile(e.target);
});
// WeChat's typing indicator while the operator writes, at most every 10 s
document.addEventListener('input', function (e) {
	var box = e.target, url = box.getAttribute && box.getAttribute('data-typing');
	if (!url || (box._typingAt && Date.now() - box._typingAt < 10000))
		return;
	box._typingAt = Date.now();
	var body = new URLSearchParams();
	body.set('csrf', box.form.elements.csrf.value);
	fetch(url, { method: 'POST', body: body, credentials: 'same-origin' }).catch(function () {});
});
// a canned response into the reply box (one with a file goes as its /shortcut)
document.addEventListener('change', function (e) {
	var sel = e.target;
	if (!sel.matches || !sel.matches('select[data-canned]') || !sel.value)
		return;
	var box = sel.form.elements.text;
	box.value = sel.value.charAt(0) === '/' ? sel.value : (box.value ? box.value + '\n' : '') + sel.value;
	sel.value = '';
	box.focus();
});
// what a send will cost against WeChat's 5 in a row: a file and a text are
// a message each, a canned response with a file is two (its file, its text)
function sendCost(form) {
	var line = form && form.querySelector('#send-cost');
	if (!line)
		return;
	var box = form.elements.text, file = form.elements.attachment;
	var text = box ? box.value.trim() : '', parts = 0, canned = null;
	if (text.charAt(0) === '/' && !/\s/.test(text))
		form.querySelectorAll('select[data-canned] option[data-parts]').forEach(function (o) {
			if (o.value === text)
				canned = o;
		});
	if (canned)
		parts = parseInt(canned.getAttribute('data-parts'), 10);
	else if (text)
		parts = 1;
	if (file && file.files && file.files.length)
		parts += canned ? 0 : 1;
	var left = parseInt(line.getAttribute('data-left'), 10);
	line.textContent = parts === 0 ? '' : parts > left ? t('send_over', parts, left) :
	    t(parts === 1 ? 'send_one' : 'send_many', parts, left);
	line.classList.toggle('over', parts > left);
}
document.addEventListener('input', function (e) {
	if (e.target.form && e.target.name === 'text')
		sendCost(e.target.form);
});
document.addEventListener('change', function (e) {
	if (e.target.form && (e.target.name === 'attachment' || e.target.matches('select[data-canned]')))
		sendCost(e.target.form);
});
// a brand chosen in a filter shows at once, its accounts, departments and
// operators alone in the lists beside it (the server narrows them)
document.addEventListener('change', function (e) {
	var sel = e.target;
	if (sel.matches && sel.matches('form.filters select[name=brand]') && sel.form)
		sel.form.submit();
});
// the reports show times in the viewer's zone: tell the server the browser's
(function () {
	try {
		var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
		if (tz && /^[A-Za-z0-9_+\/-]{1,64}$/.test(tz))
			document.cookie = 'wxdesk_tz=' + tz + '; path=/; SameSite=Lax';
	} catch (e) { /* an old browser: the server's default zone */ }
})();
// a phone-sized screen: the menu button opens and closes the menu
document.addEventListener('click', function (e) {
	var b = e.target.closest('.menu-toggle');
	if (!b)
		return;
	var top = b.closest('header.top'), open = !top.classList.contains('open');
	top.classList.toggle('open', open);
	b.setAttribute('aria-expanded', open ? 'true' : 'false');
});
// the console's keys: Ctrl/Cmd+Enter sends, Esc leaves the reply box; away
// from a text field p picks up, r goes to the reply box, / to the canned
// responses, t to the transfer, c to the close, ? shows them all
document.addEventListener('keydown', function (e) {
	var el = e.target, typing = el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ||
	    el.tagName === 'SELECT' || el.isContentEditable);
	if (typing) {
		if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && el.form && el.tagName === 'TEXTAREA') {
			e.preventDefault();
			if (el.form.requestSubmit)
				el.form.requestSubmit();
			else
				el.form.submit();
		} else if (e.key === 'Escape')
			el.blur();
		return;
	}
	if (e.ctrlKey || e.metaKey || e.altKey || !document.getElementById('live'))
		return;
	var go = {
		p: function () { var b = document.querySelector('form.pickup button'); if (b) b.click(); },
		r: function () { var x = document.querySelector('#composer textarea:not([disabled])'); if (x) x.focus(); },
		'/': function () {
			var x = document.querySelector('select[data-canned]'), d = x && x.closest('details');
			if (d)
				d.open = true;	/* folded on a phone */
			if (x)
				x.focus();
		},
		t: function () { var x = document.querySelector('form.transfer select'); if (x) x.focus(); },
		c: function () { var x = document.querySelector('form.close textarea'); if (x) x.focus(); },
		'?': function () { var h = document.getElementById('keys-help'); if (h) h.hidden = !h.hidden; },
	}[e.key];
	if (go) {
		e.preventDefault();
		go();
	}
});
document.addEventListener('click', function (e) {
	if (e.target.closest('[data-keys-help]')) {
		var h = document.getElementById('keys-help');
		if (h)
			h.hidden = !h.hidden;
	}
});
// desktop notifications: asked for from a button, never on page load
(function () {
	var b = document.getElementById('notify-on');
	if (!b || !window.Notification || Notification.permission === 'denied')
		return;
	var on = Notification.permission === 'granted' && localStorage.getItem('wxdesk.notify') !== '0';
	b.textContent = t(on ? 'notify_off' : 'notify_on');
	b.hidden = false;
	b.addEventListener('click', function () {
		if (Notification.permission === 'granted') {
			on = !on;
			localStorage.setItem('wxdesk.notify', on ? '1' : '0');
			b.textContent = t(on ? 'notify_off' : 'notify_on');
			return;
		}
		Notification.requestPermission().then(function (p) {
			on = p === 'granted';
			localStorage.setItem('wxdesk.notify', on ? '1' : '0');
			b.textContent = t(on ? 'notify_off' : 'notify_on');
		});
	});
})();
// a page that keeps itself current (the supervisors' board): data-refresh
// names the seconds between reloads of that element alone
(function () {
	var el = document.querySelector('[data-refresh]');
	if (!el)
		return;
	setInterval(function () {
		if (document.hidden)
			return;
		fetch(location.href, { credentials: 'same-origin' })
			.then(function (r) { return r.text(); })
			.then(function (html) {
				var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(el.id);
				if (fresh) {
					el.innerHTML = fresh.innerHTML;
					labelTables();
				}
			})
			.catch(function () {});
	}, (parseInt(el.getAttribute('data-refresh'), 10) || 5) * 1000);
})();
// a choice that takes effect when made (the presence in the header): the
// form goes as soon as the select changes; its button is for no script
document.querySelectorAll('select[data-autosubmit]').forEach(function (sel) {
	var b = sel.form.querySelector('button[type=submit]');
	if (b)
		b.hidden = true;
	sel.addEventListener('change', function () { sel.form.submit(); });
});
// an offered chat counts down its seconds (from when the page said how many)
setInterval(function () {
	var o = document.querySelector('#offer [data-left]'), el = o && o.querySelector('.left');
	if (!el)
		return;
	if (!o._deadline)
		o._deadline = Date.now() + parseInt(o.getAttribute('data-left'), 10) * 1000;
	el.textContent = t('offer_left', Math.max(0, Math.round((o._deadline - Date.now()) / 1000)));
}, 1000);
// a template message or a notice (its page): WeChat's preview follows the
// fields as they are typed (the title, then each line of the content with
// the values in place; first and remark lines WeChat no longer shows)
function noticePreview(form) {
	var fig = document.getElementById('notice-preview'), pre = fig && fig.querySelector('pre');
	if (!pre)
		return;
	var values = {};
	form.querySelectorAll('input[data-key]').forEach(function (i) { values[i.getAttribute('data-key')] = i.value; });
	var lines = [fig.getAttribute('data-title')];
	fig.getAttribute('data-content').split('\n').forEach(function (line) {
		if (/\{\{(first|remark)\.DATA\}\}/.test(line))
			return;
		var l = line.replace(/\{\{([A-Za-z0-9_]+)\.DATA\}\}/g, function (m, k) { return values[k] || ''; });
		if (l.trim())
			lines.push(l);
	});
	pre.textContent = lines.join('\n');
}
document.addEventListener('input', function (e) {
	var f = e.target.form;
	if (f && f.hasAttribute('data-notice-preview'))
		noticePreview(f);
});

// suggested answers beside the composer: a click, or Alt+1, Alt+2, Alt+3,
// puts one into the reply (after what is typed); the pick is counted so
// the ranking learns which help
(function () {
	function use(b) {
		var box = document.querySelector('#composer textarea[name=text]');
		var csrf = document.querySelector('#composer input[name=csrf]');
		if (!box || box.disabled)
			return;
		box.value = box.value.trim() ? box.value.replace(/\s*$/, '\n') + b.dataset.suggest :
		    b.dataset.suggest;
		box.focus();
		box.dispatchEvent(new Event('input', { bubbles: true }));
		fetch(b.dataset.pick, { method: 'POST', credentials: 'same-origin',
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		    body: new URLSearchParams({ csrf: csrf ? csrf.value : '', kind: b.dataset.kind,
		    ref: b.dataset.ref }) }).catch(function () {});
	}
	document.addEventListener('click', function (e) {
		var b = e.target.closest && e.target.closest('button[data-suggest]');
		if (b) {
			e.preventDefault();
			use(b);
		}
	});
	document.addEventListener('keydown', function (e) {
		var m = /^Digit([1-3])$/.exec(e.code || ''), b;
		if (!m || !e.altKey || e.ctrlKey || e.metaKey)
			return;
		b = document.querySelectorAll('#suggestions button[data-suggest]')[m[1] - 1];
		if (b) {
			e.preventDefault();
			use(b);
		}
	});
})();
