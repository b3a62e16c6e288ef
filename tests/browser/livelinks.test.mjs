// Broken internal links in the open tab: tend serve's check after each
// build shows them in a notice of the page's tabs (the line of each), a
// click scrolls to the link and highlights it, a tab opened later shows
// it too, and it goes away once the links are fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser, page;

// A page long enough that its last link is below the fold.
const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.\n`).join('\n');
const good = `# A\n\n${filler}\nSee [b](b.md).\n`;
const broken = `# A\n\n${filler}\nSee [b](gone.md).\n`;
const brokenLine = 2 + 2 * 80 + 1;	// "See ..." after the title, blank, filler

function notice(p) {
  return p.evaluate(() => {
    const n = document.querySelector('tend-links');
    if (!n) return null;
    const r = n.shadowRoot;
    return {
      title: r.querySelector('header span').textContent,
      entries: [...r.querySelectorAll('li')].map((li) => li.textContent),
    };
  });
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-livelinks-'));
  writeFileSync(join(site, 'a.md'), good);
  writeFileSync(join(site, 'b.md'), '# B\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
  await page.goto(`${tend.url}a.html`);
  await page.waitForFunction(() => window.__tend === true);
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

test('a broken link shows in the open tab, a click scrolls to it', async () => {
  assert.equal(await notice(page), null);
  writeFileSync(join(site, 'a.md'), broken);
  await page.waitForSelector('tend-links', { timeout: 10000 });
  const n = await notice(page);
  assert.equal(n.title, '1 broken link');
  assert.deepEqual(n.entries, [`line ${brokenLine}: gone.md (no such page)`]);
  // the notice keeps to a corner: it does not cover the page
  const box = await page.evaluate(() => {
    const r = document.querySelector('tend-links').getBoundingClientRect();
    return { w: r.width, h: r.height, vw: innerWidth, vh: innerHeight };
  });
  assert.ok(box.w < box.vw / 2 && box.h < box.vh / 2, JSON.stringify(box));
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.evaluate(() => document.querySelector('tend-links').shadowRoot
    .querySelector('li button').click());
  await page.waitForFunction(() => document.querySelector('[data-tend-highlight]'),
    null, { timeout: 5000 });
  const at = await page.evaluate(() => {
    const el = document.querySelector('[data-tend-highlight]');
    const r = el.getBoundingClientRect();
    return { href: el.getAttribute('href'), top: r.top, vh: innerHeight, y: scrollY };
  });
  assert.equal(at.href, 'gone.md');	// a missing page is left as written (GitHub's 404)
  assert.ok(at.y > 0 && at.top >= 0 && at.top < at.vh, JSON.stringify(at));
});

test('a tab opened later shows it; the fix removes it in both', async () => {
  const second = await browser.context.newPage();
  await second.goto(`${tend.url}a.html`);
  await second.waitForSelector('tend-links', { timeout: 10000 });
  assert.deepEqual((await notice(second)).entries,
    [`line ${brokenLine}: gone.md (no such page)`]);
  // another page's tab shows none
  const other = await browser.context.newPage();
  await other.goto(`${tend.url}b.html`);
  await other.waitForFunction(() => window.__tend === true);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await notice(other), null);
  writeFileSync(join(site, 'a.md'), good);
  await page.waitForSelector('tend-links', { state: 'detached', timeout: 10000 });
  await second.waitForSelector('tend-links', { state: 'detached', timeout: 10000 });
  await second.close();
  await other.close();
});

test('dismissed, it stays away until the list changes', async () => {
  writeFileSync(join(site, 'a.md'), broken);
  await page.waitForSelector('tend-links', { timeout: 10000 });
  await page.evaluate(() => document.querySelector('tend-links').shadowRoot
    .querySelector('button.close').click());
  assert.equal(await notice(page), null);
  writeFileSync(join(site, 'a.md'), `${broken}\n[c](c.md)\n`);
  await page.waitForSelector('tend-links', { timeout: 10000 });
  assert.equal((await notice(page)).title, '2 broken links');
});
