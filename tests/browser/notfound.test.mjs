// The built-in 404 page in Chromium, as a host serves it for a missing path
// at any depth: its styles (and _extra.css) load, its nav links lead to the
// pages, and its "#" links stay on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-notfound-'));
  mkdirSync(join(site, 'guide'));
  writeFileSync(join(site, 'index.md'), '# Home\n\nWelcome.\n');
  writeFileSync(join(site, 'guide', 'ch1.md'), '# Chapter one\n\nText.\n');
  writeFileSync(join(site, '_extra.css'), 'h1 { color: rgb(1, 2, 3) }\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

test('a missing path deep down: styled, and its nav leads to the pages', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(tend.url + 'guide/deep/er/missing');
  assert.equal(res.status(), 404);
  const h1 = page.locator('main h1');
  assert.equal((await h1.textContent()).replace('#', ''), 'Page not found');
  assert.equal(await h1.evaluate((e) => getComputedStyle(e).color),
    'rgb(1, 2, 3)', '_extra.css loaded from the root');
  assert.equal(await page.locator('nav.sidebar').evaluate(
    (e) => getComputedStyle(e).position), 'sticky', 'the built-in styles');
  await page.click('nav.sidebar summary >> text=Guide');	// a closed group
  await Promise.all([page.waitForURL('**/guide/ch1.html'),
    page.click('nav.sidebar >> text=Chapter one')]);
  assert.equal(await page.title(), 'Chapter one — Home'); // "Page — Site"
  await page.close();
});

test('its "#" links stay on the page at its address', async () => {
  const page = await browser.context.newPage();
  await page.goto(tend.url + 'a/b/missing');
  await page.click('main h1 .anchor', { force: true });
  const url = new URL(page.url());
  assert.equal(url.pathname, '/a/b/missing');
  assert.equal(url.hash, '#page-not-found');
  await page.close();
});
