/**
 * Generated files for tests in other workspaces (`@branchscope/core/testing`): one small sample of each model file
 * format the sniffer recognises. Not for production code.
 */
export { modelFormatSamples } from './testing/model-format-samples';
export { zipArchive } from './testing/zip-archive';
export { protoMessage } from './testing/proto-encode';
/** The one-sided Jacobi SVD branchscope used before Golub-Kahan: the reference its tests and `bench/svd.ts` compare with. */
export { jacobiSvd } from './linalg/jacobi-svd';
