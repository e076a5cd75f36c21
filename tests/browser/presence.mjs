// presence.mjs: presence follows the person. Two operators of a round-robin
// department in two browsers and a follower's phone: any signed-in page
// beats (a reports page too); one operator closes the tab while a chat is
// offered to them, and the other's console rings with it within 15 s; the
// transfer list says who is there; a transfer to the one whose tab is closed
// is refused in words, and offered once they open a page again.
import { BASE, check, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql, stubNotifications } from './lib.mjs';

const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
const sales = sql(`SELECT id FROM departments WHERE brand_id = ${demo} AND name = 'Sales'`);
const OPENID = `oPres${Date.now() % 100000}`;
for (const [login, name] of [['pres1', 'Pia One'], ['pres2', 'Per Two']]) {
	sql(`INSERT IGNORE INTO users (login, name, role, pw_hash, created_at) SELECT '${login}', '${name}', 'operator', pw_hash, NOW() FROM users WHERE login = 'operator'`);
	sql(`INSERT IGNORE INTO department_members (department_id, user_id) SELECT ${sales}, id FROM users WHERE login = '${login}'`);
}
sql(`UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = NOW(), offer_user_id = NULL WHERE department_id = ${sales} AND state IN ('waiting', 'missed', 'bot')`);
sql(`UPDATE departments SET routing = 'round_robin', offer_seconds = 120 WHERE id = ${sales}`);
const ids = { pres1: sql("SELECT id FROM users WHERE login = 'pres1'"), pres2: sql("SELECT id FROM users WHERE login = 'pres2'") };
const seen = (id) => sql(`SELECT IFNULL(UNIX_TIMESTAMP(console_seen_at), 0) FROM users WHERE id = ${id}`);

const browser = await launch();
try {
	const jsErrors = [];
	const contexts = {};
	const operator = async (login, path = '/console/') => {
		let ctx = contexts[login];
		if (!ctx) {
			ctx = contexts[login] = await browser.newContext({ viewport: { width: 1366, height: 768 } });
			await stubNotifications(ctx);
		}
		const page = await ctx.newPage();
		page.on('pageerror', (e) => jsErrors.push(String(e)));
		if (!ctx.signedIn) {
			await signIn(page, login, demoPassword('operator'));
			ctx.signedIn = true;
		}
		await page.goto(`${BASE}${path}`);
		return page;
	};
	const one = await operator('pres1', '/reports/');
	sql(`UPDATE users u JOIN department_members m ON m.user_id = u.id AND m.department_id = ${sales} SET u.presence = 'away' WHERE u.login NOT IN ('pres1', 'pres2')`);
	sql(`UPDATE users SET console_seen_at = NULL WHERE id = ${ids.pres1}`);
	check('a reports page beats too: presence from any signed-in page',
		await eventually(() => seen(ids.pres1) !== '0', 12000));
	await one.goto(`${BASE}/console/`);
	const two = await operator('pres2');

	// a chat offered to one of them; that one closes the tab
	const { write } = await followerPhone(browser, OPENID, { follow: false });
	await write('presence: hello?');
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`)) || '0';
	const to = await eventually(() => sql(`SELECT IFNULL(offer_user_id, '') FROM chats WHERE id = ${chat}`), 15000);
	check('the chat is offered to one of the two', to === ids.pres1 || to === ids.pres2);
	const [gone, stays, goneId, staysId] = to === ids.pres1 ? [one, two, ids.pres1, ids.pres2] : [two, one, ids.pres2, ids.pres1];
	await gone.waitForSelector(`#offer section.offer[data-offer="${chat}"]`, { timeout: 10000 });
	const closedAt = Date.now();
	await gone.close({ runBeforeUnload: true });
	await stays.waitForSelector(`#offer section.offer[data-offer="${chat}"]`, { timeout: 15000 }).catch(() => {});
	const took = (Date.now() - closedAt) / 1000;
	check(`the tab closed while the offer rang: the other operator's console rings with it within 15 s (${took.toFixed(1)} s)`,
		took < 15 && await stays.isVisible(`#offer section.offer[data-offer="${chat}"]`));
	check('…the first offer ended as withdrawn',
		sql(`SELECT outcome FROM offers WHERE chat_id = ${chat} AND user_id = ${goneId}`) === 'withdrawn');
	await shot(stays, '64-offer-after-tab-closed');
	await Promise.all([stays.waitForNavigation(), stays.click('#offer button:has-text("Accept")')]);
	check('accepted by the operator who is there', sql(`SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = ${chat}`) === `active:${staysId}`);

	// the transfer list knows who is there; a transfer to the absent one is refused in words
	const goneName = goneId === ids.pres1 ? 'Pia One' : 'Per Two';
	await eventually(() => sql(`SELECT idle_since IS NOT NULL FROM users WHERE id = ${goneId}`) === '1', 15000);
	await stays.goto(`${BASE}/console/chats/${chat}`);
	const option = await stays.textContent(`select[name=to] option[value="user:${goneId}"]`);
	check('the transfer list says the colleague has no page open', option.includes(goneName) && option.includes('no wxdesk page open'));
	await stays.selectOption('select[name=to]', `user:${goneId}`);
	await Promise.all([stays.waitForNavigation(), stays.click('form.transfer button[type=submit]')]);
	check('a transfer to them is refused at once, saying why',
		(await stays.textContent('form.transfer')).includes(`${goneName} cannot take it now`) &&
		sql(`SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = ${chat}`) === `active:${staysId}`);
	await shot(stays, '65-transfer-refused');
	// back: a page of theirs opens again, and the transfer is offered to them
	const back = await operator(goneId === ids.pres1 ? 'pres1' : 'pres2');
	await eventually(() => sql(`SELECT idle_since IS NULL FROM users WHERE id = ${goneId}`) === '1', 10000);
	await stays.goto(`${BASE}/console/chats/${chat}`);
	await stays.selectOption('select[name=to]', `user:${goneId}`);
	await Promise.all([stays.waitForNavigation(), stays.click('form.transfer button[type=submit]')]);
	await back.waitForSelector(`#offer section.offer[data-offer="${chat}"]`, { timeout: 10000 }).catch(() => {});
	check('back at their desk: the transfer rings on their console', await back.isVisible(`#offer section.offer[data-offer="${chat}"]`));
	check(`no script errors (${jsErrors.join('; ')})`, jsErrors.length === 0);
} catch (e) {
	check(`presence test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('presence.mjs')).join('\n'));
} finally {
	sql(`UPDATE departments SET routing = 'everyone' WHERE id = ${sales}`);
	sql("UPDATE chats c JOIN users u ON u.id = c.operator_id OR u.id = c.offer_user_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW(), c.offer_user_id = NULL WHERE u.login IN ('pres1', 'pres2') AND c.state <> 'closed'");
	sql("UPDATE users SET presence = 'away' WHERE login IN ('pres1', 'pres2')");
	sql("DELETE FROM department_members WHERE user_id IN (SELECT id FROM users WHERE login IN ('pres1', 'pres2'))");
	await browser.close();
}
finish();
