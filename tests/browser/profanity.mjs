// profanity.mjs: an admin sets up profanity management for a brand; a chat
// then closes live in the operator's console when the limit is reached.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, check, demoPassword, finish, launch, shiftClock, shot, signIn, SIM, sql } from './lib.mjs';

const VAR = process.env.WXDESK_VAR;
const OPENID = `oBrowserRude${Date.now() % 100000}`;

const browser = await launch();
try {
	const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	await signIn(admin, 'admin', demoPassword('admin'));
	await admin.click('nav >> text=Brands');
	await Promise.all([admin.waitForNavigation(), admin.click('table.list >> text=Demo')]);
	await Promise.all([admin.waitForNavigation(), admin.click('text=Profanity management')]);
	check('the profanity page opens from the brand', await admin.isVisible('h1 >> text=Profanity management'));
	await admin.check('input[name=enabled]');
	await admin.fill('input[name=limit]', '2');
	await admin.fill('textarea[name=warning]', '请文明用语，否则对话将被关闭。');
	await Promise.all([admin.waitForNavigation(), admin.click('text=Save settings')]);
	check('saved: on, closing at 2 words', await admin.isVisible('.flash >> text=a chat closes at 2 abusive words'));
	await admin.fill('input[name=word]', '笨蛋');
	await Promise.all([admin.waitForNavigation(), admin.press('input[name=word]', 'Enter')]);
	check('a word added', await admin.isVisible('ul.words >> text=笨蛋'));
	const csv = join(VAR, 'rude.csv');
	writeFileSync(csv, 'word\nstupid\n???\nStupid\n');
	await admin.setInputFiles('input[name=file]', csv);
	await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Import")')]);
	check('import reports the bad line by number', await admin.isVisible('text=line 3: “???” is not a word'));
	check('…and adds the good ones', await admin.isVisible('ul.words >> text=stupid'));
	await shot(admin, '28-profanity-settings');

	// the follower and the operator
	const phone = await (await browser.newContext({ viewport: { width: 480, height: 900 } })).newPage();
	await phone.goto(`${SIM}/phone`);
	await phone.fill('form.who input[name=openid]', OPENID);
	await Promise.all([phone.waitForNavigation(), phone.click('text=Switch')]);
	const write = async (text) => {
		await phone.fill('input[name=text]', text);
		await Promise.all([phone.waitForNavigation(), phone.click('.compose >> text=Send')]);
	};
	await Promise.all([phone.waitForNavigation(), phone.click('.events >> text=Follow')]);
	await write('你好');
	const op = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
	await signIn(op, 'operator', demoPassword('operator'));
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state = 'waiting'`);
	await op.goto(`${BASE}/console/chats/${chat}`);
	await Promise.all([op.waitForNavigation(), op.click('text=Pick up this chat')]);
	shiftClock(11);	// past the 10 s the webhook keeps the word list
	await write('你这个笨蛋');
	await op.waitForSelector('#transcript >> text=Abusive words: 1 of 2 (笨蛋)', { timeout: 10000 });
	check('the operator sees the count live', true);
	await write('STUPID 笨蛋');
	await op.waitForSelector('#transcript >> text=The abusive-word limit of 2 was reached', { timeout: 10000 });
	check('at the limit the chat closes, live in the console',
		sql(`SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = ${chat}`) === 'closed:profanity');
	check('…the composer is disabled', await op.isDisabled('textarea[name=text]'));
	await shot(op, '29-console-closed-profanity');
} catch (e) {
	check(`profanity test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('profanity.mjs')).join('\n'));
} finally {
	sql("UPDATE profanity_settings s JOIN brands b ON b.id = s.brand_id SET s.enabled = 0 WHERE b.name = 'Demo'");
	await browser.close();
}
finish();
