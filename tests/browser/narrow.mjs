// narrow.mjs: every page at a phone's width (390×844): nothing is wider
// than the screen (the page never scrolls sideways; a wide table scrolls
// inside its card), and the menu opens from its button.
import { BASE, check, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
const ch = sql(`SELECT id FROM channels WHERE brand_id = ${demo}`);
const dept = sql(`SELECT MIN(id) FROM departments WHERE brand_id = ${demo}`);
const op = sql("SELECT id FROM users WHERE login = 'operator'");
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
		'/admin/operators', `/admin/operators/${op}`, '/admin/operators/new', '/admin/channels',
		`/admin/channels/${ch}`, '/admin/channels/new', `/admin/brands/${demo}/profanity`,
		'/console/', '/console/?tab=closed', '/reports/', '/reports/days', '/reports/hours',
		'/reports/operators', '/reports/departments', '/reports/followers', '/account'];
	if (chat !== '0')
		pages.push(`/console/chats/${chat}`);
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
	await page.goto(`${BASE}/admin/`);
	check('the menu is behind its button', !(await page.isVisible('nav#menu')) &&
		await page.isVisible('.menu-toggle'));
	await page.click('.menu-toggle');
	check('…which opens it', await page.isVisible('nav#menu >> text=Reports'));
	await shot(page, '41-phone-menu-open');
	await Promise.all([page.waitForNavigation(), page.click('nav#menu >> text=Reports')]);
	check('…and its links work', new URL(page.url()).pathname === '/reports/');
	await shot(page, '42-phone-reports');
} catch (e) {
	check(`narrow test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
