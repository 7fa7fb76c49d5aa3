import { JOB_KINDS, type KindOf } from '@branchscope/jobs';

/** The job kinds this worker can run: every kind of `JobKinds`. */
export const WORKER_JOB_KINDS: readonly KindOf[] = JOB_KINDS;
