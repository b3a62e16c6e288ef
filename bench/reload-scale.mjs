// Save -> new text visible in headless Chromium, on generated sites of
// several sizes (default 10 and 10,000 pages). See bench/reload-scale.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTend, stopTend, startBrowser, waitBuilds }
  from '../tests/browser/lib.mjs';

const EDITS = Number(process.env.EDITS || 9);
const DEADLINE_MS = Number(process.env.STEP_TIMEOUT || 60) * 1000;
const sizes = process.argv.slice(2).map(Number);
if (!sizes.length) sizes.push(10, 10000);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(EDITS >= 1)) {
  console.error('reload-scale: sizes must be whole numbers >= 1, EDITS >= 1');
  process.exit(2);
}

const LAYOUT = `<!doctype html><html><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><main>{{ content }}</main></body></html>
`;

// The same pages as bench/edit-latency and bench/scale.
function page(i, marker = '') {
  const body = [`---\ntitle: Page ${i}\n---\n`, `# Page ${i} ${marker}\n`];
  for (let k = 0; k < 6; k++) {
    body.push(`## Part ${k}\n\nSome *text* with a [link](page-01.md) ` +
      `and \`code\` ${i}-${k}.\n\n- one\n- two\n`);
  }
  return body.join('');
}

const pad = (n, w) => String(n).padStart(w, '0');

function makeSite(root, n) {
  mkdirSync(root);
  writeFileSync(join(root, '_layout.html'), LAYOUT);
  for (let i = 0; i < n; i++) {
    const d = join(root, `sec-${pad(Math.floor(i / 100), 3)}`);
    if (i % 100 === 0) mkdirSync(d);
    writeFileSync(join(d, `page-${pad(i % 100, 2)}.md`), page(i));
  }
}

// "ext4 (no journal)", "tmpfs", ...: the file system holding path.
function fileSystem(path) {
  let dev, type;
  try {
    [dev, type] = execFileSync('df', ['-PT', path], { encoding: 'utf8' })
      .split('\n')[1].split(/\s+/);
  } catch {
    return '?';
  }
  if (type !== 'ext4') return type;
  let jbd2 = [];
  try { jbd2 = readdirSync('/proc/fs/jbd2'); } catch {}
  const name = basename(dev);	// jbd2 lists each journalled device as NAME-INODE
  return `${type} (${jbd2.some((e) => e.startsWith(`${name}-`)) ? '' : 'no '}journal)`;
}

async function run(n, tmp, browser) {
  const src = join(tmp, `site-${n}`);
  const out = join(tmp, `out-${n}`);	// absolute: a relative -o is taken from SRC
  makeSite(src, n);
  const tend = await startTend(src, ['-q', '-o', out]);
  const times = [];
  let first;
  try {
    await waitBuilds(tend, 1, DEADLINE_MS);
    first = tend.lines.find((e) => e.event === 'build');
    if (!first.ok) throw new Error(`first build failed: ${first.error}`);
    const page0 = await browser.context.newPage();
    await page0.goto(tend.url + 'sec-000/page-00.html');
    await page0.waitForFunction(() => window.__tend === true);
    await page0.waitForTimeout(300);
    const file = join(src, 'sec-000', 'page-00.md');
    for (let e = 0; e < EDITS; e++) {
      const marker = `m${e}x${Date.now()}`;
      const start = performance.now();
      writeFileSync(file, page(0, marker));
      await page0.waitForFunction((t) => document.body && document.body.innerText.includes(t),
        marker, { polling: 1, timeout: DEADLINE_MS });
      times.push(performance.now() - start);
      await page0.waitForTimeout(300);   // let the page and the build settle
    }
    await page0.close();
  } finally {
    await stopTend(tend.proc);
    rmSync(src, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const med = times.length % 2 ? times[(times.length - 1) / 2]
    : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(`${String(n).padStart(7)} pages: save -> visible median ${med.toFixed(1)} ms ` +
    `(min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ` +
    `${times.length} edits; goal < 30 ms); first build ${first.ms} ms; ` +
    `load ${loadavg()[0].toFixed(2)}`);
  return med;
}

// absolute, even for a relative TMPDIR: a relative -o is taken from SRC
const tmp = resolve(mkdtempSync(join(tmpdir(), 'tend-reload-scale-')));
let browser;
let status = 0;
try {
  console.log(`reload-scale: ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}, ` +
    `${fileSystem(tmp)} file system (${tmpdir()}), ${EDITS} edits a size`);
  browser = await startBrowser();
  const med = [];
  for (const n of sizes) med.push(await run(n, tmp, browser));
  if (med.length > 1 && med[0] > 0) {
    console.log(`ratio ${sizes[sizes.length - 1]} / ${sizes[0]} pages: ` +
      `${(med[med.length - 1] / med[0]).toFixed(1)}x`);
  }
} catch (err) {
  console.error(`reload-scale: ${err.message}`);
  status = 1;
} finally {
  if (browser) await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
