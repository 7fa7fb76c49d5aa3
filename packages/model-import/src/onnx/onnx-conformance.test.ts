import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOnnxRunner } from './onnx-runner';
import { OnnxImportError, type OnnxImportErrorCode } from './onnx-import-error';
import { readOnnx } from './read-onnx';
import { dataSets, requireTestdata, supportedCases, toTensor, worstError, type ConformanceCase } from './testing/onnx-testdata.test-support';
import { useBackend } from './testing/use-backend.test-support';

/** Cases of supported operators that we refuse, each with the reason and the error it must raise. */
const SKIPPED: Record<string, { code: OnnxImportErrorCode; reason: string }> = {
  'node/test_add_uint8': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_mul_uint8': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_sub_uint8': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_div_uint8': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_maxpool_2d_uint8': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_clip_default_int8_inbounds': { code: 'UNSUPPORTED_DTYPE', reason: 'INT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_clip_default_int8_max': { code: 'UNSUPPORTED_DTYPE', reason: 'INT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_clip_default_int8_min': { code: 'UNSUPPORTED_DTYPE', reason: 'INT8 tensors: TF.js has no 8-bit integer type' },
  'node/test_cast_BFLOAT16_to_FLOAT': { code: 'UNSUPPORTED_DTYPE', reason: 'BFLOAT16 tensors: TF.js has no bfloat16 type' },
  'node/test_castlike_BFLOAT16_to_FLOAT_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'BFLOAT16 tensors: TF.js has no bfloat16 type' },
  'node/test_cast_DOUBLE_to_FLOAT16': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_castlike_DOUBLE_to_FLOAT16_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_cast_FLOAT16_to_DOUBLE': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_castlike_FLOAT16_to_DOUBLE_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_cast_FLOAT16_to_FLOAT': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_castlike_FLOAT16_to_FLOAT_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_cast_FLOAT_to_BFLOAT16': { code: 'UNSUPPORTED_DTYPE', reason: 'BFLOAT16 tensors: TF.js has no bfloat16 type' },
  'node/test_castlike_FLOAT_to_BFLOAT16_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'BFLOAT16 tensors: TF.js has no bfloat16 type' },
  'node/test_cast_FLOAT_to_FLOAT16': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_castlike_FLOAT_to_FLOAT16_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'FLOAT16 tensors: TF.js has no float16 type' },
  'node/test_cast_FLOAT_to_STRING': { code: 'UNSUPPORTED_DTYPE', reason: 'STRING tensors are not numbers' },
  'node/test_castlike_FLOAT_to_STRING_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'STRING tensors are not numbers' },
  'node/test_cast_STRING_to_FLOAT': { code: 'UNSUPPORTED_DTYPE', reason: 'STRING tensors are not numbers' },
  'node/test_castlike_STRING_to_FLOAT_expanded': { code: 'UNSUPPORTED_DTYPE', reason: 'STRING tensors are not numbers' },
  'node/test_batchnorm_epsilon_training_mode': { code: 'BAD_ATTRIBUTE', reason: 'training-mode BatchNormalization (running statistics as outputs)' },
  'node/test_batchnorm_example_training_mode': { code: 'BAD_ATTRIBUTE', reason: 'training-mode BatchNormalization (running statistics as outputs)' },
  'node/test_pow_types_float32_uint32': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT32 tensors: TF.js has no unsigned 32-bit type' },
  'node/test_pow_types_float32_uint64': { code: 'UNSUPPORTED_DTYPE', reason: 'UINT64 tensors: TF.js has no unsigned 64-bit type' },
  'node/test_identity_opt': { code: 'UNSUPPORTED_FEATURE', reason: 'optional-typed input' },
  'node/test_identity_sequence': { code: 'UNSUPPORTED_FEATURE', reason: 'sequence-typed input' },
  'node/test_maxpool_with_argmax_2d_precomputed_pads': { code: 'BAD_ATTRIBUTE', reason: 'MaxPool Indices output' },
  'node/test_maxpool_with_argmax_2d_precomputed_strides': { code: 'BAD_ATTRIBUTE', reason: 'MaxPool Indices output' },
  'node/test_training_dropout': { code: 'UNSUPPORTED_FEATURE', reason: 'training-mode Dropout draws a random mask' },
  'node/test_training_dropout_default': { code: 'UNSUPPORTED_FEATURE', reason: 'training-mode Dropout draws a random mask' },
  'node/test_training_dropout_default_mask': { code: 'UNSUPPORTED_FEATURE', reason: 'training-mode Dropout draws a random mask' },
  'node/test_training_dropout_mask': { code: 'UNSUPPORTED_FEATURE', reason: 'training-mode Dropout draws a random mask' },
};

/** Imports the case and runs every data set, returning the worst error over all outputs. */
function runCase(c: ConformanceCase): number {
  const model = readOnnx(readFileSync(path.join(c.dir, 'model.onnx')));
  const runner = createOnnxRunner(model);
  let worst = 0;
  try {
    for (const set of dataSets(c.dir)) {
      const feeds = Object.fromEntries(model.inputs.map((input, i) => [input.name, toTensor(set.inputs[i]!)]));
      const outputs = runner.run(feeds);
      model.outputs.forEach((o, i) => {
        const expected = set.outputs[i]!;
        const actual = outputs[o.name]!;
        worst = Math.max(worst, actual.shape.join() === expected.dims.join() ? worstError(actual.dataSync(), expected.data) : Infinity);
      });
      tf.dispose([...Object.values(outputs), ...Object.values(feeds)]);
    }
  } finally {
    runner.dispose();
  }
  return worst;
}

requireTestdata();
const cases = supportedCases();
const key = (c: ConformanceCase): string => `${c.suite}/${c.name}`;

describe("ONNX backend test cases (Debian libonnx-testdata) of every supported operator", () => {
  beforeAll(() => useBackend('cpu'));

  it('finds the supported cases in the installed test data', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(Object.keys(SKIPPED).every((name) => cases.some((c) => key(c) === name))).toBe(true);
  });

  for (const c of cases.filter((x) => !(key(x) in SKIPPED))) {
    it(`${key(c)} (${c.opTypes.join(', ')}) matches the expected outputs within 1e-4`, { timeout: 30_000 }, () => {
      expect(runCase(c)).toBeLessThanOrEqual(1e-4);
    });
  }

  for (const c of cases.filter((x) => key(x) in SKIPPED)) {
    const { code, reason } = SKIPPED[key(c)]!;
    it(`${key(c)} is refused with ${code}: ${reason}`, () => {
      expect(() => runCase(c)).toThrow(OnnxImportError);
      try {
        runCase(c);
      } catch (err) {
        expect((err as OnnxImportError).code).toBe(code);
      }
    });
  }
});
