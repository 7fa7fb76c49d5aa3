import { fillNormal } from '@branchscope/runtime';
import { a, OnnxBuilder } from './onnx-builder.test-support';

const normal = (n: number, key: string, std = 0.3): Float32Array => fillNormal(new Float32Array(n), key, std);

/**
 * A small branched CNN exercising most operators: a grouped Conv with asymmetric pads, ReLU, LRN, a ceil-mode
 * MaxPool, an Inception-like Concat of a 1x1 and a padded 3x3 path, a residual Add around a 1x1 Conv and BatchNormalization,
 * average pooling with pads, Flatten, Gemm (transB 0, alpha, beta) and Softmax. Input `x` [1, 4, 9, 9].
 */
export function smallBranchedModel(opset = 13): OnnxBuilder {
  const b = new OnnxBuilder('small', opset);
  b.input('x', [1, 4, 9, 9]);
  const c1 = b.node('Conv', ['x', b.floats('w1', [8, 2, 3, 3], normal(144, 'w1')), b.floats('b1', [8], normal(8, 'b1', 0.1))], ['c1'], {
    group: a.int(2),
    pads: a.ints([1, 0, 0, 1]),
    kernel_shape: a.ints([3, 3]),
  }, 'conv1');
  const r1 = b.node('Relu', [c1], ['r1'], {}, 'relu1');
  const n1 = b.node('LRN', [r1], ['n1'], { size: a.int(3), alpha: a.float(1e-2), beta: a.float(0.75), bias: a.float(1) }, 'norm1');
  const p1 = b.node('MaxPool', [n1], ['p1'], { kernel_shape: a.ints([2, 2]), strides: a.ints([2, 2]), ceil_mode: a.int(1) }, 'pool1');
  const left = b.node('Conv', [p1, b.floats('wl', [4, 8, 1, 1], normal(32, 'wl'))], ['left'], {}, 'mix/1x1');
  const right = b.node('Conv', [p1, b.floats('wr', [4, 8, 3, 3], normal(288, 'wr'))], ['right'], { auto_pad: a.string('SAME_UPPER') }, 'mix/3x3');
  const cat = b.node('Concat', [left, right], ['cat'], { axis: a.int(1) }, 'mix/output');
  const bnParams = ['gamma', 'beta', 'mean', 'var'].map((p, i) => b.floats(`bn_${p}`, [8], normal(8, `bn${p}`, 0.1).map((v) => (i === 0 || i === 3 ? 1 + Math.abs(v) : v))));
  const resConv = b.node('Conv', [cat, b.floats('wres', [8, 8, 1, 1], normal(64, 'wres'))], ['rc'], {}, 'res/conv');
  const bn = b.node('BatchNormalization', [resConv, ...bnParams], ['bn'], { epsilon: a.float(1e-3) }, 'res/bn');
  const sum = b.node('Add', [bn, cat], ['sum'], {}, 'res/plus');
  const avg = b.node('AveragePool', [sum], ['avg'], { kernel_shape: a.ints([3, 3]), pads: a.ints([1, 1, 1, 1]) }, 'pool2');
  const flat = b.node('Flatten', [avg], ['flat'], { axis: a.int(1) }, 'flatten');
  const fc = b.node('Gemm', [flat, b.floats('wfc', [128, 5], normal(640, 'wfc', 0.1)), b.floats('bfc', [5], normal(5, 'bfc', 0.1))], ['fc'], {
    alpha: a.float(0.5),
    beta: a.float(2),
  }, 'fc');
  b.node('Softmax', [fc], ['prob'], { axis: a.int(1) }, 'prob');
  b.output('prob', [1, 5]);
  return b;
}

/**
 * A small gated residual net as torchvision's MobileNetV3 and EfficientNet blocks are exported (named nodes, opset 13):
 * a stem conv, then one block: 1x1 expand, depthwise 3x3 (8 groups), a squeeze-and-excitation gate (GlobalAveragePool,
 * 1x1 conv, ReLU, 1x1 conv, HardSigmoid, Mul), 1x1 project and a residual Add onto the stem; then global pooling and a
 * Gemm. Input `x` [1, 3, 16, 16]. One grouped, one gate and one residual block.
 */
export function smallGatedModel(opset = 13): OnnxBuilder {
  const b = new OnnxBuilder('small-gated', opset);
  b.input('x', [1, 3, 16, 16]);
  const conv = (name: string, input: string, out: number, inPerGroup: number, k: number, attrs: Record<string, ReturnType<typeof a.int>> = {}) =>
    b.node('Conv', [input, b.floats(`${name}.weight`, [out, inPerGroup, k, k], normal(out * inPerGroup * k * k, name)), b.floats(`${name}.bias`, [out], normal(out, `${name}.b`, 0.1))], [`/${name}/Conv_output_0`], {
      kernel_shape: a.ints([k, k]),
      ...attrs,
    }, `/${name}/Conv`);
  const stem = b.node('Relu', [conv('stem', 'x', 4, 3, 3, { pads: a.ints([1, 1, 1, 1]) })], ['/stem_act/Relu_output_0'], {}, '/stem_act/Relu');
  const expand = b.node('Relu', [conv('block/expand', stem, 8, 4, 1)], ['/block/expand_act/Relu_output_0'], {}, '/block/expand_act/Relu');
  const dw = b.node('Relu', [conv('block/dw', expand, 8, 1, 3, { pads: a.ints([1, 1, 1, 1]), group: a.int(8) })], ['/block/dw_act/Relu_output_0'], {}, '/block/dw_act/Relu');
  const squeeze = b.node('GlobalAveragePool', [dw], ['/block/se/avgpool/GlobalAveragePool_output_0'], {}, '/block/se/avgpool/GlobalAveragePool');
  const fc1 = b.node('Relu', [conv('block/se/fc1', squeeze, 2, 8, 1)], ['/block/se/act/Relu_output_0'], {}, '/block/se/act/Relu');
  const gate = b.node('HardSigmoid', [conv('block/se/fc2', fc1, 8, 2, 1)], ['/block/se/scale/HardSigmoid_output_0'], { alpha: a.float(1 / 6), beta: a.float(0.5) }, '/block/se/scale/HardSigmoid');
  const scaled = b.node('Mul', [gate, dw], ['/block/se/Mul_output_0'], {}, '/block/se/Mul');
  const sum = b.node('Add', [conv('block/project', scaled, 4, 8, 1), stem], ['/block/Add_output_0'], {}, '/block/Add');
  const pooled = b.node('GlobalAveragePool', [sum], ['/avgpool/GlobalAveragePool_output_0'], {}, '/avgpool/GlobalAveragePool');
  const flat = b.node('Flatten', [pooled], ['/Flatten_output_0'], { axis: a.int(1) }, '/Flatten');
  b.node('Gemm', [flat, b.floats('fc.weight', [5, 4], normal(20, 'fc')), b.floats('fc.bias', [5], normal(5, 'fc.b', 0.1))], ['output'], { transB: a.int(1) }, '/fc/Gemm');
  b.output('output', [1, 5]);
  return b;
}
