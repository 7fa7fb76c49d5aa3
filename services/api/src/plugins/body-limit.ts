import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

/** Largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MB` : `${bytes} bytes`);

/** JSON body parsing capped at {@link MAX_BODY_BYTES}. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: MAX_BODY_BYTES });
}

/**
 * Turns body-parser failures into GraphQL-shaped answers: 413 naming the limit for an oversized body,
 * 400 for a body that is not JSON. Other errors pass on.
 */
export function bodyErrors(): ErrorRequestHandler {
  return (error: { type?: string; length?: number; message?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      const got = error.length ? ` (got ${formatBytes(error.length)})` : '';
      res.status(413).json({
        errors: [
          {
            message: `request body is larger than the limit of ${formatBytes(MAX_BODY_BYTES)}${got}`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BODY_BYTES },
          },
        ],
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: `request body is not valid JSON: ${error.message}`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(error);
  };
}
