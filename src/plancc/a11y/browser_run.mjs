// Load local HTML files in Debian's headless Chromium (through playwright-core) and report what
// happened: axe-core's WCAG violations, any script that ran, every request the page made, and a
// screenshot. Driven by plancc/a11y/__init__.py (used by plancc build and by tests/browser.py);
// this script is its engine. PLANCC_NODE_MODULES names the node_modules folder that holds
// playwright-core and axe-core.
//
// Input (stdin, JSON):
//   {"pages": [{"path": "/abs/page.html", "axe": true, "scripts": true,
//               "screenshot": "/abs/out.png" | null, "width": 1280, "widths": [320, 1280]}],
//    "chromium": "/usr/bin/chromium", "axeTags": ["wcag2a", ...], "settleMs": 250,
//    "sentinel": "__plancc_xss", "timeoutMs": 30000, "parallel": 2}
// Output (stdout, JSON): {"browser": "156.0...", "browserPid": n, "launchMs": n, "mostContexts": n,
//   "pages": [{"path", "url", "requests": [{"url", "method", "type", "blocked"}], "scripts": [...] | null,
//   "violations": [...] | null, "layouts": [{"width", "docWidth", "overflowing", "smallestText",
//   "unnamedScrollers", "spacedDocWidth"}] | null, "screenshot": path | null, "failure": words | null,
//   "failureKind": "page" (its load or its own script) | "check" (the check's own step) | null,
//   "checkedAlongside", "ms", "loadMs", "axeMs"}]}
// With "widths", the page is loaded once at the first width; for each width in turn the viewport is
// resized, its layout measured (and axe-core run, each violation marked with the width), so a page
// is checked at a phone's width and a desktop's in one load.
// One browser for all the pages (a fresh temporary profile, removed at the end), `parallel` pages
// at a time, each worker in a browser context of its own (see Slot). Each step of a page's check
// has at most timeoutMs: a page that never finishes loading, or whose renderer hangs or crashes, gets
// a "failure" in words and the other pages are checked all the same.
//
// Network: none. The browser loads the page's own files (file:, data:, blob:) and reaches no
// address at all, this machine's included: a build fetches nothing. Three layers keep it so:
//  1. every request a page makes is intercepted (context.route): file:, data:, blob: and about:
//     go on; everything else (http, https, ws, wss, loopback addresses too) is aborted before it
//     leaves and recorded as blocked;
//  2. WebSockets, which no route sees, are recorded (page 'websocket' events) as blocked;
//  3. those, and the browser's own traffic, which no route sees either (preconnects, DNS prefetch,
//     update and account hosts despite --disable-background-networking), find no way out: every
//     host name and address, IP literals and loopback included, resolves to nothing
//     (--host-resolver-rules), and all traffic goes through a proxy whose name resolves to
//     nothing (<-loopback> takes away Chromium's own loopback exception), so no connection is
//     made and no name is looked up. (Chromium's IPv6 probe still connect()s a UDP socket to a
//     public address to learn its route; that sends nothing.)

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { measureLayout, resize, runAxe, spacedWidth } from './browser_measure.mjs';

const require = createRequire(path.join(process.env.PLANCC_NODE_MODULES || '.', 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

// Only the page's own files: nothing that would go over a network, this machine's included.
function isAllowed(url) {
  let u;
  try { u = new URL(url); } catch { return false; }
  return LOCAL_SCHEMES.has(u.protocol);
}

function readStdin() {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

function shorten(text, n = 200) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n) + '…' : s;
}

// One worker's browser context. A page whose scripts are recorded gets a fresh context of its own (its
// script tracing starts with it, and nothing a script left behind can reach it); the other pages share the
// worker's context, one after another, so its renderer keeps axe-core compiled: between two pages the page
// goes back to about:blank and the context's cookies and storage are cleared.
class Slot {
  constructor(browser, opts, counts) { this.browser = browser; this.opts = opts; this.counts = counts; this.shared = null; }

  async open(job) {
    const viewport = { width: (job.widths && job.widths[0]) || job.width || 1280, height: 800 };
    if (!job.scripts && this.shared) {  // each page is loaded at its first width, as in a context of its own
      await this.shared.page.setViewportSize(viewport);
      return this.shared;
    }
    const context = await this.browser.newContext({ viewport, acceptDownloads: false });
    this.counts.contexts += 1;
    this.counts.mostContexts = Math.max(this.counts.mostContexts, this.counts.contexts);
    const tab = { context, job: null, page: null };
    // Every request is seen here and put down to the page being checked (see the top of this file).
    await context.route('**/*', async (route) => {
      const req = route.request();
      const allowed = isAllowed(req.url());
      const result = tab.job;
      const isThePage = result && !result.pageLoaded && req.url() === result.url && req.isNavigationRequest();
      if (result && !isThePage && !req.url().startsWith('data:')) {
        result.requests.push({ url: req.url(), method: req.method(), type: req.resourceType(), blocked: !allowed });
      }
      if (isThePage) result.pageLoaded = true;
      if (allowed) await route.continue();
      else await route.abort('blockedbyclient');
    });
    tab.page = await context.newPage();
    // WebSockets: recorded here, and stopped by the network layer (see the top of this file);
    // context.routeWebSocket would block them too, but it puts a script of Playwright's into the
    // page's own world, where it would count as a script that ran.
    tab.page.on('websocket', (ws) => {
      if (tab.job) tab.job.requests.push({ url: ws.url(), method: 'GET', type: 'websocket', blocked: true });
    });
    tab.page.on('dialog', (d) => d.dismiss().catch(() => {}));
    tab.page.on('crash', () => { tab.crashed = true; });
    tab.page.setDefaultTimeout(this.opts.timeoutMs);
    if (!job.scripts) this.shared = tab;
    return tab;
  }

  async close(tab, broken) {
    if (tab === this.shared && !broken) {
      tab.job = null;
      await tab.page.goto('about:blank');
      await tab.context.clearCookies();
      const cdp = await tab.context.newCDPSession(tab.page);
      await cdp.send('Storage.clearDataForOrigin', { origin: 'file://', storageTypes: 'all' });
      await cdp.detach();
      return;
    }
    if (tab === this.shared) this.shared = null;
    this.counts.contexts -= 1;
    await tab.context.close().catch(() => {});
  }

  async end() { if (this.shared) await this.close(this.shared, true); }
}

// A step of a page's check, given at most timeoutMs: a page whose load, script or layout never ends is
// reported as not checked (with what it was doing), and the check goes on with the next page.
// `kind` says whose doing a timeout more likely is: 'page' (its load, or a script of its own) or 'check'.
function bounded(promise, ms, what, kind = 'check') {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new PageFailure(`${what} within ${ms / 1000} s`, kind)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

class PageFailure extends Error {
  constructor(message, kind) { super(message); this.kind = kind; }
}

async function checkPage(slot, job, opts) {
  const started = Date.now();
  const url = pathToFileURL(job.path).href;
  const result = { path: job.path, url, requests: [], scripts: null, violations: null, layouts: null,
                   screenshot: null, failure: null, failureKind: null,
                   pageLoaded: false };
  // How many pages were being checked at once while this one was (itself included).
  const inFlight = slot.counts.inFlight;
  inFlight.add(result);
  for (const other of inFlight) other.checkedAlongside = Math.max(other.checkedAlongside || 0, inFlight.size);
  let tab = null;
  try {
    tab = await slot.open(job);
    tab.job = result;
    await inspect(tab.page, tab.context, job, result, opts);
  } catch (e) {
    const crashed = tab && tab.crashed;
    result.failure = crashed ? 'its browser tab crashed' : e instanceof PageFailure ? e.message
      : `the browser could not check it: ${shorten(e && e.message ? e.message : e)}`;
    result.failureKind = crashed ? 'page' : e instanceof PageFailure ? e.kind : 'check';
    result.violations = null;
    result.layouts = null;
  } finally {
    inFlight.delete(result);
    if (tab) await bounded(slot.close(tab, result.failure !== null), opts.timeoutMs, 'the page did not close')
      .catch(() => slot.close(tab, true));
  }
  delete result.pageLoaded;
  result.ms = Date.now() - started;
  return result;
}

async function inspect(page, context, job, result, opts) {
  const started = Date.now();
  // Script activity is recorded while the page loads and settles (axe-core's own work comes after);
  // requests for as long as the page is open, since a late one (a background picture drawn after the
  // load event, an image for a narrower width) is the page's as much as any.
  let recording = true;
  const scripts = [];
  let cdp = null;
  const parsed = [];
  if (job.scripts) {
    page.on('dialog', (d) => { if (recording) scripts.push(`dialog ${d.type()}: ${shorten(d.message())}`); });
    page.on('pageerror', (e) => { if (recording) scripts.push(`uncaught error: ${shorten(e.message)}`); });
    page.on('popup', (p) => { if (recording) scripts.push(`popup: ${p.url()}`); });
    // Console calls made by scripts (not the browser's own messages about blocked loads or CSP),
    // and every script compiled in a page's own world: inline and external scripts, event
    // handler attributes that fired, javascript: URLs. Playwright's own code runs in other worlds.
    cdp = await context.newCDPSession(page);
    cdp.on('Runtime.consoleAPICalled', (e) => {
      if (!recording) return;
      const args = (e.args || []).map((a) => (a.value !== undefined ? a.value : a.description || a.type));
      scripts.push(`console.${e.type}: ${shorten(args.join(' '))}`);
    });
    // (Chromium's own error page, shown in a frame whose request was blocked, is not the page's script.)
    cdp.on('Debugger.scriptParsed', (e) => {
      if (recording && e.executionContextAuxData && e.executionContextAuxData.isDefault &&
          !String(e.url).startsWith('chrome-error:')) parsed.push(e);
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
  }

  await bounded(page.goto(result.url, { waitUntil: 'load', timeout: 0 }), opts.timeoutMs, 'it did not finish loading', 'page');
  const loaded = Date.now();
  if (job.scripts) {
    await page.waitForTimeout(opts.settleMs);  // for timers, failed-image handlers and the like
  } else {
    // No script is watched: the page settles while axe-core runs (its requests are recorded all along)
    // and is kept open at least settleMs after its load event; its fonts are in before it is measured.
    await bounded(page.evaluate(() => document.fonts.ready.then(() => true)), opts.timeoutMs,
                  'it was still busy after loading', 'page');
  }
  recording = false;
  result.loadMs = Date.now() - started;

  if (job.scripts) {
    for (const e of parsed) {
      let source = '';
      try { source = (await cdp.send('Debugger.getScriptSource', { scriptId: e.scriptId })).scriptSource; } catch {}
      scripts.push(`script ${e.url || '(no url)'}:${e.startLine + 1}: ${shorten(source, 120)}`);
    }
    await cdp.send('Debugger.disable').catch(() => {});
    for (const frame of page.frames()) {
      let value;
      try {
        value = await frame.evaluate((name) => {
          const v = globalThis[name];
          return v === undefined ? undefined : String(v);
        }, opts.sentinel);
      } catch { value = undefined; }
      if (value !== undefined) scripts.push(`sentinel ${opts.sentinel}=${shorten(value)} in ${frame.url()}`);
    }
    result.scripts = scripts;
  }

  if (job.screenshot) {
    await page.screenshot({ path: job.screenshot, fullPage: true, animations: 'disabled' });
    result.screenshot = job.screenshot;
  }

  const widths = job.widths && job.widths.length ? job.widths : null;
  if (job.axe) {
    const axeStarted = Date.now();
    // Evaluated through the DevTools protocol, so a page's Content-Security-Policy doesn't stop it.
    await bounded(page.evaluate(AXE_SOURCE), opts.timeoutMs, 'axe-core could not be loaded into it');
    const violations = [];
    for (const width of widths || [null]) {
      if (width) await bounded(resize(page, width), opts.timeoutMs, `it could not be resized to ${width} px`);
      violations.push(...(await bounded(runAxe(page, opts.axeTags, width), opts.timeoutMs,
                                        `axe-core did not finish${width ? ` at ${width} px` : ''}`)));
    }
    result.violations = violations;
    result.axeMs = Date.now() - axeStarted;
  }
  if (widths) {
    const layouts = [];
    for (const width of widths) {
      const measured = bounded((async () => {
        await resize(page, width);
        return { width, ...(await page.evaluate(measureLayout)), spacedDocWidth: await spacedWidth(page) };
      })(), opts.timeoutMs, `its layout at ${width} px could not be measured`);
      layouts.push(await measured);
    }
    result.layouts = layouts;
  }
  const open = Date.now() - loaded;
  if (open < opts.settleMs) await page.waitForTimeout(opts.settleMs - open);
}

// The browser's process id (one per run of this script), as the browser itself reports it.
async function browserPid(browser) {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const info = await cdp.send('SystemInfo.getProcessInfo');
    await cdp.detach();
    const main = info.processInfo.find((p) => p.type === 'browser');
    return main ? main.id : null;
  } catch { return null; }
}

async function main() {
  const opts = JSON.parse(await readStdin());
  opts.settleMs ??= 250;
  opts.parallel ??= 2;
  opts.timeoutMs ??= 30000;
  opts.sentinel ??= '__plancc_xss';
  opts.axeTags ??= ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

  const launchStarted = Date.now();
  const browser = await chromium.launch({
    executablePath: opts.chromium || '/usr/bin/chromium',
    headless: true,            // Playwright adds --headless and a fresh, temporary --user-data-dir
    chromiumSandbox: false,    // adds --no-sandbox: these tests run as root
    timeout: opts.timeoutMs,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      // background traffic: updates, sync, pings, reporting, phishing lists (Playwright adds more)
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--no-pings',
      '--dns-prefetch-disable',
      // no way out: no name or address resolves, and all traffic goes to a proxy that cannot be reached
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--proxy-server=http://proxy.invalid:9', '--proxy-bypass-list=<-loopback>',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    ],
  });
  const out = { browser: browser.version(), browserPid: await browserPid(browser),
                launchMs: Date.now() - launchStarted, pages: [] };
  const counts = { contexts: 0, mostContexts: 0, inFlight: new Set() };
  try {
    // `parallel` workers, each with its browser context; the largest files first, so that the last
    // page to finish is a small one; results in the order asked for.
    const results = new Array(opts.pages.length);
    const size = (job) => { try { return fs.statSync(job.path).size; } catch { return 0; } };
    const queue = opts.pages.map((job, i) => [size(job), i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    const worker = async () => {
      const slot = new Slot(browser, opts, counts);
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        results[i] = await checkPage(slot, opts.pages[i], opts);
      }
      await slot.end();
    };
    await Promise.all(Array.from({ length: Math.min(opts.parallel, opts.pages.length) }, worker));
    out.pages = results;
    out.mostContexts = counts.mostContexts;
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`browser_run.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
