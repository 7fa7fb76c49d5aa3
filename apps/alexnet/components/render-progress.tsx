'use client';

import { useEffect, useState } from 'react';
import { BASE_PATH } from '../lib/base-path';
import type { RenderJobState } from '../lib/render-job-state';

export interface RenderProgressProps {
  modelId: string;
  layer: string;
  units: number[];
  /** The id of the placeholder this line reports on: polling stops once it has left the page. */
  placeholderId: string;
}

const POLL_MS = 1000;

/**
 * The live state of the render job a placeholder waits for: polls the zone's `/api/render-state` every second
 * while the placeholder is on the page, and draws nothing once the images have replaced it.
 */
export function RenderProgress({ modelId, layer, units, placeholderId }: RenderProgressProps) {
  const [waiting, setWaiting] = useState(true);
  const [job, setJob] = useState<RenderJobState | null>(null);
  const unitList = units.join(',');

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const url = `${BASE_PATH}/api/render-state?${new URLSearchParams({ model: modelId, layer, units: unitList })}`;
    const tick = async () => {
      if (stopped) return;
      if (!document.getElementById(placeholderId)) {
        setWaiting(false);
        return;
      }
      try {
        const response = await fetch(url, { cache: 'no-store' });
        if (response.ok && !stopped) setJob(((await response.json()) as { job: RenderJobState | null }).job);
      } catch {
        // The next tick tries again; the placeholder's static text still says what is happening.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [modelId, layer, unitList, placeholderId]);

  if (!waiting) return null;
  return (
    <p className="render-progress" role="status" data-job-status={job?.status ?? 'WAITING'}>
      {job === null ? (
        'Waiting for the render job…'
      ) : job.status === 'QUEUED' ? (
        <>
          Job <code>{job.jobId.slice(0, 8)}</code> is queued behind other work on the worker.
        </>
      ) : (
        <>
          <progress max={1} value={job.progress} /> Job <code>{job.jobId.slice(0, 8)}</code> rendering:{' '}
          {Math.round(job.progress * 100)}%
        </>
      )}
    </p>
  );
}
