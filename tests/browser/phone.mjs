// phone.mjs: a person plays a WeChat follower on the simulator's phone page:
// follows the demo account, writes, and the message lands in wxdesk.
import { check, eventually, finish, launch, shot, SIM, sql } from './lib.mjs';


const browser = await launch();
try {
	const page = await (await browser.newContext({ viewport: { width: 480, height: 900 } })).newPage();
	await page.goto(`${SIM}/phone`);
	check('the phone lists the demo account',
		(await page.textContent('select[name=appid]')).includes('Demo (plain)'));
	await page.fill('form.who input[name=openid]', 'oBrowserFollower01');
	await Promise.all([page.waitForNavigation(), page.click('text=Switch')]);
	await Promise.all([page.waitForNavigation(), page.click('.events >> text=Follow')]);
	check('follow delivered to the webhook', await page.isVisible('text=Delivered to the account'));
	await page.fill('input[name=text]', '你好，我想问一下订单 😀');
	await Promise.all([page.waitForNavigation(), page.click('.compose >> text=Send')]);
	check('message delivered', await page.isVisible('text=Delivered to the account'));
	await shot(page, '09-phone');
	check('wxdesk stored the message in a waiting chat', sql("SELECT c.state FROM messages m " +
		"JOIN chats c ON c.id = m.chat_id JOIN followers f ON f.id = m.follower_id " +
		"WHERE f.openid = 'oBrowserFollower01' AND m.msg_type = 'text'") === 'waiting');
	// an operator's reply (through WeChat's API) appears on the phone without a reload
	const appid = await page.inputValue('select[name=appid]');
	// the worker fetches the token on its own schedule, slower under sanitizers
	const token = await eventually(() => sql(`SELECT token FROM access_tokens t ` +
		`JOIN channels c ON c.id = t.channel_id WHERE c.app_id = '${appid}' AND t.token IS NOT NULL`));
	const sent = await (await fetch(`${SIM}/cgi-bin/message/custom/send?access_token=${token}`, {
		method: 'POST', body: JSON.stringify({ touser: 'oBrowserFollower01', msgtype: 'text',
			text: { content: '您好！订单已发货 <b>' } }) })).json();
	check(`the account replied through the customer-service API (errcode ${sent.errcode})`,
		sent.errcode === 0);
	await page.waitForSelector('.bubble:has-text("订单已发货")', { timeout: 15000 });
	check('the reply appears on the phone by itself, as text', await page.isVisible('.bubble:has-text("<b>")'));
	await shot(page, '10-phone-reply');
	await Promise.all([page.waitForNavigation(), page.click('.compose >> text=Send')]);
	check('an empty message is not sent', await page.isVisible('text=Type a message first.'));
} catch (e) {
	check(`phone test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
