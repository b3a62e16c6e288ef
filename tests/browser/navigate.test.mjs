// --navigate in a real browser: saving a page's source takes the open tabs
// to that page; the tab already on it stays (no reload) and shows the edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, tend, browser, tabA, tabB;

before(async () => {
  site = copySite();
  tend = await startTend(site, ['--navigate']);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  tabA = await browser.context.newPage();
  tabB = await browser.context.newPage();
  for (const [tab, path] of [[tabA, 'guide/serving.html'], [tabB, 'guide/signals.html']]) {
    await tab.goto(tend.url + path, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => window.__tend === true, null, { timeout: 5000, polling: 50 });
  }
  for (const tab of [tabA, tabB]) await following(tab);
  for (const p of [tabA, tabB]) await p.evaluate(() => { window.__mark = 42; });
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

test('editing page B takes tab A to B and leaves tab B in place', async () => {
  const builds = tend.lines.filter((e) => e.event === 'build').length;
  edit('guide/signals.md', (s) => s + '\nFollowed by every tab.\n');
  await waitBuilds(tend, builds + 1);
  await tabA.waitForURL(/\/guide\/signals\.html$/,
    { timeout: 10000, waitUntil: 'domcontentloaded' });
  await tabA.waitForFunction(
    () => document.body.innerText.includes('Followed by every tab.'),
    null, { timeout: 10000, polling: 50 });
  await tabB.waitForFunction(
    () => document.body.innerText.includes('Followed by every tab.'),
    null, { timeout: 10000, polling: 50 });
  assert.equal(await marked(tabB), true, 'the tab on B was reloaded, not patched');
  assert.match(tabB.url(), /\/guide\/signals\.html$/);
});

test('a layout edit takes no tab anywhere', async () => {
  // both tabs are on signals.html now; move one back to see it stay
  await tabA.goto(tend.url + 'guide/serving.html', { waitUntil: 'domcontentloaded' });
  await following(tabA);
  const builds = tend.lines.filter((e) => e.event === 'build').length;
  edit('_layout.html', (s) => s.replace('</body>', '<p id="lay">layout edit</p></body>'));
  await waitBuilds(tend, builds + 1);
  await tabA.waitForSelector('#lay', { timeout: 10000 });
  assert.match(tabA.url(), /\/guide\/serving\.html$/);
});
