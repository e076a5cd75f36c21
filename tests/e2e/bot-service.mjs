// bot-service.mjs: an account's external bot service, for tests/e2e/46-bot-service.sh.
//   node bot-service.mjs LOG PORTFILE
// POST /control {"secret": "..."} gives it the secret wxdesk showed once.
// Each question (POST /bot) is checked with this file's own code (the
// X-Wxdesk-Signature t=…,v1=HMAC-SHA256 of "t.body"), logged as one JSON
// line, and answered by what the follower wrote:
//   慢 (slow)     the first ask of a delivery id waits 4 s; again: at once
//   等 (wait)     the first waits 4 s; again: until POST /release (20 s at most)
//   坏 (broken)   500
//   乱 (garbled)  an answer that is not JSON
//   图 (picture)  {"type": "image", "url": <this server's /pic.png>}
//   找同事      {"type": "handoff", "text": …}
//   静 (quiet)    {"type": "none"}
//   else          {"type": "text", "text": "服务: <text>"}
// GET /pic.png is a 2x2 PNG made here.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const [log, portFile] = process.argv.slice(2);
let secret = '', port = 0;
const seen = new Set();
let held = [];	// the answers waiting for /release

function crc32(buf) {
	let c, crc = 0xffffffff;
	for (const b of buf) {
		c = (crc ^ b) & 0xff;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crc = (crc >>> 8) ^ c;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4), crc = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type), data]);
	len.writeUInt32BE(data.length);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

function png() {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(2, 0);
	ihdr.writeUInt32BE(2, 4);
	ihdr[8] = 8, ihdr[9] = 2;	// 8 bits, RGB
	const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function signed(header, body) {
	const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header || '');
	if (!m || !secret)
		return false;
	const want = createHmac('sha256', secret).update(`${m[1]}.`).update(body).digest();
	return timingSafeEqual(want, Buffer.from(m[2], 'hex'));
}

createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		if (req.url === '/control') {
			secret = JSON.parse(body.toString()).secret;
			res.end('ok');
			return;
		}
		if (req.url === '/release') {
			held.splice(0).forEach((f) => f());
			res.end('ok');
			return;
		}
		if (req.url === '/pic.png') {
			res.writeHead(200, { 'Content-Type': 'image/png' });
			res.end(png());
			return;
		}
		const valid = signed(req.headers['x-wxdesk-signature'], body);
		let q = {};
		try { q = JSON.parse(body.toString()); } catch { /* logged as invalid */ }
		const text = q.message?.text ?? '', id = req.headers['x-wxdesk-delivery'];
		const again = seen.has(id);
		seen.add(id);
		appendFileSync(log, JSON.stringify({ valid, id, body_id: q.id, again,
			event: req.headers['x-wxdesk-event'], text, type: q.message?.type,
			openid: q.follower?.openid, chat: q.chat?.id, recent: (q.recent || []).length,
			recent_from: (q.recent || []).map((m) => m.from) }) + '\n');
		const answer = (o, delay = 0) => setTimeout(() => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(o));
		}, delay);
		if (!valid) {
			res.writeHead(401);
			res.end('bad signature');
		} else if (text.includes('坏')) {
			res.writeHead(500);
			res.end('broken');
		} else if (text.includes('乱')) {
			res.end('<html>not json</html>');
		} else if (text.includes('图'))
			answer({ type: 'image', url: `http://127.0.0.1:${port}/pic.png` });
		else if (text.includes('找同事'))
			answer({ type: 'handoff', text: '好的，正在为您转接' });
		else if (text.includes('静'))
			answer({ type: 'none' });
		else if (text.includes('等') && again) {
			const go = () => { clearTimeout(t); answer({ type: 'text', text: `服务: ${text}` }); };
			const t = setTimeout(() => { held = held.filter((f) => f !== go); go(); }, 20000);
			held.push(go);
		} else
			answer({ type: 'text', text: `服务: ${text}` }, (text.includes('慢') || text.includes('等')) &&
				!again ? 4000 : 0);
	});
}).listen(0, '127.0.0.1', function () {
	port = this.address().port;
	writeFileSync(portFile, String(port));
});
