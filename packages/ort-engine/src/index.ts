export type { GradientModelOptions, GeneratedGradientModel } from './build-gradient-model';
export { buildGradientModel, generateGradientModel } from './build-gradient-model';
export type { ParamInput } from './param-values';
export { GENERATED_OPSET, OnnxEmitter } from './onnx-emitter';
export type { OrtSession, OrtSessionOptions, TensorData } from './ort-session';
export { coreCount, createOrtSession, loadOrt, SPINNING_ENV, spinWhenIdle } from './ort-session';
export type { EngineName, PickedEngine, PickEngineOptions } from './pick-engine';
export { pickEngine, ENGINE_ENV, ENGINE_ORDER } from './pick-engine';
