// lib.mjs: launching Debian's chromium for the browser tests, and checks
// that count toward the closing "N passed, N failed" line.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.WXDESK_BASE;
export const SHOTS = join(process.env.WXDESK_ROOT, 'build', 'screenshots');
// the WeChat simulator, and the stack's database (as root, for setup and checks)
export const SIM = `http://${process.env.WXDESK_HOST}:${process.env.WXDESK_SIM_PORT}`;
export const sql = (q) => execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4',
	`--socket=${process.env.WXDESK_VAR}/run/mysqld.sock`, '-uroot', '-N', '-B', 'wxdesk', '-e', q])
	.toString().trim();
let passed = 0, failed = 0;

export function check(desc, cond) {
	if (cond) passed++;
	else { failed++; console.log(`FAIL: ${desc}`); }
}

export function finish() {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

// playwright gives each launch a fresh temporary profile of its own
export async function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync'],
	});
}

export function demoPassword(login) {
	const f = readFileSync(join(process.env.WXDESK_VAR, 'demo-credentials.txt'), 'utf8');
	const line = f.split('\n').find((l) => l.split(/\s+/)[0] === login);
	return line.trim().split(/\s+/).pop();
}

// moves every wxdesk program's clock seconds ahead (the stack's Clock.OffsetFile)
export function shiftClock(seconds) {
	const f = join(process.env.WXDESK_VAR, 'clock-offset');
	const cur = existsSync(f) ? parseInt(readFileSync(f, 'utf8'), 10) || 0 : 0;
	writeFileSync(f, `${cur + seconds}\n`);
}

export async function signIn(page, login, password) {
	await page.goto(`${BASE}/login`);
	await page.fill('input[name=login]', login);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
}

// polls fn until it returns something truthy or ms pass; returns the last value
export async function eventually(fn, ms = 20000) {
	const end = Date.now() + ms;
	let v = await fn();
	while (!v && Date.now() < end) {
		await new Promise((r) => setTimeout(r, 200));
		v = await fn();
	}
	return v;
}

export async function shot(page, name) {
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// a picture the guides show (docs/shots/<name>.jpg, checked by tests/guides):
// the screen as it is, taken again by every run so it shows today's page
export async function guideShot(page, name) {
	await page.screenshot({ path: join(process.env.WXDESK_ROOT, 'docs', 'shots', `${name}.jpg`),
		type: 'jpeg', quality: 70 });
}

// a follower's phone on the simulator, as openid: following the account when
// follow is set; write(text) sends a message from it
export async function followerPhone(browser, openid, { follow = true, viewport } = {}) {
	const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
	await page.goto(`${SIM}/phone`);
	await page.fill('form.who input[name=openid]', openid);
	await Promise.all([page.waitForNavigation(), page.click('text=Switch')]);
	if (follow)
		await Promise.all([page.waitForNavigation(), page.click('.events >> text=Follow')]);
	const write = async (text) => {
		await page.fill('input[name=text]', text);
		await Promise.all([page.waitForNavigation(), page.click('.compose >> button:has-text("Send")')]);
	};
	return { page, write };
}

// n random lowercase hex digits (App IDs, secrets, Original IDs for a test account)
export const hex = (n) => [...Array(n)].map(() => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

// a context whose pages record the desktop notifications raised
// (window.__notes), with permission granted, and whose tab counts as hidden
// while window.__hidden is true
export async function stubNotifications(ctx) {
	await ctx.grantPermissions(['notifications'], { origin: BASE });
	await ctx.addInitScript(() => {
		window.__notes = [];
		const N = function (title) { window.__notes.push(title); };
		N.permission = 'granted';
		N.requestPermission = () => Promise.resolve('granted');
		window.Notification = N;
		window.__buzz = [];
		navigator.vibrate = (pattern) => { window.__buzz.push(pattern); return true; };
		Object.defineProperty(document, 'hidden', { get: () => window.__hidden === true });
	});
}
