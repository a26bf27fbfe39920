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
// Output (stdout, JSON): {"browser": "156.0...", "launchMs": n, "pages": [{"path", "url",
//   "requests": [{"url", "method", "type", "blocked"}], "scripts": [...] | null,
//   "violations": [...] | null, "layouts": [{"width", "docWidth", "overflowing", "smallestText",
//   "unnamedScrollers", "spacedDocWidth"}], "screenshot": path | null, "ms", "loadMs", "axeMs"}]}
// With "widths", the page is loaded once at the first width; for each width in turn the viewport is
// resized, its layout measured (and axe-core run, each violation marked with the width), so a page
// is checked at a phone's width and a desktop's in one load.
// One browser for all the pages (a fresh temporary profile, removed at the end); each page in a
// fresh browser context, `parallel` of them at a time.
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

async function checkPage(browser, job, opts) {
  const started = Date.now();
  const url = pathToFileURL(job.path).href;
  const context = await browser.newContext({
    viewport: { width: (job.widths && job.widths[0]) || job.width || 1280, height: 800 },
    acceptDownloads: false,
  });
  const result = { path: job.path, url, requests: [], scripts: null, violations: null, layouts: null, screenshot: null };
  let pageLoaded = false; // the first request for the file itself is not recorded
  // Script activity is recorded while the page loads and settles (axe-core's own work comes after);
  // requests for as long as the page is open, since a late one (a background picture drawn after the
  // load event, an image for a narrower width) is the page's as much as any.
  let recording = true;
  const scripts = [];

  await context.route('**/*', async (route) => {
    const req = route.request();
    const allowed = isAllowed(req.url());
    const isThePage = !pageLoaded && req.url() === url && req.isNavigationRequest();
    if (!isThePage && !req.url().startsWith('data:')) {
      result.requests.push({ url: req.url(), method: req.method(), type: req.resourceType(), blocked: !allowed });
    }
    if (isThePage) pageLoaded = true;
    if (allowed) await route.continue();
    else await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // WebSockets: recorded here, and stopped by the network layer (see the top of this file);
  // context.routeWebSocket would block them too, but it puts a script of Playwright's into the
  // page's own world, where it would count as a script that ran.
  page.on('websocket', (ws) => {
    result.requests.push({ url: ws.url(), method: 'GET', type: 'websocket', blocked: true });
  });
  page.setDefaultTimeout(opts.timeoutMs);
  page.on('dialog', async (d) => {
    if (recording) scripts.push(`dialog ${d.type()}: ${shorten(d.message())}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => { if (recording) scripts.push(`uncaught error: ${shorten(e.message)}`); });
  page.on('popup', (p) => { if (recording) scripts.push(`popup: ${p.url()}`); });

  let cdp = null;
  const parsed = [];
  if (job.scripts) {
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

  await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs });
  await page.waitForTimeout(opts.settleMs);  // for timers, failed-image handlers and the like
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
    await page.evaluate(AXE_SOURCE);
    result.violations = [];
    for (const width of widths || [null]) {
      if (width) await resize(page, width);
      result.violations.push(...(await runAxe(page, opts.axeTags, width)));
    }
    result.axeMs = Date.now() - axeStarted;
  }
  if (widths) {
    result.layouts = [];
    for (const width of widths) {
      await resize(page, width);
      result.layouts.push({ width, ...(await page.evaluate(measureLayout)), spacedDocWidth: await spacedWidth(page) });
    }
  }

  await context.close();
  result.ms = Date.now() - started;
  return result;
}

async function resize(page, width) {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function runAxe(page, tags, width) {
  const axeResult = await page.evaluate(async (t) => {
    return await axe.run(document, { runOnly: { type: 'tag', values: t }, resultTypes: ['violations'] });
  }, tags);
  return axeResult.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: width ? `${v.help} (at ${width} px wide)` : v.help,
    description: v.description,
    helpUrl: v.helpUrl,
    tags: v.tags,
    width,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
  }));
}

// WCAG 1.4.12's text-spacing overrides; the page's width with them, at the current viewport.
const SPACING_CSS = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; ' +
  'word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

async function spacedWidth(page) {
  return await page.evaluate(async (css) => {
    const style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const width = document.documentElement.scrollWidth;
    style.remove();
    return width;
  }, SPACING_CSS);
}

// Runs in the page: how it lays out at the current viewport width.
function measureLayout() {
  const viewport = document.documentElement.clientWidth;
  const name = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = el.classList && el.classList.length ? '.' + [...el.classList].join('.') : '';
    return `${el.tagName.toLowerCase()}${id}${cls}`;
  };
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return a;
    }
    return null;
  };
  const hidden = (el) => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.display === 'none' || cs.visibility === 'hidden') return true;
      if (cs.position === 'absolute' && (cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)')) return true;
    }
    return false;
  };
  const overflowing = [];
  const listed = new Set();
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= viewport + 0.5) continue;
    if (scroller(el) || hidden(el)) continue;
    let parentListed = false;
    for (let a = el.parentElement; a; a = a.parentElement) if (listed.has(a)) { parentListed = true; break; }
    listed.add(el);
    if (!parentListed && overflowing.length < 20) overflowing.push(`${name(el)} (right edge ${Math.round(r.right)} px)`);
  }
  let smallestText = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || hidden(el) || ['SCRIPT', 'STYLE', 'TITLE', 'DESC'].includes(el.tagName.toUpperCase())) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (!smallestText || size < smallestText.px) smallestText = { px: Math.round(size * 10) / 10, text: text.slice(0, 60), element: name(el) };
  }
  const unnamedScrollers = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!/(auto|scroll)/.test(getComputedStyle(el).overflowX) || el.scrollWidth <= el.clientWidth) continue;
    const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named || el.getAttribute('tabindex') !== '0' || el.getAttribute('role') !== 'region') unnamedScrollers.push(name(el));
  }
  return { docWidth: document.documentElement.scrollWidth, viewport, overflowing, smallestText, unnamedScrollers };
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
  const out = { browser: browser.version(), launchMs: Date.now() - launchStarted, pages: [] };
  try {
    // A few pages at a time, each in its own context; results in the order asked for.
    const results = new Array(opts.pages.length);
    let next = 0;
    const worker = async () => {
      while (next < opts.pages.length) {
        const i = next++;
        results[i] = await checkPage(browser, opts.pages[i], opts);
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.parallel, opts.pages.length) }, worker));
    out.pages = results;
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`browser_run.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
