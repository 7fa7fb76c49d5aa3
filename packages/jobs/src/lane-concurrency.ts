import { JobQueueError } from './job-queue';
import { JOB_LANES, type JobLane } from './kinds/lanes';

/** How many jobs run at once in each lane: one number for every lane, or a number per lane (1 for lanes not named). */
export type LaneConcurrency = number | Partial<Record<JobLane, number>>;

/** Every lane's concurrency, 1 unless `option` says otherwise; throws naming the lane for a value that is not a positive integer. */
export function laneConcurrency(option: LaneConcurrency | undefined): Record<JobLane, number> {
  const given = (lane: JobLane): number => (typeof option === 'number' ? option : option?.[lane] ?? 1);
  const result = {} as Record<JobLane, number>;
  for (const lane of JOB_LANES) {
    const value = given(lane);
    if (!Number.isInteger(value) || value < 1) {
      const what = typeof option === 'number' ? 'concurrency' : `concurrency of the '${lane}' lane`;
      throw new JobQueueError(`${what} must be a positive integer, got ${value}`);
    }
    result[lane] = value;
  }
  if (typeof option === 'object') {
    const unknown = Object.keys(option).filter((lane) => !JOB_LANES.includes(lane as JobLane));
    if (unknown.length > 0) throw new JobQueueError(`unknown lane(s) ${unknown.join(', ')}; the lanes are ${JOB_LANES.join(', ')}`);
  }
  return result;
}
