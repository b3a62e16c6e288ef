// A site served as deployed, in a real browser: live reload, the overlay and
// the --spa fallback below a base path (--base).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, tend, browser, page;

before(async () => {
  site = copySite();
  tend = await startTend(site, ['--base', 'docs', '--spa', '--strict']);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

const mark = () => page.evaluate(() => { window.__mark = 42; });
const marked = () => page.evaluate(() => window.__mark === 42);

function edit(rel, fn) {
  const path = join(site, rel);
  writeFileSync(path, fn(readFileSync(path, 'utf8')));
}

async function open(path) {
  await page.goto(tend.url + path);
  await following(page);
}

test('the served URL is below the base', () => {
  assert.match(tend.url, /^http:\/\/127\.0\.0\.1:\d+\/docs\/$/);
});

test('an edited page is patched in place below the base', async () => {
  await open('guide/serving.html');
  await mark();
  edit('guide/serving.md', (s) => s + '\nWritten below the base.\n');
  await page.waitForFunction(
    () => document.body.innerText.includes('Written below the base.'),
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
});

test('a CSS edit applies in place below the base', async () => {
  await mark();
  edit('assets/style.css', (s) => s + '\nbody { background-color: rgb(4, 5, 6); }\n');
  await page.waitForFunction(
    () => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)',
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'the stylesheet is swapped, no reload');
});

test('a failed build shows the overlay below the base', async () => {
  edit('_layout.html', (s) => s.replace('</body>', '{{ no_such_placeholder }}</body>'));
  await page.waitForSelector('tend-overlay', { timeout: 10000 });
  edit('_layout.html', (s) => s.replace('{{ no_such_placeholder }}', ''));
  await page.waitForSelector('tend-overlay', { state: 'detached', timeout: 10000 });
});

test('an --spa fallback page follows edits of index.html', async () => {
  await open('some/client/route');
  const before = await page.evaluate(() => document.body.innerText);
  assert.ok(before.length > 0);
  edit('index.md', (s) => s + '\nThe app shell changed.\n');
  await page.waitForFunction(
    () => document.body.innerText.includes('The app shell changed.'),
    null, { timeout: 10000 });
  assert.equal(new URL(page.url()).pathname, '/docs/some/client/route');
});
