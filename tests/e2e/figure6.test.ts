import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

/** Each scatter's model, its drawn points and, per printed vector, r with the colour index. */
async function scatters(page: Page) {
  return page.locator('[data-scatter-model]').evaluateAll((panels) =>
    panels.map((panel) => ({
      model: panel.getAttribute('data-scatter-model'),
      control: panel.hasAttribute('data-scatter-control'),
      circles: panel.querySelectorAll('circle[data-unit]').length,
      grouped: panel.querySelectorAll('circle[data-unit][data-group]').length,
      images: Array.from(panel.querySelectorAll('g.bs-point-image image')).map((i) => i.getAttribute('href') ?? ''),
      colorVector: panel.querySelector('[data-color-vector]')?.getAttribute('data-color-vector') ?? null,
      r: Array.from(panel.querySelectorAll('[data-vector][data-r]')).map((s) => Number(s.getAttribute('data-r'))),
    })),
  );
}

describe("the AlexNet scatter as the article draws it (Figure 6), beside the unbranched control", () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let failures: string[];
  const url = (scatter?: string) => `${system.portalUrl}/alexnet?model=demo-small-alexnet-2b${scatter ? `&scatter=${scatter}` : ''}`;

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    ({ page, failures } = await openWatchedPage(browser));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('draws the branched model and its control (paired by name) side by side, coloured by branch', async () => {
    await page.goto(url());
    await page.locator('[data-scatter-control] circle[data-unit]').first().waitFor({ timeout: 180_000 });
    await page.locator('[data-scatter-model="demo-small-alexnet-2b"] circle[data-unit]').first().waitFor({ timeout: 180_000 });
    const [branched, control] = await scatters(page);
    expect(branched).toMatchObject({ model: 'demo-small-alexnet-2b', control: false, circles: 32, grouped: 32 });
    expect(control).toMatchObject({ model: 'demo-small-alexnet-1b', control: true, circles: 32, grouped: 0 });
  }, 300_000);

  it("prints each vector's correlation with colour index and names the vector that tracks it", async () => {
    for (const panel of await scatters(page)) {
      expect(panel.r).toHaveLength(2);
      for (const r of panel.r) expect(Math.abs(r)).toBeLessThanOrEqual(1);
      const strongest = Math.abs(panel.r[0]!) >= Math.abs(panel.r[1]!) ? '0' : '1';
      expect(panel.colorVector).toBe(strongest);
    }
    const caption = await page.locator('[data-scatter-control] .factor-caption').innerText();
    expect(caption).toMatch(/Vector 0 tracks usage: .* \(32 of 32 here\)/);
  });

  it('shades every point by colour index when the toggle says so', async () => {
    await page.getByRole('navigation', { name: 'Draw the units' }).getByRole('link', { name: 'Colour by colour index' }).click();
    await page.waitForURL(/scatter=color/);
    await page.locator('[data-scatter-mode="color"] [data-scatter-control] circle[data-unit]').first().waitFor({ timeout: 60_000 });
    const [branched, control] = await scatters(page);
    expect([branched!.circles, branched!.grouped, control!.circles]).toEqual([32, 0, 32]);
    const fills = await page.locator('[data-scatter-model="demo-small-alexnet-2b"] circle[data-unit]').evaluateAll((cs) => new Set(cs.map((c) => c.getAttribute('fill'))).size);
    expect(fills).toBeGreaterThan(2);
  });

  it("draws each point as its filter's image, every image loaded", async () => {
    await page.getByRole('navigation', { name: 'Draw the units' }).getByRole('link', { name: 'Filters as images' }).click();
    await page.waitForURL(/scatter=images/);
    await page.locator('[data-scatter-mode="images"] [data-scatter-control] g.bs-point-image').first().waitFor({ timeout: 60_000 });
    const [branched, control] = await scatters(page);
    expect([branched!.images.length, branched!.circles, control!.images.length]).toEqual([32, 0, 32]);
    expect(branched!.images.every((href) => href.startsWith('/artifacts/'))).toBe(true);
    // Each <image> fetched its PNG through the portal (a broken one would be a 4xx in failures).
    const loaded = await page.evaluate(
      async (hrefs) => (await Promise.all(hrefs.map((h) => fetch(h).then((r) => r.ok && (r.headers.get('content-type') ?? '').includes('png'))))).filter(Boolean).length,
      [...branched!.images, ...control!.images],
    );
    expect(loaded).toBe(64);
    expect(failures).toEqual([]);
  });
});
