import type { GraphBuilder } from './graph-builder';

export interface BottleneckSpec {
  /** Block prefix, e.g. `stage2_unit1`. */
  name: string;
  input: string;
  /** Output width C; the inner width is C / 4. */
  channels: number;
  stride: number;
  /** Whether the shortcut is a 1x1 projection (a stage's first block) rather than the identity. */
  project: boolean;
  /** When false, no shortcut and no Add: the plain control of a residual network. */
  residual?: boolean;
}

/**
 * v1 bottleneck: 1x1 (stride s) -> BN -> ReLU -> 3x3 -> BN -> ReLU -> 1x1 -> BN, plus the shortcut
 * (1x1 stride s + BN when projecting), Add, then ReLU. Returns the block's output.
 */
export function bottleneckV1(b: GraphBuilder, s: BottleneckSpec): string {
  const n = s.name;
  const inner = s.channels / 4;
  let x = b.conv(`${n}_conv1`, s.input, inner, 1, { stride: s.stride, bias: false });
  x = b.unary('relu', `${n}_relu1`, b.unary('batchnorm', `${n}_bn1`, x));
  x = b.conv(`${n}_conv2`, x, inner, 3, { pad: 1, bias: false });
  x = b.unary('relu', `${n}_relu2`, b.unary('batchnorm', `${n}_bn2`, x));
  x = b.unary('batchnorm', `${n}_bn3`, b.conv(`${n}_conv3`, x, s.channels, 1, { bias: false }));
  if (s.residual !== false) {
    const shortcut = s.project
      ? b.unary('batchnorm', `${n}_sc_bn`, b.conv(`${n}_sc`, s.input, s.channels, 1, { stride: s.stride, bias: false }))
      : s.input;
    x = b.add(`${n}_plus`, [x, shortcut]);
  }
  return b.unary('relu', `${n}_relu`, x);
}

/**
 * v2 (pre-activation) bottleneck: BN -> ReLU -> 1x1 -> BN -> ReLU -> 3x3 (stride s) -> BN -> ReLU -> 1x1,
 * plus the shortcut, Add and no ReLU after it. As in MXNet/Gluon (the ONNX zoo's source), a projection
 * shortcut reads the block's first ReLU, an identity shortcut the block's input.
 */
export function bottleneckV2(b: GraphBuilder, s: BottleneckSpec): string {
  const n = s.name;
  const inner = s.channels / 4;
  const pre = b.unary('relu', `${n}_relu1`, b.unary('batchnorm', `${n}_bn1`, s.input));
  let x = b.conv(`${n}_conv1`, pre, inner, 1, { bias: false });
  x = b.unary('relu', `${n}_relu2`, b.unary('batchnorm', `${n}_bn2`, x));
  x = b.conv(`${n}_conv2`, x, inner, 3, { stride: s.stride, pad: 1, bias: false });
  x = b.unary('relu', `${n}_relu3`, b.unary('batchnorm', `${n}_bn3`, x));
  x = b.conv(`${n}_conv3`, x, s.channels, 1, { bias: false });
  if (s.residual === false) return x;
  const shortcut = s.project ? b.conv(`${n}_sc`, pre, s.channels, 1, { stride: s.stride, bias: false }) : s.input;
  return b.add(`${n}_plus`, [x, shortcut]);
}
