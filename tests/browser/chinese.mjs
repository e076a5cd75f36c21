// chinese.mjs: wxdesk in Simplified Chinese, as a browser asking for zh-CN
// gets it. The setup wizard from step 1 to Done and a console chat (pick
// up, reply, attachment refusal, the sixth reply refused, transfer, close);
// on every page visited no English word shows, except names (WeChat's
// terms, and what people typed: brand, department, operator names, the
// follower's OpenID). Screenshots: build/screenshots/zh-*.png.
import fs from 'node:fs';
import { BASE, check, hex, demoPassword, eventually, finish, launch, shot, SIM, sql } from './lib.mjs';

const sim = async (path, fields) => (await fetch(`${SIM}${path}`, {
	method: 'POST', body: new URLSearchParams(fields) })).json();

const BRAND = '龙井 Longjing', DEPT = '售后 Aftersales';
sql(`INSERT INTO brands (name, created_at) VALUES ('${BRAND}', NOW())`);
const brand = sql(`SELECT id FROM brands WHERE name = '${BRAND}'`);
sql(`INSERT INTO departments (brand_id, name, created_at) VALUES (${brand}, '${DEPT}', NOW())`);
const APP = `wx${hex(16)}`, SECRET = hex(32), ORIG = `gh_${hex(12)}`;
const OPENID = `oZh${Date.now() % 1000000}`;

// names people typed, and WeChat's own terms, are the same in every language
const NAMES = new Set(['wx', 'desk', 'wxdesk', 'WeChat', 'AppID', 'AppSecret', 'Token',
	'EncodingAESKey', 'URL', 'IP', 'API', 'ID', 'OpenID', 'MB', 'JPEG', 'PNG', 'MP', 'AMR',
	'UTC', 'CSV', 'JSON', 'HTTP', 'access_token', 'Longjing', 'Aftersales', 'Demo', 'Operator', 'Admin',
	'Sales', 'Support', 'English', 'gh_', 'admin', 'operator', 'oZh', 'Ctrl', 'Cmd', 'Enter',
	'Mac', 'PublicURL', 'iPhone', 'Android', 'key', 'media_id', 'article_id', OPENID]);
// the English words a page shows, beside what people wrote (messages,
// canned responses, first words) and machine values (code, secrets, URLs)
// and everything people named: brands, departments, staff
const typed = () => new Set(sql("SELECT name FROM brands UNION SELECT name FROM departments " +
	"UNION SELECT name FROM users UNION SELECT login FROM users UNION SELECT name FROM api_tokens").split('\n')
	.flatMap((n) => n.match(/[A-Za-z][A-Za-z_]+/g) || []));
async function english(page) {
	const names = typed();
	const text = await page.evaluate(() => {
		const skip = 'code, pre, kbd, script, style, .words, #transcript p.text, select[data-canned], ' +
			'textarea, .meta, .secret, #inbox li b, .who';	/* followers' names: OpenIDs */
		const out = [];
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode())
			if (!n.parentElement.closest(skip))
				out.push(n.nodeValue);
		return out.join(' ');
	});
	return [...new Set((text.replace(/https?:\/\/\S+/g, ' ').replace(/•+\w*/g, ' ')
		.replace(/\b(wx[0-9a-f]{16}|gh_[0-9a-f]{12})\b/g, ' ')
		.match(/[A-Za-z][A-Za-z_]+/g) || []).filter((w) => !NAMES.has(w) && !names.has(w)))];
}
async function page_in_chinese(page, name) {
	const words = await english(page);
	check(`${name}: <html lang="zh-CN">`, (await page.getAttribute('html', 'lang')) === 'zh-CN');
	check(`${name}: no English word (${words.join(' ')})`, words.length === 0);
	await shot(page, `zh-${name}`);
}

const browser = await launch();
try {
	const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
	const page = await ctx.newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	const signIn = async (p, login) => {
		await p.goto(`${BASE}/login`);
		await p.fill('input[name=login]', login);
		await p.fill('input[name=password]', demoPassword(login));
		await Promise.all([p.waitForNavigation(), p.click('button[type=submit].primary')]);
	};
	await page.goto(`${BASE}/login`);
	check('the sign-in page in Chinese', await page.isVisible('h1 >> text=登录 wxdesk'));
	await page_in_chinese(page, '01-login');
	await signIn(page, 'admin');

	// the wizard, step 1 to Done
	const next = async () => Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);
	await page.goto(`${BASE}/admin/channels`);
	await page_in_chinese(page, '02-channels');
	await Promise.all([page.waitForNavigation(), page.click('text=接入公众号')]);
	await page_in_chinese(page, '03-wizard-1');
	await next();
	check('step 1: the error in Chinese', await page.isVisible('.bad >> text=请选择此公众号所属的品牌。'));
	await page.check(`label.check:has-text("${BRAND}") input`);
	await next();
	check('step 2 in WeChat\'s words', await page.isVisible('h2 >> text=第 2/6 步：IP白名单') &&
		await page.isVisible('li >> b >> text=API IP白名单'));
	await page_in_chinese(page, '04-wizard-2');
	await page.check('input[name=ip_ok]');
	await next();
	check('step 3 names the fields as WeChat does', await page.isVisible('text=开发者ID(AppID)') &&
		await page.isVisible('text=开发者密码(AppSecret)') && await page.isVisible('text=消息加解密密钥(EncodingAESKey)') &&
		await page.isVisible('text=明文模式（推荐）'));
	await page.fill('input[name=original_id]', 'gh_x');
	await page.fill('input[name=app_id]', APP);
	await page.fill('input[name=app_secret]', SECRET);
	await page.fill('input[name=token]', 'x');
	await page.fill('input[name=aes_key]', 'short');
	await next();
	check('step 3: a field error in Chinese', await page.isVisible('.field.bad >> text=原始ID为 gh_ 加 12 位'));
	await page_in_chinese(page, '05-wizard-3-errors');
	await page.fill('input[name=original_id]', ORIG);
	await page.fill('input[name=app_secret]', SECRET);
	await Promise.all([page.waitForNavigation(), page.click('text=生成令牌')]);
	await Promise.all([page.waitForNavigation(), page.click('text=随机生成 EncodingAESKey')]);
	const token = await page.inputValue('input[name=token]'), aes = await page.inputValue('input[name=aes_key]');
	await page.fill('input[name=app_secret]', SECRET);
	await next();
	check('step 4 reached', await page.isVisible('h2 >> text=第 4/6 步：服务器地址'));
	const url = await page.textContent('#webhook');
	await sim('/sim/accounts', { appid: APP, secret: SECRET, original_id: ORIG, token, aes_key: aes,
		mode: 'plain', webhook_url: url, name: 'Longjing', verify: '1' });
	await page.waitForSelector('#verified >> text=微信已于', { timeout: 10000 });
	check('WeChat\'s verification shows in Chinese, without a reload', true);
	await page_in_chinese(page, '06-wizard-4');
	await page.check('input[name=url_ok]');
	await next();
	await page.selectOption('select[name=department]', { label: DEPT });
	await page_in_chinese(page, '07-wizard-5');
	await next();
	check('step 6: every check passes', (await page.locator('ul.checks li.pass').count()) === 4 &&
		await page.isVisible('ul.checks >> text=通过'));
	await page_in_chinese(page, '08-wizard-6');
	await Promise.all([page.waitForNavigation(), page.click('button[value=done]')]);
	check('Done: connected, said in Chinese', await page.isVisible('.flash >> text=的公众号已接入'));
	await page_in_chinese(page, '09-channel');

	// the console: a follower writes on the simulator's phone
	const phone = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 480, height: 900 } })).newPage();
	await phone.goto(`${SIM}/phone`);
	check('the simulator\'s phone in Chinese', await phone.isVisible('header >> text=微信模拟器'));
	await phone.fill('form.who input[name=openid]', OPENID);
	await Promise.all([phone.waitForNavigation(), phone.click('text=切换')]);
	await Promise.all([phone.waitForNavigation(), phone.click('.events >> text=关注')]);
	await phone.fill('input[name=text]', '你好，请问营业时间？');
	await Promise.all([phone.waitForNavigation(), phone.click('.compose >> button:has-text("发送")')]);
	await page_in_chinese(phone, '10-phone');

	const op = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } })).newPage();
	op.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(op, 'operator');
	await op.waitForSelector('#chatlist >> text=营业时间', { timeout: 10000 });
	check('the console in Chinese: tabs', await op.isVisible('nav.tabs >> text=排队中'));
	await page_in_chinese(op, '11-console');
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`);
	await op.goto(`${BASE}/console/chats/${chat}`);
	await page_in_chinese(op, '12-chat-waiting');
	await Promise.all([op.waitForNavigation(), op.click('text=接入此会话')]);
	check('picked up: the note in Chinese', await op.isVisible('#transcript >> text=接入了会话'));
	check('the meter in Chinese', await op.isVisible('.meter >> text=已连发 0/5 条'));
	const send = async (text) => {
		await op.fill('textarea[name=text]', text);
		await Promise.all([op.waitForNavigation(), op.click('#composer button[type=submit]')]);
	};
	await send('您好！营业时间是每天 9:00–18:00。');
	// queued, then delivered by a sender: the transcript changes by itself
	await op.waitForSelector('#transcript li.out >> text=已送达', { timeout: 10000 }).catch(() => {});
	check('the reply: delivered, in Chinese, shown by itself', await op.isVisible('#transcript li.out >> text=已送达'));
	await op.setInputFiles('input[name=attachment]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
	check('an attachment refused in Chinese, before the upload',
		await op.isVisible('#attachment-error >> text=微信不支持这种文件'));
	check('the file field in Chinese (选择文件, 未选择文件)',
		(await op.textContent('#composer .file-pick')).replace(/\s+/g, ' ').trim() === '选择文件 未选择文件');
	await page_in_chinese(op, '13-chat-attachment-refused');
	for (let i = 2; i <= 5; i++)
		await send(`第 ${i} 条消息`);
	check('the sixth refused, said in Chinese, a reply to hold offered instead',
		await op.isVisible('#composer.hold >> text=粉丝发消息后再发送') &&
		await op.isVisible('text=微信最多允许连续发送 5 条消息'));
	await page_in_chinese(op, '14-chat-five-in-a-row');
	await op.selectOption('select[name=to]', { label: 'Support' });
	await op.fill('input[name=note]', '咨询退款');
	await Promise.all([op.waitForNavigation(), op.click('form.transfer button')]);
	check('transferred: said in Chinese', await op.isVisible('.flash >> text=会话已转接给 Support。'));
	await page.goto(`${BASE}/console/chats/${chat}`);
	check('…the note in the transcript', await page.isVisible('#transcript >> text=将会话转接给Support：咨询退款'));
	page.once('dialog', (d) => d.accept());
	await Promise.all([page.waitForNavigation(), page.click('form.close button')]);
	check('closed: said in Chinese', await page.isVisible('.flash >> text=会话已结束。') &&
		await page.isVisible('text=由客服结束'));
	await page_in_chinese(page, '15-chat-closed');
	await page.goto(`${BASE}/reports/`);
	await page_in_chinese(page, '16-reports');
	await page.goto(`${BASE}/admin/brands/${brand}/profanity`);
	check('the default warning is in the brand\'s followers\' language',
		(await page.inputValue('textarea[name=warning]')).startsWith('请文明用语'));
	await page_in_chinese(page, '17-profanity');
	await page.goto(`${BASE}/account`);
	await page_in_chinese(page, '18-account');
	// presence and routing: the board, the presence report, a department's routing
	await page.goto(`${BASE}/console/board`);
	await page_in_chinese(page, '21-board');
	await page.goto(`${BASE}/reports/presence`);
	await page_in_chinese(page, '22-presence-report');
	// the Followers page and a follower's own
	await page.goto(`${BASE}/console/followers?account=${sql(`SELECT channel_id FROM followers WHERE openid = '${OPENID}'`)}`);
	check('the Followers page lists followers', (await page.locator('#followers tbody tr').count()) > 0);
	await page_in_chinese(page, '24-followers');
	await page.click('#followers tbody tr a');
	check('…a follower\'s page, with the name form', await page.isVisible('#follower form.alias'));
	await page_in_chinese(page, '25-follower');
	// both pages on a laptop and on a phone: nothing wider than the screen
	const followerUrl = page.url();
	for (const [w, h] of [[1366, 768], [390, 844]]) {
		await page.setViewportSize({ width: w, height: h });
		for (const [url, name] of [[`${BASE}/console/followers?account=${sql(`SELECT channel_id FROM followers WHERE openid = '${OPENID}'`)}`, '24-followers'], [followerUrl, '25-follower']]) {
			await page.goto(url);
			const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
			check(`${name} at ${w}x${h}: nothing off-screen (${sw} of ${iw} px)`, sw <= iw);
			await shot(page, `zh-${name}-${w}`);
		}
	}
	await page.setViewportSize({ width: 1200, height: 900 });
	// the account's tags (an administrator), then an operator names and tags
	// the follower from the chat's panel
	const account = sql(`SELECT channel_id FROM followers WHERE openid = '${OPENID}'`);
	await page.goto(`${BASE}/console/followers/tags?account=${account}`);
	await page.fill('form.tag-new input[name=name]', '会员');
	await Promise.all([page.waitForNavigation(), page.click('form.tag-new button')]);
	check('a tag made on the Tags page, said in Chinese', await page.isVisible('.flash >> text=已创建标签，正在写入微信。'));
	await page_in_chinese(page, '26-tags');
	await op.goto(`${BASE}/console/chats/${chat}`);
	await op.fill('form.alias input[name=alias]', '王女士');
	await Promise.all([op.waitForNavigation(), op.click('form.alias button')]);
	check('the follower named from the chat', await op.isVisible('h1 >> text=王女士'));
	await op.selectOption('form.tag-add select[name=tag]', { label: '会员' });
	await Promise.all([op.waitForNavigation(), op.click('form.tag-add button')]);
	check('…and tagged from the chat, the tag on its way to WeChat',
		await op.isVisible('#follower-tags li >> text=会员') && await op.isVisible('.flash >> text=已添加标签'));
	await page_in_chinese(op, '27-chat-tags');
	// the follower scans a code: WeChat's minute, its 3 messages, on the meter
	if (sql(`SELECT CONCAT(state, operator_id IS NOT NULL) FROM chats WHERE id = ${chat}`) === 'active1') {
		await phone.fill('.events input[name=scene]', 'poster');
		await Promise.all([phone.waitForNavigation(), phone.click('.events form:has(input[name=scene]) button')]);
		await op.goto(`${BASE}/console/chats/${chat}`);
		check('after a scan the meter says WeChat\'s minute and its 3 messages, in Chinese',
			await op.isVisible('text=关注、扫码或点击菜单后的 1 分钟内') && await op.isVisible('text=已发 0/3 条'));
		await shot(op, 'zh-27-chat-event-window');
	}
	await op.setViewportSize({ width: 390, height: 844 });
	await op.goto(`${BASE}/console/chats/${chat}#follower`);
	const [tw, tiw] = await op.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	check(`the chat's follower panel with its tags on a phone: nothing off-screen (${tw} of ${tiw} px)`, tw <= tiw);
	await shot(op, 'zh-27-chat-tags-390');
	// a QR code: made, its picture downloaded as a PNG, its pages on a phone
	await page.goto(`${BASE}/admin/channels/${account}/qr`);
	check('the QR codes page in Chinese, warning about permanent codes', await page.isVisible('text=永远不能删除'));
	await page.fill('form.qr-new input[name=scene]', 'poster-zh');
	await page.fill('form.qr-new input[name=name]', '门店海报');
	await page.fill('form.qr-new input[name=campaign]', '开业活动');
	await Promise.all([page.waitForNavigation(), page.click('form.qr-new button[type=submit]')]);
	check('…a code made, WeChat making it (said in Chinese)', await page.isVisible('.flash >> text=微信正在生成二维码'));
	const qrId = page.url().replace(/.*\/qr\//, '');
	await eventually(() => sql(`SELECT png IS NOT NULL FROM qr_codes WHERE id = ${qrId}`) === '1', 20000);
	await page.reload();
	await page_in_chinese(page, '28-qr-code');
	const [download] = await Promise.all([page.waitForEvent('download'), page.click('#qr-picture a[download]')]);
	const png = await download.path().then((p) => fs.readFileSync(p));
	check(`…its picture downloads as a PNG (${download.suggestedFilename()})`,
		download.suggestedFilename() === 'qr-poster-zh.png' && png.subarray(0, 4).toString('hex') === '89504e47');
	for (const [w, h] of [[1366, 768], [390, 844]]) {
		await page.setViewportSize({ width: w, height: h });
		for (const [url, name] of [[`${BASE}/admin/channels/${account}/qr`, '28-qr-codes'], [`${BASE}/admin/channels/${account}/qr/${qrId}`, '28-qr-code'],
			[`${BASE}/console/followers/tags?account=${account}`, '26-tags'], [`${BASE}/reports/qr`, '28-qr-report'],
			[`${BASE}/admin/channels/${account}/menu`, '29-menu'], [`${BASE}/reports/?qr=${qrId}`, '16-reports-qr']]) {
			await page.goto(url);
			const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
			check(`${name} at ${w}x${h}: nothing off-screen (${sw} of ${iw} px)`, sw <= iw);
			await page_in_chinese(page, `${name}-${w}`);
			await shot(page, `zh-${name}-${w}`);
		}
	}
	check('a report narrowed to the code says so in Chinese, the code chosen in its filter',
		await page.isVisible('#qr-hint >> text=仅统计来自所选二维码的会话') &&
		await page.$eval('select[name=qr]', (e) => e.selectedOptions[0].textContent) === '门店海报');
	await page.setViewportSize({ width: 1200, height: 900 });
	// the account's menu: built in Chinese, drawn as on a phone, on a phone
	await page.goto(`${BASE}/admin/channels/${account}/menu`);
	check('the Menu page in Chinese', await page.isVisible('h1 >> text=自定义菜单'));
	await page.fill('input[name=b0_name]', '联系我们');
	await page.selectOption('select[name=b0_type]', 'sub');
	await page.locator('fieldset.menu-button').first().locator('details.menu-slot.sub > summary').first().click();
	await page.fill('input[name=b0s0_name]', '人工客服');
	await page.selectOption('select[name=b0s0_type]', 'click');
	await page.fill('input[name=b1_name]', '官网');
	await page.selectOption('select[name=b1_type]', 'view');
	await page.fill('input[name=b1_value]', 'https://example.com/');
	await Promise.all([page.waitForNavigation(), page.click('form.menu-form button[type=submit]')]);
	check('…a menu saved, said in Chinese, drawn as WeChat\'s bottom bar',
		await page.isVisible('.flash >> text=菜单草稿已保存') && await page.isVisible('ul.phone-bar >> text=联系我们') &&
		await page.isVisible('ul.phone-subs >> text=人工客服'));
	await page_in_chinese(page, '29-menu');
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`${BASE}/admin/channels/${account}/menu`);
	const [mw, miw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	check(`the Menu page on a phone: nothing off-screen (${mw} of ${miw} px), the preview shown`,
		mw <= miw && await page.isVisible('ul.phone-bar >> text=官网'));
	await shot(page, 'zh-29-menu-390');
	await page.setViewportSize({ width: 1200, height: 900 });
	await page.goto(`${BASE}/admin/departments/${sql(`SELECT id FROM departments WHERE brand_id = ${brand}`)}`);
	check('the routing choices in Chinese', await page.isVisible('text=轮流分配'));
	await page_in_chinese(page, '23-department-routing');
	await page.goto(`${BASE}/admin/channels/${sql(`SELECT id FROM channels WHERE brand_id = ${brand}`)}/bot`);
	check('the chatbot page in Chinese', await page.isVisible('h1 >> text=机器人'));
	await page_in_chinese(page, '24-chatbot');
	check('Chinese is written in the page\'s own font, not a typewriter\'s', await page.evaluate(() =>
		[...document.querySelectorAll('textarea')].every((t) => !/mono/i.test(getComputedStyle(t).fontFamily))));
	await page.goto(`${BASE}/admin/brands/${brand}/hours`);
	check('the business hours page in Chinese', await page.isVisible('h1 >> text=营业时间'));
	await page_in_chinese(page, '25-business-hours');
	// the audit trail, and two-factor sign-in's setup
	await page.goto(`${BASE}/admin/audit`);
	check('the audit trail in Chinese', await page.isVisible('h1 >> text=审计日志') &&
		await page.isVisible('#audit >> text=登录'));
	await page_in_chinese(page, '26-audit');
	// on a working desk's screen the trail reads without scrolling sideways,
	// its times whole and each change's fields labelled
	const viewport = page.viewportSize();
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto(`${BASE}/admin/audit`);
	check('the audit trail fits 1366 px: no sideways scroll',
		await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
	check('…its times on one line', await page.evaluate(() => [...document.querySelectorAll('#audit td.when time')]
		.every((t) => t.getClientRects().length === 1)));
	check('…a change\'s fields labelled in Chinese', await page.isVisible('#audit dl.detail dt >> text=步骤') &&
		await page.isVisible('#audit dl.detail dd >> text=下一步'));
	await page.setViewportSize(viewport);
	await page.goto(`${BASE}/account`);
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("开启两步验证")')]);
	check('two-factor setup in Chinese', await page.isVisible('text=用身份验证器应用扫描此二维码'));
	await page_in_chinese(page, '27-two-factor-setup');
	await page.goto(`${BASE}/nowhere`);
	check('the 404 page in Chinese', await page.isVisible('h1 >> text=页面不存在'));
	await page_in_chinese(page, '19-not-found');
	// a phone-sized screen
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`${BASE}/console/chats/${chat}`);
	await page_in_chinese(page, '20-chat-phone');
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`the Chinese run went to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('chinese.mjs')).join('\n'));
} finally {
	await browser.close();
}
finish();
