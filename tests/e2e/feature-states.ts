import type { Page } from 'playwright-core';

/** What the features section of the AlexNet page went through, recorded in the page as it happened. */
export interface FeatureStates {
  /** Each change of `.feature-columns[data-feature-state]`: `pending` (placeholder), then `ready` (images). */
  sections: string[];
  /** Each change of the progress line's `data-job-status`: `WAITING`, `QUEUED`, `RUNNING`. */
  jobStatuses: string[];
}

/**
 * Records, from the first byte of every document `page` loads, the feature section's states and the render job
 * states its progress line showed, into `window.__featureStates`. A mutation observer catches states that last
 * only a moment, which polling from the test could miss.
 */
export async function watchFeatureStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const states = { sections: [] as string[], jobStatuses: [] as string[] };
    (window as unknown as { __featureStates: typeof states }).__featureStates = states;
    const push = (list: string[], value: string | null | undefined) => {
      if (value && list[list.length - 1] !== value) list.push(value);
    };
    const look = () => {
      push(states.sections, document.querySelector('.feature-columns')?.getAttribute('data-feature-state'));
      push(states.jobStatuses, document.querySelector('.render-progress')?.getAttribute('data-job-status'));
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
  });
}
