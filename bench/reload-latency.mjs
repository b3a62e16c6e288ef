// Reload latency: in headless Chromium, the time from writing a source file
// of a copy of site-example to the new text being visible in the open page.
// Usage: node bench/reload-latency.mjs [EDITS] [-- extra tend options]
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { copySite, startTend, stopTend, startBrowser, waitBuilds }
  from '../tests/browser/lib.mjs';

const dash = process.argv.indexOf('--');
const edits = Number(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : 30);
const extra = dash >= 0 ? process.argv.slice(dash + 1) : [];
const site = copySite();
const tend = await startTend(site, extra);
const browser = await startBrowser();
const times = [];
try {
  await waitBuilds(tend, 1);
  const page = await browser.context.newPage();
  await page.goto(tend.url + 'guide/serving.html');
  await page.waitForFunction(() => window.__tend === true);
  await page.waitForTimeout(300);
  const file = join(site, 'guide', 'serving.md');
  const original = readFileSync(file, 'utf8');
  for (let i = 0; i < edits; i++) {
    const token = `edit-${i}-${Date.now()}`;
    const start = performance.now();
    writeFileSync(file, `${original}\n${token}\n`);
    await page.waitForFunction((t) => document.body && document.body.innerText.includes(t),
      token, { polling: 1, timeout: 10000 });
    times.push(performance.now() - start);
    await page.waitForTimeout(150);   // let the page settle between edits
  }
} finally {
  await browser.close();
  await stopTend(tend.proc);
  rmSync(site, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`reload latency over ${times.length} edits` +
  (extra.length ? ` (tend ${extra.join(' ')})` : '') + ':');
console.log(`  min ${at(0).toFixed(1)} ms  median ${at(0.5).toFixed(1)} ms  ` +
  `p90 ${at(0.9).toFixed(1)} ms  max ${times[times.length - 1].toFixed(1)} ms`);
