// hook-receiver.mjs: a webhook receiver for tests/e2e/44-hooks.sh.
//   node hook-receiver.mjs SECRET_DIR LOG PORTFILE [PORT]
// Listens on 127.0.0.1 (on PORT, or one the system chooses, written to
// PORTFILE). Each delivery to /<name> is checked against the secret in
// SECRET_DIR/<name> by this file's own code (node's crypto, not wxdesk's),
// and one JSON line is appended to LOG when it arrives: the path, the
// delivery id, the event, whether the signature holds, the body. How it
// answers is set per path by POST /control?path=/<name> with
// {"status": 500, "times": 3, "delay_ms": 2000}: the next `times`
// deliveries (0: every one) answer status after delay_ms.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const [secretDir, log, portFile, port] = process.argv.slice(2);
const rules = new Map();

function valid(name, header, raw) {
	let secret;
	try {
		secret = readFileSync(`${secretDir}/${name}`, 'utf8').trim();
	} catch {
		return false;
	}
	const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header || '');
	if (!m)
		return false;
	const want = createHmac('sha256', secret).update(`${m[1]}.`).update(raw).digest();
	return timingSafeEqual(want, Buffer.from(m[2], 'hex'));
}

createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://x');
		if (url.pathname === '/control') {
			rules.set(url.searchParams.get('path'), JSON.parse(raw.toString() || '{}'));
			res.end('ok');
			return;
		}
		let body = null;
		try {
			body = JSON.parse(raw.toString());
		} catch { /* logged as null */ }
		const name = url.pathname.slice(1);
		appendFileSync(log, JSON.stringify({
			path: url.pathname, delivery: req.headers['x-wxdesk-delivery'],
			event: req.headers['x-wxdesk-event'],
			valid: valid(name, req.headers['x-wxdesk-signature'], raw), body,
		}) + '\n');
		const rule = rules.get(url.pathname);
		let status = 200, delay = 0;
		if (rule && rule.times !== -1) {
			status = rule.status ?? 200;
			delay = rule.delay_ms ?? 0;
			if (rule.times > 0 && --rule.times === 0)
				rules.delete(url.pathname);
		}
		setTimeout(() => {
			res.writeHead(status, { 'Content-Type': 'text/plain' });
			res.end(status < 300 ? 'thanks' : `refused with ${status}`);
		}, delay);
	});
}).listen(Number(port || 0), '127.0.0.1', function () {
	writeFileSync(portFile, String(this.address().port));
});
