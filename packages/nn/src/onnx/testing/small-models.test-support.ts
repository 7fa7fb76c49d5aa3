import { fillNormal } from '../../weights/prng';
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
