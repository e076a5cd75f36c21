// defects.mjs: problems a new administrator and operator met, each checked
// where it was seen: a refused send leaves the address bar on
// the chat and the live list running; a transfer to another department
// lands on the console; pasted values with spaces are trimmed, not cut; a
// disabled composer looks disabled; the wizard keeps the App Secret; a
// follower's voice (AMR, which no browser plays) plays.
import { BASE, check, hex, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const OPENID = `oDefects${Date.now() % 100000}`;

// an operator of Sales only, so that Support is a department they cannot see
sql("INSERT IGNORE INTO users (login, name, role, pw_hash, created_at) SELECT 'salesonly', 'Sam Sales', 'operator', pw_hash, NOW() FROM users WHERE login = 'operator'");
sql("INSERT IGNORE INTO department_members (department_id, user_id) SELECT d.id, u.id FROM departments d JOIN brands b ON b.id = d.brand_id, users u WHERE b.name = 'Demo' AND d.name = 'Sales' AND u.login = 'salesonly'");

const browser = await launch();
try {
	const { page: phone, write } = await followerPhone(browser, OPENID, { viewport: { width: 480, height: 900 } });
	await write('defects: first question');
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`));

	const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	const page = await ctx.newPage();
	// the operator signs in with the same password as the demo operator
	await signIn(page, 'salesonly', demoPassword('operator'));
	await page.goto(`${BASE}/console/chats/${chat}`);
	await Promise.all([page.waitForNavigation(), page.click('text=Pick up this chat')]);

	// 1. a refused send (a text file named .png passes the browser's check,
	// not the server's): the reason beside the composer, the text kept, the
	// address bar on the chat, and the live refresh still brings new messages
	await page.fill('textarea[name=text]', 'with a file that is not a picture');
	await page.setInputFiles('input[name=attachment]', { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	check('refused: the reason beside the composer', await page.isVisible('#composer .error'));
	check('…the typed text kept', (await page.inputValue('textarea[name=text]')) === 'with a file that is not a picture');
	check('…the address bar on the chat', new URL(page.url()).pathname === `/console/chats/${chat}`);
	// 3. the follower's voice plays: WeChat sends AMR; the console serves
	// the MP3 the worker made beside it
	const amr = Buffer.concat([Buffer.from('#!AMR\n'), ...Array(150).fill(Buffer.concat([Buffer.from([0x3c]), Buffer.alloc(31)]))]);
	await phone.setInputFiles('input[name=file]', { name: 'voice.amr', mimeType: 'audio/amr', buffer: amr });
	await Promise.all([phone.waitForNavigation(), phone.click('.compose >> text=Send file')]);
	await eventually(async () => {
		await page.goto(`${BASE}/console/chats/${chat}`);
		return page.isVisible('#transcript audio');
	});
	const duration = await page.evaluate(() => new Promise((done) => {
		const a = document.querySelector('#transcript audio');
		a.addEventListener('loadedmetadata', () => done(a.duration), { once: true });
		a.addEventListener('error', () => done(-1), { once: true });
		a.load();
	}));
	check(`a follower's AMR voice plays in the browser (duration ${duration})`, duration > 0);
	await page.fill('textarea[name=text]', 'with a file that is not a picture');

	// 6. a file over WeChat's limit that gets past the page's own check (a
	// browser without scripts): answered inside the chat, in WeChat's MB
	await page.evaluate(() => document.querySelector('input[name=attachment]').removeAttribute('data-limits'));
	const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(11 * 1024 * 1024)]);
	await page.setInputFiles('input[name=attachment]', { name: 'big.mp4', mimeType: 'video/mp4', buffer: mp4 });
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	check('an 11 MB video: refused inside the chat page, with the menu',
		await page.isVisible('#composer >> text=Videos can be at most 10 MB in WeChat') &&
		await page.isVisible('header.top >> text=Sign out'));
	check('…the typed text kept', (await page.inputValue('textarea[name=text]')) === 'with a file that is not a picture');
	await write('defects: arrives after the refusal');
	await page.waitForSelector('#transcript >> text=arrives after the refusal', { timeout: 15000 });
	check('…and the live refresh still shows new messages', true);
	await shot(page, '31-refused-send-stays');

	// 8. five in a row: Send gives way to holding a reply for when the follower writes
	await page.fill('textarea[name=text]', '');
	for (let i = 1; i <= 5; i++) {
		await page.fill('textarea[name=text]', `reply ${i}`);
		await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	}
	const look = await page.evaluate(() => {
		const f = document.querySelector('#composer');
		return { hold: f.classList.contains('hold'), send: !!f.querySelector('[data-keys-help]') };
	});
	check('after five in a row Send gives way to holding the reply, the reason said',
		look.hold && !look.send && await page.isVisible('#composer .why'));
	await shot(page, '32-composer-disabled');

	// 2. transferred to a department the operator is not in: the console
	// list with the confirmation, not a 403
	await page.selectOption('select[name=to]', { label: 'Support' });
	await Promise.all([page.waitForNavigation(), page.click('form.transfer button')]);
	check('transfer to another department lands on the console', new URL(page.url()).pathname === '/console/');
	check('…with the confirmation', await page.isVisible('.flash >> text=Chat transferred to Support.'));
	check('…and no error page', !(await page.isVisible('.error-page')));

	// 7. times in the viewer's zone: an operator in Shanghai reads Shanghai time
	const sh = await (await browser.newContext({ timezoneId: 'Asia/Shanghai', viewport: { width: 1200, height: 900 } })).newPage();
	await signIn(sh, 'admin', demoPassword('admin'));
	await sh.goto(`${BASE}/console/chats/${chat}`);
	await sh.reload();	// the first page told the server the browser's zone
	const want = sql(`SELECT DATE_FORMAT(started_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM chats WHERE id = ${chat}`);
	const hint = await sh.textContent('#chat p.hint');
	check(`the chat's start in the viewer's zone (${want})`, hint.includes(want) && !hint.includes('UTC'));

	// 5. pasted values with spaces around them: trimmed, then checked
	const adm = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	await signIn(adm, 'admin', demoPassword('admin'));
	const ch = sql("SELECT c.id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo'");
	const orig = sql(`SELECT original_id FROM channels WHERE id = ${ch}`);
	await adm.goto(`${BASE}/admin/channels/${ch}`);
	await adm.fill('input[name=original_id]', ` ${orig} `);
	check('a pasted Original ID with spaces is not cut', (await adm.inputValue('input[name=original_id]')) === ` ${orig} `);
	await Promise.all([adm.waitForNavigation(), adm.click('#details button[type=submit]')]);
	check('…and is saved trimmed', !(await adm.isVisible('#details .field.bad')) &&
		sql(`SELECT original_id FROM channels WHERE id = ${ch}`) === orig);
	// 9. the long account page: sections one click away, and a refused save
	// whose banner leads to the field in error
	const links = await adm.$$eval('nav.sections a', (as) => as.map((a) => a.getAttribute('href')));
	check('the account page lists its sections', links.length >= 6 &&
		(await adm.evaluate((ls) => ls.every((h) => document.querySelector(h)), links)));
	await adm.evaluate(() => { const i = document.querySelector('input[name=missed_after]'); i.removeAttribute('min'); i.value = '0'; });
	await Promise.all([adm.waitForNavigation(), adm.click('#preferences button[type=submit]')]);
	const go = await adm.getAttribute('.error-box a', 'href');
	check(`the banner links to the field in error (${go})`, go === '#missed_after-error');
	await adm.click('.error-box a');
	check('…which is then on screen', await eventually(() => adm.evaluate(() => {
		const r = document.getElementById('missed_after-error').getBoundingClientRect();
		return r.top >= -1 && r.bottom <= window.innerHeight;
	}), 5000));
	await shot(adm, '34-account-page-error-link');
	await adm.goto(`${BASE}/admin/channels/${ch}`);
	const token = 'T0ken' + 'x'.repeat(27);
	await adm.fill('input[name=token]', ` ${token}`);
	check('a 32-character token pasted with a space keeps all 32', (await adm.inputValue('input[name=token]')) === ` ${token}`);

	// 4. the wizard keeps the App Secret across Generate and a wrong field
	sql("INSERT INTO brands (name, created_at) VALUES ('Defects Brand', NOW())");
	sql("INSERT INTO departments (brand_id, name, created_at) SELECT id, 'Desk', NOW() FROM brands WHERE name = 'Defects Brand'");
	const next = async () => Promise.all([adm.waitForNavigation(), adm.click('button[value=next]')]);
	await adm.goto(`${BASE}/admin/channels/new`);
	await adm.check('label.check:has-text("Defects Brand") input');
	await next();
	await adm.check('input[name=ip_ok]');
	await next();
	const secret = hex(32);
	await adm.fill('input[name=original_id]', `gh_${hex(12)}`);
	await adm.fill('input[name=app_id]', `wx${hex(16)}`);
	await adm.fill('input[name=app_secret]', secret);
	await Promise.all([adm.waitForNavigation(), adm.click('button[value=token]')]);
	const kept = async () => (await adm.getAttribute('input[name=app_secret]', 'placeholder') || '').includes(secret.slice(-4)) &&
		!(await adm.getAttribute('input[name=app_secret]', 'required') !== null);
	check('Generate token: the App Secret shows as saved, not asked again', await kept());
	await adm.fill('input[name=original_id]', 'gh_wrong');
	await adm.fill('input[name=aes_key]', 'short');
	await next();
	check('a wrong field: the App Secret still saved', await kept() &&
		await adm.isVisible('.field.bad >> text=An Original ID is gh_'));
	await shot(adm, '33-wizard-secret-kept');

	// 10. the admin home: each account's health, and what needs attention
	await adm.goto(`${BASE}/admin/`);
	check('the admin home lists the accounts with their health',
		await adm.isVisible('#accounts >> text=Demo'));
	check('…and what needs attention, linked: the unfinished setup',
		await adm.isVisible('#attention a:has-text("The WeChat account of Defects Brand is not set up yet")'));
	await shot(adm, '35-admin-home');
} catch (e) {
	check(`defects test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('defects.mjs')).join('\n'));
} finally {
	await browser.close();
}
finish();
