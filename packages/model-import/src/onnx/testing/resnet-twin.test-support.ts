import { fillNormal } from '@branchscope/runtime';
import { a, OnnxBuilder } from './onnx-builder.test-support';
import type { ZooTwin } from './zoo-twins.test-support';

const STAGES: Record<number, number[]> = { 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3] };
const WIDTHS = [256, 512, 1024, 2048];

/**
 * A twin of the ONNX zoo's resnet{50,101,152}-v1/-v2 (MXNet Gluon exports, opset 7): nodes named
 * `resnetv17_stage1_conv0_fwd` (v2: `resnetv24_...`), weights `<layer>_weight`, batch norms `_gamma`, `_beta`,
 * `_running_mean`, `_running_var`, adds `stageN__plusK`, and post-add ReLUs `stageN_activationK` (v1).
 * Per-stage counters run across units as Gluon numbers them. Seeded weights; `size` is the input's side.
 */
export function resnetTwin(options: { depth: 50 | 101 | 152; version: 1 | 2; size: number; seed: number; opset?: number }): ZooTwin {
  const { depth, version, size, seed } = options;
  const p = version === 1 ? 'resnetv17' : 'resnetv24';
  const b = new OnnxBuilder(`resnet${depth}_v${version}`, options.opset ?? 7);
  b.input('data', [1, 3, size, size]);
  let counters = new Map<string, number>();
  let scope = p;
  const next = (kind: string): string => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return `${scope}_${kind}${n}`;
  };
  const conv = (x: string, cin: number, cout: number, k: number, stride: number): string => {
    const name = next('conv');
    const fanIn = cin * k * k;
    const w = b.floats(`${name}_weight`, [cout, cin, k, k], fillNormal(new Float32Array(cout * fanIn), `${seed}/${name}`, Math.sqrt(2 / fanIn)));
    const pad = (k - 1) / 2;
    return b.node('Conv', [x, w], [`${name}_fwd`], { kernel_shape: a.ints([k, k]), pads: a.ints([pad, pad, pad, pad]), strides: a.ints([stride, stride]) }, `${name}_fwd`);
  };
  const bn = (x: string, c: number): string => {
    const name = next('batchnorm');
    const noise = (tag: string, std: number): Float32Array => fillNormal(new Float32Array(c), `${seed}/${name}/${tag}`, std);
    const ins = [
      b.floats(`${name}_gamma`, [c], noise('gamma', 0.1).map((v) => 1 + v)),
      b.floats(`${name}_beta`, [c], noise('beta', 0.1)),
      b.floats(`${name}_running_mean`, [c], noise('mean', 0.1)),
      b.floats(`${name}_running_var`, [c], noise('var', 0.1).map((v) => 1 + Math.abs(v))),
    ];
    return b.node('BatchNormalization', [x, ...ins], [`${name}_fwd`], { epsilon: a.float(1e-5), momentum: a.float(0.9) }, `${name}_fwd`);
  };
  const relu = (x: string, kind: 'relu' | 'activation'): string => {
    const name = next(kind);
    const out = kind === 'relu' ? `${name}_fwd` : name;
    return b.node('Relu', [x], [out], {}, out);
  };

  let x = 'data';
  if (version === 2) x = bn(x, 3);
  x = relu(bn(conv(x, 3, 64, 7, 2), 64), 'relu');
  x = b.node('MaxPool', [x], [`${p}_pool0_fwd`], { kernel_shape: a.ints([3, 3]), pads: a.ints([1, 1, 1, 1]), strides: a.ints([2, 2]) }, `${p}_pool0_fwd`);
  let channels = 64;
  const outer = counters;
  STAGES[depth]!.forEach((units, s) => {
    scope = `${p}_stage${s + 1}`;
    counters = new Map();
    const width = WIDTHS[s]!;
    for (let u = 0; u < units; u++) {
      const stride = u === 0 && s > 0 ? 2 : 1;
      const inner = width / 4;
      let y: string;
      let shortcut = x;
      if (version === 1) {
        y = relu(bn(conv(x, channels, inner, 1, stride), inner), 'relu');
        y = relu(bn(conv(y, inner, inner, 3, 1), inner), 'relu');
        y = bn(conv(y, inner, width, 1, 1), width);
        if (u === 0) shortcut = bn(conv(x, channels, width, 1, stride), width);
      } else {
        const pre = relu(bn(x, channels), 'activation');
        y = relu(bn(conv(pre, channels, inner, 1, 1), inner), 'activation');
        y = relu(bn(conv(y, inner, inner, 3, stride), inner), 'activation');
        y = conv(y, inner, width, 1, 1);
        if (u === 0) shortcut = conv(pre, channels, width, 1, stride);
      }
      const plus = `${scope}__plus${u}`;
      x = b.node('Add', [y, shortcut], [plus], {}, plus);
      if (version === 1) x = relu(x, 'activation');
      channels = width;
    }
  });
  scope = p;
  counters = outer;
  if (version === 2) x = relu(bn(x, channels), 'relu');
  x = b.node('GlobalAveragePool', [x], [`${p}_pool1_fwd`], {}, `${p}_pool1_fwd`);
  x = b.node('Flatten', [x], ['flatten_473'], {}, 'flatten_473');
  const dense = `${p}_dense0`;
  const w = b.floats(`${dense}_weight`, [1000, channels], fillNormal(new Float32Array(1000 * channels), `${seed}/${dense}`, Math.sqrt(1 / channels)));
  const bias = b.floats(`${dense}_bias`, [1000], fillNormal(new Float32Array(1000), `${seed}/${dense}/b`, 0.05));
  const output = b.node('Gemm', [x, w, bias], [`${dense}_fwd`], { alpha: a.float(1), beta: a.float(1), transA: a.int(0), transB: a.int(1) }, `${dense}_fwd`);
  b.output(output, [1, 1000]);
  return { bytes: b.encode(), input: 'data', output, inputShape: [1, 3, size, size] };
}
