// tend wrapping a docs generator vs the generator's own dev server, on the
// same machine in the same run, for each installed generator:
//   - save -> new text visible in headless Chromium (EDITS edits of one page);
//   - Ctrl-C in the middle of a full rebuild (a layout or config change that
//     touches every page): the exit status, and the pages on disk afterwards
//     (new, old, missing or half-written).
// Usage: [GENS=hugo,sphinx] node bench/generators.mjs [PAGES] [EDITS]
// (see bench/generators)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync,
  writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBrowser, repo } from '../tests/browser/lib.mjs';

const PAGES = Number(process.argv[2] || 300);
const EDITS = Number(process.argv[3] || 5);
const TEND = process.env.TEND_BIN || join(repo, 'build', 'tend');
const para = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do ' +
  'eiusmod tempor incididunt ut labore et dolore magna aliqua.\n\n';

function write(dir, rel, text) {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

// Each generator: its project (GLOBAL-ONE in a file every page depends on),
// the page edited, where page N lands, its own dev server and build.
const gens = [
  {
    name: 'mkdocs', program: 'mkdocs',
    make(dir) {
      write(dir, 'mkdocs.yml', 'site_name: GLOBAL-ONE\n');
      write(dir, 'docs/index.md', '# Home\n');
      for (let i = 1; i <= PAGES; i++)
        write(dir, `docs/p${i}.md`, `# Page ${i}\n\n${para.repeat(5)}`);
    },
    global: 'mkdocs.yml', page: 'docs/p1.md', url: '/p1/',
    out: (i) => `p${i}/index.html`,
    build: (out) => ['mkdocs', ['build', '-q', '-d', out]],
    serve: (port) => ['mkdocs', ['serve', '-a', `127.0.0.1:${port}`]],
    serveOut: null,	// a temporary folder, removed on exit
  },
  {
    name: 'sphinx', program: 'sphinx-build', own: 'sphinx-autobuild',
    make(dir) {
      write(dir, 'conf.py', "project = 'GLOBAL-ONE'\nhtml_theme = 'basic'\n" +
        "exclude_patterns = ['_build']\n");
      write(dir, 'index.rst', 'Home\n====\n\n.. toctree::\n   :glob:\n\n   p*\n');
      for (let i = 1; i <= PAGES; i++)
        write(dir, `p${i}.rst`, `Page ${i}\n${'='.repeat(10)}\n\n${para.repeat(5)}`);
    },
    global: 'conf.py', page: 'p1.rst', url: '/p1.html',
    out: (i) => `p${i}.html`,
    build: (out) => ['sphinx-build', ['-b', 'html', '-q', '-d', join(out, '..', 'dt'), '.', out]],
    serve: (port) => ['sphinx-autobuild', ['-q', '--host', '127.0.0.1', '--port',
      String(port), '.', '_build/html']],
    serveOut: '_build/html',
  },
  {
    name: 'hugo', program: 'hugo',
    make(dir) {
      write(dir, 'hugo.toml', "baseURL = 'http://localhost/'\ntitle = 'x'\n" +
        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n");
      write(dir, 'layouts/_default/baseof.html', '<!doctype html><html><head>' +
        '<title>{{ .Title }}</title></head><body><p>GLOBAL-ONE</p>' +
        '{{ block "main" . }}{{ end }}</body></html>\n');
      for (const k of ['single', 'list'])
        write(dir, `layouts/_default/${k}.html`,
          '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n');
      write(dir, 'content/_index.md', '---\ntitle: Home\n---\n');
      for (let i = 1; i <= PAGES; i++)
        write(dir, `content/p${i}.md`, `---\ntitle: Page ${i}\n---\n${para.repeat(5)}`);
    },
    global: 'layouts/_default/baseof.html', page: 'content/p1.md', url: '/p1/',
    out: (i) => `p${i}/index.html`,
    build: (out) => ['hugo', ['--quiet', '--noBuildLock', '-d', out]],
    serve: (port, disk) => ['hugo', ['server', '--bind', '127.0.0.1', '--port',
      String(port), ...(disk ? ['--renderToDisk'] : [])]],
    serveOut: 'public',
  },
  {
    name: 'jekyll', program: 'jekyll',
    make(dir) {
      write(dir, '_config.yml', 'title: x\n');
      write(dir, '_layouts/default.html', '<!doctype html><html><head>' +
        '<title>{{ page.title }}</title></head><body><p>GLOBAL-ONE</p>' +
        '{{ content }}</body></html>\n');
      write(dir, 'index.md', '---\nlayout: default\ntitle: Home\n---\n# Home\n');
      for (let i = 1; i <= PAGES; i++)
        write(dir, `p${i}.md`, `---\nlayout: default\ntitle: Page ${i}\n---\n` +
          `# Page ${i}\n\n${para.repeat(5)}`);
    },
    global: '_layouts/default.html', page: 'p1.md', url: '/p1.html',
    out: (i) => `p${i}.html`,
    build: (out) => ['jekyll', ['build', '-q', '-d', out]],
    serve: (port, disk, port2) => ['jekyll', ['serve', '--livereload', '--host',
      '127.0.0.1', '--port', String(port), '--livereload-port', String(port2)]],
    serveOut: '_site',
  },
];

function which(p) {
  return spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Start a command in its own process group; keep its output in a log.
function start(cmd, args, cwd) {
  const proc = spawn(cmd, args, { cwd, detached: true,
    stdio: ['ignore', 'pipe', 'pipe'] });
  proc.log = '';
  proc.stdout.on('data', (d) => { proc.log += d; });
  proc.stderr.on('data', (d) => { proc.log += d; });
  proc.done = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
  return proc;
}

// Ctrl-C as a terminal sends it (the whole group); then wait (bounded).
async function interrupt(proc, ms = 60000) {
  try { process.kill(-proc.pid, 'SIGINT'); } catch {}
  const r = await Promise.race([proc.done, sleep(ms).then(() => null)]);
  if (!r) {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch {}
    await proc.done;
    return 'hung, killed';
  }
  return r.sig ? `killed by ${r.sig}` : `exit ${r.code}`;
}

async function stop(proc) {
  try { process.kill(-proc.pid, 'SIGTERM'); } catch {}
  const r = await Promise.race([proc.done, sleep(10000).then(() => null)]);
  if (!r) { try { process.kill(-proc.pid, 'SIGKILL'); } catch {} await proc.done; }
}

// Poll url until it answers 200 (bounded).
async function ready(url, proc, ms = 120000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`exited: ${proc.log}`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {}
    await sleep(50);
  }
  throw new Error(`${url} not ready: ${proc.log}`);
}

// A server on the project: tend (no flags) or the generator's own.
async function serve(g, dir, own, disk = false) {
  const port = await freePort();
  let proc;
  if (own) {
    const [cmd, args] = g.serve(port, disk, await freePort());
    proc = start(cmd, args, dir);
  } else {
    proc = start(TEND, ['serve', dir, '--port', String(port), '-q'], dir);
  }
  const base = `http://127.0.0.1:${port}`;
  await ready(base + g.url, proc);
  return { proc, base };
}

// Median save -> visible time over EDITS edits of g.page.
async function latency(g, dir, own, browser) {
  const { proc, base } = await serve(g, dir, own);
  const times = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(base + g.url);
    await page.waitForTimeout(3000);	// the reload scripts connect
    const file = join(dir, g.page);
    const original = readFileSync(file, 'utf8');
    for (let i = 0; i < EDITS; i++) {
      const token = `edit${i}x${Date.now()}`;
      const t0 = performance.now();
      writeFileSync(file, `${original}\n${token}\n`);
      await page.waitForFunction((t) => document.body &&
        document.body.innerText.includes(t), token, { polling: 5, timeout: 60000 });
      times.push(performance.now() - t0);
      await page.waitForTimeout(500);
    }
    writeFileSync(file, original);
    await page.close();
  } finally {
    await stop(proc);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Pages on disk after the stop: new, old, missing, half-written.
function pages(g, out) {
  const c = { new: 0, old: 0, missing: 0, half: 0 };
  for (let i = 1; i <= PAGES; i++) {
    const f = join(out, g.out(i));
    if (!existsSync(f)) { c.missing++; continue; }
    const s = readFileSync(f, 'utf8');
    if (!/<\/html>\s*$/.test(s)) c.half++;
    else if (s.includes('GLOBAL-TWO')) c.new++;
    else if (s.includes('GLOBAL-ONE')) c.old++;
    else c.half++;
  }
  return c;
}

// Ctrl-C `delay` ms after a change that rebuilds every page.
async function ctrlC(g, dir, own, delay) {
  const { proc } = await serve(g, dir, own, true);
  await sleep(1000);
  const file = join(dir, g.global);
  writeFileSync(file, readFileSync(file, 'utf8').replace('GLOBAL-ONE', 'GLOBAL-TWO'));
  await sleep(delay);
  const status = await interrupt(proc);
  const out = own ? (g.serveOut && join(dir, g.serveOut)) : join(dir, '.tend-site');
  const left = readdirSync(dir).filter((n) => n.includes('tend-new'));
  const c = out ? pages(g, out) : null;
  return { status, pages: c ? `${c.new} new, ${c.old} old, ${c.missing} missing, ` +
    `${c.half} half-written` + (left.length ? `, staging left: ${left}` : '')
    : 'n/a (temporary folder, removed on exit)' };
}

function fresh(g) {
  const dir = mkdtempSync(join(tmpdir(), `tend-gen-${g.name}-`));
  g.make(dir);
  return dir;
}

const rows = [];
const browser = await startBrowser();
try {
  const only = process.env.GENS ? process.env.GENS.split(',') : null;
  for (const g of gens) {
    if (only && !only.includes(g.name))
      continue;
    if (!which(g.program)) {
      console.error(`${g.name}: ${g.program} is not installed: skipped`);
      continue;
    }
    const own = g.own || g.program;
    const hasOwn = which(own);
    // a full build's time, for when to press Ctrl-C (half way)
    let dir = fresh(g);
    const [cmd, args] = g.build(join(dir, '..', `${g.name}-full-out`));
    const t0 = performance.now();
    spawnSync(cmd, args, { cwd: dir, stdio: 'ignore' });
    const full = performance.now() - t0;
    rmSync(join(dir, '..', `${g.name}-full-out`), { recursive: true, force: true });
    rmSync(join(dir, '..', 'dt'), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    console.error(`${g.name}: full build of ${PAGES} pages: ${full.toFixed(0)} ms`);
    const row = { name: g.name, full };
    for (const which_ of hasOwn ? ['tend', 'own'] : ['tend']) {
      const isOwn = which_ === 'own';
      dir = fresh(g);
      try {
        row[which_ + 'Lat'] = await latency(g, dir, isOwn, browser);
      } catch (e) {
        row[which_ + 'Lat'] = NaN;
        console.error(`${g.name} ${which_}: ${e.message.slice(0, 400)}`);
      }
      rmSync(dir, { recursive: true, force: true });
      dir = fresh(g);
      try {
        row[which_ + 'Stop'] = await ctrlC(g, dir, isOwn, full / 2);
      } catch (e) {
        row[which_ + 'Stop'] = { status: 'error', pages: e.message.slice(0, 80) };
      }
      rmSync(dir, { recursive: true, force: true });
    }
    if (!hasOwn) row.ownName = `${own} not installed`;
    rows.push(row);
  }
} finally {
  await browser.close();
}

const ownServer = { mkdocs: 'mkdocs serve', sphinx: 'sphinx-autobuild',
  hugo: 'hugo server', jekyll: 'jekyll serve --livereload' };
console.log(`${PAGES} pages, median of ${EDITS} edits; Ctrl-C half way through a full rebuild`);
console.log('| generator | server | save → visible | Ctrl-C mid-rebuild: status | pages on disk after |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.name} (full build ${r.full.toFixed(0)} ms) | tend | ` +
    `${r.tendLat.toFixed(0)} ms | ${r.tendStop.status} | ${r.tendStop.pages} |`);
  if (r.ownStop)
    console.log(`| | ${ownServer[r.name]} | ${r.ownLat.toFixed(0)} ms | ` +
      `${r.ownStop.status} | ${r.ownStop.pages} |`);
  else
    console.log(`| | ${r.ownName} | | | |`);
}
