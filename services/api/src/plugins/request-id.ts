import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/** The header a request id comes in and goes back in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is kept when it is a sane token: 1 to 128 letters, digits, `-`, `_`, `.` or `:` (UUIDs, ULIDs,
 * hex trace ids), so it can go into a log line and a header as it is.
 */
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The id to use for a request that came with `header`: the header when it is a sane token, a fresh UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_ID.test(value) ? value : randomUUID();
}

/** The request id {@link requestId} gave this response. */
export const requestIdOf = (res: Response): string => String(res.locals.requestId);

/**
 * Gives every HTTP request an id (the caller's `x-request-id` when sane, else a new UUID), sent back in the
 * `x-request-id` response header and kept in `res.locals.requestId` for the log lines and error answers.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}
