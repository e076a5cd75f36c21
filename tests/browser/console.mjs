// console.mjs: a follower writes on the simulator's phone; the operator sees
// the chat arrive live, picks it up and answers within WeChat's rules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { BASE, check, demoPassword, eventually, finish, launch, shot, signIn, SIM, sql } from './lib.mjs';

const VAR = process.env.WXDESK_VAR;
const OPENID = `oBrowserConsole${Date.now() % 100000}`;
const offFile = `${VAR}/clock-offset`;
const clockWas = existsSync(offFile) ? readFileSync(offFile, 'utf8').trim() : null;

const browser = await launch();
try {
	// the follower's phone
	const phone = await (await browser.newContext({ viewport: { width: 480, height: 900 } })).newPage();
	await phone.goto(`${SIM}/phone`);
	await phone.fill('form.who input[name=openid]', OPENID);
	await Promise.all([phone.waitForNavigation(), phone.click('text=Switch')]);
	await Promise.all([phone.waitForNavigation(), phone.click('.events >> text=Follow')]);
	const write = async (text) => {
		await phone.fill('input[name=text]', text);
		await Promise.all([phone.waitForNavigation(), phone.click('.compose >> text=Send')]);
	};

	// the operator, on the waiting list before the chat exists
	const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	const page = await ctx.newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));
	const firstPoll = page.waitForResponse((r) => r.url().includes('/console/poll'));
	await signIn(page, 'operator', demoPassword('operator'));
	check('the operator lands on the console', page.url().endsWith('/console/'));
	await firstPoll;	// the page knows the list as it was
	await write('你好，我的订单 A-1001 还没到');
	await page.waitForSelector('#chatlist >> text=我的订单 A-1001', { timeout: 10000 });
	check('the new chat appears in the list without a reload', true);
	check('the tab title counts waiting chats', /^\(\d+\) /.test(await page.title()));
	await shot(page, '21-console-waiting');

	// pick it up and answer
	await Promise.all([page.waitForNavigation(), page.click('#chatlist >> text=' + OPENID.slice(0, 10))]);
	check('the chat page shows the message', await page.isVisible('#transcript >> text=我的订单 A-1001'));
	check('the composer waits for the pick-up', await page.isDisabled('textarea[name=text]'));
	await Promise.all([page.waitForNavigation(), page.click('text=Pick up this chat')]);
	check('picked up: a system line says who', await page.isVisible('#transcript >> text=Demo Operator picked the chat up.'));
	check('the meter shows the window', await page.isVisible('.meter >> text=0 of 5 sent'));
	const send = async (text) => {
		await page.fill('textarea[name=text]', text);
		await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	};
	await send('您好！我马上帮您查询。');
	// queued, then delivered by a sender: the live refresh shows it
	await page.waitForSelector('#transcript li.out >> text=delivered', { timeout: 10000 }).catch(() => {});
	check('the reply shows as delivered, by itself', await page.isVisible('#transcript li.out >> text=delivered'));
	await phone.waitForSelector('.bubble:has-text("我马上帮您查询")', { timeout: 10000 });
	check('the phone received the reply', true);
	for (let i = 2; i <= 5; i++)
		await send(`Update ${i}`);
	check('after 5 in a row the composer offers to hold a reply, and says why',
		await page.isVisible('#composer.hold >> text=Hold until the follower writes') &&
		await page.isVisible('text=WeChat allows 5 messages in a row; you can write again when the follower replies.'));
	await shot(page, '22-console-five-in-a-row');
	await page.fill('#composer textarea[name=text]', '稍后为您回复物流单号');
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	check('a reply held: in the transcript, to go when the follower writes',
		await page.isVisible('#transcript li.out >> text=held: goes when the follower writes'));

	// the follower answers: the page updates itself, the held reply goes, and
	// the composer opens again
	await page.click('body');
	await write('谢谢！');
	await page.waitForSelector('#transcript >> text=谢谢！', { timeout: 10000 });
	check('the follower’s reply appears by itself', true);
	await phone.waitForSelector('.bubble:has-text("稍后为您回复物流单号")', { timeout: 15000 }).catch(() => {});
	check('…and the held reply reaches the phone', await phone.isVisible('.bubble:has-text("稍后为您回复物流单号")'));
	check('…and unlocks the composer', !(await page.isDisabled('textarea[name=text]')));
	await page.fill('textarea[name=text]', 'typed while a message arrives');
	await write('还有一个问题');
	await page.waitForSelector('#transcript >> text=还有一个问题', { timeout: 10000 });
	check('what the operator is typing survives a live update',
		(await page.inputValue('textarea[name=text]')) === 'typed while a message arrives');
	await shot(page, '23-console-chat');

	// attachments: refused in the browser before any upload, then one sent
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);
	await page.setInputFiles('input[name=attachment]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
	check('a wrong file type is refused before upload',
		await page.isVisible('#attachment-error >> text=WeChat cannot take this kind of file.') &&
		(await page.inputValue('input[name=attachment]')) === '');
	await page.setInputFiles('input[name=attachment]', { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
	check('an oversize picture is refused before upload, naming the limit',
		await page.isVisible('#attachment-error >> text=Pictures can be at most 10 MB in WeChat; this file is 11.0 MB.'));
	await shot(page, '26-console-attachment-refused');
	const picked = () => page.textContent('#composer .file-pick .file-name');
	check('…and the field shows no file chosen, in the page\'s words', (await picked()) === 'No file chosen');
	// the browser's own control (in the browser's language) is hidden: the
	// catalogue's button opens the file chooser
	const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
		page.click('#composer .file-pick .button')]);
	await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
	check('"Choose a file" opens the chooser; the chosen file\'s name shows', (await picked()) === 'photo.png');
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	// in the page's transcript (a lazily loaded image may have no size yet)
	check('the picture shows in the transcript', (await page.locator('#transcript img[alt="Picture sent"]').count()) === 1);
	const mp3 = Buffer.concat([Buffer.from('ID3\x03\x00', 'latin1'), Buffer.alloc(3000, 3)]);
	const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(3000, 5)]);
	await page.setInputFiles('input[name=attachment]', { name: 'voice.mp3', mimeType: 'audio/mpeg', buffer: mp3 });
	check('before sending, the composer says what the send costs against what is left',
		(await page.textContent('#send-cost')) === 'This send: 1 message, of the 3 WeChat allows until the follower writes.');
	// a live update while a file is chosen (here the follower writes) keeps the choice
	await write('语音发了吗？');
	await page.waitForSelector('#transcript >> text=语音发了吗？', { timeout: 10000 });
	check('a file chosen for the reply survives a live update',
		(await page.evaluate(() => document.querySelector('input[name=attachment]').files.length)) === 1);
	check('…and the cost follows the window: the follower wrote, five are allowed again',
		(await page.textContent('#send-cost')) === 'This send: 1 message, of the 5 WeChat allows until the follower writes.');
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	await page.waitForSelector('#transcript li.out audio', { timeout: 5000 }).catch(() => {});
	check('audio shows with a player', (await page.locator('#transcript li.out audio').count()) === 1);
	await page.setInputFiles('input[name=attachment]', { name: 'clip.mp4', mimeType: 'video/mp4', buffer: mp4 });
	await Promise.all([page.waitForNavigation(), page.click('#composer button[type=submit]')]);
	check('video shows with a player', (await page.locator('#transcript li.out video').count()) === 1);
	// the senders deliver them in order, after the pages answered
	const appid = sql("SELECT app_id FROM channels c JOIN brands b ON b.id = c.brand_id WHERE b.name = 'Demo'");
	const all = (got) => ['image', 'voice', 'video'].every((k) => got.messages.some((m) => m.msgtype === k)) &&
		got.messages.some((m) => m.content === 'typed while a message arrives');
	check('the phone received the picture, audio, video and the typed text', await eventually(async () =>
		all(await (await fetch(`${SIM}/sim/received?appid=${appid}&openid=${OPENID}`)).json()), 15000));

	// 48 hours later the composer is closed, and says why
	// an active chat is idle-closed within 24 hours: to see the 48-hour rule on
	// one, the idle limit is set beyond what the preferences page allows
	sql("UPDATE channel_prefs p JOIN channels c ON c.id = p.channel_id JOIN brands b ON b.id = c.brand_id SET p.idle_close_minutes = 100000 WHERE b.name = 'Demo'");
	execFileSync('sh', ['-c', `echo $(( ${clockWas || 0} + 49 * 3600 )) > ${offFile}`]);
	await signIn(page, 'operator', demoPassword('operator'));
	// (the worker may have closed it by now: its 48 hours since it started are over too)
	const chatId = sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' ORDER BY c.id DESC LIMIT 1`);
	await page.goto(`${BASE}/console/chats/${chatId}`);
	check('48 hours after the follower’s last message the composer only holds a reply, and says why',
		await page.isVisible('#composer.hold') &&
		(await page.isVisible('text=48 hours have passed since the follower’s last message'.replace('’', "'")) ||
		await page.isVisible('text=48 hours passed since the chat started')));
	await shot(page, '24-console-window-closed');

	// two operators race for one chat: the worker closes the old one first
	// (a message that came before its close would continue it, and restart
	// its 48 hours)
	await eventually(() => sql(`SELECT state = 'closed' FROM chats WHERE id = ${chatId}`) === '1', 30000);
	await write('a new question after two days');
	const fresh = await eventually(() => sql(`SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '${OPENID}' AND c.state = 'waiting'`));
	// the old chat closed and the new message folded first: the console's live
	// refresh (a line in a transcript) then does not swap the pages mid-click
	await eventually(() => sql(`SELECT (SELECT state FROM chats WHERE id = ${chatId}) = 'closed' AND last_in_id > 0 FROM chats WHERE id = ${fresh}`) === '1', 15000);
	const other = await (await browser.newContext()).newPage();
	await signIn(other, 'admin', demoPassword('admin'));
	await other.goto(`${BASE}/console/chats/${fresh}`);
	await page.goto(`${BASE}/console/chats/${fresh}`);
	// (the loser's answer may wait for the winner's transaction: a slow,
	// sanitized build takes longer than the default 30 s there)
	await Promise.all([
		Promise.all([page.waitForNavigation({ timeout: 90000 }), page.click('text=Pick up this chat')]),
		Promise.all([other.waitForNavigation({ timeout: 90000 }), other.click('text=Pick up this chat')]),
	]);
	const won = await page.isVisible('#transcript >> text=picked the chat up') && !(await page.isVisible('.error-box'));
	const told = await page.isVisible('text=picked this chat up first') || await other.isVisible('text=picked this chat up first');
	check('of two at once, one picks the chat up and the other is told who', told &&
		sql(`SELECT COUNT(*) FROM messages WHERE chat_id = ${fresh} AND event = 'picked_up'`) === '1');
	await shot(won ? other : page, '25-console-race-lost');

	// transfer to another department with a note, then close
	const holder = won ? page : other;
	await holder.selectOption('select[name=to]', { label: 'Support' });
	await holder.fill('input[name=note]', 'asks about a refund');
	await shot(holder, '27-console-transfer');
	await Promise.all([holder.waitForNavigation(), holder.click('button:has-text("Transfer")')]);
	check('transferred: the flash says where', await holder.isVisible('.flash >> text=Chat transferred to Support.'));
	check('…the transcript keeps the note',
		await holder.isVisible('#transcript >> text=transferred the chat to Support: asks about a refund'));
	check('…and the chat waits in Support', sql(`SELECT d.name FROM chats c JOIN departments d ON d.id = c.department_id WHERE c.id = ${fresh}`) === 'Support' &&
		sql(`SELECT state FROM chats WHERE id = ${fresh}`) === 'waiting');
	await Promise.all([other.waitForNavigation(), other.goto(`${BASE}/console/chats/${fresh}`)]);
	const closer = other;
	closer.once('dialog', (d) => d.accept());
	await Promise.all([closer.waitForNavigation(), closer.click('text=Close the chat')]);
	check('closed: the page says so', await closer.isVisible('text=closed by an operator'));
	check('…and the composer is gone for good', await closer.isDisabled('textarea[name=text]'));
	check('no script errors', jsErrors.length === 0);
} catch (e) {
	check(`console test ran to the end (${e.message.split('\n')[0]})`, false);
	console.log(e.stack.split('\n').filter((l) => l.includes('console.mjs')).join('\n'));
} finally {
	sql("UPDATE channel_prefs p JOIN channels c ON c.id = p.channel_id JOIN brands b ON b.id = c.brand_id SET p.idle_close_minutes = 1440 WHERE b.name = 'Demo'");
	// the other browser tests run on the real clock again
	if (clockWas === null) { if (existsSync(offFile)) unlinkSync(offFile); } else writeFileSync(offFile, `${clockWas}\n`);
	await browser.close();
}
finish();
