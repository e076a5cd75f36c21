// conversation.mjs: the conversation stays in view. On a desk's 1366×768
// screen and on a phone, a long chat opens at its newest message with the
// reply box on the screen; a new message keeps it pinned; an operator who
// scrolled up stays where they are and is told new messages came; a note
// and a reply are done in place, without loading the page again. A long
// history opens at its newest 50 and brings the earlier ones in as the
// reader scrolls up.
import { BASE, check, demoPassword, eventually, finish, followerPhone, launch, shot, signIn, sql } from './lib.mjs';

const OPENID = 'oBrowserLong01';
const browser = await launch();
const inView = (page, sel) => page.evaluate((s) => {
	const r = document.querySelector(s).getBoundingClientRect();
	return r.top >= 0 && r.bottom <= window.innerHeight;
}, sel);
const newestShown = (page) => page.evaluate(() => {
	const tr = document.getElementById('transcript'), last = tr.lastElementChild;
	const a = tr.getBoundingClientRect(), b = last.getBoundingClientRect();
	return b.bottom <= a.bottom + 1 && b.top >= a.top - 1;
});
try {
	const phone = await followerPhone(browser, OPENID);
	for (let i = 1; i <= 14; i++)
		await phone.write(`第 ${i} 个问题：line ${i} of a long chat`);
	const chat = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id ` +
		`WHERE f.openid = '${OPENID}' AND c.state <> 'closed'`);
	await eventually(async () => sql(`SELECT COUNT(*) FROM messages WHERE chat_id = ${chat} AND direction = 'in'`) === '14');
	for (const [w, h, name] of [[1366, 768, 'desk'], [390, 844, 'phone']]) {
		const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'zh-CN' });
		const page = await ctx.newPage();
		await signIn(page, 'operator', demoPassword('operator'));
		await page.goto(`${BASE}/console/chats/${chat}`);
		if (await page.isVisible('form.pickup button'))
			await Promise.all([page.waitForNavigation(), page.click('form.pickup button')]);
		check(`${name}: a long chat opens at its newest message`, await newestShown(page));
		check(`${name}: …with the reply box on the screen`, await inView(page, '#composer textarea'));
		await phone.write(`a new line for the ${name}`);
		check(`${name}: a new message arrives live and stays in view`, await eventually(async () =>
			(await page.isVisible(`#transcript >> text=a new line for the ${name}`)) && newestShown(page), 15000));
		// scrolled up to read: the view stays, a marker says what came
		await page.evaluate(() => { document.getElementById('transcript').scrollTop = 0; });
		await phone.write(`while reading, on the ${name}`);
		check(`${name}: scrolled up, a new message shows a marker instead of moving the view`,
			await eventually(() => page.isVisible('#new-below'), 15000) &&
			await page.evaluate(() => document.getElementById('transcript').scrollTop) === 0);
		await shot(page, `81-conversation-${name}`);
		await page.click('#new-below');
		check(`${name}: …which takes the reader to the newest message`, await newestShown(page) &&
			!(await page.isVisible('#new-below')));
		// an action is done in place: the page is not loaded again, the
		// address stays the chat's, and the conversation stays in view
		await page.evaluate(() => { window.stayed = true; });
		if (name === 'desk') {	/* (a phone keeps the follower's panel folded) */
			await page.fill('textarea[name=staff_note]', `a note on the ${name}`);
			await Promise.all([page.waitForNavigation(), page.click('form.staff-note-form button[type=submit]')]);
			await page.waitForSelector(`#chat >> text=a note on the ${name}`, { timeout: 10000 });
			check(`${name}: a note is added in place: no page load, the same address, the newest message in view`,
				await page.evaluate(() => window.stayed === true) &&
				page.url().endsWith(`/console/chats/${chat}`) && await newestShown(page));
		}
		await page.fill('textarea[name=text]', `an answer on the ${name}`);
		await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
		check(`${name}: …and so is a reply, the reply box emptied`,
			await page.evaluate(() => window.stayed === true) &&
			(await page.inputValue('textarea[name=text]')) === '' &&
			await page.isVisible(`#transcript >> text=an answer on the ${name}`));
		await ctx.close();
	}
	// a chat with a long history (130 more lines, stored after the others)
	// opens at its newest 50; scrolled to the
	// top, the earlier ones come in above without moving what the reader
	// looks at, and they stay through the live update
	const more = 130;
	sql(`INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, ` +
		`dedupe_key, media_state, created_at) SELECT c.channel_id, c.follower_id, c.id, 'in', 'text', ` +
		`CONCAT('history line ', s.seq), CONCAT('hist:', c.id, ':', s.seq), 'none', ` +
		`NOW() - INTERVAL (${more} - s.seq) SECOND FROM chats c JOIN seq_1_to_${more} s WHERE c.id = ${chat}`);
	const first = sql(`SELECT MIN(id) FROM messages WHERE chat_id = ${chat}`);
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
	const page = await ctx.newPage();
	await signIn(page, 'operator', demoPassword('operator'));
	await page.goto(`${BASE}/console/chats/${chat}`);
	const items = () => page.evaluate(() => document.querySelectorAll('#transcript li[id^="m"]').length);
	check('a long history opens with its newest 50 messages, and a link to the earlier ones',
		(await items()) === 50 && await page.isVisible('#transcript .older-more a') && await newestShown(page));
	const anchor = await page.evaluate(() => document.querySelector('#transcript li[id^="m"]').id);
	await page.evaluate(() => { document.getElementById('transcript').scrollTop = 0; });
	check('scrolled to the top, the 50 before them come in above', await eventually(async () => (await items()) === 100));
	check('…and the message the reader was at stays in view', await page.evaluate((id) => {
		const tr = document.getElementById('transcript').getBoundingClientRect(),
		    m = document.getElementById(id).getBoundingClientRect();
		return m.top >= tr.top - 1 && m.top <= tr.bottom;
	}, anchor));
	check('…and on up, 50 at a time, to the chat\'s first message', await eventually(async () => {
		await page.evaluate(() => { document.getElementById('transcript').scrollTop = 0; });
		return (await page.$(`#m${first}`)) !== null && !(await page.$('#transcript .older-more'));
	}));
	await shot(page, '82-conversation-history');
	await phone.write('after reading the history');
	check('a new message arrives live, the history loaded stays', await eventually(async () =>
		(await page.isVisible('#transcript >> text=after reading the history')) &&
		(await page.$(`#m${first}`)) !== null, 15000));
	check('without the script, the link is a page of the earlier messages', await (async () => {
		const b = sql(`SELECT id FROM messages WHERE chat_id = ${chat} AND body = 'history line 55'`);
		const r = await page.request.get(`${BASE}/console/chats/${chat}?before=${b}`);
		const html = await r.text();
		return r.ok() && html.includes('history line 50') && !html.includes('history line 60') &&
			html.includes('class="newer-more"');
	})());
	await ctx.close();
} catch (e) {
	check(`conversation test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
