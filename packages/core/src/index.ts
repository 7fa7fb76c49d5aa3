export type { ModelId, UnitIndex } from './ids';
export { modelId, unitIndex } from './ids';
export type {
  OpKind,
  ConvAttrs,
  PoolAttrs,
  LrnAttrs,
  GraphNode,
  Graph,
  UnitRange,
  BlockKind,
  Branch,
  BranchedBlock,
  ConvWeights,
} from './graph/graph';
export { alexnetGraph } from './architectures/alexnet';
export type { Matrix } from './linalg/matrix';
export { zeros, fromRows, at, toRows } from './linalg/matrix';
export { hypergeometricTail, logHypergeometricTail } from './stats/hypergeometric';
