/**
 * Why a TF.js import failed:
 * - `missing-model-json`: the folder has no readable model.json;
 * - `invalid-model-json`: model.json is not JSON, or not a layers/graph model, or its manifest is malformed;
 * - `missing-shard` / `short-shard` / `long-shard`: a weight file is absent, or holds fewer or more bytes than its
 *   manifest says;
 * - `missing-weight`: a layer or op needs a weight the manifest does not list;
 * - `unsupported`: layers, ops or settings with no equivalent in the graph model (all of them are listed);
 * - `shape-mismatch`: weights, layer settings and tensor shapes that do not agree.
 */
export type TfjsImportErrorCode =
  | 'missing-model-json'
  | 'invalid-model-json'
  | 'missing-shard'
  | 'short-shard'
  | 'long-shard'
  | 'missing-weight'
  | 'unsupported'
  | 'shape-mismatch';

/** Raised by `importTfjsFolder`; the message names the file, layer or op at fault. */
export class TfjsImportError extends Error {
  override readonly name = 'TfjsImportError';

  constructor(
    readonly code: TfjsImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
