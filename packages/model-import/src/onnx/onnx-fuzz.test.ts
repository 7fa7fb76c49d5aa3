import { describe, expect, it } from 'vitest';
import { uniformStream } from '@branchscope/runtime';
import { importOnnx } from './import-onnx';
import { OnnxImportError } from './onnx-import-error';
import { ModelProtoType } from './onnx-proto';
import { a, OnnxBuilder } from './testing/onnx-builder.test-support';
import { smallBranchedModel } from './testing/small-models.test-support';

/** A Caffe2-style head at opset 9: Reshape by an int64 initializer, Dropout with a mask, Gemm, Softmax. */
function caffe2Head(): Uint8Array {
  const b = new OnnxBuilder('head', 9);
  b.input('data_0', [1, 2, 3, 3]);
  b.node('MaxPool', ['data_0'], ['pool_1'], { kernel_shape: a.ints([2, 2]), strides: a.ints([1, 1]), pads: a.ints([0, 0, 1, 1]) });
  b.node('Reshape', ['pool_1', b.int64s('OC2_DUMMY_1', [1, 18])], ['OC2_DUMMY_0']);
  b.node('Gemm', ['OC2_DUMMY_0', b.floats('fc_w_0', [4, 18], new Float32Array(72).fill(0.1)), b.floats('fc_b_0', [4], new Float32Array(4))], ['fc_1'], { transB: a.int(1) });
  b.node('Dropout', ['fc_1'], ['fc_2', '_fc_mask_1'], { ratio: a.float(0.5) });
  b.node('Softmax', ['fc_2'], ['prob_1']);
  b.output('prob_1', [1, 4]);
  return b.encode(true);
}

type Mutation = (bytes: Uint8Array, next: () => number) => Uint8Array;
const at = (n: number, next: () => number): number => Math.floor(next() * n);

const MUTATIONS: Record<string, Mutation> = {
  flip: (bytes, next) => {
    const out = bytes.slice();
    for (let k = 1 + at(8, next); k > 0; k--) out[at(out.length, next)] ^= 1 + at(255, next);
    return out;
  },
  truncate: (bytes, next) => bytes.slice(0, at(bytes.length, next)),
  insert: (bytes, next) => {
    const i = at(bytes.length + 1, next);
    const junk = Uint8Array.from({ length: 1 + at(16, next) }, () => at(256, next));
    return Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)]);
  },
  delete: (bytes, next) => {
    const i = at(bytes.length, next);
    return Uint8Array.from([...bytes.subarray(0, i), ...bytes.subarray(i + 1 + at(16, next))]);
  },
  field: (bytes, next) => {
    // Decode, set one numeric field (a dim, an attribute, an opset, a type code...) to an awkward value, re-encode.
    const message = ModelProtoType.toObject(ModelProtoType.decode(bytes), { longs: Number }) as Record<string, unknown>;
    const leaves: Array<[Record<string, unknown> | unknown[], string | number]> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach((v, i) => (typeof v === 'number' ? leaves.push([node, i]) : walk(v)));
      else if (node && typeof node === 'object' && !(node instanceof Uint8Array)) {
        for (const [k, v] of Object.entries(node)) (typeof v === 'number' ? leaves.push([node as Record<string, unknown>, k]) : walk(v));
      }
    };
    walk(message);
    const [holder, key] = leaves[at(leaves.length, next)]!;
    const awkward = [-1, 0, 1, 3, 7, 2 ** 31, 1e9, -(2 ** 40), 0.5, NaN][at(10, next)]!;
    (holder as Record<string | number, unknown>)[key] = awkward;
    return new Uint8Array(ModelProtoType.encode(ModelProtoType.fromObject(message)).finish());
  },
  varint: (bytes, next) => {
    // Rewrite one byte as a long varint continuation: huge lengths, counts and dims.
    const out = bytes.slice();
    out[at(out.length, next)] = 0xff;
    return out;
  },
};

describe('ONNX import fuzzing', () => {
  it('imports or rejects with OnnxImportError every one of 3000 seeded mutations of valid files', { timeout: 60_000 }, () => {
    const seeds: Array<[string, Uint8Array]> = [
      ['small', smallBranchedModel().encode(true)],
      ['small-opset7', smallBranchedModel(7).encode(true)],
      ['caffe2-head', caffe2Head()],
    ];
    const next = uniformStream('onnx-fuzz');
    const outcomes = new Map<string, number>();
    const others: string[] = [];
    const names = Object.keys(MUTATIONS);
    for (let i = 0; i < 3000; i++) {
      const [seedName, seed] = seeds[i % seeds.length]!;
      const kind = names[at(names.length, next)]!;
      const bytes = MUTATIONS[kind]!(seed, next);
      let outcome = 'imported';
      try {
        importOnnx(bytes);
      } catch (err) {
        if (err instanceof OnnxImportError) outcome = err.code;
        else others.push(`case ${i} (${kind} of ${seedName}): ${String(err)} ${(err as Error).stack?.split("\n").slice(1, 4).join(" ")}`);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(others).toEqual([]);
    // Both outcomes must occur, or the mutations test nothing.
    expect(outcomes.get('imported')).toBeGreaterThan(300);
    expect(3000 - (outcomes.get('imported') ?? 0)).toBeGreaterThan(500);
  });

  it('starts from files that import', () => {
    for (const bytes of [smallBranchedModel().encode(true), smallBranchedModel(7).encode(true), caffe2Head()]) {
      expect(importOnnx(bytes).graph.nodes.length).toBeGreaterThan(3);
    }
  });
});
