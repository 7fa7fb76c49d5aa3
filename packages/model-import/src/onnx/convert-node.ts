import type { GraphNode } from '@branchscope/core';
import { attr } from './attributes';
import { convertClip, convertSigmoid } from './convert-activations';
import { convertArithmetic } from './convert-arithmetic';
import { convertGather, convertSlice, convertSplit } from './convert-channels';
import { convertReshape, convertTranspose, convertUnsqueeze } from './convert-reshape';
import { convertConv, convertPad, convertPool } from './convert-window';
import { act, constant, optionalConstant, spatial4d, type Converter } from './converter';
import { batchNormParams, denseParams } from './graph-params';
import type { OnnxNode } from './onnx-model';
import { normAxis } from './ops/op-def';
import { reduceAxes } from './ops/reduce';

export type { Converter } from './converter';

/** The ONNX operators the layer graph has an equivalent for (under the conditions each converter checks). */
export const CONVERTIBLE_OPS: ReadonlySet<string> = new Set([
  'Identity', 'Dropout', 'Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'LRN', 'Conv', 'MaxPool', 'AveragePool',
  'GlobalAveragePool', 'ReduceMean', 'Concat', 'Add', 'Sum', 'Sub', 'Mul', 'Div', 'BatchNormalization', 'Gemm', 'MatMul',
  'Flatten', 'Reshape', 'Squeeze', 'Unsqueeze', 'Transpose', 'Gather', 'Slice', 'Split', 'Softmax', 'Pad', 'Cast',
]);

/** ReduceMean over both spatial axes of an image: a global average pool. */
function reduceMean(c: Converter, node: OnnxNode): void {
  const s = spatial4d(c, node);
  if (reduceAxes(node, s.length).join() !== '2,3') c.fail('averages over something other than the spatial axes', node);
  c.push(node, { op: 'globalavgpool', inputs: [act(c, node, 0)] });
}

/** Converts one ONNX node that reads at least one activation. */
export function convertNode(c: Converter, node: OnnxNode): void {
  const unary = (op: GraphNode['op']): void => c.push(node, { op, inputs: [act(c, node, 0)] });
  const inShape = (): number[] => c.shape(node.inputs[0]!, node);
  switch (node.opType) {
    case 'Identity':
      return c.alias(node, node.inputs[0]!);
    case 'Cast':
      if (c.model.info.get(node.outputs[0]!)?.dtype !== 'float32' || c.model.info.get(node.inputs[0]!)?.dtype !== 'float32') c.fail('casts an activation to another element type', node);
      return c.alias(node, node.inputs[0]!);
    case 'Dropout':
      return unary('dropout');
    case 'Relu':
      return unary('relu');
    case 'Clip':
      return convertClip(c, node);
    case 'Sigmoid':
    case 'HardSigmoid':
      return convertSigmoid(c, node);
    case 'HardSwish':
      return unary('hardswish');
    case 'LRN':
      spatial4d(c, node);
      return c.push(node, {
        op: 'lrn',
        inputs: [act(c, node, 0)],
        lrn: { size: attr.int(node, 'size', 1), alpha: attr.float(node, 'alpha', 1e-4), beta: attr.float(node, 'beta', 0.75), bias: attr.float(node, 'bias', 1) },
      });
    case 'Conv':
      return convertConv(c, node);
    case 'MaxPool':
    case 'AveragePool':
      return convertPool(c, node);
    case 'GlobalAveragePool':
      spatial4d(c, node);
      return unary('globalavgpool');
    case 'ReduceMean':
      return reduceMean(c, node);
    case 'Concat': {
      const rank = inShape().length;
      if (normAxis(node, attr.int(node, 'axis', 1), rank) !== 1) c.fail('concatenates along an axis other than channels', node);
      return c.push(node, { op: 'concat', inputs: node.inputs.map((_, i) => act(c, node, i)), axis: 1 });
    }
    case 'Add':
    case 'Sum':
    case 'Sub':
    case 'Mul':
    case 'Div':
      return convertArithmetic(c, node);
    case 'BatchNormalization': {
      const params = [1, 2, 3, 4].map((i) => constant(c, node, i, 'parameter'));
      if (params.some((p) => p.data.length !== inShape()[1])) c.fail('has per-activation parameters (spatial = 0)', node);
      return c.push(node, { op: 'batchnorm', inputs: [act(c, node, 0)] }, batchNormParams(node, params));
    }
    case 'Gemm':
    case 'MatMul': {
      if (inShape().length !== 2) c.fail('multiplies a tensor that is not [N, features]', node);
      if (node.opType === 'Gemm' && attr.int(node, 'transA', 0) === 1) c.fail('transposes its activation input (transA)', node);
      const b = constant(c, node, 1, 'weight');
      if (b.dims.length !== 2) c.fail(`has a rank-${b.dims.length} weight`, node);
      return c.push(node, { op: 'dense', inputs: [act(c, node, 0)] }, denseParams(node, b, node.opType === 'Gemm' ? optionalConstant(c, node, 2, 'bias') : undefined));
    }
    case 'Flatten':
    case 'Reshape':
    case 'Squeeze':
      return convertReshape(c, node);
    case 'Unsqueeze':
      return convertUnsqueeze(c, node);
    case 'Transpose':
      return convertTranspose(c, node);
    case 'Gather':
      return convertGather(c, node);
    case 'Slice':
      return convertSlice(c, node);
    case 'Split':
      return convertSplit(c, node);
    case 'Softmax': {
      const rank = inShape().length;
      const axis = normAxis(node, attr.int(node, 'axis', c.model.opset < 13 ? 1 : -1), rank);
      if (rank !== 2 && !(rank === 4 && axis === 1 && c.model.opset >= 13)) c.fail('normalises over something other than the feature axis', node);
      return unary('softmax');
    }
    case 'Pad':
      return convertPad(c, node);
    default:
      return c.fail('has no graph equivalent', node);
  }
}
