// Math in Chromium: KaTeX (copied from Debian's libjs-katex into the site)
// renders the inline, display and ```math formulas of a page, one folder down
// too and under --base, and the page asks nothing of any other host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, based, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-math-'));
  mkdirSync(join(site, 'guide'));
  writeFileSync(join(site, 'index.md'),
    '# Math\n\nEuler: $e^{i\\pi}+1=0$; it costs $5 and $10.\n\n' +
    '$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n\n' +
    '```math\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n```\n');
  writeFileSync(join(site, 'guide', 'deep.md'), '# Deep\n\nInline $\\sqrt{2}$.\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  based = await startTend(site, ['--base', '/repo/', '--out', join(site, '_based')]);
  await waitBuilds(based, 1);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (based) await stopTend(based.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// Open url; resolve to the page once KaTeX drew n formulas; every request
// that is not to 127.0.0.1 is collected in outside.
async function rendered(url, n) {
  const page = await browser.context.newPage();
  const outside = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.hostname !== '127.0.0.1') outside.push(r.url());
  });
  const fonts = [];
  page.on('response', (r) => { if (/\.woff2$/.test(r.url())) fonts.push(r.status()); });
  await page.goto(url);
  await page.waitForFunction((k) => document.querySelectorAll('.katex').length >= k,
    n, { timeout: 10000, polling: 50 });
  await page.evaluate(() => document.fonts.ready);
  return { page, outside, fonts };
}

test('inline, display and ```math formulas are drawn, no request leaves', async () => {
  const { page, outside, fonts } = await rendered(tend.url, 3);
  assert.equal(await page.locator('.math-inline .katex').count(), 1);
  assert.equal(await page.locator('.math-display .katex-display').count(), 2);
  // KaTeX's own markup: a fraction, and the TeX kept for copying (annotation)
  assert.ok(await page.locator('.math-display .mfrac').count() >= 2);
  assert.equal(await page.locator('.math-inline annotation').textContent(), 'e^{i\\pi}+1=0');
  assert.match(await page.locator('main').innerText(), /it costs \$5 and \$10\./);
  // the stylesheet applied: KaTeX's fonts were fetched from the site
  assert.ok(fonts.length > 0 && fonts.every((s) => s === 200), `fonts: ${fonts}`);
  assert.deepEqual(outside, []);
  await page.close();
});

test('a page a folder down and under --base finds the files', async () => {
  for (const url of [tend.url + 'guide/deep.html', based.url + 'guide/deep.html']) {
    const { page, outside } = await rendered(url, 1);
    assert.equal(await page.locator('.math-inline annotation').textContent(), '\\sqrt{2}');
    assert.deepEqual(outside, []);
    await page.close();
  }
  assert.match(based.url, /\/repo\/$/);
});
