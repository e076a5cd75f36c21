// api.mjs: an administrator opens wxdesk to the business's other systems.
// On Admin → API and webhooks they make a token (shown once; it then calls
// the API), subscribe a URL (a receiver here), see a follower's message
// delivered on the webhook's page, send a test event, and revoke the token.
// The same pages, and the account's existing-server card, in Chinese on a
// phone-sized screen.
import { createServer } from 'node:http';
import { BASE, check, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const OPENID = `oBrowserApi${Date.now() % 100000}`;
const got = [];
const receiver = createServer((req, res) => {
	let body = '';
	req.on('data', (c) => { body += c; });
	req.on('end', () => {
		got.push({ event: req.headers['x-wxdesk-event'], body });
		res.end('ok');
	});
});
await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/wxdesk`;
const channel = sql("SELECT c.id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo' ORDER BY c.id LIMIT 1");

const browser = await launch();
try {
	const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'admin', demoPassword('admin'));
	await page.goto(`${BASE}/admin/`);
	await Promise.all([page.waitForNavigation(), page.click('nav#menu >> text=API')]);
	check('the menu leads to API and webhooks', await page.isVisible('h1:has-text("API and webhooks")'));

	// a token: named, two scopes ticked, shown once
	await page.fill('#token-new input[name=name]', 'CRM 同步');
	await page.check('#token-new input[value="chats.read"]');
	await page.check('#token-new input[value="messages.write"]');
	await Promise.all([page.waitForNavigation(), page.click('#token-new button[type=submit]')]);
	const token = (await page.textContent('#new-token')).trim();
	check('the new token is shown once, to copy', /^wxd_[0-9a-f]{40}$/.test(token));
	await shot(page, '70-api-token');
	const me = await fetch(`${BASE}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
	check('…and calls the API with its scopes', me.status === 200 &&
		JSON.stringify((await me.json()).scopes) === '["chats.read","messages.write"]');
	await page.goto(`${BASE}/admin/api`);
	check('…after that, never again: the list shows its first characters only',
		!(await page.isVisible('#new-token')) && (await page.textContent('#token-list')).includes(`${token.slice(0, 10)}…`));

	// a webhook to the receiver here, every event ticked
	await page.fill('#hook-new input[name=url]', hookUrl);
	await Promise.all([page.waitForNavigation(), page.click('#hook-new button[type=submit]')]);
	check('a webhook subscribed: its secret shown once, its page open', /^[0-9a-f]{48}$/.test((await page.textContent('#hook-secret')).trim()));
	const { write } = await followerPhone(browser, OPENID, { viewport: { width: 390, height: 844 } });
	await write('你们的系统能对接吗？');
	check('a follower\'s message reaches the receiver as message.received', await eventually(() =>
		got.some((g) => g.event === 'message.received' && g.body.includes('你们的系统能对接吗？')), 20000));
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Send a test event")')]);
	check('Send a test event: said, and received', await page.isVisible('.flash >> text=A test event is on its way') &&
		await eventually(() => got.some((g) => g.event === 'test'), 20000));
	await page.goto(page.url());
	check('…the deliveries page lists them, delivered', await page.isVisible('#delivery-list >> text=message.received') &&
		(await page.locator('#delivery-list tr.d-delivered').count()) >= 2);
	await shot(page, '71-webhook-deliveries');

	// revoked: refused at once
	await page.goto(`${BASE}/admin/api`);
	page.once('dialog', (d) => d.accept());
	await Promise.all([page.waitForNavigation(), page.click(`#token-list tr:has-text("${token.slice(0, 10)}") button:has-text("Revoke")`)]);
	const after = await fetch(`${BASE}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
	check('a revoked token is refused', after.status === 401);

	// in Chinese, on a phone
	const zh = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
	await signIn(zh, 'admin', demoPassword('admin'));
	await zh.goto(`${BASE}/admin/api`);
	check('in Chinese: API and webhooks, within a phone\'s width', await zh.isVisible('h1:has-text("接口与事件推送")') &&
		await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '72-api-zh-phone');
	const hook = sql("SELECT MAX(id) FROM hook_subscriptions");
	await zh.goto(`${BASE}/admin/api/webhooks/${hook}`);
	check('…a webhook\'s page too', await zh.isVisible('text=推送记录') && await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '73-webhook-zh-phone');
	await zh.goto(`${BASE}/admin/channels/${channel}#upstream`);
	check('…and the account\'s existing server', await zh.isVisible('text=公众号原有的服务器') &&
		await zh.evaluate(() => document.documentElement.scrollWidth) <= 390);
	await shot(zh, '74-upstream-zh-phone');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`api test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('api.mjs')).join('\n'));
} finally {
	sql('DELETE FROM hook_subscriptions');
	// the follower's chat closed, as a day's work would end it
	sql(`UPDATE chats c JOIN followers f ON f.id = c.follower_id SET c.state = 'closed', c.close_reason = 'operator', c.closed_at = NOW() WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`);
	await browser.close();
	receiver.close();
}
finish();
