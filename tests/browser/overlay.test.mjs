// The failed-build overlay in a real browser: a generator's coloured log
// is shown as plain text, without its terminal escape sequences.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, out, tend, browser, page;

// Fails, printing an error in colour as Jekyll does, while SRC holds "fail".
const cmd = 'if [ -e fail ]; then ' +
  'printf "\\033[31m  Liquid Exception:\\033[0m bad tag in \\033[1mindex.md\\033[0m\\n" >&2; ' +
  'printf "\\033]8;;file:///x\\007link\\033]8;;\\007 done\\n" >&2; exit 1; fi; ' +
  'printf "<!doctype html><title>ok</title><p>ok</p>" > {out}/index.html';

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-overlay-'));
  out = mkdtempSync(join(tmpdir(), 'tend-overlay-out-'));
  rmSync(out, { recursive: true });
  writeFileSync(join(site, 'a.txt'), 'a');
  tend = await startTend(site, ['--cmd', cmd, '--out', out]);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
  await page.goto(tend.url);
  await page.waitForFunction(() => window.__tend === true);
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  for (const d of [site, out]) if (d) rmSync(d, { recursive: true, force: true });
});

test('a coloured build log shows in the overlay without escape codes', async () => {
  writeFileSync(join(site, 'fail'), '');
  await page.waitForSelector('tend-overlay', { timeout: 10000 });
  const text = await page.evaluate(
    () => document.querySelector('tend-overlay').shadowRoot.querySelector('pre').textContent);
  assert.match(text, /Liquid Exception: bad tag in index\.md/);
  assert.match(text, /link done/);
  assert.doesNotMatch(text, /\x1b|\[31m|\[0m|\]8;;/);
  rmSync(join(site, 'fail'));
  await page.waitForSelector('tend-overlay', { state: 'detached', timeout: 10000 });
});

test('a tab opened while the build is failing shows the overlay too', async () => {
  writeFileSync(join(site, 'fail'), '');
  await page.waitForSelector('tend-overlay', { timeout: 10000 });
  // the first tab holds the stream; the new one asks it what it knows
  const late = await browser.context.newPage();
  await late.goto(tend.url);
  await late.waitForSelector('tend-overlay', { timeout: 10000 });
  const text = await late.evaluate(
    () => document.querySelector('tend-overlay').shadowRoot.querySelector('pre').textContent);
  assert.match(text, /Liquid Exception: bad tag in index\.md/);
  rmSync(join(site, 'fail'));
  for (const p of [page, late])
    await p.waitForSelector('tend-overlay', { state: 'detached', timeout: 10000 });
  await late.close();
});
