// admin.mjs: an administrator sets up a brand, a department and an operator
// in a real browser; the operator then signs in and is kept out of admin pages.
import { BASE, check, finish, launch, demoPassword, signIn, shot } from './lib.mjs';

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
	const page = await ctx.newPage();
	const jsErrors = [];
	page.on('pageerror', (e) => jsErrors.push(String(e)));

	// a wrong password first: the error shows and the name is kept
	await page.goto(`${BASE}/`);
	check('/ leads to the sign-in page', page.url().endsWith('/login'));
	await shot(page, '01-sign-in');
	await signIn(page, 'admin', 'not the password');
	check('wrong password message', await page.isVisible('text=The sign-in name or password is wrong.'));
	check('typed name kept', (await page.inputValue('input[name=login]')) === 'admin');

	await signIn(page, 'admin', demoPassword('admin'));
	check('admin lands on administration', page.url().endsWith('/admin/'));
	await shot(page, '02-admin-home');

	// brand: an empty name is refused beside the field
	await page.click('nav >> text=Brands');
	await page.fill('input[name=name]', ' ');
	await Promise.all([page.waitForNavigation(), page.click('text=Create brand')]);
	check('blank brand name refused beside the field',
		await page.isVisible('.field.bad >> text=Enter a name.'));
	await shot(page, '03-brand-error');
	await page.fill('input[name=name]', 'Browser Brand 浏览器');
	await Promise.all([page.waitForNavigation(), page.click('text=Create brand')]);
	check('brand page opened', /\/admin\/brands\/\d+$/.test(page.url()));
	check('flash confirms', await page.isVisible('.flash >> text=Browser Brand 浏览器'));

	// department
	await page.fill('input[name=dept_name]', 'After-sales');
	await Promise.all([page.waitForNavigation(), page.click('text=Add department')]);
	check('department listed', await page.isVisible('table.list >> text=After-sales'));
	await shot(page, '04-brand-with-department');

	// operator in that department
	await page.click('nav >> text=Operators');
	await Promise.all([page.waitForNavigation(), page.click('text=New operator')]);
	await page.fill('input[name=login]', 'dana');
	await page.fill('input[name=name]', 'Dana 李');
	await page.selectOption('select[name=role]', 'operator');
	await page.fill('input[name=password]', 'short');
	await page.check('label.check:has-text("Browser Brand 浏览器 › After-sales") input');
	await Promise.all([page.waitForNavigation(), page.click('text=Create operator')]);
	check('short password refused', await page.isVisible('text=Use at least 10 characters.'));
	check('typed name kept after the error', (await page.inputValue('input[name=name]')) === 'Dana 李');
	check('department choice kept after the error',
		await page.isChecked('label.check:has-text("After-sales") input'));
	await shot(page, '05-operator-error');
	await page.fill('input[name=password]', 'dana-password-1');
	await Promise.all([page.waitForNavigation(), page.click('text=Create operator')]);
	check('operator listed', await page.isVisible('table.list >> text=Dana 李'));
	await shot(page, '06-operators');

	// sign out, sign in as the new operator
	await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
	check('signed out to the sign-in page', page.url().includes('/login'));
	await signIn(page, 'dana', 'dana-password-1');
	check('operator lands on the console', page.url().endsWith('/console/'));
	check('console says which departments', await page.isVisible('text=You answer the chats of 1 department.'));
	check('no admin navigation for operators', !(await page.isVisible('nav >> text=Brands')));
	await shot(page, '07-operator-console');

	const resp = await page.goto(`${BASE}/admin/brands`);
	check('operator gets 403 on admin pages', resp.status() === 403);
	check('403 page explains', await page.isVisible('text=This page is for admins only'));
	await shot(page, '08-operator-refused');
	check('no JavaScript errors', jsErrors.length === 0);
	if (jsErrors.length) console.log(jsErrors.join('\n'));
} catch (e) {
	check(`browser test ran to the end (${e.message.split('\n')[0]})`, false);
} finally {
	await browser.close();
}
finish();
