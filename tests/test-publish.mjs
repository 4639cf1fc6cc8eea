// test-publish.mjs: the published page in a real browser (Debian's
// Chromium, headless, driven by puppeteer-core), tried by behaviour as a
// user would: zoom, click each mark, search, filter, the address, a phone,
// print, the keyboard, hostile names, the hosted folder; and the printed
// map's SVG, whose names the browser finds as text.  The pages are
// written by tests/test-publish.sh before this runs.
//
// node test-publish.mjs ARTEFACT_DIR
// Prints one line per check and "N passed, N failed" at the end.
import puppeteer from 'puppeteer-core';
import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import { pathToFileURL } from 'url';
import path from 'path';

const art = path.resolve(process.argv[2] || 'tests/artifacts');
const url = (name) => pathToFileURL(path.join(art, name)).href;
let passed = 0, failed = 0;
const timings = {};

function check(name, ok, detail) {
	if (ok) {
		passed++;
		console.log(`ok: ${name}`);
	} else {
		failed++;
		console.log(`FAILED: ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A page that records every request that is not the page's own files,
// and every dialog (an alert from injected script).
async function open(browser, name, { width = 1366, height = 900, hash = '', mobile = false } = {}) {
	const page = await browser.newPage();
	await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile });
	const outside = [], dialogs = [], errors = [];
	await page.setRequestInterception(true);
	page.on('request', (r) => {
		const u = r.url();
		if (u.startsWith('data:') || u.startsWith('file://' + art) || u.startsWith(pathToFileURL(art).href)) {
			r.continue();
		} else {
			outside.push(u);
			r.abort();
		}
	});
	page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url(name) + hash, { waitUntil: 'load' });
	await page.waitForFunction(() => window.coopmapPage !== undefined, { timeout: 10000 });
	await sleep(300);
	return { page, outside, dialogs, errors };
}

const zoom = (page) => page.evaluate(() => window.coopmapPage.map.getZoom());
const countText = (page) => page.$eval('#count', (e) => e.textContent);
const details = (page) => page.$eval('#details', (e) => e.textContent);

async function mapCentre(page) {
	const box = await (await page.$('#map')).boundingBox();
	return [box.x + box.width / 2, box.y + box.height / 2];
}

async function testMain(browser) {
	const { page, outside, dialogs, errors } = await open(browser, 'carte.html');
	const paint = await page.evaluate(() => {
		const p = performance.getEntriesByName('first-contentful-paint')[0];
		return p ? p.startTime : null;
	});
	timings.firstContentfulPaintMs = paint;
	check('the page runs without a script error', errors.length === 0, errors);
	check('the title counts the projects', /^60 projets de 33 établissements français avec /.test(await countText(page)),
		await countText(page));

	// Zoom: the wheel over the map, then the + and - buttons.
	const z0 = await zoom(page);
	const [cx, cy] = await mapCentre(page);
	await page.mouse.move(cx, cy);
	await page.mouse.wheel({ deltaY: -400 });
	await sleep(700);
	const z1 = await zoom(page);
	check('the mouse wheel zooms the map in', z1 > z0, { z0, z1 });
	await page.click('.leaflet-control-zoom-in');
	await sleep(500);
	const z2 = await zoom(page);
	check('the + button zooms in', z2 > z1, { z1, z2 });
	await page.click('.leaflet-control-zoom-out');
	await sleep(500);
	check('the - button zooms out', (await zoom(page)) < z2);
	await page.click('.world-button');
	await sleep(500);
	check('the world button shows the whole world', (await zoom(page)) <= z0 + 0.5);
	// Drag pans.
	const before = await page.evaluate(() => window.coopmapPage.map.getCenter().lng);
	await page.mouse.move(cx, cy);
	await page.mouse.down();
	await page.mouse.move(cx - 200, cy, { steps: 8 });
	await page.mouse.up();
	await sleep(400);
	const after = await page.evaluate(() => window.coopmapPage.map.getCenter().lng);
	check('dragging pans the map', after > before + 5, { before, after });

	// Every mark opens its own popup at some zoom, by a real click at its
	// place on the screen.
	const n = await page.evaluate(() => window.coopmapPage.marks.length);
	const wrong = [];
	for (let i = 0; i < n; i++) {
		const name = await page.evaluate((k) => new Promise((resolve) => {
			const m = window.coopmapPage.marks[k];
			window.coopmapPage.map.closePopup();
			const group = window.coopmapPage.clusters[m.kind];
			group.zoomToShowLayer(m.marker, () => setTimeout(() => resolve(m.name), 350));
		}), i);
		const box = await page.evaluate((k) => {
			const r = window.coopmapPage.marks[k].marker.getElement().getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height };
		}, i);
		await page.mouse.click(box.x, box.y);
		await sleep(120);
		const shown = await page.evaluate(() => {
			const h = document.querySelector('.leaflet-popup-content h3');
			return h ? h.textContent : null;
		});
		if (shown !== name || box.w < 24 || box.h < 24) wrong.push({ name, shown, w: box.w });
	}
	check(`each of the ${n} marks opens its own popup when clicked at some zoom`, n >= 80 && wrong.length === 0,
		wrong.slice(0, 5));
	await page.keyboard.press('Escape');
	await sleep(200);
	check('Escape closes the popup', (await page.$('.leaflet-popup')) === null);

	check('links are drawn (one per establishment and partner pair)',
		await page.evaluate(() => window.coopmapPage.links.filter((l) => l.line).length) >= 50);

	// Search: any word order, accents and case aside; countries and cities.
	await page.click('#search');
	await page.keyboard.type('general douala HOPITAL');
	await sleep(200);
	let results = await page.$eval('#results', (e) => e.textContent);
	check('search finds words in any order', results.includes('Hôpital Général de Douala'), results);
	await page.$eval('#search', (e) => { e.value = ''; });
	await page.type('#search', 'vietnam');
	await sleep(200);
	results = await page.$eval('#results', (e) => e.textContent);
	check('search finds a country', results.includes('Viêt Nam') || results.includes('Vietnam'), results);
	await page.$eval('#search', (e) => { e.value = ''; });
	await page.type('#search', 'hanoi');
	await sleep(200);
	results = await page.$eval('#results', (e) => e.textContent);
	check('search finds a city and its hospitals', results.includes('Ville') && results.includes('Bach Mai'), results);
	await page.keyboard.press('Enter');
	await sleep(800);
	check('Enter selects the first result', (await details(page)).length > 0);
	await page.$eval('#search', (e) => { e.value = ''; });
	await page.type('#search', 'zzzz introuvable');
	await sleep(200);
	check('a failed search says so and clears the details',
		(await page.$eval('#resultCount', (e) => e.textContent)).includes('Aucun résultat') &&
		(await details(page)) === '');
	check('the search is in the address', (await page.evaluate(() => location.hash)).includes('q=zzzz'));

	// Filters change the marks, the links, the choropleth and the counts.
	const snap = () => page.evaluate(() => ({
		count: document.getElementById('count').textContent,
		marks: window.coopmapPage.clusters.e.getLayers().length + window.coopmapPage.clusters.p.getLayers().length,
		links: window.coopmapPage.links.filter((l) => l.line && window.coopmapPage.map.hasLayer(l.line)).length,
		fills: window.coopmapPage.countries.map((c) => c.polygon.options.fillColor).join(),
	}));
	const all = await snap();
	await page.select('#programme', 'apchi');
	await sleep(300);
	const apchi = await snap();
	check('a funding filter changes the counts', apchi.count !== all.count && apchi.count.includes('sur 60'), apchi.count);
	check('a funding filter changes the marks', apchi.marks < all.marks, [all.marks, apchi.marks]);
	check('a funding filter changes the links', apchi.links < all.links, [all.links, apchi.links]);
	check('a funding filter changes the choropleth', apchi.fills !== all.fills);
	check('the filter is in the address', (await page.evaluate(() => location.hash)).includes('prog=apchi'));
	await page.click('#reset');
	await page.type('#yearFrom', '2020');
	await sleep(300);
	const from2020 = await snap();
	await page.click('#noYear');
	await sleep(300);
	const without = await snap();
	const projects = (s) => parseInt(s.count, 10);
	check('a year bound keeps the projects without a year unless asked',
		projects(from2020) > projects(without) && projects(without) > 0, [from2020.count, without.count]);
	await page.click('#reset');
	await sleep(200);
	check('"show everything" restores the counts', (await snap()).count === all.count);

	// Keyboard: the search is reached in a few presses of Tab.
	await page.goto('about:blank');
	await page.goto(url('carte.html'), { waitUntil: 'load' });
	await page.waitForFunction(() => window.coopmapPage !== undefined);
	let presses = 0;
	for (; presses < 10; presses++) {
		if (await page.evaluate(() => document.activeElement && document.activeElement.id === 'search')) break;
		await page.keyboard.press('Tab');
	}
	check('the search box is reached with at most 3 presses of Tab', presses <= 3, presses);

	// Print: one A4 landscape page, no form field.
	await page.emulateMediaType('print');
	const panelShown = await page.$eval('#panel', (e) => getComputedStyle(e).display !== 'none');
	check('printing hides the form fields', !panelShown);
	await page.emulateMediaType(null);
	const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
	writeFileSync(path.join(art, 'carte-print.pdf'), pdf);
	let pages = null;
	try {
		pages = parseInt(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(art, 'carte-print.pdf')]).toString())[1], 10);
	} catch (e) { pages = null; }
	check('the printed page is one A4 landscape page', pages === 1, pages);

	check('the page made no network request', outside.length === 0, outside);
	check('no dialog was opened', dialogs.length === 0, dialogs);
	await page.setViewport({ width: 1366, height: 900 });
	await page.goto(url('carte.html'), { waitUntil: 'load' });
	await sleep(600);
	await page.screenshot({ path: path.join(art, 'carte-1366x900.png') });
	await page.close();
}

async function testPeersFromAddress(browser) {
	const { page } = await open(browser, 'carte.html', { hash: '#q=h%C3%B4pital%20g%C3%A9n%C3%A9ral%20de%20douala' });
	await sleep(800);
	const text = await details(page);
	check('#q=hôpital général de douala shows CHU de Strasbourg and Centre hospitalier de la Côte basque as peers',
		text.includes('CHU de Strasbourg') && text.includes('Centre hospitalier de la Côte basque'), text.slice(0, 300));
	// A peer is a link that selects it in turn.
	const clicked = await page.evaluate(() => {
		const b = Array.from(document.querySelectorAll('#details button.link'))
			.find((x) => x.textContent.startsWith('CHU de Strasbourg'));
		if (!b) return false;
		b.click();
		return true;
	});
	await sleep(900);
	const hash = await page.evaluate(() => location.hash);
	check('a peer selects that establishment, and the address says so',
		clicked && decodeURIComponent(hash).includes('sel=e:CHU de Strasbourg'), hash);
	// The address reopens the same selection.
	const again = await browser.newPage();
	await again.goto(url('carte.html') + hash, { waitUntil: 'load' });
	await again.waitForFunction(() => window.coopmapPage !== undefined);
	await sleep(800);
	const h3 = await again.$eval('#details h3', (e) => e.textContent).catch(() => null);
	check('a link with the selection reopens it', h3 === 'CHU de Strasbourg', h3);
	await again.close();
	await page.close();
}

async function testPhone(browser) {
	const { page } = await open(browser, 'carte.html', { width: 390, height: 844, mobile: true });
	const layout = await page.evaluate(() => {
		const m = document.getElementById('map').getBoundingClientRect();
		return { top: m.top, bottom: m.bottom, height: m.height, vh: window.innerHeight,
			scroll: document.documentElement.scrollHeight };
	});
	check('on a phone the map fills the screen under the header, no blank gap',
		layout.bottom >= layout.vh - 1 && layout.height >= layout.vh * 0.8 && layout.scroll <= layout.vh + 1, layout);
	const targets = await page.evaluate(() => Array.from(document.querySelectorAll('.leaflet-marker-icon'))
		.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length);
	check('on a phone every mark is a target of at least 24 px', targets === 0, targets);
	// Tap a mark: its popup opens on screen.
	const box = await page.evaluate(() => new Promise((resolve) => {
		const m = window.coopmapPage.marks.find((x) => x.name.includes('Yalgado'));
		window.coopmapPage.clusters[m.kind].zoomToShowLayer(m.marker, () => setTimeout(() => {
			const r = m.marker.getElement().getBoundingClientRect();
			resolve({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
		}, 400));
	}));
	await page.touchscreen.tap(box.x, box.y);
	await sleep(900);
	const popup = await page.evaluate(() => {
		const p = document.querySelector('.leaflet-popup');
		if (!p) return null;
		const r = p.getBoundingClientRect();
		return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, w: innerWidth, h: innerHeight };
	});
	check('a tapped mark opens its details on screen', popup !== null && popup.left >= 0 &&
		popup.right <= popup.w + 1 && popup.top >= 0, popup);
	// The panel opens and closes.
	await page.tap('#panelToggle');
	await sleep(200);
	const open1 = await page.$eval('#panel', (e) => getComputedStyle(e).display !== 'none');
	await page.keyboard.press('Escape');
	await sleep(200);
	const open2 = await page.$eval('#panel', (e) => getComputedStyle(e).display !== 'none');
	check('on a phone the panel opens, and Escape closes it', open1 && !open2, [open1, open2]);
	await page.evaluate(() => window.coopmapPage.map.closePopup());
	await page.evaluate(() => window.coopmapPage.map.fitBounds([[-56, -170], [75, 180]]));
	await sleep(600);
	await page.screenshot({ path: path.join(art, 'carte-390x844.png') });
	await page.close();
}

async function testHostile(browser) {
	const { page, outside, dialogs, errors } = await open(browser, 'hostile.html');
	check('hostile names: the script runs', errors.length === 0 && /^4 projet/.test(await countText(page)),
		[errors, await countText(page)]);
	check('hostile names: no alert', dialogs.length === 0, dialogs);
	check('hostile names: no script or image added to the page',
		await page.evaluate(() => document.querySelectorAll('script').length === 4 &&
			document.querySelectorAll('img:not(.leaflet-marker-icon):not(.leaflet-tile)').length === 0));
	await page.type('#search', 'script');
	await sleep(200);
	const results = await page.$eval('#results', (e) => e.textContent);
	check('hostile names: shown as text', results.includes('<!--<script>') && results.includes('</script><script>alert(2)</script>'), results);
	const title = await page.title();
	check('hostile names: the page title is the default', title === 'Coopérations hospitalières internationales', title);
	const links = await page.evaluate(() => new Promise((resolve) => {
		const m = window.coopmapPage.marks.find((x) => x.kind === 'e' && x.name === 'CHU de Rennes');
		window.coopmapPage.select('e', m.index, { from: 'list' });
		setTimeout(() => {
			const x = window.coopmapPage.marks.find((y) => y.kind === 'e' && y.name.startsWith('x</title>'));
			window.coopmapPage.select('e', x.index, { from: 'list' });
			setTimeout(() => resolve(Array.from(document.querySelectorAll('#details a, .leaflet-popup-content a'))
				.map((a) => a.getAttribute('href'))), 500);
		}, 500);
	}));
	check('hostile names: only http(s) sources are links', links.every((h) => /^https?:/.test(h)), links);
	check('hostile names: no network request', outside.length === 0, outside);
	await page.close();
}

async function testEnglish(browser) {
	const { page } = await open(browser, 'carte-en.html');
	check('--lang en: the page is in English', /^60 projects of 33 French establishments with /.test(await countText(page)) &&
		(await page.$eval('html', (e) => e.lang)) === 'en', await countText(page));
	await page.close();
}

// Counts take their plural form from the catalogue, in each language:
// French singular for 0 and 1, English for 1 alone (the page said
// "60 projet(s) de 33 établissement(s)").  A year filter leaves 0, 1 or 2
// projects.
async function testPlurals(browser) {
	const cases = [
		['carte.html', '#y0=1980&y1=1980&noyear=0',
			'1 projet de 1 établissement français avec 1 partenaire dans 1 pays (sur 60 projets)'],
		['carte.html', '#y0=2003&y1=2003&noyear=0',
			'2 projets de 2 établissements français avec 2 partenaires dans 2 pays (sur 60 projets)'],
		['carte.html', '#y0=1975&y1=1975&noyear=0',
			'0 projet de 0 établissement français avec 0 partenaire dans 0 pays (sur 60 projets)'],
		['carte-en.html', '#y0=1980&y1=1980&noyear=0',
			'1 project of 1 French establishment with 1 partner in 1 country (of 60 projects)'],
		['carte-en.html', '#y0=2003&y1=2003&noyear=0',
			'2 projects of 2 French establishments with 2 partners in 2 countries (of 60 projects)'],
		['carte-en.html', '#y0=1975&y1=1975&noyear=0',
			'0 projects of 0 French establishments with 0 partners in 0 countries (of 60 projects)'],
	];
	for (const [name, hash, want] of cases) {
		const { page } = await open(browser, name, { hash });
		const got = await countText(page);
		check(`plurals: ${name}${hash} says "${want}"`, got === want, got);
		await page.close();
	}
	// A search's count and a country's popup.
	for (const [name, word, country, wants] of [
		['carte.html', 'yalgado', 'Burundi', ['1 résultat', '1 projet']],
		['carte.html', 'rennes', 'Algérie', ['2 résultats', '2 projets']],
		['carte-en.html', 'yalgado', 'Burundi', ['1 result', '1 project']],
		['carte-en.html', 'rennes', 'Algeria', ['2 results', '2 projects']]]) {
		const { page } = await open(browser, name);
		const found = await page.evaluate((w) => window.coopmapPage.search(w).length, word);
		const said = await page.$eval('#resultCount', (e) => e.textContent);
		const popup = await page.evaluate((n) => new Promise((resolve) => {
			const c = window.coopmapPage.countries.find((x) => x.n === n);
			window.coopmapPage.select('c', c.i, { from: 'list' });
			setTimeout(() => resolve(document.querySelector('#details p').textContent), 300);
		}), country);
		check(`plurals: ${name} says "${wants[0]}" for a search and "${wants[1]}" for ${country}`,
			said === wants[0] && popup === wants[1], { found, said, popup });
		await page.close();
	}
}

async function testFolder(browser) {
	const { page, outside, errors } = await open(browser, 'site/index.html');
	check('the hosted folder: the page runs from its files', errors.length === 0 &&
		/^60 projet/.test(await countText(page)) && outside.length === 0, [errors, outside]);
	await page.close();
}

// The printed map's SVG opened in the browser: the names on it are text,
// found by the browser's own search as a reader's Ctrl+F finds them.
async function testSvgText(browser) {
	const page = await browser.newPage();
	await page.setViewport({ width: 1200, height: 800 });
	await page.goto(url('monde-texte.svg'), { waitUntil: 'load' });
	const found = await page.evaluate(() => ['CHU de Strasbourg', 'Burkina Faso'].map((s) => window.find(s, false, false, true)));
	const texts = await page.evaluate(() => document.querySelectorAll('text').length);
	check("the map's SVG: the browser finds a hospital's and a country's names", found.every(Boolean) && texts > 50,
		{ found, texts });
	await page.screenshot({ path: path.join(art, 'monde-texte-chromium.png') });
	await page.close();
}

const browser = await puppeteer.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
		'--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
	for (const t of [testMain, testPeersFromAddress, testPhone, testHostile, testEnglish, testPlurals, testFolder,
		testSvgText]) {
		try {
			await t(browser);
		} catch (e) {
			check(t.name, false, String(e && e.stack || e));
		}
	}
} finally {
	await browser.close();
}
writeFileSync(path.join(art, 'publish-timings.json'), JSON.stringify(timings, null, 1) + '\n');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
