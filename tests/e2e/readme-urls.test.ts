import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../support/system';
import type { RunningSystem } from '../support/system';
import { launchChromium, openWatchedPage } from './chromium';
import type { Browser } from './chromium';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/**
 * Every URL of README's "What you see" table, as a path on the portal: the paths in the first column, and each
 * `?model=...` suggested in the second column applied to its row's first path.
 */
export function readmeViewPaths(text: string): string[] {
  const section = text.split(/^## /m).find((part) => part.startsWith('What you see'));
  if (!section) throw new Error('README.md has no "## What you see" section');
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => {
    const [, first = '', second = ''] = row.split(/(?<!\\)\|/);
    const paths = [...first.matchAll(/`([^`]+)`/g)].map(([, url]) => new URL(url!, 'http://localhost:3000').pathname + new URL(url!, 'http://localhost:3000').search);
    const suggested = [...second.matchAll(/`(\?[^`]+)`/g)].map(([, query]) => `${paths[0]!.split('?')[0]}${query}`);
    return [...paths, ...suggested];
  });
}

/** The lines of the system's output that report an error (a failed request, a failed proxy), for a failure message. */
function errorLines(output: string): string {
  return output.split('\n').filter((line) => /error|fail/i.test(line)).slice(-20).join('\n');
}

describe('the URLs README promises', () => {
  const paths = readmeViewPaths(readme);
  let system: RunningSystem;
  let browser: Browser;
  let shots: string;

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    shots = mkdtempSync(path.join(tmpdir(), 'branchscope-readme-'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('lists the portal, the three views, a trained demo and the four embeds', () => {
    expect(paths).toContain('/');
    expect(paths.filter((p) => p.includes('/embed/'))).toHaveLength(4);
    expect(paths.length).toBeGreaterThanOrEqual(9);
  });

  it.each(readmeViewPaths(readme))('%s answers 200 through the portal and renders without an error panel', async (urlPath) => {
    const url = `${system.portalUrl}${urlPath}`;
    const response = await fetch(url);
    await response.body?.cancel();
    expect(response.status, url).toBe(200);

    const { page, failures } = await openWatchedPage(browser);
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('h1, h2, svg, table').first().waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(shots, `${urlPath.replace(/[^\w]+/g, '_') || 'portal'}.png`) });
    expect(await page.locator('.bs-error-panel').count(), `${url} shows an error panel`).toBe(0);
    await page.close();
    expect(failures.filter((failure) => !failure.startsWith('page error: Connection closed')), `${url}; the system's error lines:\n${errorLines(system.output())}`).toEqual([]);
  });
});
