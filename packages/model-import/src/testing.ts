/**
 * Generated model files for tests of the import path in other workspaces (`@branchscope/model-import/testing`). Seeded
 * and small; not for production code.
 */
export { smallAlexnetOnnx, smallBranchedOnnx, smallGatedOnnx, writeKerasFolder } from './testing/import-fixtures';
export { modelFormatSamples } from '@branchscope/core/testing';
export type { InceptionV1GraphDef } from './graphdef/testing/inception-v1-graphdef.test-support';
export { inceptionV1GraphDef } from './graphdef/testing/inception-v1-graphdef.test-support';
export { EXPORT_TORCHVISION_SCRIPT, exportTorchvision, torchvisionMissing } from './onnx/testing/torchvision-exports.test-support';
export { resnetTwin } from './onnx/testing/resnet-twin.test-support';
export type { ZooTwin } from './onnx/testing/zoo-twins.test-support';
export { caffe2Twin } from './onnx/testing/zoo-twins.test-support';
