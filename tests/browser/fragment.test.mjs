// The built-in theme finds a #fragment's id whatever the case of its
// letters, as GitHub's page script does (#isMatch scrolls to the heading
// id "ismatch"), on load and on hashchange; an exact id still wins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser, page;
const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.\n`).join('\n');

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-fragment-'));
  writeFileSync(join(site, 'index.md'), `# Home\n\n${filler}\n## isMatch\n\n${filler}\n` +
    `## Other Part\n\n${filler}\n<p id="Dup">exact</p>\n\n${filler}\n` +
    `<p id="dup">lower</p>\n\n${filler}\n`);
  tend = await startTend(site, ['--no-reload']);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// Wait (bounded) until the element with id is at the top of the window
// (headings keep a scroll margin), the window scrolled.
async function atTop(id) {
  await page.waitForFunction((i) => {
    const r = document.getElementById(i).getBoundingClientRect();
    return scrollY > 0 && r.top > -4 && r.top < 40;
  }, id, { timeout: 5000 });
}

test('a fragment in other case scrolls to the heading on load', async () => {
  await page.goto(tend.url + '#ISMATCH', { timeout: 8000 });
  await atTop('ismatch');
});

test('and on hashchange', async () => {
  await page.evaluate(() => { location.hash = '#Other-Part'; });
  await atTop('other-part');
});

test('an exact id wins over one that differs in case', async () => {
  await page.evaluate(() => { location.hash = '#Dup'; });
  await atTop('Dup');
  // "dup" exists as written: the browser scrolls there, not to "Dup"
  await page.evaluate(() => { location.hash = '#top'; location.hash = '#dup'; });
  await atTop('dup');
  const dup = await page.evaluate(() => document.getElementById('Dup').getBoundingClientRect().top);
  assert.ok(dup < 0, 'the exact id "dup" must win over "Dup"');
});
