/**
 * Generated model files for tests of the import path in other workspaces (`@branchscope/nn/testing`). Seeded
 * and small; not for production code.
 */
export { smallAlexnetOnnx, smallBranchedOnnx, smallGatedOnnx, writeKerasFolder } from './testing/import-fixtures';
export { modelFormatSamples } from '@branchscope/core/testing';
export type { InceptionV1GraphDef } from './graphdef/testing/inception-v1-graphdef.test-support';
export { inceptionV1GraphDef } from './graphdef/testing/inception-v1-graphdef.test-support';
