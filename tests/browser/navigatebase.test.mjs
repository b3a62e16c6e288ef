// --navigate under --base: the tab goes to the edited page below the base
// path, not to the same path at the server's root (which is outside the
// site there, a 404).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, tend, browser, tab;

before(async () => {
  site = copySite();
  tend = await startTend(site, ['--navigate', '--base', '/repo/']);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  tab = await browser.context.newPage();
  await tab.goto(tend.url + 'guide/serving.html', { waitUntil: 'domcontentloaded' });
  await following(tab);
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

test('editing a page takes the tab to it below the base', async () => {
  assert.match(tend.url, /\/repo\/$/);
  const builds = tend.lines.filter((e) => e.event === 'build').length;
  const path = join(site, 'guide/signals.md');
  writeFileSync(path, readFileSync(path, 'utf8') + '\nBelow the base.\n');
  await waitBuilds(tend, builds + 1);
  await tab.waitForURL(/\/repo\/guide\/signals\.html$/,
    { timeout: 10000, waitUntil: 'domcontentloaded' });
  await tab.waitForFunction(() => document.body.innerText.includes('Below the base.'),
    null, { timeout: 10000, polling: 50 });
});
