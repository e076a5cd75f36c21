// narrow.mjs: every page at a phone's width (390×844): nothing is wider
// than the screen (the page never scrolls sideways; tables read as lists),
// the menu opens from its button, and an operator's day (a chat arrives,
// pick up, reply, transfer, close) and the six-step wizard work there.
import { BASE, check, hex, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, SIM, sql } from './lib.mjs';

const PHONE = { width: 390, height: 844 };
const fits = async (page, what) => {
	const [w, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	check(`${what} fits a phone's width (${w} of ${inner} px)`, w <= inner);
};

const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
const ch = sql(`SELECT id FROM channels WHERE brand_id = ${demo}`);
const dept = sql(`SELECT MIN(id) FROM departments WHERE brand_id = ${demo}`);
const opId = sql("SELECT id FROM users WHERE login = 'operator'");
const OPENID = `oNarrow${Date.now() % 100000}`;

const browser = await launch();
try {
	// a follower writes, from a phone, so that there is a chat to open
	const { page: phone, write } = await followerPhone(browser, OPENID, { follow: false,
		viewport: { width: 390, height: 844 } });
	await write('narrow: hello');
	const [w0, inner0] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	check(`the simulator's phone fits (${w0} of ${inner0} px)`, w0 <= inner0);
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}'`)) || '0';

	const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
	await signIn(page, 'admin', demoPassword('admin'));
	const pages = ['/admin/', '/admin/brands', `/admin/brands/${demo}`, `/admin/departments/${dept}`,
		'/admin/operators', `/admin/operators/${opId}`, '/admin/operators/new', '/admin/channels',
		`/admin/channels/${ch}`, '/admin/channels/new', `/admin/brands/${demo}/profanity`,
		'/console/', '/console/?tab=closed', '/reports/', '/reports/days', '/reports/hours',
		'/reports/operators', '/reports/departments', '/reports/followers', '/reports/presence',
		'/console/board', '/account'];
	if (chat !== '0')
		pages.push(`/console/chats/${chat}`, '/console/followers',
			`/console/followers/${sql(`SELECT follower_id FROM chats WHERE id = ${chat}`)}`);
	for (const p of pages) {
		await page.goto(BASE + p);
		const [w, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
		check(`${p} fits a phone's width (${w} of ${inner} px)`, w <= inner);
	}
	if (chat !== '0') {
		await page.goto(`${BASE}/console/chats/${chat}`);
		const box = await page.evaluate(() => document.querySelector('#chat').getBoundingClientRect().width);
		check(`a chat is one column, the whole width (${Math.round(box)} px)`, box > 330 &&
			!(await page.isVisible('aside.follower')));
		await page.click('.follower-toggle a');
		check('…the follower panel and its actions behind a button', await page.isVisible('aside.follower'));
		await shot(page, '43-phone-chat-follower');
		await page.click('.follower-hide a');
		check('…and back to the chat', !(await page.isVisible('aside.follower')));
	}
	// tables read as lists: each row a block, each value with its column's name
	await page.goto(`${BASE}/admin/operators`);
	const row = await page.evaluate(() => {
		const tr = document.querySelector('table.list tbody tr'), td = tr.children[1];
		return { tr: getComputedStyle(tr).display, head: getComputedStyle(document.querySelector('table.list thead')).display,
			label: td.getAttribute('data-label'), before: getComputedStyle(td, '::before').content };
	});
	check(`a table reads as a list on a phone (${JSON.stringify(row)})`, row.tr === 'grid' &&
		row.head === 'none' && row.label && row.before.includes(row.label));
	await shot(page, '44-phone-table-as-list');
	// what a finger taps is about 44 px: the header's Help, a rule's up and down
	// (two rules of this test's own, removed after)
	sql(`INSERT INTO bot_rules (channel_id, position, match_mode, patterns, answer, handoff, created_at)
		VALUES (${ch}, 9001, 'contains', 'narrow-tap-a', 'a', 0, NOW()), (${ch}, 9002, 'contains', 'narrow-tap-b', 'b', 0, NOW())`);
	await page.goto(`${BASE}/admin/channels/${ch}/bot`);
	const taps = await page.evaluate(() => [...document.querySelectorAll('header.top a.help-link, #rules form.mini button')]
		.map((e) => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }));
	check(`Help and a rule's up and down are a finger's size (${JSON.stringify(taps)})`, taps.length >= 2 &&
		taps.every(([w, h]) => w >= 44 && h >= 44));
	sql("DELETE FROM bot_rules WHERE patterns LIKE 'narrow-tap-%'");
	await page.goto(`${BASE}/admin/`);
	check('the menu is behind its button', !(await page.isVisible('nav#menu')) &&
		await page.isVisible('.menu-toggle'));
	await page.click('.menu-toggle');
	check('…which opens it', await page.isVisible('nav#menu >> text=Reports'));
	await shot(page, '41-phone-menu-open');
	await Promise.all([page.waitForNavigation(), page.click('nav#menu >> text=Reports')]);
	check('…and its links work', new URL(page.url()).pathname === '/reports/');
	await shot(page, '42-phone-reports');

	// an operator's day on a phone: the chat arrives live, pick up, reply,
	// the follower panel for transfer and close
	const FLOW = `oPhoneDay${Date.now() % 100000}`;
	const op = await (await browser.newContext({ viewport: PHONE })).newPage();
	const jsErrors = [];
	op.on('pageerror', (e) => jsErrors.push(String(e)));
	const firstPoll = op.waitForResponse((r) => r.url().includes('/console/poll'));
	await signIn(op, 'operator', demoPassword('operator'));
	await firstPoll;
	const { write: says } = await followerPhone(browser, FLOW, { follow: false });
	// (a long conversation: the transcript takes the screen's height)
	for (let i = 1; i <= 12; i++)
		await says(`phone day: line ${i} of my story`);
	await says('phone day: where is my parcel?');
	await op.waitForSelector('#chatlist >> text=phone day: where is my parcel?', { timeout: 15000 });
	await fits(op, 'the console with a waiting chat');
	await Promise.all([op.waitForNavigation(), op.click(`#chatlist a:has-text("${FLOW.slice(0, 9)}")`)]);
	await fits(op, 'a waiting chat');
	// the pick-up button is in view as the chat opens, not under the reply box
	const pickupSeen = () => op.evaluate(() => {
		const b = document.querySelector('form.pickup button'), r = b && b.getBoundingClientRect();
		if (!r || r.top < 0 || r.bottom > window.innerHeight)
			return false;
		const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return at === b || b.contains(at);
	});
	check('a waiting chat on a phone: "Pick up" in view, nothing over it', await pickupSeen());
	await op.setViewportSize({ width: 1366, height: 768 });
	await op.reload();
	check('…and on a desk', await pickupSeen());
	await op.setViewportSize({ width: 390, height: 844 });
	await op.reload();
	await Promise.all([op.waitForNavigation(), op.click('form.pickup button')]);
	// the reply box leaves the screen to the conversation: its tools folded
	const boxH = await op.evaluate(() => Math.round(document.getElementById('composer').getBoundingClientRect().height));
	check(`on a phone the reply box's tools are folded (the box ${boxH} px of 844)`, boxH <= 250 &&
		!(await op.isVisible('#composer .file-pick')) && await op.isVisible('#composer-tools > summary'));
	await op.click('#composer-tools > summary');
	check('…one tap shows them', await op.isVisible('#composer .file-pick'));
	await op.click('#composer-tools > summary');
	await op.setViewportSize({ width: 844, height: 390 });
	await op.waitForSelector('#composer .file-pick', { state: 'visible', timeout: 3000 }).catch(() => {});
	check('…and the phone turned sideways (a desk\'s layout) shows them', await op.isVisible('#composer .file-pick'));
	await op.setViewportSize(PHONE);
	await op.fill('textarea[name=text]', 'On its way, arriving tomorrow.');
	await Promise.all([op.waitForNavigation(), op.click('#composer button[type=submit]')]);
	await op.waitForSelector('#transcript li.out >> text=delivered', { timeout: 10000 }).catch(() => {});
	check('a reply from a phone is delivered (shown by itself)', await op.isVisible('#transcript li.out >> text=delivered'));
	await fits(op, 'a chat with a reply');
	// phone details: no keyboard hints, a state tag upright, a delivery
	// state that never wraps alone, the window meter inside the screen
	check('no keyboard shortcut on a phone\'s Send button, no shortcuts link',
		!(await op.isVisible('#composer button.primary kbd')) && !(await op.isVisible('[data-keys-help]')));
	check('the chat\'s state tag is upright (Chinese has no italics)',
		await op.evaluate(() => getComputedStyle(document.querySelector('h1 .tag')).fontStyle) === 'normal');
	check('a delivery state stays on one line', await op.evaluate(() =>
		[...document.querySelectorAll('#transcript .meta .delivery')].every((d) => d.getClientRects().length === 1)));
	check('the window meter ends inside the screen', await op.evaluate(() =>
		[...document.querySelectorAll('.meter')].every((m) => m.getBoundingClientRect().right <= window.innerWidth)));
	await shot(op, '45-phone-day-reply');
	await op.click('.follower-toggle a');
	await op.waitForSelector('aside.follower select[name=to]', { state: 'visible' });
	await op.selectOption('select[name=to]', { label: 'Support' });
	const picked = await op.inputValue('select[name=to]');
	await op.evaluate(() => { document.querySelector('#follower select[name=to]').dataset.probe = 'kept'; });
	// the page updates while the operator chooses (the follower writes):
	// the choice stays
	await says('phone day: are you still there?');
	await op.waitForSelector('#transcript >> text=phone day: are you still there?', { timeout: 15000 });
	check('a transfer\'s choice survives the page\'s update', (await op.inputValue('select[name=to]')) === picked &&
		picked !== '');
	check('…and opening the follower panel did not load the chat again',
		await op.evaluate(() => document.querySelector('#follower select[name=to]').dataset.probe === 'kept'));
	await fits(op, 'the follower panel');
	await Promise.all([op.waitForNavigation(), op.click('form.transfer button')]);
	const said = await op.evaluate(() => (document.querySelector('.flash, .error-box, .field.bad') || {}).textContent || '');
	check(`a transfer from a phone is confirmed (${new URL(op.url()).pathname}: ${said.trim().slice(0, 80)})`,
		await op.isVisible('.flash >> text=Chat transferred to Support.'));
	await fits(op, 'the page after a transfer');
	const adm = await (await browser.newContext({ viewport: PHONE })).newPage();
	adm.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(adm, 'admin', demoPassword('admin'));
	const flowChat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${FLOW}' AND c.state <> 'closed'`);
	await adm.goto(`${BASE}/console/chats/${flowChat}`);
	await Promise.all([adm.waitForNavigation(), adm.click('form.pickup button')]);
	await adm.click('.follower-toggle a');
	adm.once('dialog', (d) => d.accept());
	await Promise.all([adm.waitForNavigation(), adm.click('form.close button')]);
	check('a chat closed from a phone', sql(`SELECT state FROM chats WHERE id = ${flowChat}`) === 'closed');
	await fits(adm, 'a closed chat');

	// the wizard, six steps on a phone
	const brand = `Phone Tea ${Date.now() % 100000}`;
	sql(`INSERT INTO brands (name, created_at) VALUES ('${brand}', NOW())`);
	const bid = sql(`SELECT id FROM brands WHERE name = '${brand}'`);
	sql(`INSERT INTO departments (brand_id, name, created_at) VALUES (${bid}, 'Orders', NOW())`);
	const APP = `wx${hex(16)}`, SECRET = hex(32), ORIG = `gh_${hex(12)}`;
	const next = async () => Promise.all([adm.waitForNavigation(), adm.click('button[value=next]')]);
	await adm.goto(`${BASE}/admin/channels/new`);
	await fits(adm, 'wizard step 1');
	await adm.check(`label.check:has-text("${brand}") input`);
	await next();
	await fits(adm, 'wizard step 2');
	await adm.check('input[name=ip_ok]');
	await next();
	await adm.fill('input[name=original_id]', ORIG);
	await adm.fill('input[name=app_id]', APP);
	await adm.fill('input[name=app_secret]', SECRET);
	await Promise.all([adm.waitForNavigation(), adm.click('text=Generate token')]);
	await Promise.all([adm.waitForNavigation(), adm.click('text=Generate Encoding AES Key')]);
	await fits(adm, 'wizard step 3');
	await shot(adm, '46-phone-wizard-3');
	const token = await adm.inputValue('input[name=token]'), aes = await adm.inputValue('input[name=aes_key]');
	await next();
	const url = await adm.textContent('#webhook');
	await fetch(`${SIM}/sim/accounts`, { method: 'POST', body: new URLSearchParams({ appid: APP, secret: SECRET,
		original_id: ORIG, token, aes_key: aes, mode: 'plain', webhook_url: url, name: brand, verify: '1' }) });
	await adm.waitForSelector('#verified >> text=Verified by WeChat at', { timeout: 10000 });
	await fits(adm, 'wizard step 4');
	await adm.check('input[name=url_ok]');
	await next();
	await adm.selectOption('select[name=department]', { label: 'Orders' });
	await fits(adm, 'wizard step 5');
	await next();
	await fits(adm, 'wizard step 6');
	check('the wizard\'s checks pass on a phone', (await adm.locator('ul.checks li.fail').count()) === 0);
	await Promise.all([adm.waitForNavigation(), adm.click('button[value=done]')]);
	check('…and Done connects the account', await adm.isVisible('.flash >> text=is connected'));
	await fits(adm, 'the new account page');
	await shot(adm, '47-phone-account');
	check('no script errors on a phone', jsErrors.length === 0);
} catch (e) {
	check(`narrow test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
