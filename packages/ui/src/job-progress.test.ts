import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JobProgress, type JobProgressState } from './job-progress';

const job = (over: Partial<JobProgressState>): JobProgressState => ({ id: 'abcdef0123456789', kind: 'render-features', status: 'RUNNING', progress: 0.426, error: null, ...over });
const draw = (state: JobProgressState, extra: { inline?: boolean; lost?: string } = {}) =>
  renderToStaticMarkup(createElement(JobProgress, { job: state, what: 'the conv2 feature images', ...extra }));

describe('JobProgress', () => {
  it('draws a running job with its progress, rounded, and the data attributes tests read', () => {
    const markup = draw(job({}));
    expect(markup).toContain('role="status"');
    expect(markup).toMatch(/class="bs-job-progress render-progress job-wait"/);
    expect(markup).toContain('data-job-kind="render-features"');
    expect(markup).toContain('data-job-status="RUNNING"');
    expect(markup).toContain('data-job-progress="0.426"');
    expect(markup).toContain('computing the conv2 feature images: 43%');
    expect(markup).toContain('<code>abcdef01</code>');
    expect(markup).not.toContain('role="alert"');
  });

  it('says a queued job is queued', () => {
    expect(draw(job({ status: 'QUEUED', progress: 0 }))).toContain('is queued to compute the conv2 feature images');
  });

  it('draws a failed job as an ErrorPanel with its error and code', () => {
    const markup = draw(job({ status: 'FAILED', error: 'out of memory' }));
    expect(markup).toContain('class="bs-error-panel"');
    expect(markup).toContain('Could not load the conv2 feature images');
    expect(markup).toContain('out of memory');
    expect(markup).toContain('data-error-code="JOB_FAILED"');
    expect(markup).not.toContain('<progress');
  });

  it('draws a cancelled job inline as one bs-error-message line', () => {
    const markup = draw(job({ status: 'CANCELLED', error: null }), { inline: true });
    expect(markup).toContain('class="bs-error-message"');
    expect(markup).toContain('data-error-code="JOB_CANCELLED"');
    expect(markup).toContain('was cancelled (job abcdef01)');
    expect(markup).not.toContain('bs-error-panel');
  });

  it('says why live progress stopped', () => {
    expect(draw(job({}), { lost: 'the WebSocket closed (1006)' })).toContain('Live progress stopped (the WebSocket closed (1006))');
  });
});
