// reports.mjs: a follower writes, an operator answers; the supervisor's
// overview and per-day reports and the operator's own per-operator report
// render with their SVG charts (also without JavaScript), in the browser's
// time zone.
import { BASE, check, demoPassword, eventually, finish, launch, shot, signIn, SIM, sql } from './lib.mjs';

const OPENID = `oBrowserReport${Date.now() % 100000}`;
const figure = async (page, id) => Number(await page.textContent(`#fig-${id}`));

const browser = await launch();
try {
	const ctx = { viewport: { width: 1200, height: 1000 }, timezoneId: 'Asia/Shanghai' };
	const op = await (await browser.newContext(ctx)).newPage();
	await signIn(op, 'operator', demoPassword('operator'));
	await op.click('nav >> text=Reports');
	check('the operator opens the reports from the menu', await op.isVisible('h1 >> text=Reports'));
	check('…in the browser\'s time zone', (await op.inputValue('input[name=tz]')) === 'Asia/Shanghai');
	check('…their own figures only', await op.isVisible('text=Your own figures.'));
	check('…without the department and follower reports',
		!(await op.isVisible('nav.tabs >> text=Per department')) && !(await op.isVisible('nav.tabs >> text=Followers')));
	const before = await figure(op, 'answered');

	// a chat, answered
	const phone = await (await browser.newContext({ viewport: { width: 480, height: 900 } })).newPage();
	await phone.goto(`${SIM}/phone`);
	await phone.fill('form.who input[name=openid]', OPENID);
	await Promise.all([phone.waitForNavigation(), phone.click('text=Switch')]);
	await Promise.all([phone.waitForNavigation(), phone.click('.events >> text=Follow')]);
	await phone.fill('input[name=text]', '我想查一下订单');
	await Promise.all([phone.waitForNavigation(), phone.click('.compose >> text=Send')]);
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state = 'waiting'`);
	await op.goto(`${BASE}/console/chats/${chat}`);
	await Promise.all([op.waitForNavigation(), op.click('text=Pick up this chat')]);
	await op.fill('textarea[name=text]', '好的，请稍等。');
	await Promise.all([op.waitForNavigation(), op.click('#composer button[type=submit]')]);
	// answered once the outbox delivered it
	await eventually(() => sql(`SELECT COUNT(*) FROM messages WHERE chat_id = ${chat} AND direction = 'out' AND delivery_state = 'delivered'`) === '1', 15000);

	await op.goto(`${BASE}/reports/`);
	check('the operator\'s answered chats went up by one', await figure(op, 'answered') === before + 1);
	await Promise.all([op.waitForNavigation(), op.click('nav.tabs >> text=Per operator')]);
	check('the per-operator report lists only them', await op.isVisible('#groups >> text=Demo Operator') &&
		(await op.$$('#groups tbody tr')).length === 1);
	check('…with a bar chart', (await op.$$('figure.chart svg rect')).length === 1);
	await shot(op, '30-reports-operator');

	const sup = await (await browser.newContext(ctx)).newPage();
	await signIn(sup, 'admin', demoPassword('admin'));
	await sup.goto(`${BASE}/reports/`);
	check('the overview shows the chats', await figure(sup, 'received') >= 1 && await figure(sup, 'answered') >= 1);
	check('…and the first-response times', await sup.isVisible('#t-first'));
	await shot(sup, '31-reports-overview');
	await Promise.all([sup.waitForNavigation(), sup.click('nav.tabs >> text=Per day')]);
	const bars = (await sup.$$('figure.chart svg g rect')).length;
	check('per day: a stacked bar for each of the 7 days', bars === 14);
	check('…and a table under it', (await sup.$$('#series tbody tr')).length === 7);
	await sup.selectOption('select[name=operator]', { label: 'Demo Operator' });
	await Promise.all([sup.waitForNavigation(), sup.click('form.filters >> text=Show')]);
	check('a filter keeps the time zone', (await sup.inputValue('input[name=tz]')) === 'Asia/Shanghai');
	await shot(sup, '32-reports-days');
	// a brand chosen narrows the lists beside it at once (the page reloads with it)
	const demo = sql("SELECT id FROM brands WHERE name = 'Demo'");
	await Promise.all([sup.waitForNavigation(), sup.selectOption('select[name=brand]', demo)]);
	const listed = await sup.$$eval('select[name=department] option', (o) => o.map((x) => x.textContent));
	check('choosing a brand narrows the departments to its own at once',
		listed.length > 1 && listed.slice(1).every((t) => t.startsWith('Demo · ')));
	const [download] = await Promise.all([sup.waitForEvent('download'), sup.click('text=Download CSV')]);
	check('the CSV downloads with its name', /^wxdesk-days-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/.test(download.suggestedFilename()));

	// without JavaScript the charts are still there: they are drawn on the server
	const plain = await (await browser.newContext({ ...ctx, javaScriptEnabled: false })).newPage();
	await signIn(plain, 'admin', demoPassword('admin'));
	await plain.goto(`${BASE}/reports/days?tz=Asia/Shanghai`);
	check('without JavaScript: the chart is drawn', (await plain.$$('figure.chart svg g rect')).length === 14);
} finally {
	await browser.close();
}
finish();
