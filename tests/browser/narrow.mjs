// narrow.mjs: every page at a phone's width (390×844): nothing is wider
// than the screen (the page never scrolls sideways; a wide table scrolls
// inside its card), and the menu opens from its button.
import { execFileSync } from 'node:child_process';
import { BASE, check, demoPassword, finish, launch, shot, signIn } from './lib.mjs';

const sql = (q) => execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4',
	`--socket=${process.env.WXDESK_VAR}/run/mysqld.sock`, '-uroot', '-N', '-B', 'wxdesk', '-e', q])
	.toString().trim();
const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
const ch = sql(`SELECT id FROM channels WHERE brand_id = ${demo}`);
const dept = sql(`SELECT MIN(id) FROM departments WHERE brand_id = ${demo}`);
const op = sql("SELECT id FROM users WHERE login = 'operator'");
const chat = sql('SELECT IFNULL(MAX(id), 0) FROM chats');

const browser = await launch();
try {
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
