/* sim.js: the simulator's phone shows what the account sends, as it arrives. */
(function () {
	var chat = document.querySelector('.chat');
	if (!chat || !chat.dataset.appid)
		return;
	var url = '/sim/received?appid=' + encodeURIComponent(chat.dataset.appid) +
	    '&openid=' + encodeURIComponent(chat.dataset.openid);
	var shown = chat.querySelectorAll('.bubble').length;
	function render(list) {
		chat.textContent = '';
		if (list.length === 0) {
			var p = document.createElement('p');
			p.className = 'note';
			p.textContent = chat.dataset.empty;	// in the page's language
			chat.appendChild(p);
		}
		list.forEach(function (m) {
			var d = document.createElement('div'), meta = document.createElement('span');
			d.className = 'bubble';
			meta.className = 'meta';
			meta.textContent = new Date(m.at * 1000).toISOString().slice(0, 16).replace('T', ' ') +
			    ' UTC · ' + m.msgtype;
			d.appendChild(meta);
			d.appendChild(document.createTextNode(m.msgtype === 'text' ? m.content :
			    '[' + m.msgtype + ': ' + m.media_id + ']'));
			chat.appendChild(d);
		});
	}
	setInterval(function () {
		fetch(url).then(function (r) { return r.json(); }).then(function (j) {
			if (j.messages.length !== shown) {
				shown = j.messages.length;
				render(j.messages);
			}
		}).catch(function () {});
	}, 2000);
})();
