// kb.mjs: the knowledge base in a browser. An administrator writes an
// article on the brand's Knowledge base page and tries a follower's words in
// the test box (its score shown); an operator, with a follower asking about
// it, puts the suggested answer into the reply with Alt+1 and sends it. The
// page in Chinese on a phone-sized screen.
import { BASE, check, demoPassword, eventually, finish, followerPhone, guideShot, launch, shot, signIn, sql } from './lib.mjs';

const OPENID = `oBrowserKb${Date.now() % 100000}`;
const brand = sql("SELECT id FROM brands WHERE name = 'Demo'");
const browser = await launch();
try {
	const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'admin', demoPassword('admin'));
	await page.goto(`${BASE}/console/`);
	await Promise.all([page.waitForNavigation(), page.click('header >> text=Knowledge base')]);
	await page.goto(`${BASE}/console/kb/${brand}`);
	check('the header leads to the brand\'s knowledge base', await page.isVisible('h1:has-text("Knowledge base")'));

	// an article, written
	await page.fill('#kb-new input[name=question]', '怎么修改收货地址？');
	await page.fill('#kb-new textarea[name=alternatives]', '地址写错了\n改地址');
	await page.fill('#kb-new textarea[name=answer]', '发货前可在订单页点“修改地址”；已发货请联系快递改派。');
	await page.fill('#kb-new input[name=category]', '订单');
	await Promise.all([page.waitForNavigation(), page.click('#kb-new button[type=submit]')]);
	check('an article written: its own page, version 1 in its history', await page.isVisible('.flash') &&
		(await page.textContent('#kb-history')).includes('1'));
	await shot(page, '80-kb-article');

	// the test box shows what the bot would do, and the score
	await page.goto(`${BASE}/console/kb/${brand}#settings`);
	await page.fill('#kb-test input[name=try]', '你好，我地址写错了怎么办');
	await Promise.all([page.waitForNavigation(), page.click('#kb-test button[type=submit]')]);
	const result = await page.textContent('#kb-test-result');
	check('the test box: the bot answers with the article, its score shown', result.includes('怎么修改收货地址？') &&
		/\d+/.test(await page.textContent('#kb-test-result b.score')) && result.includes('修改地址'));
	await shot(page, '81-kb-test');

	// an operator: the follower asks, the suggestion goes into the reply with Alt+1
	const { write } = await followerPhone(browser, OPENID, { viewport: { width: 390, height: 844 } });
	await write('请问地址写错了能改吗');
	const chat = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`));
	const op = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	op.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(op, 'operator', demoPassword('operator'));
	await op.goto(`${BASE}/console/chats/${chat}`);
	if (await op.isVisible('button:has-text("Pick up this chat")'))
		await Promise.all([op.waitForNavigation(), op.click('button:has-text("Pick up this chat")')]);
	check('beside the composer, the article\'s answer suggested', await op.isVisible('#suggestions >> text=修改地址'));
	await shot(op, '82-chat-suggestions');
	await guideShot(op, 'guide-chat');
	{	// the same chat as a Chinese operator sees it (the Chinese guide's picture)
		const zh = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })).newPage();
		await signIn(zh, 'operator', demoPassword('operator'));
		await zh.goto(`${BASE}/console/chats/${chat}`);
		await guideShot(zh, 'guide-chat-zh');
		await zh.context().close();
	}
	await op.focus('#composer textarea[name=text]');
	await op.keyboard.press('Alt+1');
	check('Alt+1 puts it into the reply', (await op.inputValue('#composer textarea[name=text]')).includes('发货前可在订单页点“修改地址”'));
	check('…the pick counted', await eventually(() => sql(`SELECT COUNT(*) FROM suggestion_picks WHERE chat_id = ${chat}`) === '1'));
	await Promise.all([op.waitForNavigation(), op.click('#composer button[type=submit]')]);
	check('…and sent as the operator\'s reply', await eventually(() =>
		sql(`SELECT COUNT(*) FROM messages WHERE chat_id = ${chat} AND direction = 'out' AND body LIKE '发货前可在订单页%'`) === '1'));

	// in Chinese, on a phone
	const zh = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
	await signIn(zh, 'admin', demoPassword('admin'));
	await zh.goto(`${BASE}/console/kb/${brand}`);
	check('in Chinese: the knowledge base, within a phone\'s width', await zh.isVisible('h1:has-text("知识库")') &&
		await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '83-kb-zh-phone');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`kb test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('kb.mjs')).join('\n'));
} finally {
	sql(`DELETE FROM kb_articles WHERE brand_id = ${brand} AND question = '怎么修改收货地址？'`);
	sql(`UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW() WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`);
	await browser.close();
}
finish();
