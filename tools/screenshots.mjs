// Screenshots of a page served by tend, for a look at the theme: desktop,
// phone and dark, each with a search typed into the built-in search box.
//
// Usage: node tools/screenshots.mjs URL OUTDIR [QUERY]
//   (with tests/browser/node_modules installed: tools/install-deps --test)
//
// URL is a page of a running `tend serve` (or any server of a tend build);
// OUTDIR gets desktop.png, phone.png, dark.png (the page, scrolled to the
// top) and desktop-search.png, phone-search.png, dark-search.png (QUERY
// typed after pressing `/`, the key that focuses the search box). Any
// request that leaves 127.0.0.1/::1 is printed: the theme makes none.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [url, out, query = 'install'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node tools/screenshots.mjs URL OUTDIR [QUERY]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const views = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light',
    isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const { name, ...opts } of views) {
    const ctx = await browser.newContext(opts);
    const page = await ctx.newPage();
    page.on('request', (r) => {
      const h = new URL(r.url()).hostname;
      if (!['127.0.0.1', '[::1]', 'localhost'].includes(h) && !r.url().startsWith('data:'))
        console.log(`${name}: external request ${r.url()}`);
    });
    await page.goto(url, { waitUntil: 'load', timeout: 15000 });
    await page.screenshot({ path: join(out, `${name}.png`) });
    await page.keyboard.press('/');
    await page.keyboard.type(query, { delay: 20 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(out, `${name}-search.png`) });
    await ctx.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
