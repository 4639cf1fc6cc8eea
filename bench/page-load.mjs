// page-load.mjs: how fast a page coopmap published opens in Debian's
// Chromium (headless, puppeteer-core): first contentful paint and the
// moment its script has drawn the map, median of RUNS fresh loads.
// node page-load.mjs PAGE.html RUNS  ->  "FCP_MS READY_MS"
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'url';
import path from 'path';

const [, , file, runsText] = process.argv;
const runs = parseInt(runsText || '5', 10);
const median = (v) => { v.sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const fcp = [], ready = [];
for (let i = 0; i < runs; i++) {
	const page = await browser.newPage();
	await page.setViewport({ width: 1366, height: 900 });
	const start = Date.now();
	await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 120000 });
	await page.waitForFunction(() => window.coopmapPage !== undefined, { timeout: 120000 });
	ready.push(Date.now() - start);
	// The paint entry may come after the script is done: wait for it.
	fcp.push(await page.evaluate(() => new Promise((resolve) => {
		const seen = performance.getEntriesByName('first-contentful-paint')[0];
		if (seen) { resolve(seen.startTime); return; }
		new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime))
			.observe({ type: 'paint', buffered: true });
		setTimeout(() => resolve(NaN), 5000);
	})));
	await page.close();
}
await browser.close();
console.log(`${Math.round(median(fcp))} ${Math.round(median(ready))}`);
