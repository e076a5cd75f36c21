// reopen.mjs: an operator on a phone, in Chinese, closes a chat, then
// reopens it to write to the follower again within their 48 hours.
import { BASE, check, demoPassword, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const OPENID = 'oBrowserReopen01';
const browser = await launch();
try {
	const phone = await followerPhone(browser, OPENID);
	await phone.write('我还有一个问题');
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id ` +
		`WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`);
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
	const page = await ctx.newPage();
	await signIn(page, 'operator', demoPassword('operator'));
	await page.goto(`${BASE}/console/chats/${chat}?lang=zh-CN`);
	await Promise.all([page.waitForNavigation(), page.click('form[action$="/pickup"] button')]);
	// on a phone the follower's panel (transfer, close) opens from its button
	await page.click('.follower-toggle a');
	page.once('dialog', (d) => d.accept());
	await Promise.all([page.waitForNavigation(), page.click('form.close button[type=submit]')]);
	check('the chat is closed', sql(`SELECT state FROM chats WHERE id = ${chat}`) === 'closed');
	const button = page.locator('form.reopen button');
	check('a closed chat within the 48 hours offers 重新打开会话, in Chinese',
		(await button.count()) === 1 && (await button.textContent()).includes('重新打开会话'));
	check('…and the reply box says how to write again',
		await page.isVisible('text=重新打开会话即可再次回复粉丝'));
	const box = await button.boundingBox();
	check('…the button fits the phone screen', box && box.x >= 0 && box.x + box.width <= 390);
	await shot(page, '40-reopen-phone-zh');
	await Promise.all([page.waitForNavigation(), button.click()]);
	check('reopened: active again, and the composer is open',
		sql(`SELECT state FROM chats WHERE id = ${chat}`) === 'active' &&
		!(await page.isDisabled('textarea[name=text]')));
	check('…the page says so in Chinese', await page.isVisible('text=您已重新打开会话，由您接待。'));
	await shot(page, '41-reopened-phone-zh');
} catch (e) {
	check(`reopen test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
