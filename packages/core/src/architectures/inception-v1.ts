import type { Graph } from '../graph/graph';
import { GraphBuilder } from './graph-builder';
import { LUCID_INCEPTION_BLOCKS, type InceptionWidths } from './inception-blocks';

/**
 * Adds one Lucid-named Inception block (`mixed3a_1x1`, `mixed3a_3x3_bottleneck`, ..., concat `mixed3a`).
 * Convs carry Lucid's weight names; each is followed by a ReLU named `<conv>_relu`.
 */
export function lucidInceptionBlock(b: GraphBuilder, block: string, input: string, x: InceptionWidths): string {
  const convRelu = (name: string, from: string, channels: number, k: number): string =>
    b.unary('relu', `${name}_relu`, b.conv(name, from, channels, k, { pad: 'same' }));
  const p1 = convRelu(`${block}_1x1`, input, x.conv1x1, 1);
  const p3 = convRelu(`${block}_3x3`, convRelu(`${block}_3x3_bottleneck`, input, x.reduce3x3, 1), x.conv3x3, 3);
  const p5 = convRelu(`${block}_5x5`, convRelu(`${block}_5x5_bottleneck`, input, x.reduce5x5, 1), x.conv5x5, 5);
  const pool = b.pool('maxpool', `${block}_pool`, input, 3, { stride: 1, pad: 'same' });
  const pp = convRelu(`${block}_pool_reduce`, pool, x.poolProj, 1);
  return b.concat(block, [p1, p3, p5, pp]);
}

/**
 * InceptionV1 in Lucid / OpenAI Microscope numbering, the one the article's unit indices use:
 * conv2d0 -> maxpool0 -> localresponsenorm0 -> conv2d1 -> conv2d2 -> localresponsenorm1 -> maxpool1,
 * mixed3a..mixed5b with maxpool4 and maxpool10 between stages, then avgpool0 and the 1008-way
 * softmax2. TensorFlow SAME padding throughout; input 224x224 in [-117, 138].
 */
export function inceptionV1Graph(): Graph {
  const b = new GraphBuilder('input', [3, 224, 224]);
  const convRelu = (name: string, from: string, channels: number, k: number, stride = 1): string =>
    b.unary('relu', `${name}_relu`, b.conv(name, from, channels, k, { stride, pad: 'same' }));
  let x = convRelu('conv2d0', 'input', 64, 7, 2);
  x = b.lrn('localresponsenorm0', b.pool('maxpool', 'maxpool0', x, 3, { stride: 2, pad: 'same' }));
  x = convRelu('conv2d2', convRelu('conv2d1', x, 64, 1), 192, 3);
  x = b.pool('maxpool', 'maxpool1', b.lrn('localresponsenorm1', x), 3, { stride: 2, pad: 'same' });
  for (const [id, widths] of LUCID_INCEPTION_BLOCKS) {
    if (id === '4a') x = b.pool('maxpool', 'maxpool4', x, 3, { stride: 2, pad: 'same' });
    if (id === '5a') x = b.pool('maxpool', 'maxpool10', x, 3, { stride: 2, pad: 'same' });
    x = lucidInceptionBlock(b, `mixed${id}`, x, widths);
  }
  x = b.pool('avgpool', 'avgpool0', x, 7, { stride: 1 });
  x = b.dense('softmax2_pre_activation', b.flatten('avgpool0_flatten', x), 1008);
  const out = b.unary('softmax', 'softmax2', x);
  return b.build('InceptionV1 (Lucid)', [-117, 138], out);
}
