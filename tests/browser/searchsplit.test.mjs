// A common two-letter start on a big site: its shard is split by the
// third letter (site/searchshard.h), and the theme's script fetches the
// right parts: a long word only its own part, a two-letter word every part
// of its start, and finds the same pages either way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser;
const PAGES = 4200;	// 4 "se" terms a page: more than SEARCH_SPLIT (16384)

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-searchsplit-'));
  for (let d = 0; d < PAGES / 100; d++) {
    mkdirSync(join(site, `d${d}`));
    for (let i = 0; i < 100; i++) {
      const n = d * 100 + i;
      const extra = n % 1500 === 7 ? ' seldom' : '';
      writeFileSync(join(site, `d${d}`, `p${i}.md`),
        `# Page ${n}\n\nSe seal seat sebum${extra}.\n`);
    }
  }
  writeFileSync(join(site, 'index.md'), '# Home\n\nThe seldom-seen page list.\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1, 60000);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// The query is put in the box at once: typed key by key, a pause of more
// than the script's 60 ms wait after "se" would search "se" on the way
// (a real user's slow typing does), and the test is about what one query
// fetches.
async function search(word) {
  const page = await browser.context.newPage();
  const shards = [];
  page.on('request', (r) => {
    const m = /\/_tend\/search\/([^/?-][^/?]*)\.json/.exec(r.url());
    if (m && m[1] !== 'index') shards.push(m[1]);
  });
  await page.goto(new URL('/d0/p1.html', tend.url).href);
  await page.keyboard.press('/');
  await page.fill('#search', word);
  await page.waitForSelector('.search-results[aria-busy="false"]:not([hidden]) .search-hit',
    { timeout: 10000 });
  const titles = await page.$$eval('.search-hit .search-title', (e) => e.map((x) => x.textContent));
  const more = await page.$eval('.search-results', (b) => {
    const m = b.querySelector('.search-more');
    return m ? m.textContent : '';
  });
  await page.close();
  return { shards: shards.sort(), titles, more };
}

test('a long word fetches its third letter\'s part only', async () => {
  const r = await search('seldom');
  assert.deepEqual(r.shards, ['se.l'], 'only the "sel" part of "se"');
  assert.deepEqual(r.titles.sort(), ['Home', 'Page 1507', 'Page 3007', 'Page 7'].sort());
});

test('a two-letter word fetches every part of its start', async () => {
  const r = await search('se');
  assert.deepEqual(r.shards, ['se', 'se.a', 'se.b', 'se.e', 'se.l'], 'the whole start');
  assert.match(r.more, /More results \(\d+\)/, 'thousands of pages match');
});
