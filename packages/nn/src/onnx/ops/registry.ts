import { convOp } from './conv';
import { addOp, clipOp, dropoutOp, identityOp, mulOp, reluOp, sumOp } from './elementwise';
import { gemmOp, matMulOp } from './matrix';
import { batchNormalizationOp, lrnOp, softmaxOp } from './normalization';
import type { OpDef } from './op-def';
import { padOp } from './pad';
import { averagePoolOp, globalAveragePoolOp, maxPoolOp } from './pool';
import { concatOp, constantOp, flattenOp, reshapeOp } from './shape-ops';

/** Every ONNX operator (default domain) that branchscope imports and runs. */
export const ONNX_OPS: ReadonlyMap<string, OpDef> = new Map<string, OpDef>([
  ['Conv', convOp],
  ['Relu', reluOp],
  ['LRN', lrnOp],
  ['MaxPool', maxPoolOp],
  ['AveragePool', averagePoolOp],
  ['GlobalAveragePool', globalAveragePoolOp],
  ['Concat', concatOp],
  ['Add', addOp],
  ['Sum', sumOp],
  ['Mul', mulOp],
  ['BatchNormalization', batchNormalizationOp],
  ['Gemm', gemmOp],
  ['MatMul', matMulOp],
  ['Flatten', flattenOp],
  ['Reshape', reshapeOp],
  ['Dropout', dropoutOp],
  ['Softmax', softmaxOp],
  ['Pad', padOp],
  ['Clip', clipOp],
  ['Identity', identityOp],
  ['Constant', constantOp],
]);

/**
 * Lowest and highest default-domain opset versions accepted. The ops above keep their meaning back to opset 1
 * once their legacy attributes are read (broadcast/axis before 7, Clip and Pad attributes before 11, Reshape's
 * shape attribute before 5, Concat's default axis before 4, BatchNormalization's spatial before 9).
 */
export const ONNX_OPSET_RANGE: readonly [number, number] = [1, 17];

/** The supported operator types, for messages and documentation. */
export const SUPPORTED_ONNX_OPS: readonly string[] = [...ONNX_OPS.keys()];
