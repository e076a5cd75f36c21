// help.mjs: the guides in a browser. An operator at the console follows the
// header's Help link to the operator's guide, at the part about the console,
// in English; in Chinese on a phone the same link opens the Chinese guide,
// within the phone's width, and the guide offers the other language. An
// administrator's Help link on an account's chatbot page opens the
// administrator's guide at the chatbot. The pictures the guides show are
// taken here (docs/shots/).
import { BASE, check, demoPassword, finish, guideShot, launch, shot, signIn, sql } from './lib.mjs';

const channel = sql("SELECT ch.id FROM channels ch JOIN brands b ON b.id = ch.brand_id WHERE b.name = 'Demo'");
const browser = await launch();
try {
	const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'operator', demoPassword('operator'));
	await page.goto(`${BASE}/console/`);
	await guideShot(page, 'guide-console');
	await Promise.all([page.waitForNavigation(), page.click('header a.help-link')]);
	check('the console\'s Help link: the operator\'s guide at the console', page.url().endsWith('/help/operator#console') &&
		await page.isVisible('h2#console') && await page.isVisible('h1:has-text("Operator\'s guide")'));
	check('…its parts as headings, its lists and code as HTML', await page.isVisible('h2#windows') &&
		(await page.$$('article.doc li')).length > 20 && (await page.$$('article.doc code')).length > 20);
	await shot(page, '90-help-operator');

	const zh = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
	await signIn(zh, 'operator', demoPassword('operator'));
	await zh.goto(`${BASE}/console/`);
	await Promise.all([zh.waitForNavigation(), zh.click('header a.help-link')]);
	check('in Chinese on a phone: 客服手册, at the console, within the width', await zh.isVisible('h1:has-text("客服手册")') &&
		await zh.isVisible('h2#console') && await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '91-help-zh-phone');
	await Promise.all([zh.waitForNavigation(), zh.click('nav.guides a.other')]);
	check('…and the English guide one tap away', await zh.isVisible('h1:has-text("Operator\'s guide")'));

	const admin = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	await signIn(admin, 'admin', demoPassword('admin'));
	await admin.goto(`${BASE}/admin/`);
	await guideShot(admin, 'guide-admin');
	// the Chinese guides show the Chinese pages
	const zhDesk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
	const zhOp = await zhDesk.newPage();
	await signIn(zhOp, 'operator', demoPassword('operator'));
	await zhOp.goto(`${BASE}/console/`);
	await guideShot(zhOp, 'guide-console-zh');
	const zhAdmin = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })).newPage();
	await signIn(zhAdmin, 'admin', demoPassword('admin'));
	await zhAdmin.goto(`${BASE}/admin/`);
	await guideShot(zhAdmin, 'guide-admin-zh');
	await admin.goto(`${BASE}/admin/channels/${channel}/bot`);
	await Promise.all([admin.waitForNavigation(), admin.click('header a.help-link')]);
	check('an account\'s chatbot page: the administrator\'s guide at the chatbot', admin.url().endsWith('/help/admin#bot') &&
		await admin.isVisible('h2#bot'));
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`help test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('help.mjs')).join('\n'));
} finally {
	await browser.close();
}
finish();
