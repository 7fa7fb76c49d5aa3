import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { BVLC_INCEPTION_BLOCKS, type InceptionWidths } from './inception-blocks';

function inceptionBlock(b: GraphBuilder, block: string, input: string, x: InceptionWidths): string {
  const convRelu = (name: string, from: string, channels: number, k: number): string =>
    b.unary('relu', `${block}/relu_${name}`, b.conv(`${block}/${name}`, from, channels, k, { pad: (k - 1) / 2 }));
  const p1 = convRelu('1x1', input, x.conv1x1, 1);
  const p3 = convRelu('3x3', convRelu('3x3_reduce', input, x.reduce3x3, 1), x.conv3x3, 3);
  const p5 = convRelu('5x5', convRelu('5x5_reduce', input, x.reduce5x5, 1), x.conv5x5, 5);
  const pp = convRelu('pool_proj', b.pool('maxpool', `${block}/pool`, input, 3, { stride: 1, pad: 1 }), x.poolProj, 1);
  return b.concat(`${block}/output`, [p1, p3, p5, pp]);
}

/**
 * GoogLeNet as in the BVLC Caffe prototxt and the ONNX model zoo's `googlenet`: Caffe layer names
 * (`conv1/7x7_s2`, `inception_3a/3x3_reduce`, `inception_3a/output`...), ceil-mode pooling, and the
 * BVLC widths (inception_4a 3x3 = 208, inception_5a 5x5 reduce = 32). Input `data_0`, BGR minus the
 * Caffe mean, like AlexNet.
 */
export function googlenetGraph(): Graph {
  const b = new GraphBuilder('data_0', [3, 224, 224]);
  const pool3s2 = (name: string, from: string): string => b.pool('maxpool', name, from, 3, { stride: 2, ceil: true });
  let x = b.unary('relu', 'conv1/relu_7x7', b.conv('conv1/7x7_s2', 'data_0', 64, 7, { stride: 2, pad: 3 }));
  x = b.lrn('pool1/norm1', pool3s2('pool1/3x3_s2', x));
  x = b.unary('relu', 'conv2/relu_3x3_reduce', b.conv('conv2/3x3_reduce', x, 64, 1));
  x = b.unary('relu', 'conv2/relu_3x3', b.conv('conv2/3x3', x, 192, 3, { pad: 1 }));
  x = pool3s2('pool2/3x3_s2', b.lrn('conv2/norm2', x));
  for (const [id, widths] of BVLC_INCEPTION_BLOCKS) {
    if (id === '4a') x = pool3s2('pool3/3x3_s2', x);
    if (id === '5a') x = pool3s2('pool4/3x3_s2', x);
    x = inceptionBlock(b, `inception_${id}`, x, widths);
  }
  x = b.unary('dropout', 'pool5/drop_7x7_s1', b.pool('avgpool', 'pool5/7x7_s1', x, 7, { stride: 1 }));
  x = b.dense('loss3/classifier', b.flatten('pool5/flatten', x), 1000);
  return b.build('GoogLeNet (BVLC)', [-123.68, 151.061], b.unary('softmax', 'prob', x));
}
