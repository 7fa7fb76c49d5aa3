/**
 * Test support for the packages built on the runtime (`@branchscope/runtime/testing`): seeded arrays, reference
 * ops on plain arrays, small graphs that use every op, and a quiet backend switch. Not for production code.
 */
export type { Nchw } from './testing/test-helpers';
export { seededArray, seededNchw, fixedWeights, randomConv, convAttrs, singleNodeGraph, referenceConv, referenceLrn, referencePool, maxAbsDiff, runNchw } from './testing/test-helpers';
export { tinyGraph, tinyTrainGraph } from './testing/tiny-graph';
export { useBackend } from './testing/use-backend';
