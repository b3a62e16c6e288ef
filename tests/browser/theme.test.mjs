// The built-in docs theme in Chromium: on a phone, Menu opens the nav in
// place (under the bar, without scrolling the page to the bottom) and closes
// it again; alerts and admonitions are boxes, in light and in dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-theme-'));
  mkdirSync(join(site, 'guide'));
  writeFileSync(join(site, 'index.md'), '# Home\n\nWelcome.\n');
  const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}.\n`).join('\n');
  writeFileSync(join(site, 'guide', 'ch01.md'),
    '# Chapter one\n\n> [!WARNING]\n> Mind the gap.\n\n' +
    '!!! tip "A tip"\n    Indented **content**.\n\n' + long);
  writeFileSync(join(site, 'guide', 'ch02.md'), '# Chapter two\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

test('phone: Menu opens the nav in place and closes it', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(tend.url + 'guide/ch01.html');
  const nav = page.locator('nav.sidebar');
  assert.equal(await nav.isVisible(), false, 'nav hidden on a phone at first');
  await page.click('.top .menu');
  assert.equal(await nav.isVisible(), true, 'Menu shows the nav');
  const box = await nav.boundingBox();
  assert.ok(box.y < 200, `nav opens under the bar, not at the bottom (y=${box.y})`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page did not jump');
  assert.equal(await page.getAttribute('.top .menu', 'aria-expanded'), 'true');
  await page.click('.top .menu');
  assert.equal(await nav.isVisible(), false, 'Menu again hides it');
  await page.close();
});

test('alerts and admonitions are boxes, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(tend.url + 'guide/ch01.html');
    const alert = page.locator('.markdown-alert-warning');
    assert.equal(await alert.locator('.markdown-alert-title').textContent(), 'Warning');
    const border = await alert.evaluate((e) => getComputedStyle(e).borderLeftColor);
    assert.equal(border, scheme === 'light' ? 'rgb(154, 103, 0)' : 'rgb(210, 153, 34)');
    const adm = page.locator('.admonition.tip');
    assert.equal(await adm.locator('.admonition-title').textContent(), 'A tip');
    assert.equal(await adm.locator('strong').textContent(), 'content');
    if (process.env.SCREENSHOTS)
      await page.screenshot({ path: join(process.env.SCREENSHOTS, `theme-${scheme}.png`) });
    await page.close();
  }
});
