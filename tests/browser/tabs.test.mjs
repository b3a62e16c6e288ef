// Many tabs of one site: they share one event stream, so a browser's 6
// connections per host are never all taken by streams, and every tab loads
// and follows the edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

const TABS = 8;
const PAGES = ['', 'guide/serving.html', 'guide/signals.html', 'guide/building.html',
  'reference/cli.html', 'reference/layout.html', 'guide/serving.html', 'reference/'];
let site, tend, browser;
const tabs = [];

before(async () => {
  site = copySite();
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  for (let i = 0; i < TABS; i++) {
    const page = await browser.context.newPage();
    // each tab must load even with the ones before it open
    await page.goto(tend.url + PAGES[i], { timeout: 8000, waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__tend === true, null, { timeout: 5000 });
    tabs.push(page);
  }
  for (const p of tabs) await following(p);
  for (const p of tabs) await p.evaluate(() => { window.__mark = 42; });
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

function edit(rel, fn) {
  const path = join(site, rel);
  writeFileSync(path, fn(readFileSync(path, 'utf8')));
}

const marked = (p) => p.evaluate(() => window.__mark === 42);

test(`${TABS} tabs of one site all load`, () => {
  assert.equal(tabs.length, TABS);
});

test('a stylesheet edit reaches every tab', async () => {
  edit('assets/style.css', (s) => s + '\nbody { background-color: rgb(4, 5, 6); }\n');
  for (const p of tabs)
    await p.waitForFunction(
      () => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)',
      null, { timeout: 10000 });
  for (const p of tabs) assert.equal(await marked(p), true, 'a CSS edit must not reload');
});

test('a page edit patches the tabs showing that page, and only those', async () => {
  edit('guide/serving.md', (s) => s + '\nText for the tabs of serving.\n');
  const serving = tabs.filter((p) => p.url().endsWith('guide/serving.html'));
  assert.equal(serving.length, 2);
  for (const p of serving)
    await p.waitForFunction(
      () => document.body.innerText.includes('Text for the tabs of serving.'),
      null, { timeout: 10000 });
  for (const p of tabs) {
    assert.equal(await marked(p), true, `${p.url()} was reloaded`);
    if (!serving.includes(p))
      assert.equal(await p.evaluate(
        () => document.body.innerText.includes('Text for the tabs of serving.')), false);
  }
});

test('when the stream\'s tab closes, another one takes over', async () => {
  // the first tab took the lock; close it, and each tab after it in turn
  // keeps getting edits
  await tabs.shift().close();
  edit('assets/style.css', (s) => s + '\nbody { background-color: rgb(7, 8, 9); }\n');
  for (const p of tabs)
    await p.waitForFunction(
      () => getComputedStyle(document.body).backgroundColor === 'rgb(7, 8, 9)',
      null, { timeout: 10000 });
  // a new tab still loads and follows
  const late = await browser.context.newPage();
  await late.goto(tend.url + 'guide/signals.html', { timeout: 8000 });
  await following(late);
  edit('guide/signals.md', (s) => s + '\nText for the late tab.\n');
  await late.waitForFunction(
    () => document.body.innerText.includes('Text for the late tab.'),
    null, { timeout: 10000 });
});
