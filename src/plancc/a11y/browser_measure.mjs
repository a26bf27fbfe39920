// What browser_run.mjs measures in a page: axe-core's violations and the layout at a viewport width
// (WCAG 1.4.10 reflow, 1.4.12 text spacing, the smallest text drawn, regions that scroll without a name).

export async function resize(page, width) {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function runAxe(page, tags, width) {
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

export async function spacedWidth(page) {
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
export function measureLayout() {
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
