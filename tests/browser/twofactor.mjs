// twofactor.mjs: on a phone-sized screen, a staff member turns on two-factor
// sign-in from a QR code's secret (the code made here with Node's own HMAC,
// not wxdesk's), keeps the recovery codes, then signs in with a code.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, check, finish, launch, shiftClock, shot, signIn, sql } from './lib.mjs';

const ROOT = process.env.WXDESK_ROOT, VAR = process.env.WXDESK_VAR;
const LOGIN = `tfb${Date.now() % 100000}`, PW = `browser-2fa-${Date.now()}`;
execFileSync(join(ROOT, process.env.WXDESK_BUILD || 'build', 'bin', 'wxdesk-admin'),
	['user', LOGIN, 'Tao Browser', 'operator'], { input: `${PW}\n` });

// wxdesk's clock: the real one plus the stack's offset
function wxNow() {
	const f = join(VAR, 'clock-offset');
	const off = existsSync(f) ? parseInt(readFileSync(f, 'utf8'), 10) || 0 : 0;
	return Math.floor(Date.now() / 1000) + off;
}
// RFC 6238: HMAC-SHA1 of the 30-second step, dynamic truncation, 6 digits
function totp(base32, t) {
	const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of base32.replace(/\s/g, '').toUpperCase())
		bits += alpha.indexOf(ch).toString(2).padStart(5, '0');
	const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const mac = createHmac('sha1', key).update(msg).digest();
	const off = mac[mac.length - 1] & 15;
	return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await ctx.newPage();
	await signIn(page, LOGIN, PW);
	await page.goto(`${BASE}/account`);
	await Promise.all([page.waitForNavigation(), page.click('text=Turn on two-factor sign-in')]);
	check('the setup page shows a QR code', await page.isVisible('svg#qr path'));
	const secret = (await page.textContent('#secret')).trim();
	check('…and the key as text, in groups of four', /^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/.test(secret));
	check('…fitting a phone', await fits(page));
	await shot(page, '40-two-factor-setup-phone');
	await page.fill('input[name=code]', totp(secret, wxNow()));
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Turn on")')]);
	const codes = await page.$$eval('#recovery-codes code', (els) => els.map((e) => e.textContent));
	check('on: ten recovery codes shown', codes.length === 10 && codes.every((c) => /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(c)));
	await shot(page, '41-two-factor-codes-phone');
	await Promise.all([page.waitForNavigation(), page.click('text=I have kept them')]);
	check('My account says it is on', await page.isVisible('text=Two-factor sign-in is on.'));

	// signing in again: the password, then the code
	await ctx.clearCookies();
	shiftClock(30);	// the next step: the code used to turn it on is good once
	await signIn(page, LOGIN, PW);
	check('after the password: the code page', page.url().endsWith('/login/code') &&
		await page.isVisible('input[autocomplete=one-time-code]'));
	check('…fitting a phone', await fits(page));
	await shot(page, '42-two-factor-sign-in-phone');
	await page.fill('input[name=code]', '000000');
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
	check('a wrong code: said in words, still on the code page', await page.isVisible('text=That code is not right'));
	await page.fill('input[name=code]', totp(secret, wxNow()));
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
	check('the right code: signed in, in the console', page.url().endsWith('/console/'));
	check('…recorded with its second factor', sql(`SELECT JSON_VALUE(detail, '$.second_factor') FROM audit_log WHERE action = 'signin' AND login = '${LOGIN}' ORDER BY id DESC LIMIT 1`) === 'code');
} finally {
	await browser.close();
}
finish();
