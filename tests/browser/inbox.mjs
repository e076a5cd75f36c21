// inbox.mjs: the console as operators use it all day: keyboard shortcuts
// (p picks up, Ctrl+Enter sends, Esc leaves the box, ? lists them),
// internal notes (staff only, never sent to WeChat), and a desktop
// notification for a new waiting chat while the tab is hidden; on a wide
// screen the one-page inbox (another chat opens in place, back and forward
// work, drafts wait) and relative times.
import { BASE, check, stubNotifications, demoPassword, eventually, finish, launch, shot, signIn, SIM, sql } from './lib.mjs';

const APPID = sql("SELECT c.app_id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo'");

const received = async (openid) => (await (await fetch(`${SIM}/sim/received?appid=${APPID}&openid=${openid}`)).json()).messages.length;
const OPENID = `oInbox${Date.now() % 100000}`;

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	// the test sees the notifications raised, and the tab counts as hidden
	await stubNotifications(ctx);
	// the follower's phone
	const phone = await (await browser.newContext()).newPage();
	await phone.goto(`${SIM}/phone?appid=${APPID}&openid=${OPENID}`);
	const phoneSays = async (text) => {
		await phone.fill('input[name=text]', text);
		await Promise.all([phone.waitForNavigation(), phone.click('.compose >> button:has-text("Send")')]);
	};
	const page = await ctx.newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'operator', demoPassword('operator'));
	check('the notification switch is offered, not asked on page load',
		await page.isVisible('#notify-on') && (await page.evaluate(() => window.__notes.length)) === 0);
	await page.evaluate(() => { window.__hidden = true; });
	await page.waitForResponse((r) => r.url().includes('/console/poll'));
	await phoneSays('inbox: hello');
	check('a new waiting chat while the tab is hidden raises a desktop notification',
		await eventually(() => page.evaluate(() => window.__notes.length > 0), 15000));
	await page.evaluate(() => { window.__hidden = false; });

	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`));
	await page.goto(`${BASE}/console/chats/${chat}`);
	await page.keyboard.press('?');
	check('? lists the shortcuts', await page.isVisible('#keys-help'));
	await shot(page, '51-keys-help');
	await page.keyboard.press('?');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('p')]);
	check('p picks the chat up', sql(`SELECT state FROM chats WHERE id = ${chat}`) === 'active');
	await page.keyboard.press('r');
	check('r goes to the reply box', await page.evaluate(() => document.activeElement.name === 'text'));
	await page.keyboard.type('sent with the keyboard');
	check('the Send button shows its shortcut', await page.isVisible('#composer button.primary kbd'));
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Control+Enter')]);
	check('Ctrl+Enter sends', await page.isVisible('#transcript li.out >> text=sent with the keyboard'));
	await page.click('textarea[name=text]');
	await page.keyboard.press('Escape');
	check('Esc leaves the reply box', await page.evaluate(() => document.activeElement.name !== 'text'));

	// an internal note: in the transcript, set apart, never sent to WeChat
	// (counted once the reply before it left the outbox)
	await page.waitForSelector('#transcript li.out:has-text("sent with the keyboard") .delivery.delivered', { timeout: 10000 }).catch(() => {});
	const before = await received(OPENID);
	await page.fill('textarea[name=staff_note]', 'VIP customer, be quick');
	await Promise.all([page.waitForNavigation(), page.click('form.staff-note-form button')]);
	check('an internal note shows in the transcript, set apart',
		await page.isVisible('#transcript li.staff-note >> text=VIP customer, be quick'));
	check('…never sent to the follower', (await received(OPENID)) === before);
	check('…found by the search', sql(`SELECT COUNT(*) FROM messages WHERE chat_id = ${chat} AND direction = 'system' AND body = 'VIP customer, be quick'`) === '1');
	await shot(page, '52-internal-note');

	// a reply being typed survives a note, a reload, a status change and
	// another chat opened, and goes once it is sent
	await page.click('textarea[name=text]');
	await page.keyboard.type('half a reply 还没写完');
	await page.fill('textarea[name=staff_note]', 'a second note');
	await Promise.all([page.waitForNavigation(), page.click('form.staff-note-form button')]);
	check('a reply being typed is still in its box after a note is added',
		(await page.inputValue('textarea[name=text]')) === 'half a reply 还没写完');
	await page.reload();
	check('…after a reload', (await page.inputValue('textarea[name=text]')) === 'half a reply 还没写完');
	await Promise.all([page.waitForNavigation(), page.selectOption('select[name=presence]', 'busy')]);
	check('…after a status change', (await page.inputValue('textarea[name=text]')) === 'half a reply 还没写完');
	await Promise.all([page.waitForNavigation(), page.selectOption('select[name=presence]', 'available')]);
	await page.goto(`${BASE}/console/?tab=mine`);
	await page.goto(`${BASE}/console/chats/${chat}`);
	check('…and when the chat is opened again', (await page.inputValue('textarea[name=text]')) === 'half a reply 还没写完');
	await page.click('textarea[name=text]');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Control+Enter')]);
	check('…until it is sent: then the box is empty', (await page.inputValue('textarea[name=text]')) === '' &&
		await page.isVisible('#transcript li.out >> text=half a reply 还没写完'));
	await page.reload();
	check('…and stays empty', (await page.inputValue('textarea[name=text]')) === '');
	// unread marks: the follower writes again; the list says so until the
	// operator has opened the chat
	const polled = page.waitForResponse((r) => r.url().includes('/console/poll'));
	await page.goto(`${BASE}/console/?tab=mine`);
	await polled;	// the page knows what was unread
	await page.evaluate(() => { window.__hidden = true; window.__notes = []; });
	await phoneSays('inbox: one more thing');
	check('a follower\'s message in my chat while the tab is hidden raises a notification',
		await eventually(() => page.evaluate(() => window.__notes.some((n) => n.includes('wrote in one of your chats'))), 15000));
	check('…and the tab title counts it', /^\(\d+\) /.test(await page.title()));
	await page.evaluate(() => { window.__hidden = false; });
	await page.goto(`${BASE}/console/?tab=mine`);
	check('the list marks the unread message',
		(await page.textContent(`#chatlist tr:has(a[href="/console/chats/${chat}"]) b.unread`).catch(() => '')) === '1');
	await page.goto(`${BASE}/console/chats/${chat}`);
	await page.goto(`${BASE}/console/?tab=mine`);
	check('…until the chat is opened', !(await page.isVisible(`#chatlist tr:has(a[href="/console/chats/${chat}"]) b.unread`)));

	// search across open chats, and the next waiting chat
	await page.goto(`${BASE}/console/?tab=mine&q=${encodeURIComponent('inbox: hello')}`);
	check('search in my open chats finds the chat by its text',
		await page.isVisible(`#chatlist a[href="/console/chats/${chat}"]`));
	await page.goto(`${BASE}/console/?tab=mine&q=nothing-like-this`);
	check('…and nothing for a text no chat has', !(await page.isVisible(`#chatlist a[href="/console/chats/${chat}"]`)));
	await phone.fill('form.who input[name=openid]', `${OPENID}b`);
	await Promise.all([phone.waitForNavigation(), phone.click('text=Switch')]);
	await phoneSays('inbox: a second follower');
	await eventually(() => sql(`SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}b' AND c.state = 'waiting'`) === '1');
	await Promise.all([page.waitForNavigation(), page.click('text=Next waiting chat')]);
	const next = sql("SELECT c.id FROM chats c WHERE c.state = 'waiting' ORDER BY c.started_at, c.id LIMIT 1");
	check('"Next waiting chat" opens the one that has waited longest',
		new URL(page.url()).pathname === `/console/chats/${next}`);

	// the one-page inbox on a wide screen: list, conversation and follower
	// side by side; another chat opens without a reload and the address follows
	const second = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}b' AND c.state = 'waiting'`);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(`${BASE}/console/chats/${chat}`);
	const boxes = await page.evaluate(() => ['inbox', 'chat', 'follower'].map((id) => {
		const b = document.getElementById(id).getBoundingClientRect();
		return { x: b.x, w: b.width, top: b.y };
	}));
	check('a wide screen shows the inbox, the chat and the follower side by side',
		boxes.every((b) => b.w > 150) && boxes[0].x < boxes[1].x && boxes[1].x < boxes[2].x &&
		Math.abs(boxes[0].top - boxes[1].top) < 5);
	check('…the inbox lists my chat and the waiting one',
		await page.isVisible(`#inbox a[href="/console/chats/${chat}"]`) &&
		await page.isVisible(`#inbox a[href="/console/chats/${second}"]`));
	await shot(page, '53-one-page-inbox');
	await page.fill('textarea[name=text]', 'a draft for the first chat');
	await page.evaluate(() => { window.__samePage = true; });
	await page.click(`#inbox a[href="/console/chats/${second}"]`);
	await page.waitForURL(`**/console/chats/${second}`);
	await page.waitForSelector('#transcript >> text=inbox: a second follower');
	check('another chat opens in place: no reload, the address follows',
		await page.evaluate(() => window.__samePage === true) &&
		await page.isVisible('#chat h1') && await page.isVisible(`#inbox li.on a[href="/console/chats/${second}"]`));
	check('…the follower panel is the new chat\'s', (await page.textContent('#follower code')).includes(`${OPENID}b`));
	await page.goBack();
	await page.waitForSelector('#transcript >> text=sent with the keyboard');
	check('back returns to the first chat, in place, with its draft',
		new URL(page.url()).pathname === `/console/chats/${chat}` &&
		await page.evaluate(() => window.__samePage === true) &&
		(await page.inputValue('textarea[name=text]')) === 'a draft for the first chat');
	await page.goForward();
	await page.waitForSelector('#transcript >> text=inbox: a second follower');
	check('…and forward to the second', new URL(page.url()).pathname === `/console/chats/${second}`);
	// relative times: a message of a moment ago reads so, the exact time on hover
	const t0 = await page.evaluate(() => {
		const el = document.querySelector('#transcript li.msg time');
		return { text: el.textContent, title: el.title };
	});
	check(`recent times read relative, the exact one on hover (${t0.text}; ${t0.title})`,
		/just now|min ago/.test(t0.text) && /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(t0.title));
	await page.setViewportSize({ width: 1200, height: 900 });
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`inbox test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('inbox.mjs')).join('\n'));
} finally {
	await browser.close();
}
finish();
