// Tables of the built-in docs theme on a phone: inline code in a cell
// (`--port`) stays on one line, and a wide table scrolls sideways inside
// the page rather than widening it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend, stopTend, startBrowser, waitBuilds } from './lib.mjs';

let site, tend, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'tend-table-'));
  writeFileSync(join(site, 'index.md'), '# Options\n\n' +
    '| option | what it does |\n| --- | --- |\n' +
    '| `--port` | the port to listen on: 8000, else the next free one above it, ' +
    'up to ten tries, then any free port the kernel gives |\n' +
    '| `--max-connections` | how many clients are served at once; more wait ' +
    'in the queue and then get 503 with Retry-After |\n');
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

test('phone: inline code in a table cell is one line; the table scrolls', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(tend.url);
  for (const name of ['--port', '--max-connections']) {
    const code = page.locator('td code', { hasText: name });
    const lines = await code.evaluate((e) => {
      const rects = [...e.getClientRects()];
      const line = parseFloat(getComputedStyle(e).lineHeight);
      const height = e.getBoundingClientRect().height;
      return { rects: rects.length, height, line };
    });
    assert.equal(lines.rects, 1, `${name} breaks over ${lines.rects} lines`);
    assert.ok(lines.height < 1.5 * lines.line,
      `${name} is ${lines.height}px high, a line is ${lines.line}px`);
  }
  const widths = await page.evaluate(() => {
    const t = document.querySelector('main table');
    return { page: document.documentElement.scrollWidth, view: innerWidth,
      table: t.getBoundingClientRect().right };
  });
  assert.ok(widths.page <= widths.view,
    `the page is ${widths.page}px wide in a ${widths.view}px viewport`);
  assert.ok(widths.table <= widths.view, `the table ends at ${widths.table}px`);
  await page.close();
});
