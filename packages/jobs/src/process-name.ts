import { hostname } from 'node:os';

/** How a job record names the process that ran it: `host:pid`. */
export const processName = (): string => `${hostname()}:${process.pid}`;
