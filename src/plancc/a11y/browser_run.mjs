// Load local HTML files in Debian's headless Chromium (through playwright-core) and report what
// happened: axe-core's WCAG violations, any script that ran, every request the page made, and a
// screenshot. Driven by plancc/a11y/__init__.py (used by plancc build and by tests/browser.py);
// this script is its engine. PLANCC_NODE_MODULES names the node_modules folder that holds
// playwright-core and axe-core.
//
// Input (stdin, JSON):
//   {"pages": [{"path": "/abs/page.html", "axe": true, "scripts": true,
//               "screenshot": "/abs/out.png" | null, "width": 1280}],
//    "chromium": "/usr/bin/chromium", "axeTags": ["wcag2a", ...], "settleMs": 250,
//    "sentinel": "__plancc_xss", "timeoutMs": 30000, "parallel": 2}
// Output (stdout, JSON): {"browser": "156.0...", "launchMs": n, "pages": [{"path", "url",
//   "requests": [{"url", "method", "type", "blocked"}], "scripts": [...] | null,
//   "violations": [...] | null, "screenshot": path | null, "ms", "loadMs", "axeMs"}]}
// One browser for all the pages (a fresh temporary profile, removed at the end); each page in a
// fresh browser context, `parallel` of them at a time.
//
// Network: the browser may reach only 127.0.0.1, localhost and [::1]. Three layers keep it so:
//  1. every request a page makes is intercepted (context.route): file:, data:, blob: and loopback
//     http(s) go on, anything else is aborted, and all of them are recorded;
//  2. WebSockets, which no route sees, are recorded (page 'websocket' events);
//  3. those, and the browser's own traffic, which no route sees either (Chromium still tries
//     update and account hosts despite --disable-background-networking), go to a proxy on a
//     loopback port where nothing listens; loopback bypasses it, and host names other than
//     localhost resolve to nothing.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.env.PLANCC_NODE_MODULES || '.', 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

function isLoopback(url) {
  try {
    const u = new URL(url);
    return LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

function isAllowed(url) {
  let u;
  try { u = new URL(url); } catch { return false; }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && LOOPBACK_HOSTS.has(u.hostname);
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
    viewport: { width: job.width || 1280, height: 800 },
    acceptDownloads: false,
  });
  const result = { path: job.path, url, requests: [], scripts: null, violations: null, screenshot: null };
  let pageLoaded = false; // the first request for the file itself is not recorded
  let recording = true;   // requests and script activity are recorded while the page loads and settles
  const scripts = [];

  await context.route('**/*', async (route) => {
    const req = route.request();
    const allowed = isAllowed(req.url());
    const isThePage = !pageLoaded && req.url() === url && req.isNavigationRequest();
    if (recording && !isThePage && !req.url().startsWith('data:')) {
      result.requests.push({ url: req.url(), method: req.method(), type: req.resourceType(), blocked: !allowed });
    }
    if (isThePage) pageLoaded = true;
    if (allowed) await route.continue();
    else await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // WebSockets: recorded here; ones to anywhere but loopback are stopped by the browser's dead-end
  // proxy (context.routeWebSocket would block them too, but it puts a script of Playwright's into
  // the page's own world, where it would count as a script that ran).
  page.on('websocket', (ws) => {
    if (recording) result.requests.push({ url: ws.url(), method: 'GET', type: 'websocket', blocked: !isLoopback(ws.url()) });
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
    cdp.on('Debugger.scriptParsed', (e) => {
      if (recording && e.executionContextAuxData && e.executionContextAuxData.isDefault) parsed.push(e);
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

  if (job.axe) {
    const axeStarted = Date.now();
    // Evaluated through the DevTools protocol, so a page's Content-Security-Policy doesn't stop it.
    await page.evaluate(AXE_SOURCE);
    const axeResult = await page.evaluate(async (tags) => {
      return await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    }, opts.axeTags);
    result.violations = axeResult.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      description: v.description,
      helpUrl: v.helpUrl,
      tags: v.tags,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
    result.axeMs = Date.now() - axeStarted;
  }

  await context.close();
  result.ms = Date.now() - started;
  return result;
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
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=localhost;127.0.0.1;[::1]',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
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
