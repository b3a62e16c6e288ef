// The built-in theme's search in Chromium: '/' focuses the box, a word
// typed shows ranked results (title > heading > body) with marked excerpts,
// the arrow keys move through them and Enter opens the section's anchor;
// Esc closes them. The files come from the index tend built, under --base
// too, and nothing is fetched from elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-search-'));
  mkdirSync(join(site, 'guide'));
  writeFileSync(join(site, 'index.md'), '# Home\n\nWelcome. The gizmo is mentioned here once.\n');
  writeFileSync(join(site, 'guide', 'gizmo.md'), '# Gizmo handbook\n\nAll about it.\n');
  writeFileSync(join(site, 'guide', 'parts.md'),
    '# Parts\n\nIntro text.\n\n## Fitting the gizmo\n\nScrew it in.\n');
  writeFileSync(join(site, 'guide', 'zz.md'),
    '# Other\n\nNothing.\n\n## Later\n\nA long line before, then gizmos appear in the body.\n');
  writeFileSync(join(site, 'guide', 'api.md'),
    '# API\n\nCall `self.read_line()` to read, or fs.mkdtemp() for a folder, or\n' +
    'a_very_long_function_name_that_exceeds_forty_bytes().\n');
  writeFileSync(join(site, 'guide', 'lines.md'), '# Reading lines\n\nRead a line at a time.\n');
  writeFileSync(join(site, 'guide', 'ru.md'),
    '# Установка\n\nПеред установкой: ÉLAN и ΣΟΦΊΑ.\n');
  tend = await startTend(site, ['--base', '/docs/']);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// The hits once the box's last query is answered: while a query waits or
// is fetched the results are aria-busy (an earlier query's hits may show).
async function results(page) {
  await page.waitForSelector('.search-results[aria-busy="false"]:not([hidden]) .search-hit',
    { timeout: 10000 });
  return page.$$eval('.search-hit', (as) => as.map((a) => ({
    title: a.querySelector('.search-title').textContent,
    href: a.getAttribute('href'),
    marked: Array.from(a.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

test('type a word: ranked results, keys, Enter goes to the anchor', async () => {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const base = new URL('/docs/', tend.url).href;
  await page.goto(base + 'guide/zz.html');
  assert.equal(requests.some((u) => u.includes('/_tend/search/index.json')), false,
    'nothing of the index is fetched before a keystroke');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search', '/ focuses the box');
  await page.keyboard.type('gizmo');
  const hits = await results(page);
  assert.deepEqual(hits.map((h) => h.title),
    ['Gizmo handbook', 'Parts', 'Home', 'Other'], 'title > heading > body');
  assert.ok(hits[1].href.endsWith('/docs/guide/parts.html#fitting-the-gizmo'), hits[1].href);
  assert.ok(hits[3].href.endsWith('/docs/guide/zz.html#later'), hits[3].href);
  assert.ok(hits[2].marked.includes('gizmo'), 'the excerpt marks the word');
  assert.ok(hits[3].marked.includes('gizmos'), 'a word the query begins is marked');
  for (const u of requests)
    assert.ok(u.startsWith(new URL(tend.url).origin), `no external request: ${u}`);
  assert.ok(requests.some((u) => /\/docs\/_tend\/search\/gi\.json/.test(u)), 'the shard of "gi"');
  assert.equal(requests.some((u) => /\/_tend\/search\/(?!gi\.json|index\.json|-\d+\.json|search\.js)/.test(u)),
    false, 'only the files the query needs: ' + requests.filter((u) => u.includes('_tend')).join(' '));

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('.search-hit:nth-of-type(2)', 'aria-selected'), 'true');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.getAttribute('.search-hit:nth-of-type(1)', 'aria-selected'), 'true');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL('**/docs/guide/parts.html#fitting-the-gizmo'),
    page.keyboard.press('Enter')]);
  await page.waitForFunction(() => {
    const r = document.getElementById('fitting-the-gizmo').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, null, { timeout: 10000 });

  await page.keyboard.press('/');
  await page.keyboard.type('gizmo handbook');
  const two = await results(page);
  assert.deepEqual(two.map((h) => h.title), ['Gizmo handbook'], 'every word must match');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('.search-results'), false, 'Esc closes the results');
  await page.close();
});

test('case folds in every script: lower case finds capitals, and back', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('/docs/', tend.url).href);
  await page.keyboard.press('/');
  for (const [query, marked] of [['установка', 'Установка'], ['élan', 'ÉLAN'],
    ['σοφ', 'ΣΟΦΊΑ'], ['ПЕРЕД', 'Перед']]) {
    await page.fill('#search', query);
    await page.waitForFunction((m) => Array.from(document.querySelectorAll('.search-hit mark'))
      .some((e) => e.textContent === m), marked, { timeout: 10000 });
    const hits = await results(page);
    assert.deepEqual(hits.map((h) => h.title), ['Установка'], query);
  }
  await page.fill('#search', 'σοφίας');
  await page.waitForSelector('.search-none', { timeout: 10000 });
  await page.close();
});

test('a name with _ or . is found whole, and by its words', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('/docs/', tend.url).href);
  await page.keyboard.press('/');
  for (const [query, titles, marked] of [['read_line', ['API'], 'self.read_line'],
    ['fs.mkdtemp', ['API'], 'fs.mkdtemp'], ['mkdtemp', ['API'], 'fs.mkdtemp'],
    ['a_very_long_function_name_that_exceeds_forty_bytes', ['API'],
      'a_very_long_function_name_that_exceeds_forty_bytes'],
    ['line', ['Reading lines', 'API', 'Other'], 'line']]) {
    await page.fill('#search', query);
    const hits = await results(page);
    assert.equal(hits[0].title, titles[0], query);
    assert.deepEqual(hits.map((h) => h.title).sort(), titles.sort(), query);
    assert.ok(hits.some((h) => h.marked.includes(marked)), `${query}: ${JSON.stringify(hits)}`);
  }
  await page.close();
});

test('an excerpt that cannot be fetched says search is unavailable', async () => {
  const page = await browser.context.newPage();
  await page.route(/\/_tend\/search\/-\d+\.json/, (r) => r.abort());
  await page.goto(new URL('/docs/', tend.url).href);
  await page.keyboard.press('/');
  await page.fill('#search', 'gizmo');
  await page.waitForSelector('.search-results[aria-busy="false"] .search-none', { timeout: 10000 });
  assert.match(await page.textContent('.search-none'), /unavailable/);
  await page.close();
});

test('no match says so; phone and dark layouts show the results', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(new URL('/docs/', tend.url).href);
  assert.equal(await page.isVisible('#search'), false, 'in the closed menu');
  await page.keyboard.press('/');
  assert.equal(await page.isVisible('#search'), true, '/ opens the menu to the box');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.fill('#search', 'gizmo');
  await results(page);
  const box = await page.locator('.search-results').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `results fit the phone: ${JSON.stringify(box)}`);
  const bg = await page.$eval('.search-results', (e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)', 'dark background');
  await page.fill('#search', 'qwertyuiop');
  await page.waitForSelector('.search-none', { timeout: 10000 });
  assert.match(await page.textContent('.search-none'), /No results/);
  await page.close();
});
