// routing.mjs: a round-robin department with two operators in two browsers:
// a follower's chat is offered to one of them (the console rings: a banner,
// and a desktop notification while the tab is hidden), who accepts; the
// other never sees the offer. The supervisors' board updates by itself.
import { BASE, check, stubNotifications, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
const sales = sql(`SELECT id FROM departments WHERE brand_id = ${demo} AND name = 'Sales'`);
const OPENID = `oRing${Date.now() % 100000}`;
// two operators of Sales, with the demo operator's password; the other
// members of Sales are away for this test
for (const [login, name] of [['ring1', 'Ring One'], ['ring2', 'Ring Two']]) {
	sql(`INSERT IGNORE INTO users (login, name, role, pw_hash, created_at) SELECT '${login}', '${name}', 'operator', pw_hash, NOW() FROM users WHERE login = 'operator'`);
	sql(`INSERT IGNORE INTO department_members (department_id, user_id) SELECT ${sales}, id FROM users WHERE login = '${login}'`);
}
// chats other scripts left waiting in Sales would be offered too: closed first
sql(`UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW() WHERE department_id = ${sales} AND state IN ('waiting', 'missed', 'bot')`);
sql(`UPDATE departments SET routing = 'round_robin', offer_seconds = 120 WHERE id = ${sales}`);
const ids = { ring1: sql("SELECT id FROM users WHERE login = 'ring1'"), ring2: sql("SELECT id FROM users WHERE login = 'ring2'") };

const browser = await launch();
try {
	const jsErrors = [];
	const operator = async (login) => {
		const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
		await stubNotifications(ctx);
		const page = await ctx.newPage();
		page.on('pageerror', (e) => jsErrors.push(String(e)));
		await signIn(page, login, demoPassword('operator'));
		return page;
	};
	const one = await operator('ring1'), two = await operator('ring2');
	// every other member of Sales (the demo operator, operators earlier
	// scripts made) is away for this test
	sql(`UPDATE users u JOIN department_members m ON m.user_id = u.id AND m.department_id = ${sales} SET u.presence = 'away' WHERE u.login NOT IN ('ring1', 'ring2')`);
	check('signed in: both available, shown in the header',
		(await one.inputValue('form.presence select')) === 'available' &&
		(await two.inputValue('form.presence select')) === 'available');
	const sup = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	sup.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(sup, 'admin', demoPassword('admin'));
	await sup.goto(`${BASE}/console/board`);
	const board = (login) => sup.textContent(`section.board-dept[data-dept="${sales}"] tr:has(td:text-is("${login === 'ring1' ? 'Ring One' : 'Ring Two'}"))`).catch(() => '');
	check('the board lists both as available', (await board('ring1')).includes('Available') &&
		(await board('ring2')).includes('Available'));
	await shot(sup, '61-board');

	await one.evaluate(() => { window.__hidden = true; });
	await two.evaluate(() => { window.__hidden = true; });
	const { write } = await followerPhone(browser, OPENID, { follow: false });
	await write('ring: I need help');
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`)) || '0';
	const to = await eventually(() => sql(`SELECT IFNULL(offer_user_id, '') FROM chats WHERE id = ${chat}`), 15000);
	if (to !== ids.ring1 && to !== ids.ring2)	/* what the router saw */
		console.log(sql(`SELECT CONCAT_WS(' ', c.id, c.state, c.department_id, IFNULL(c.offer_user_id, '-'), c.state_since) FROM chats c WHERE c.id = ${chat}`),
			'|', sql(`SELECT GROUP_CONCAT(CONCAT_WS(':', u.login, u.presence, u.console_seen_at, u.chat_limit) SEPARATOR ' ') FROM department_members m JOIN users u ON u.id = m.user_id WHERE m.department_id = ${sales}`),
			'| now', sql('SELECT NOW()'), '| offers', sql(`SELECT COUNT(*) FROM offers WHERE chat_id = ${chat}`),
			'| routing', sql(`SELECT CONCAT_WS(' ', routing, IFNULL(chat_limit, '-'), offer_seconds) FROM departments WHERE id = ${sales}`));
	check('the worker offers the chat to one of them', to === ids.ring1 || to === ids.ring2);
	const [mine, other] = to === ids.ring1 ? [one, two] : [two, one];
	await mine.waitForSelector(`#offer section.offer[data-offer="${chat}"]`, { timeout: 10000 });
	check('the console rings: a banner with Accept and Decline', await mine.isVisible('#offer button:has-text("Accept")') &&
		await mine.isVisible('#offer button:has-text("Decline")'));
	check('…and a desktop notification while the tab is hidden',
		await eventually(() => mine.evaluate(() => window.__notes.some((n) => n.includes('A chat is offered to you'))), 5000));
	await shot(mine, '62-offer-rings');
	check('…and buzzes where the browser allows', await mine.evaluate(() => window.__buzz.length) >= 1);
	const offerBox = () => mine.evaluate(() => {
		const r = document.querySelector('#offer section.offer').getBoundingClientRect();
		const b = document.querySelector('#offer button').getBoundingClientRect();
		return { top: r.top, bottom: r.bottom, h: window.innerHeight, button: b.height };
	});
	await mine.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	let ob = await offerBox();
	check(`the banner stays on the screen when the page is scrolled (${JSON.stringify(ob)})`, ob.top >= 0 && ob.bottom <= ob.h);
	await mine.setViewportSize({ width: 390, height: 844 });
	await mine.evaluate(() => window.scrollTo(0, 0));
	ob = await offerBox();
	check(`on a phone it sits at the bottom of the screen with large buttons (${JSON.stringify(ob)})`,
		ob.bottom <= ob.h && ob.bottom >= ob.h - 20 && ob.button >= 44);
	await shot(mine, '62-offer-phone');
	check('…and the list\'s window meter ends inside the screen', await mine.evaluate(() =>
		[...document.querySelectorAll('.meter')].every((m) => m.getBoundingClientRect().right <= window.innerWidth)));
	await mine.setViewportSize({ width: 1200, height: 900 });
	await sup.waitForFunction((id) => {
		const s = document.querySelector(`section.board-dept[data-dept="${id}"] .queue b.waiting`);
		return s && s.textContent.trim() === '1';
	}, sales, { timeout: 15000 }).catch(() => {});
	check('the board shows the waiting chat by itself', (await sup.textContent(`section.board-dept[data-dept="${sales}"] .queue`)).includes('1'));
	await mine.evaluate(() => { window.__hidden = false; });
	await Promise.all([mine.waitForNavigation(), mine.click('#offer button:has-text("Accept")')]);
	check('accepted: the chat is theirs and active', new URL(mine.url()).pathname === `/console/chats/${chat}` &&
		sql(`SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = ${chat}`) === `active:${to}`);
	check('the other operator never saw the offer', !(await other.isVisible(`#offer section.offer[data-offer="${chat}"]`)) &&
		!(await other.evaluate((id) => window.__notes.some((n) => n.includes(id)), OPENID)));
	const who = to === ids.ring1 ? 'ring1' : 'ring2';
	await sup.waitForFunction(([id, name]) => {
		const row = [...document.querySelectorAll(`section.board-dept[data-dept="${id}"] tr`)].find((tr) => tr.textContent.includes(name));
		return row && row.textContent.includes('1 of') && !row.textContent.includes('offered');
	}, [sales, who === 'ring1' ? 'Ring One' : 'Ring Two'], { timeout: 15000 }).catch(() => {});
	check('the board shows the chat in hand by itself', (await board(who)).includes('1 of 5') &&
		!(await board(who)).includes('offered'));
	await shot(sup, '63-board-after-accept');

	// busy from the header: the choice takes effect at once
	await other.selectOption('form.presence select', 'busy');
	await other.waitForLoadState();
	await eventually(() => sql(`SELECT presence FROM users WHERE id = ${to === ids.ring1 ? ids.ring2 : ids.ring1}`) === 'busy', 5000);
	check('busy set from the header', sql(`SELECT presence FROM users WHERE id = ${to === ids.ring1 ? ids.ring2 : ids.ring1}`) === 'busy');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`routing test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('routing.mjs')).join('\n'));
} finally {
	sql(`UPDATE departments SET routing = 'everyone' WHERE id = ${sales}`);
	sql("UPDATE chats c JOIN users u ON u.id = c.operator_id OR u.id = c.offer_user_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW(), c.offer_user_id = NULL WHERE u.login IN ('ring1', 'ring2') AND c.state <> 'closed'");
	sql("DELETE FROM department_members WHERE user_id IN (SELECT id FROM users WHERE login IN ('ring1', 'ring2'))");
	await browser.close();
}
finish();
