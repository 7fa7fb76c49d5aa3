import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxImportError } from './onnx-import-error';
import { createOnnxRunner } from './onnx-runner';
import { readOnnx } from './read-onnx';
import { a, OnnxBuilder } from './testing/onnx-builder.test-support';
import { useBackend } from './testing/use-backend.test-support';

/**
 * y = x * 2 when the batch is 1, else (x + x) * 3 through an If nested in the else branch that reads x from the
 * outer graph; the condition is shape arithmetic (Shape, Gather, Equal), as PyTorch's `squeeze(1)` exports.
 */
function batchTest(): OnnxBuilder {
  const b = new OnnxBuilder('if-by-batch', 13);
  b.input('x', ['N', 3]);
  b.int64s('zero', [0]);
  b.int64s('one', [1]);
  b.floats('two', [], Float32Array.of(2));
  b.floats('three', [], Float32Array.of(3));
  b.node('Shape', ['x'], ['shape']);
  b.node('Gather', ['shape', 'zero'], ['batch'], { axis: a.int(0) });
  b.node('Equal', ['batch', 'one'], ['single']);
  b.node('Equal', ['single', 'single'], ['always']);
  b.node('If', ['single'], ['y'], {
    then_branch: a.graph('then', [['Mul', ['x', 'two'], ['doubled']]], ['doubled']),
    else_branch: a.graph(
      'else',
      [['If', ['always'], ['tripled'], { then_branch: a.graph('inner', [['Add', ['x', 'x'], ['sum']], ['Mul', ['sum', 'three'], ['times3']]], ['times3']), else_branch: a.graph('never', [], ['x']) }]],
      ['tripled'],
    ),
  }, 'if');
  b.output('y', ['N', 3]);
  return b;
}

describe('If', () => {
  beforeAll(() => useBackend('cpu'));

  it("lists the tensors its branches read (nested ones included) as inputs, and folds a condition known at import", () => {
    const model = readOnnx(batchTest().encode(true));
    const node = model.nodes.find((n) => n.opType === 'If')!;
    expect(node.inputs).toEqual(['single', 'x', 'two', 'always', 'three']);
    expect(Array.from(model.values.get('single')!.data)).toEqual([1]);
    // Only the branch taken for batch 1 is inferred.
    expect(model.info.get('y')).toEqual({ dtype: 'float32', shape: [1, 3] });
    expect(model.info.has('times3')).toBe(false);
  });

  it('tests its condition again on every run: batch 1 takes then_branch, batch 2 the nested else_branch', () => {
    const runner = createOnnxRunner(readOnnx(batchTest().encode(true)));
    const one = tf.tensor2d([[1, 2, 3]]);
    const two = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const y1 = runner.run({ x: one }).y!;
    const y2 = runner.run({ x: two }).y!;
    expect(Array.from(y1.dataSync())).toEqual([2, 4, 6]);
    expect(Array.from(y2.dataSync())).toEqual([6, 12, 18, 24, 30, 36]);
    tf.dispose([one, two, y1, y2]);
    runner.dispose();
  });

  it('names an unsupported operator inside a branch among the unsupported ones', () => {
    const b = new OnnxBuilder('if-unsupported', 13);
    b.input('c', [1], 9);
    b.input('x', [2]);
    b.node('If', ['c'], ['y'], { then_branch: a.graph('then', [['LeakyRelu', ['x'], ['t']]], ['t']), else_branch: a.graph('else', [['Relu', ['x'], ['e']]], ['e']) }, 'if');
    b.output('y', [2]);
    let error: unknown;
    try {
      readOnnx(b.encode(true));
    } catch (err) {
      error = err;
    }
    expect((error as OnnxImportError).code).toBe('UNSUPPORTED_OPS');
    expect((error as OnnxImportError).details.ops).toEqual([{ opType: 'LeakyRelu', nodes: ["LeakyRelu #0 in then_branch of If 'if'"] }]);
  });

  it('refuses a branch yielding a tensor that none of its nodes produces, naming the If', () => {
    const b = new OnnxBuilder('if-dangling', 13);
    b.input('c', [1], 9);
    b.input('x', [2]);
    b.node('If', ['c'], ['y'], { then_branch: a.graph('then', [['Relu', ['x'], ['t']]], ['nowhere']), else_branch: a.graph('else', [['Relu', ['x'], ['e']]], ['e']) }, 'if');
    b.output('y', [2]);
    expect(() => readOnnx(b.encode(true))).toThrow(OnnxImportError);
    expect(() => readOnnx(b.encode(true))).toThrow(/If 'if' reads 'nowhere'/);
  });

  it('infers both branches when the condition is only known at run time, keeping a shape they agree on', () => {
    const b = new OnnxBuilder('if-runtime', 13);
    b.input('c', [1], 9);
    b.input('x', [2, 3]);
    b.node('If', ['c'], ['y'], { then_branch: a.graph('then', [['Relu', ['x'], ['t']]], ['t']), else_branch: a.graph('else', [['Sigmoid', ['x'], ['e']]], ['e']) }, 'if');
    b.output('y', [2, 3]);
    const model = readOnnx(b.encode(true));
    expect(model.info.get('y')).toEqual({ dtype: 'float32', shape: [2, 3] });
    expect(model.info.has('t') && model.info.has('e')).toBe(true);
    const runner = createOnnxRunner(model);
    const x = tf.tensor2d([[-1, 0, 1], [2, -2, 3]]);
    const yes = tf.tensor1d([1], 'bool');
    const no = tf.tensor1d([0], 'bool');
    const relu = runner.run({ c: yes, x }).y!;
    const sigmoid = runner.run({ c: no, x }).y!;
    expect(Array.from(relu.dataSync())).toEqual([0, 0, 1, 2, 0, 3]);
    expect(sigmoid.dataSync()[0]).toBeCloseTo(1 / (1 + Math.E), 6);
    tf.dispose([x, yes, no, relu, sigmoid]);
    runner.dispose();
  });
});
