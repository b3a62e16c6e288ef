// Live reload in a real browser: headless Chromium follows edits of a copy
// of site-example served by the real tend binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, tend, browser, page, restarted;

before(async () => {
  site = copySite();
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
  await page.goto(tend.url + 'guide/serving.html');
  await following(page);
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (restarted) await stopTend(restarted.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// A marker that survives only as long as the page is not reloaded.
const mark = () => page.evaluate(() => { window.__mark = 42; });
const marked = () => page.evaluate(() => window.__mark === 42);

function edit(rel, fn) {
  const path = join(site, rel);
  writeFileSync(path, fn(readFileSync(path, 'utf8')));
}

test('an edited page shows its new text in place, without a reload', async () => {
  await page.evaluate(() => window.scrollTo(0, 300));
  await mark();
  edit('guide/serving.md', (s) => s + '\nA sentence written by the browser test.\n');
  await page.waitForFunction(
    () => document.body.innerText.includes('A sentence written by the browser test.'),
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'a content edit should be patched in, not reloaded');
  assert.ok(Math.abs(await page.evaluate(() => window.scrollY) - 300) < 5);
  // the nav still marks the current page
  assert.equal(await page.evaluate(
    () => document.querySelector('nav a[aria-current="page"]').textContent), 'Serving a site');
});

test('a new title is applied with the new text', async () => {
  edit('guide/serving.md', (s) => s.replace(/^# .*$/m, '# Serving, renamed'));
  await page.waitForFunction(() => document.title.startsWith('Serving, renamed'),
    null, { timeout: 10000 });
  // the heading's text, without its '#' anchor link
  assert.equal(await page.locator('h1').first().evaluate((h) => {
    const c = h.cloneNode(true);
    c.querySelectorAll('a.anchor').forEach((a) => a.remove());
    return c.textContent;
  }), 'Serving, renamed');
});

test('a change that cannot be patched reloads, keeping the scroll position', async () => {
  await page.evaluate(() => window.scrollTo(0, 400));
  await mark();
  // a new <head> element: the page must reload to apply it
  edit('_layout.html', (s) => s.replace('<head>', '<head>\n<meta name="tend-test" content="1">'));
  await page.waitForFunction(() => document.querySelector('meta[name="tend-test"]'),
    null, { timeout: 10000 });
  assert.equal(await marked(), false, 'the page should have reloaded');
  await page.waitForFunction(() => Math.abs(window.scrollY - 400) < 5, null, { timeout: 5000 });
});

test('a CSS edit applies in place, without navigation', async () => {
  await mark();
  edit('assets/style.css', (s) => s + '\nbody { background-color: rgb(1, 2, 3); }\n');
  await page.waitForFunction(
    () => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)',
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'a CSS change must not reload the page');
});

test('an edit of another page leaves this one alone', async () => {
  await mark();
  const builds = tend.lines.filter((e) => e.event === 'build').length;
  edit('reference/cli.md', (s) => s + '\nElsewhere.\n');
  await waitBuilds(tend, builds + 1);
  await page.waitForTimeout(300);
  assert.equal(await marked(), true, 'an unrelated page change reloaded this tab');
});

test('an image change refreshes the image only', async () => {
  await mark();
  const logo = join(site, 'assets', 'logo.png');
  const bytes = readFileSync(logo);
  writeFileSync(logo, Buffer.concat([bytes, Buffer.from('tend')])); // still a PNG
  await page.waitForFunction(
    () => [...document.images].some((i) => i.src.includes('logo.png?tend=')),
    null, { timeout: 10000 });
  assert.equal(await marked(), true);
});

test('a failed build shows an overlay with the log, a good one removes it', async () => {
  const layout = join(site, '_layout.html');
  renameSync(layout, layout + '.bak');
  mkdirSync(layout);          // a folder cannot be read as the layout
  edit('index.md', (s) => s + '\n');
  await page.waitForSelector('tend-overlay', { timeout: 10000 });
  const text = await page.evaluate(
    () => document.querySelector('tend-overlay').shadowRoot.querySelector('pre').textContent);
  assert.match(text, /cannot read '_layout\.html'/);
  rmSync(layout, { recursive: true });
  renameSync(layout + '.bak', layout);
  await page.waitForSelector('tend-overlay', { state: 'detached', timeout: 10000 });
});

test('after tend restarts, an open tab reconnects and reloads by itself', async () => {
  await mark();
  const port = String(new URL(tend.url).port);
  await stopTend(tend.proc);
  tend = null;
  // tend is gone: the tab retries quietly; a new tend on the same port
  restarted = await startTend(site, ['--port', port]);
  await waitBuilds(restarted, 1);
  await page.waitForFunction(() => window.__mark === undefined && window.__tend === true,
    null, { timeout: 15000 });
});
