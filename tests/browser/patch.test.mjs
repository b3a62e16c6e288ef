// Live reload patches pages in place in a real browser: <html> attributes,
// <template> contents, nodes added beside a form, text after </html>,
// XHTML; and the script is injected where it cannot break a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, startTend, stopTend, startBrowser, waitBuilds, following } from './lib.mjs';

let site, tend, browser, page;

const lab = `<!doctype html>
<html lang="en" data-theme="light">
<head><meta charset="utf-8"><title>Lab</title></head>
<body>
<div id="box"><p id="p1">before</p><form id="f"><input id="q" name="q"></form></div>
<template id="tpl"><p>tpl one</p></template>
</body>
</html>
`;

// No </body>: a naive injection lands inside the script's string.
const str = `<!doctype html><html><head><title>S</title></head>
<p id="s">x</p><script>window.__t = "<body></body>";</script>
`;

const xhtml = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>
<body><p id="x">one</p></body></html>
`;

before(async () => {
  site = copySite();
  writeFileSync(join(site, 'lab.html'), lab);
  writeFileSync(join(site, 'str.html'), str);
  writeFileSync(join(site, 'x.xhtml'), xhtml);
  tend = await startTend(site);
  await waitBuilds(tend, 1);
  browser = await startBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (tend) await stopTend(tend.proc);
  if (site) rmSync(site, { recursive: true, force: true });
});

// Open a page and wait until its event stream has said hello.
async function open(path) {
  await page.goto(tend.url + path);
  await following(page);
}

const mark = () => page.evaluate(() => { window.__mark = 42; });
const marked = () => page.evaluate(() => window.__mark === 42);

function edit(rel, fn) {
  const path = join(site, rel);
  writeFileSync(path, fn(readFileSync(path, 'utf8')));
}

test('an edit of an <html> attribute is patched in', async () => {
  await open('lab.html');
  await mark();
  edit('lab.html', (s) => s.replace('data-theme="light"', 'data-theme="dark"'));
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark',
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
});

test('an edit inside a <template> is patched in', async () => {
  await mark();
  edit('lab.html', (s) => s.replace('tpl one', 'tpl two'));
  await page.waitForFunction(
    () => document.getElementById('tpl').content.textContent.includes('tpl two'),
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
});

test('a node added beside a form keeps what the user typed', async () => {
  await mark();
  await page.fill('#q', 'typed by the user');
  edit('lab.html', (s) => s.replace('<form id="f">', '<p id="p2">added</p><form id="f">'));
  await page.waitForSelector('#p2', { timeout: 10000 });
  assert.equal(await page.inputValue('#q'), 'typed by the user');
  assert.equal(await marked(), true, 'patched, not reloaded');
});

test('text appended after </html> is patched in, without a reload', async () => {
  await mark();
  edit('lab.html', (s) => s + 'trailing words\n');
  await page.waitForFunction(() => document.body.textContent.includes('trailing words'),
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
  assert.equal(await page.inputValue('#q'), 'typed by the user');
});

test('a page without </body> keeps its script strings whole', async () => {
  await open('str.html');
  assert.equal(await page.evaluate(() => window.__t), '<body></body>');
  await mark();
  edit('str.html', (s) => s.replace('>x<', '>y<'));
  await page.waitForFunction(() => document.getElementById('s').textContent === 'y',
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
});

test('an XHTML page is served as XHTML and patched in place', async () => {
  const resp = await page.goto(tend.url + 'x.xhtml');
  assert.equal(resp.headers()['content-type'], 'application/xhtml+xml');
  await following(page);
  assert.equal(await page.evaluate(() => document.contentType), 'application/xhtml+xml');
  await mark();
  edit('x.xhtml', (s) => s.replace('>one<', '>two<'));
  await page.waitForFunction(() => document.getElementById('x').textContent === 'two',
    null, { timeout: 10000 });
  assert.equal(await marked(), true, 'patched, not reloaded');
});
