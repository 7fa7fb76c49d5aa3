import { JobsQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import type { NextRequest } from 'next/server';
import { renderJobState } from '../../../lib/render-job-state';

export const dynamic = 'force-dynamic';

/**
 * `GET /alexnet/api/render-state?model=&layer=&units=0,1,128` -> `{ job: { jobId, status, progress } | null }`: the
 * queued or running `render-features` job for some of those units, for the features placeholder's progress line.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const modelId = params.get('model');
  const layer = params.get('layer');
  const units = (params.get('units') ?? '').split(',').filter(Boolean).map(Number);
  if (!modelId || !layer || units.length === 0 || units.some((u) => !Number.isInteger(u))) {
    return Response.json({ error: 'expected ?model=<id>&layer=<name>&units=<comma-separated unit indices>' }, { status: 400 });
  }
  try {
    const client = createBranchscopeClient(apiUrlFromEnv());
    const [running, queued] = await Promise.all([
      query(client, JobsQuery, { status: 'RUNNING' }),
      query(client, JobsQuery, { status: 'QUEUED' }),
    ]);
    const job = renderJobState([...running.jobs, ...queued.jobs], { modelId, layer, units });
    return Response.json({ job }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 502 });
  }
}
