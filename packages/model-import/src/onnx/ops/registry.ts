import { hardSigmoidOp, hardSwishOp, sigmoidOp } from './activations';
import { convOp } from './conv';
import { shapeOp, squeezeOp, transposeOp, unsqueezeOp } from './dims';
import { ifOp } from './control-flow';
import { addOp, castOp, clipOp, divOp, dropoutOp, equalOp, identityOp, mulOp, powOp, reluOp, subOp, sumOp, whereOp } from './elementwise';
import { gatherOp, sliceOp, splitOp } from './indexing';
import { gemmOp, matMulOp } from './matrix';
import { batchNormalizationOp, lrnOp, softmaxOp } from './normalization';
import type { OpDef } from './op-def';
import { padOp } from './pad';
import { averagePoolOp, globalAveragePoolOp, maxPoolOp } from './pool';
import { reduceMeanOp } from './reduce';
import { concatOp, constantOfShapeOp, constantOp, expandOp, flattenOp, reshapeOp } from './shape-ops';

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
  ['Sub', subOp],
  ['Mul', mulOp],
  ['Div', divOp],
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
  ['Sigmoid', sigmoidOp],
  ['HardSigmoid', hardSigmoidOp],
  ['HardSwish', hardSwishOp],
  ['ReduceMean', reduceMeanOp],
  ['Shape', shapeOp],
  ['Gather', gatherOp],
  ['Unsqueeze', unsqueezeOp],
  ['Squeeze', squeezeOp],
  ['Transpose', transposeOp],
  ['Slice', sliceOp],
  ['Split', splitOp],
  ['Cast', castOp],
  ['Pow', powOp],
  ['Equal', equalOp],
  ['Where', whereOp],
  ['ConstantOfShape', constantOfShapeOp],
  ['Expand', expandOp],
  ['If', ifOp],
]);

/**
 * Lowest and highest default-domain opset versions accepted. The ops above keep their meaning back to opset 1
 * once their legacy attributes are read (broadcast/axis before 7, Clip and Pad attributes before 11, Reshape's
 * shape attribute before 5, Concat's default axis before 4, BatchNormalization's spatial before 9, Slice's
 * attributes before 10, Split's, Squeeze's and Unsqueeze's before 13).
 */
export const ONNX_OPSET_RANGE: readonly [number, number] = [1, 17];

/** The supported operator types, for messages and documentation. */
export const SUPPORTED_ONNX_OPS: readonly string[] = [...ONNX_OPS.keys()];
