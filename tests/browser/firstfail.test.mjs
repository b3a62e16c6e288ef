// A first build that fails under `serve`: the tab gets tend's error page
// with the live-reload script, shows the build's log in the overlay, and
// shows the real page by itself once a build succeeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, out, tend, browser, page;

// Fails while SRC holds "fail"; else writes the real page.
const cmd = 'if [ -e fail ]; then echo "first-fail: cannot build index.md" >&2; ' +
  'echo "second line" >&2; exit 1; fi; ' +
  'printf "<!doctype html><title>real</title><p id=real>the real page</p>" > {out}/index.html';

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-firstfail-'));
  out = mkdtempSync(join(tmpdir(), 'tend-firstfail-out-'));
  rmSync(out, { recursive: true });
  writeFileSync(join(site, 'fail'), '');
  tend = await startTend(site, ['--cmd', cmd, '--out', out]);
  await waitBuilds(tend, 1);
  assert.equal(tend.lines.find((e) => e.event === 'build').ok, false);
  browser = await startBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  for (const d of [site, out]) if (d) rmSync(d, { recursive: true, force: true });
});

test('a failed first build shows its log, and the fixed site shows itself', async () => {
  const res = await page.goto(tend.url);
  assert.equal(res.status(), 503);
  await page.waitForSelector('tend-overlay', { timeout: 10000 });
  const text = await page.evaluate(
    () => document.querySelector('tend-overlay').shadowRoot.querySelector('pre').textContent);
  assert.match(text, /first-fail: cannot build index\.md/);
  assert.match(text, /second line/);
  rmSync(join(site, 'fail'));
  await page.waitForSelector('#real', { timeout: 10000 });
  assert.equal(await page.textContent('#real'), 'the real page');
  assert.equal(await page.$('tend-overlay'), null);
});
