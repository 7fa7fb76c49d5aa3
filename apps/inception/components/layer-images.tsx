'use client';

import { RenderLayerMutation, describeQueryError, followJob, mutate } from '@branchscope/client';
import type { FeatureVisualizationStatus, JobState } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { browserClient } from '../lib/browser-client';

export interface LayerImagesProps {
  modelId: string;
  layer: string;
  counts: Record<FeatureVisualizationStatus, number>;
  /** The render job of the layer's pending units, when one is running. */
  job: JobState | null;
}

/**
 * The state of the layer's feature images above its grid: how many are stored; while a render job runs, its progress,
 * followed through the `jobProgress` subscription with the page refreshed every 2 s so the cells fill in as batches are
 * stored; when units were never rendered, a button that starts the layer's `renderLayer` job.
 */
export function LayerImages({ modelId, layer, counts, job: initial }: LayerImagesProps) {
  const router = useRouter();
  const [job, setJob] = useState<JobState | null>(initial && initial.status !== 'FAILED' ? initial : null);
  const [error, setError] = useState<string | null>(initial?.status === 'FAILED' ? `the last render failed: ${initial.error}` : null);
  const [pending, startTransition] = useTransition();
  const jobId = job?.id ?? null;

  useEffect(() => {
    if (!jobId) return;
    let last = 0;
    return followJob({
      url: new URL('/graphql', window.location.href).href,
      jobId,
      onState: (state) => {
        setJob(state);
        if (state.status === 'SUCCEEDED' || (state.status === 'RUNNING' && Date.now() - last > 2000)) {
          last = Date.now();
          router.refresh();
        }
        if (state.status === 'FAILED' || state.status === 'CANCELLED') setError(`the render ${state.status.toLowerCase()}: ${state.error ?? ''}`);
      },
      onEnd: (e) => e && setError(e.message),
    });
  }, [jobId, router]);

  const total = counts.READY + counts.PENDING + counts.FAILED + counts.NOT_RENDERED;
  const start = () =>
    startTransition(async () => {
      setError(null);
      try {
        const { renderLayer } = await mutate(browserClient(), RenderLayerMutation, { modelId, layer });
        setJob(renderLayer);
      } catch (caught) {
        setError(describeQueryError(caught).message);
      }
    });
  const running = job && (job.status === 'QUEUED' || job.status === 'RUNNING');
  return (
    <div className="layer-images" role="status" data-images-ready={counts.READY} data-images-total={total} data-job-status={job?.status ?? ''}>
      <span>
        Feature images: {counts.READY} of {total} stored.
      </span>{' '}
      {running ? (
        <span>
          <progress max={1} value={job.progress} aria-label={`progress of the ${layer} render`} /> rendering ({Math.round(job.progress * 100)}%); cells fill
          in as batches are stored.
        </span>
      ) : counts.READY < total ? (
        <button type="button" onClick={start} disabled={pending}>
          Render this layer&apos;s feature images
        </button>
      ) : null}
      {error ? (
        <span className="bs-error-message" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </div>
  );
}
