// `tend serve --https` in a real browser: Chromium loads a page over TLS
// (tend's own self-signed certificate, accepted with ignoreHTTPSErrors) and
// live reload, whose event stream then runs over TLS too, updates it after
// an edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, data, tend, browser, page;

before(async () => {
  site = copySite();
  data = mkdtempSync(join(tmpdir(), 'tend-browser-data-'));
  process.env.XDG_DATA_HOME = data;	// tend's certificate goes there
  tend = await startTend(site, ['--https']);
  await waitBuilds(tend, 1);
  browser = await startBrowser({ ignoreHTTPSErrors: true });
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
  if (data) rmSync(data, { recursive: true, force: true });
});

test('the page loads over https and live reload updates it', async () => {
  assert.match(tend.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
  assert.equal(statSync(join(data, 'tend', 'key.pem')).mode & 0o777, 0o600);
  const res = await page.goto(tend.url + 'guide/serving.html');
  assert.equal(res.status(), 200);
  assert.equal(await page.evaluate(() => location.protocol), 'https:');
  assert.equal(await page.evaluate(() => window.isSecureContext), true);
  // the page's event stream is open (over TLS)
  await following(page);
  const path = join(site, 'guide/serving.md');
  writeFileSync(path, readFileSync(path, 'utf8') + '\nWritten over TLS by the browser test.\n');
  await page.waitForFunction(
    () => document.body.innerText.includes('Written over TLS by the browser test.'),
    null, { timeout: 10000 });
});
