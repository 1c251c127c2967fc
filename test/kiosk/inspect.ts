// What every screen is checked for: axe-core (WCAG 2.1 A/AA and best practice) finds nothing,
// and nothing overflows the window or clips its text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE = readFileSync(
  path.join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
);

interface AxeResult {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
}
export async function axe(page: Page): Promise<AxeResult['violations']> {
  // evaluated over CDP, which the page's CSP does not govern (a <script> tag would be refused)
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = (await (window as unknown as { axe: { run(o: unknown): Promise<AxeResult> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as AxeResult;
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** nothing wider than the window, nothing cut off inside its box, the screen fits without scrolling */
export async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const d = document.documentElement;
    if (d.scrollWidth > window.innerWidth) problems.push(`page ${d.scrollWidth} > ${window.innerWidth} wide`);
    if (d.scrollHeight > window.innerHeight)
      problems.push(`page ${d.scrollHeight} > ${window.innerHeight} high`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))) {
      if (el.classList.contains('sr-only')) continue; // visually hidden on purpose
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        problems.push(`${el.tagName}.${el.className} clips its text`);
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1)
        problems.push(`${el.tagName}.${el.className} runs off the right edge`);
    }
    return problems;
  });
}

/** screenshot under out/kiosk/screens, then both checks; returns the problems found */
export async function inspect(page: Page, dir: string, name: string): Promise<string[]> {
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  return [
    ...(await overflow(page)),
    ...(await axe(page)).map((v) => `axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ];
}
