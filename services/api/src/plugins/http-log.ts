import type { Logger } from '@branchscope/jobs';
import type { RequestHandler } from 'express';
import { requestIdOf } from './request-id';

/**
 * One log line per HTTP request outside `/graphql` (which `requestLog` covers): `/health`, `/metrics` and
 * `/artifacts/*`, with the request id.
 * Successful ones are frequent (a page loads dozens of images) and go to `debug`; 4xx to `info`, 5xx to `error`.
 */
export function httpLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.path === '/graphql' || req.path.startsWith('/graphql/')) return next();
    const started = performance.now();
    res.once('finish', () => {
      const fields = { request_id: requestIdOf(res), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (res.statusCode >= 500) logger.error('http request', fields);
      else if (res.statusCode >= 400) logger.info('http request', fields);
      else logger.debug('http request', fields);
    });
    next();
  };
}
