import type { RequestHandler } from 'express';

/** Origins served by the portal and the apps in development and on the team's machines: any localhost port. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * CORS for any localhost origin and no other: browsers on other sites cannot read the API. Answers preflight
 * requests itself.
 */
export function localhostCors(): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && LOCAL_ORIGIN.test(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] ?? 'content-type, apollo-require-preflight',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      // So a page can show the id of a failed request, which names its line in the server log.
      res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
    }
    res.vary('Origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
