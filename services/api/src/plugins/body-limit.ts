import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

/** Largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MB` : `${bytes} bytes`);

/** The body limit of a request carrying an `importModel` upload of `maxUploadBytes` as base64. */
export const uploadBodyLimit = (maxUploadBytes: number): number => MAX_BODY_BYTES + Math.ceil(maxUploadBytes / 3) * 4;

/**
 * JSON body parsing capped at {@link MAX_BODY_BYTES}, except for a request that names `importModel`, which may
 * carry a base64 model file of up to `maxUploadBytes` (0: no uploads). Any other body over the small limit is
 * refused before it is parsed.
 */
export function jsonBody(maxUploadBytes = 0): RequestHandler {
  const limit = uploadBodyLimit(maxUploadBytes);
  return express.json({
    limit,
    verify: (_req, _res, body) => {
      if (body.length > MAX_BODY_BYTES && (maxUploadBytes === 0 || body.indexOf('importModel') < 0)) {
        throw Object.assign(new Error('request body too large'), { type: 'entity.too.large', length: body.length });
      }
    },
  });
}

/**
 * Turns body-parser failures into GraphQL-shaped answers: 413 naming the limit for an oversized body,
 * 400 for a body that is not JSON. Other errors pass on.
 */
export function bodyErrors(): ErrorRequestHandler {
  return (error: { type?: string; length?: number; limit?: number; message?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      const got = error.length ? ` (got ${formatBytes(error.length)})` : '';
      // body-parser reports its own limit: the upload limit, which only importModel requests reach.
      const upload = error.limit !== undefined && error.limit > MAX_BODY_BYTES;
      const maxBytes = upload ? error.limit! : MAX_BODY_BYTES;
      const what = upload ? 'an importModel request with its base64 upload' : 'request body';
      const advice = upload ? ': the upload limit is BRANCHSCOPE_MAX_UPLOAD_BYTES (decoded); import a larger file by path' : '';
      res.status(413).json({
        errors: [
          {
            message: `${what} is larger than the limit of ${formatBytes(maxBytes)}${got}${advice}`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes },
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
