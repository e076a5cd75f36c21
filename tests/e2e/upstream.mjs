// upstream.mjs: an account's existing WeChat server, for tests/e2e/45-upstream.sh.
//   node upstream.mjs TOKEN AESKEY|- APPID LOG PORTFILE
// Checks each forwarded push as a WeChat server checks WeChat's own
// (signature; in safe mode msg_signature and the AES envelope), with this
// file's own code, appends one JSON line per push to LOG, and answers a
// passive text reply ("upstream: <what it got>"), sealed in safe mode.
// POST /control {"delay_ms": 4000, "status": 500, "reply": false, "times": 1}
// changes the next `times` answers (0: all).
import { createServer } from 'node:http';
import { createHash, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';

const [token, aes, appid, log, portFile] = process.argv.slice(2);
const key = aes === '-' ? null : Buffer.from(aes + '=', 'base64');
let rule = null;

const sha1 = (...parts) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const tag = (xml, name) => {
	const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
	return m ? (m[1] ?? m[2]) : null;
};

function decrypt(b64) {
	const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	d.setAutoPadding(false);
	let buf = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
	buf = buf.subarray(0, buf.length - buf[buf.length - 1]);
	const n = buf.readUInt32BE(16);
	return { xml: buf.subarray(20, 20 + n).toString(), appid: buf.subarray(20 + n).toString() };
}

function encrypt(xml) {
	const msg = Buffer.from(xml), len = Buffer.alloc(4);
	len.writeUInt32BE(msg.length);
	let buf = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appid)]);
	const pad = 32 - (buf.length % 32);
	buf = Buffer.concat([buf, Buffer.alloc(pad, pad)]);
	const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	c.setAutoPadding(false);
	return Buffer.concat([c.update(buf), c.final()]).toString('base64');
}

createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = Buffer.concat(chunks).toString();
		const url = new URL(req.url, 'http://x');
		const q = (k) => url.searchParams.get(k);
		if (url.pathname === '/control') {
			rule = JSON.parse(body || '{}');
			res.end('ok');
			return;
		}
		let valid = q('signature') === sha1(token, q('timestamp'), q('nonce')), xml = body;
		if (q('encrypt_type') === 'aes') {
			const enc = tag(body, 'Encrypt');
			valid = valid && key !== null && q('msg_signature') === sha1(token, q('timestamp'), q('nonce'), enc);
			const inner = valid ? decrypt(enc) : { xml: '', appid: '' };
			valid = valid && inner.appid === appid;
			xml = inner.xml;
		}
		const from = tag(xml, 'FromUserName'), to = tag(xml, 'ToUserName');
		const what = tag(xml, 'Content') || tag(xml, 'Event') || tag(xml, 'MsgType');
		appendFileSync(log, JSON.stringify({ valid, sealed: q('encrypt_type') === 'aes',
			openid: q('openid'), from, type: tag(xml, 'MsgType'), event: tag(xml, 'Event'),
			key: tag(xml, 'EventKey'), content: tag(xml, 'Content') }) + '\n');
		const r = rule || {};
		if (rule && rule.times > 0 && --rule.times === 0)
			rule = null;
		setTimeout(() => {
			if (r.status) {
				res.writeHead(r.status);
				res.end('error');
				return;
			}
			if (r.reply === false || !valid) {
				res.end('success');
				return;
			}
			let out = `<xml><ToUserName><![CDATA[${from}]]></ToUserName><FromUserName><![CDATA[${to}]]></FromUserName>` +
				`<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
				`<Content><![CDATA[upstream: ${what}]]></Content></xml>`;
			if (key) {
				const enc = encrypt(out), ts = String(Math.floor(Date.now() / 1000)), nonce = '12345';
				out = `<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${sha1(token, ts, nonce, enc)}]]></MsgSignature>` +
					`<TimeStamp>${ts}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
			}
			res.writeHead(200, { 'Content-Type': 'application/xml' });
			res.end(out);
		}, r.delay_ms || 0);
	});
}).listen(0, '127.0.0.1', function () {
	writeFileSync(portFile, String(this.address().port));
});
