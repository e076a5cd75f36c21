// notices.mjs: reaching a follower after their window shut. The operator's
// chat shows the ladder: for a follower with no acceptance, a hold and a
// template message; once the follower accepts a notice in an article (the
// phone), the notice comes first with what it spends. The operator fills a
// template beside WeChat's live preview and sends it; the transcript shows
// it reached the phone. In Chinese, and on a phone-sized screen.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { BASE, check, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, SIM, sql } from './lib.mjs';

const VAR = process.env.WXDESK_VAR;
const OPENID = `oBrowserNotice${Date.now() % 100000}`;
const offFile = `${VAR}/clock-offset`;
const clockWas = existsSync(offFile) ? readFileSync(offFile, 'utf8').trim() : null;
const appid = sql("SELECT c.app_id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo' ORDER BY c.id LIMIT 1");
const channel = sql(`SELECT id FROM channels WHERE app_id = '${appid}'`);
const addTemplate = (fields) => fetch(`${SIM}/sim/templates`, { method: 'POST', body: new URLSearchParams({ appid, ...fields }) });

const browser = await launch();
try {
	await addTemplate({ kind: 'template', template_id: 'TPL_BROWSER', title: '工单进度通知',
		content: '工单编号：{{character_string1.DATA}}\n处理进度：{{thing2.DATA}}' });
	await addTemplate({ kind: 'notice', template_id: 'NTC_BROWSER', title: '咨询回复提醒',
		content: '回复内容：{{thing1.DATA}}' });
	sql(`INSERT INTO wx_syncs (channel_id, templates_due) VALUES (${channel}, '1000-01-01') ON DUPLICATE KEY UPDATE templates_due = '1000-01-01'`);
	check('the worker imports the demo account\'s templates', await eventually(() =>
		sql(`SELECT COUNT(*) FROM wx_templates WHERE channel_id = ${channel} AND wx_id IN ('TPL_BROWSER', 'NTC_BROWSER')`) === '2', 30000));

	const { page: phone, write } = await followerPhone(browser, OPENID, { viewport: { width: 390, height: 844 } });
	await write('我的工单 W-77 处理到哪一步了？');
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`));
	const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'operator', demoPassword('operator'));
	await page.goto(`${BASE}/console/chats/${chat}`);
	await Promise.all([page.waitForNavigation(), page.click('text=Pick up this chat')]);
	check('while the window is open there is no ladder', !(await page.isVisible('#ladder')));

	// two days later the window is shut: the ladder
	sql("UPDATE channel_prefs p JOIN channels c ON c.id = p.channel_id JOIN brands b ON b.id = c.brand_id SET p.idle_close_minutes = 100000 WHERE b.name = 'Demo'");
	writeFileSync(offFile, `${(parseInt(clockWas || '0', 10) || 0) + 49 * 3600}\n`);
	await signIn(page, 'operator', demoPassword('operator'));
	await page.goto(`${BASE}/console/chats/${chat}`);
	check('the window shut: the ladder offers a hold, then the template', await page.isVisible('#ladder >> text=Hold the reply above') &&
		await page.isVisible('#ladder >> text=Template message: 工单进度通知'));
	check('…a follower with no acceptance: no notice to spend, and the page says so', !(await page.isVisible('#ladder >> text=Subscription notice: 咨询回复提醒')) &&
		await page.isVisible('#ladder .no-credit >> text=咨询回复提醒'));
	await shot(page, '60-ladder-no-credit');

	// the follower accepts the notice in an article (the phone's consent)
	await phone.selectOption('form.consent select[name=action]', 'notice_accept');
	await phone.fill('form.consent input[name=template_id]', 'NTC_BROWSER');
	await Promise.all([phone.waitForNavigation(), phone.click('form.consent button')]);
	await page.reload();
	const first = await page.textContent('#ladder li.route:nth-child(2)');
	check('with an acceptance the notice comes first, with what it spends', /咨询回复提醒/.test(first) && /spends 1 of the 1 times they accepted it/.test(first));
	await shot(page, '61-ladder-credit');

	// a template message, filled beside WeChat's preview
	await Promise.all([page.waitForNavigation(), page.click('#ladder >> text=Template message: 工单进度通知')]);
	await page.fill('input[data-key=character_string1]', 'W-77');
	await page.fill('input[data-key=thing2]', '工程师已上门');
	check('the preview follows the fields as they are typed', (await page.textContent('#notice-preview pre')).includes('工单编号：W-77\n处理进度：工程师已上门'));
	await shot(page, '62-template-form');
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Send the template message")')]);
	check('sent: back on the chat, the flash says so', await page.isVisible('.flash >> text=The template message is on its way'));
	const reached = await eventually(async () => {
		await page.reload();
		return page.isVisible('#transcript >> text=reached the follower\'s phone');
	}, 30000);
	check('…the transcript shows it reached the phone', reached);
	await phone.reload();
	check('the phone shows the template filled in', await phone.isVisible('text=工单编号：W-77'));
	await shot(phone, '63-phone-template');

	// in Chinese, on a phone-sized screen
	const zh = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
	await signIn(zh, 'operator', demoPassword('operator'));
	await zh.goto(`${BASE}/console/chats/${chat}`);
	check('in Chinese: the ladder speaks Chinese', await zh.isVisible('#ladder >> text=换一种方式联系粉丝') &&
		await zh.isVisible('#ladder >> text=订阅通知：咨询回复提醒'));
	const wide = await zh.evaluate(() => document.documentElement.scrollWidth);
	check('…and fits a phone\'s width', wide <= 390);
	await shot(zh, '64-ladder-zh-phone');
	await zh.goto(`${BASE}/console/chats/${chat}/notice/${sql(`SELECT id FROM wx_templates WHERE wx_id = 'TPL_BROWSER'`)}`);
	check('…the template page too', await zh.isVisible('text=粉丝看到的样子') && await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '65-template-form-zh-phone');
	// the administrator's Templates page and the Broadcasts page, in Chinese on a phone
	const adm = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
	await signIn(adm, 'admin', demoPassword('admin'));
	await adm.goto(`${BASE}/admin/channels/${channel}/templates`);
	check('the Templates page lists both kinds, in Chinese, within a phone\'s width', await adm.isVisible('text=工单进度通知') &&
		await adm.isVisible('text=咨询回复提醒') && await adm.isVisible('text=谁可以发送') &&
		await adm.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(adm, '66-templates-zh-phone');
	await adm.goto(`${BASE}/console/broadcasts?account=${channel}`);
	check('the Broadcasts page says what each audience can still receive, in Chinese, within a phone\'s width',
		await adm.isVisible('text=本月还有') && await adm.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(adm, '67-broadcasts-zh-phone');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`notices test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('notices.mjs')).join('\n'));
} finally {
	sql("UPDATE channel_prefs p JOIN channels c ON c.id = p.channel_id JOIN brands b ON b.id = c.brand_id SET p.idle_close_minutes = 1440 WHERE b.name = 'Demo'");
	if (clockWas === null) { if (existsSync(offFile)) unlinkSync(offFile); } else writeFileSync(offFile, `${clockWas}\n`);
	await browser.close();
}
finish();
