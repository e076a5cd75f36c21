// wizard.mjs: an administrator connects a WeChat account with the six-step
// wizard, against the simulator, then edits it on the account page.
import { BASE, check, hex, demoPassword, eventually, finish, launch, shot, signIn, SIM, sql } from './lib.mjs';

const sim = async (path, fields) => (await fetch(`${SIM}${path}`, {
	method: 'POST', body: new URLSearchParams(fields) })).json();

sql("INSERT INTO brands (name, created_at) VALUES ('Teahouse 茶馆', NOW())");
const brand = sql("SELECT id FROM brands WHERE name = 'Teahouse 茶馆'");
sql(`INSERT INTO departments (brand_id, name, created_at) VALUES (${brand}, 'Orders', NOW())`);
const APP = `wx${hex(16)}`, SECRET = hex(32), ORIG = `gh_${hex(12)}`;

const next = async (page) => Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
	const page = await ctx.newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	await signIn(page, 'admin', demoPassword('admin'));

	// step 1: brand
	await page.click('nav >> text=WeChat');
	await Promise.all([page.waitForNavigation(), page.click('text=Add a WeChat account')]);
	check('step 1 shows the demo brand as taken', await page.isVisible('.taken >> text=Demo: taken by'));
	await Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);
	check('step 1: no brand chosen, said beside the field',
		await page.isVisible('.bad >> text=Choose the brand this WeChat account belongs to.'));
	await page.check('label.check:has-text("Teahouse 茶馆") input');
	await shot(page, '11-wizard-1-brand');
	await next(page);
	check('step 2 reached', await page.isVisible('h2 >> text=Step 2 of 6: IP whitelist'));
	check('the step indicator marks step 2', await page.isVisible('ol.steps li.now >> text=IP whitelist'));

	// step 2: the IP list, copied, and the box that must be ticked
	await page.click('button[data-copy=iplist]');
	check('copy button copies the IP list',
		(await page.evaluate(() => navigator.clipboard.readText())).includes('127.0.0.1'));
	await next(page);
	check('step 2: the box must be ticked', await page.isVisible('.bad >> text=Paste the IP list in WeChat'));
	await page.check('input[name=ip_ok]');
	await shot(page, '12-wizard-2-ip-whitelist');
	await next(page);

	// step 3: details, errors beside the fields, generate buttons, reload resumes
	await page.reload();
	check('a reload resumes at step 3', await page.isVisible('h2 >> text=Step 3 of 6: Account details'));
	await page.fill('input[name=original_id]', 'gh_nothex');
	await page.fill('input[name=app_id]', APP);
	await page.fill('input[name=app_secret]', SECRET);
	await page.fill('input[name=token]', 'x');
	await page.fill('input[name=aes_key]', 'too-short');
	await next(page);
	check('step 3: Original ID error beside it',
		await page.isVisible('.field.bad >> text=An Original ID is gh_ followed by 12 characters'));
	check('step 3: token error', await page.isVisible('.field.bad >> text=Use 3 to 32 letters and digits'));
	check('step 3: AES key error', await page.isVisible('.field.bad >> text=exactly 43 letters and digits'));
	check('step 3: the App ID typed is kept', (await page.inputValue('input[name=app_id]')) === APP);
	await shot(page, '13-wizard-3-errors');
	await page.fill('input[name=original_id]', ORIG);
	await Promise.all([page.waitForNavigation(), page.click('text=Generate token')]);
	const token = await page.inputValue('input[name=token]');
	check('Generate token fills 32 letters and digits', /^[A-Za-z0-9]{32}$/.test(token));
	await Promise.all([page.waitForNavigation(), page.click('text=Generate Encoding AES Key')]);
	const aes = await page.inputValue('input[name=aes_key]');
	check('Generate Encoding AES Key fills 43', /^[A-Za-z0-9]{43}$/.test(aes));
	check('…the token is still there', (await page.inputValue('input[name=token]')) === token);
	await page.click('button[data-copy-field=token]');
	check('copy button copies the token', (await page.evaluate(() => navigator.clipboard.readText())) === token);
	check('plain text mode is the default', await page.isChecked('input[name=mode][value=plain]'));
	await page.fill('input[name=app_secret]', SECRET);
	await shot(page, '14-wizard-3-details');
	await next(page);

	// step 4: the URL, and WeChat's verification appearing by itself
	check('step 4 reached', await page.isVisible('h2 >> text=Step 4 of 6: Webhook URL'));
	check('not yet verified', await page.isVisible('text=Not yet verified'));
	const url = await page.textContent('#webhook');
	// the account exists in "WeChat"; saving the URL there makes WeChat verify it
	const reg = await sim('/sim/accounts', { appid: APP, secret: SECRET, original_id: ORIG, token,
		aes_key: aes, mode: 'plain', webhook_url: url, name: 'Teahouse', verify: '1' });
	check('WeChat (the simulator) verified the URL', reg.verified === true);
	await page.waitForSelector('#verified >> text=Verified by WeChat at', { timeout: 10000 });
	check('the page shows the verification without a reload', true);
	await shot(page, '15-wizard-4-verified');

	// Back keeps what was entered; a sign-out in the middle resumes the draft
	await Promise.all([page.waitForNavigation(), page.click('button[value=back]')]);
	check('Back: step 3 with the saved App ID', (await page.inputValue('input[name=app_id]')) === APP);
	check('…and the token', (await page.inputValue('input[name=token]')) === token);
	await next(page);
	await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
	await signIn(page, 'admin', demoPassword('admin'));
	await page.goto(`${BASE}/admin/channels`);
	check('the list shows the unfinished setup', await page.isVisible('text=setup unfinished (step 4 of 6)'));
	await Promise.all([page.waitForNavigation(), page.click('text=Teahouse 茶馆')]);
	check('signed in again: resumes at step 4', await page.isVisible('h2 >> text=Step 4 of 6'));
	await page.check('input[name=url_ok]');
	await next(page);

	// step 5: department
	check('step 5 reached', await page.isVisible('h2 >> text=Step 5 of 6: Department'));
	await next(page);
	check('step 5: a department is required', await page.isVisible('#department-error >> text=without one, no chats'));
	await page.selectOption('select[name=department]', { label: 'Orders' });
	await shot(page, '16-wizard-5-department');
	await next(page);

	// step 6: live checks; each failure WeChat can give, with its fix
	check('step 6 reached', await page.isVisible('h2 >> text=Step 6 of 6: Verify installation'));
	check('all checks pass', (await page.locator('ul.checks li.fail').count()) === 0 &&
		(await page.locator('ul.checks li.pass').count()) === 4);
	check('the summary masks the secret', !(await page.content()).includes(SECRET));
	await shot(page, '17-wizard-6-verify');
	await sim('/sim/faults', { appid: APP, api: 'stable_token', errcode: '40013', count: '1' });
	await page.reload();
	check('40013 shown with its fix', await page.isVisible('li.fail >> text=WeChat does not know this App ID (40013)'));
	await sim('/sim/accounts', { appid: APP, secret: hex(32), original_id: ORIG, token, aes_key: aes,
		mode: 'plain', webhook_url: url, name: 'Teahouse' });
	await page.reload();
	check('40125 shown with its fix', await page.isVisible('li.fail >> text=The App Secret is wrong (40125)'));
	await sim('/sim/accounts', { appid: APP, secret: SECRET, original_id: ORIG, token, aes_key: aes,
		mode: 'plain', webhook_url: url, name: 'Teahouse', whitelist: '10.20.30.40' });
	await page.reload();
	check('40164 shown: go back to step 2', await page.isVisible('li.fail >> text=Go back to step 2'));
	await shot(page, '18-wizard-6-ip-refused');
	await Promise.all([page.waitForNavigation(), page.click('button[value=done]')]);
	check('Done with a failed check asks for “activate anyway”',
		await page.isVisible('.bad >> text=Activate anyway'));
	await sim('/sim/accounts', { appid: APP, secret: SECRET, original_id: ORIG, token, aes_key: aes,
		mode: 'plain', webhook_url: url, name: 'Teahouse', whitelist: '127.0.0.1' });
	await page.goto(`${page.url().split('?')[0]}?step=6`);	// the page is a POST's answer
	check('whitelisted: the checks pass again', (await page.locator('ul.checks li.fail').count()) === 0);
	await Promise.all([page.waitForNavigation(), page.click('button[value=done]')]);
	check('Done opens the account page', /\/admin\/channels\/\d+$/.test(page.url()));
	check('…saying the account is connected', await page.isVisible('.flash >> text=is connected'));
	check('…secrets masked', !(await page.content()).includes(SECRET) && !(await page.content()).includes(token));
	await shot(page, '19-account-page');

	// the account page: reveal, preferences, details
	await page.fill('form[action$=reveal] input[name=password]', demoPassword('admin'));
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Reveal")')]);
	check('reveal with the password shows the App Secret', (await page.textContent('#rv-secret')) === SECRET);
	await page.fill('input[name=missed_after]', '5');
	await page.selectOption('select[name=missed_close]', { label: '1 week' });
	await page.selectOption('select[name=idle_close]', { label: '2 hours' });
	await Promise.all([page.waitForNavigation(), page.click('text=Save preferences')]);
	check('preferences saved', await page.isVisible('.flash >> text=Preferences saved'));
	check('…shown as saved', (await page.inputValue('select[name=missed_close]')) === '10080');
	check('…stored', sql(`SELECT CONCAT_WS(',', missed_after_minutes, missed_close_minutes, idle_close_minutes) FROM channel_prefs p JOIN channels c ON c.id = p.channel_id WHERE c.app_id = '${APP}'`) === '5,10080,120');
	await page.fill('#details input[name=app_id]', 'wx123');
	await Promise.all([page.waitForNavigation(), page.click('text=Save details')]);
	check('editing with the wizard’s checks', await page.isVisible('#details .field.bad >> text=An App ID is wx followed by 16'));
	await shot(page, '20-account-edit-error');
	check('no script errors', jsErrors.length === 0);

	// operators are kept out
	const op = await (await browser.newContext()).newPage();
	await signIn(op, 'operator', demoPassword('operator'));
	const resp = await op.goto(`${BASE}/admin/channels`);
	check('an operator gets 403 on the WeChat pages', resp.status() === 403);
	check('…with the reason', await op.isVisible('text=This page is for admins only'));
} catch (e) {
	check(`wizard test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('wizard.mjs')).join('\n'));
} finally {
	await browser.close();
}
finish();
