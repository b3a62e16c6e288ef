// Shared by the browser test and bench/reload-latency: start the real tend
// binary on a copy of site-example, and a headless Debian Chromium.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');

// A fresh copy of site-example in a temporary folder.
export function copySite() {
  const dir = mkdtempSync(join(tmpdir(), 'tend-browser-'));
  cpSync(join(repo, 'site-example'), dir, { recursive: true });
  return dir;
}

// Start `tend serve DIR --port 0 --json-log` in its own process group and
// wait (bounded) for its listen line. Resolves to { proc, url, lines }.
export function startTend(dir, extra = []) {
  const bin = process.env.TEND_BIN || join(repo, 'build', 'tend');
  const proc = spawn(bin, ['serve', dir, '--port', '0', '--json-log', ...extra],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopTend(proc);
      reject(new Error(`tend did not start: ${stderr}`));
    }, 10000);
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const ev = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        lines.push(ev);
        if (ev.event === 'listen') {
          clearTimeout(timer);
          resolve({ proc, url: ev.url, lines, stderr: () => stderr });
        }
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tend exited (${code}): ${stderr}`));
    });
  });
}

// Resolves once n builds were reported (bounded).
export async function waitBuilds(t, n, ms = 10000) {
  const end = Date.now() + ms;
  while (t.lines.filter((e) => e.event === 'build').length < n) {
    if (Date.now() > end) throw new Error(`fewer than ${n} builds`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Resolves once the page's live-reload script follows the builds: it has
// heard that its page is of the current build (server/client.js).
export async function following(page, ms = 10000) {
  await page.waitForFunction(() => window.__tendLive === true, null, { timeout: ms });
}

// SIGTERM to tend's own process group, then wait (SIGKILL after 5 s).
export function stopTend(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch {} }, 5000);
    proc.on('exit', () => { clearTimeout(kill); resolve(); });
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

// Headless Chromium from Debian with a fresh profile; options are added to
// playwright's (e.g. { ignoreHTTPSErrors: true } for tend's own certificate).
export async function startBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tend-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
