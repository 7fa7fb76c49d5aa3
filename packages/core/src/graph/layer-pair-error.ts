export type LayerPairErrorCode =
  | 'unknown-layer'
  | 'not-conv'
  | 'layer-between'
  | 'unsupported-op'
  | 'not-connected'
  | 'ambiguous'
  | 'weights-mismatch';

/** Why a pair of layers has no single |W| matrix between them. The message names the model and the layers. */
export class LayerPairError extends Error {
  override readonly name = 'LayerPairError';
  constructor(
    readonly code: LayerPairErrorCode,
    message: string,
  ) {
    super(message);
  }
}
