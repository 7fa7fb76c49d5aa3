export type { BackendName, InitBackendOptions } from './backend';
export { initBackend, currentBackend, BACKEND_ENV } from './backend';
export type { WeightSource, DenseWeights, BatchNormParams } from './weights/weight-source';
export { seededWeights } from './weights/seeded-weights';
export type { ActivationShape } from './graph/infer-shapes';
export { inferShapes } from './graph/infer-shapes';
export type { ExecutableModel, BuildOptions } from './executor/build-executable';
export { buildExecutable } from './executor/build-executable';
export type { Layout } from './executor/layout';
