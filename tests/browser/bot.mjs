// bot.mjs: an admin writes the chatbot's rules and tries them in the test
// box; a follower gets the bot's answer on the phone at once (a passive
// reply); an operator finds the chat in the Bot list and takes it over.
// On a holiday a follower on a phone-sized screen who asks for a person
// reads the off-hours text and the offer to leave a message (never the
// hand-off line), leaves one, and it is on the console's Follow-ups list;
// the brand's texts and that list fit a phone (390×844).
import { BASE, check, demoPassword, finish, followerPhone, launch, shot, signIn, SIM, sql } from './lib.mjs';

const ch = sql("SELECT c.id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo'");
const OPENID = `oBotB${Date.now() % 100000}`;
const LEFT = `oBotL${Date.now() % 100000}`;
const brand = sql("SELECT id FROM brands WHERE name = 'Demo'");
const hoursWere = sql(`SELECT hours_enabled FROM brands WHERE id = ${brand}`);
let holidays = [];
const PHONE = { width: 390, height: 844 };
const fits = async (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const browser = await launch();
try {
	const jsErrors = [];
	const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	admin.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(admin, 'admin', demoPassword('admin'));
	await admin.goto(`${BASE}/admin/channels/${ch}`);
	await admin.check('input[name=bot_enabled]');
	await Promise.all([admin.waitForNavigation(), admin.click('text=Save preferences')]);
	await Promise.all([admin.waitForNavigation(), admin.click('#preferences >> text=Chatbot: welcome, answers, hand-off')]);
	check('the chatbot page, from the account page', new URL(admin.url()).pathname === `/admin/channels/${ch}/bot`);
	// a rule without an answer that does not hand off is refused beside the field
	await admin.fill('textarea[name=patterns]', 'shipping');
	await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Add the answer")')]);
	check('a rule that says nothing is refused, beside its field',
		await admin.isVisible('.field.bad >> text=Write an answer'));
	check('…what was typed is kept', (await admin.inputValue('textarea[name=patterns]')) === 'shipping');
	await admin.fill('textarea[name=patterns]', 'shipping\n运费');
	await admin.fill('textarea[name=answer]', 'Shipping is free over ¥99. 满 99 元包邮。');
	await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Add the answer")')]);
	check('the rule is listed', await admin.isVisible('#rules td >> text=Shipping is free over ¥99.'));
	await admin.fill('input[name=try]', '请问运费怎么算？');
	await Promise.all([admin.waitForNavigation(), admin.click('text=What would the bot say?')]);
	check('the test box: a Chinese word within a sentence gets the answer',
		await admin.isVisible('.try-result[data-kind=answer] >> text=满 99 元包邮'));
	await admin.fill('input[name=try]', 'I want a human');
	await Promise.all([admin.waitForNavigation(), admin.click('text=What would the bot say?')]);
	check('…asking for a person hands off', await admin.isVisible('.try-result[data-kind=handoff]'));
	await shot(admin, '71-bot-rules');

	// the follower's phone: the answer arrives with the push's answer
	const { page: phone, write } = await followerPhone(browser, OPENID, { follow: false });
	await write('What does shipping cost?');
	check('the bot\'s answer is on the phone at once', await phone.isVisible('text=Shipping is free over ¥99.'));
	const calls = await (await fetch(`${SIM}/sim/received?appid=${sql(`SELECT app_id FROM channels WHERE id = ${ch}`)}&openid=${OPENID}`)).json();
	check('…one message received', calls.messages.length === 1);
	await shot(phone, '72-bot-phone');

	// the operator: the Bot list, take over
	const op = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	op.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(op, 'operator', demoPassword('operator'));
	await op.goto(`${BASE}/console/?tab=bot`);
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state = 'bot'`);
	check('the chat is in the Bot list', await op.isVisible(`#chatlist a[href="/console/chats/${chat}"]`));
	await Promise.all([op.waitForNavigation(), op.click(`#chatlist a[href="/console/chats/${chat}"]`)]);
	check('the transcript shows what the bot said, as the bot', await op.isVisible('#transcript li.out >> text=The chatbot\'s answer'));
	check('…and the composer waits for a take-over', await op.isDisabled('textarea[name=text]'));
	await Promise.all([op.waitForNavigation(), op.click('text=Take over from the bot')]);
	check('taken over: active, the composer open', sql(`SELECT state FROM chats WHERE id = ${chat}`) === 'active' &&
		!(await op.isDisabled('textarea[name=text]')));
	await shot(op, '73-bot-taken-over');

	// outside business hours (today and tomorrow are the Demo brand's
	// holidays, where the brand is): what the follower is told is true, on a phone
	holidays = sql(`SELECT CONCAT_WS(',', d, d + INTERVAL 1 DAY) FROM (SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', time_zone)) d FROM brands WHERE id = ${brand}) t`).split(',')
		.filter((d) => sql(`SELECT COUNT(*) FROM brand_holidays WHERE brand_id = ${brand} AND day = '${d}'`) === '0');
	for (const d of holidays)
		sql(`INSERT INTO brand_holidays (brand_id, day) VALUES (${brand}, '${d}')`);
	sql(`UPDATE brands SET hours_enabled = 1 WHERE id = ${brand}`);
	const left = await followerPhone(browser, LEFT, { follow: false, viewport: PHONE });
	await left.write('人工');
	check('off hours, the bot on: asking for a person gets the off-hours text on the phone',
		await left.page.isVisible('.bubble >> text=现在是非营业时间'));
	check('…and the offer to leave a message', await left.page.isVisible('.bubble >> text=您可以给我们留言'));
	check('…not the hand-off line', !(await left.page.isVisible('.bubble >> text=正在为您转接人工客服')));
	await left.write('请明天给我回电话');
	check('the next message is the message left, confirmed on the phone',
		await left.page.isVisible('.bubble >> text=已收到您的留言'));
	check('…the phone page fits its screen', await fits(left.page));
	await shot(left.page, '74-follower-left-message');
	const fu = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${LEFT}' AND c.state = 'followup'`);
	check('…a follow-up', fu !== '');
	await op.goto(`${BASE}/console/?tab=followup`);
	check('the console lists it under Follow-ups, with how long WeChat still allows an answer',
		await op.isVisible(`#chatlist a[href="/console/chats/${fu}"]`) &&
		/left/.test(await op.textContent(`#chatlist tr:has(a[href="/console/chats/${fu}"]) .meter`)));
	await shot(op, '75-console-followups');
	// on a phone: the console's list, and the brand's texts
	const small = await (await browser.newContext({ viewport: PHONE })).newPage();
	small.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(small, 'operator', demoPassword('operator'));
	await small.goto(`${BASE}/console/?tab=followup`);
	check('on a phone: the Follow-ups list shows it, and fits', await small.isVisible(`#chatlist a[href="/console/chats/${fu}"]`) &&
		await fits(small));
	await shot(small, '76-console-followups-phone');
	const smallAdmin = await (await browser.newContext({ viewport: PHONE })).newPage();
	smallAdmin.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(smallAdmin, 'admin', demoPassword('admin'));
	await smallAdmin.goto(`${BASE}/admin/brands/${brand}`);
	check('on a phone: the brand page\'s texts, each default shown, and it fits',
		await smallAdmin.isVisible('#texts textarea[name=text_offhours]') &&
		(await smallAdmin.getAttribute('#texts textarea[name=text_offhours]', 'placeholder')).includes('非营业时间') &&
		await fits(smallAdmin));
	await shot(smallAdmin, '77-brand-texts-phone');
	// on a phone: the bot handed to an external service, its secret shown once, then taken back
	await smallAdmin.goto(`${BASE}/admin/channels/${ch}/bot#service`);
	await smallAdmin.fill('#service-form input[name=service_url]', 'https://bot.example.com/ask');
	await Promise.all([smallAdmin.waitForNavigation(), smallAdmin.click('#service-form button[type=submit]')]);
	const secret = (await smallAdmin.textContent('#service-secret').catch(() => '')) || '';
	check('on a phone: an external bot service named, its secret shown this once, and the page fits',
		/^[0-9a-f]{48}$/.test(secret) && await smallAdmin.isVisible('#service-on') && await fits(smallAdmin));
	await shot(smallAdmin, '78-bot-service-phone');
	await smallAdmin.goto(`${BASE}/admin/channels/${ch}/bot#service`);
	check('…shown masked after', !(await smallAdmin.content()).includes(secret) &&
		await smallAdmin.isVisible('#service-form code'));
	await smallAdmin.fill('#service-form input[name=service_url]', '');
	await Promise.all([smallAdmin.waitForNavigation(), smallAdmin.click('#service-form button[type=submit]')]);
	check('…and removed: the rules answer again', !(await smallAdmin.isVisible('#service-on')) &&
		sql(`SELECT bot_service_url IS NULL FROM channel_prefs WHERE channel_id = ${ch}`) === '1');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`bot test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('bot.mjs')).join('\n'));
} finally {
	sql(`UPDATE channel_prefs SET bot_enabled = 0 WHERE channel_id = ${ch}`);
	// the brand's hours as they were
	sql(`UPDATE brands SET hours_enabled = ${hoursWere} WHERE id = ${brand}`);
	for (const d of holidays)
		sql(`DELETE FROM brand_holidays WHERE brand_id = ${brand} AND day = '${d}'`);
	// its chats closed: later scripts' lists and inboxes show their own only
	sql(`UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW() WHERE c.channel_id = ${ch} AND (c.state = 'bot' OR f.openid IN ('${OPENID}', '${LEFT}')) AND c.state <> 'closed'`);
	await browser.close();
}
finish();
