import { describe, expect, it } from 'vitest';
import { uniformStream } from '@branchscope/runtime';
import { importOnnx } from './import-onnx';
import { OnnxImportError, type OnnxImportErrorCode } from './onnx-import-error';
import { ModelProtoType } from './onnx-proto';
import { readOnnx } from './read-onnx';
import { a, OnnxBuilder } from './testing/onnx-builder.test-support';
import { smallBranchedModel } from './testing/small-models.test-support';

/** The OnnxImportError `f` throws (failing the test if it throws anything else or nothing). */
function rejection(f: () => unknown): OnnxImportError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(OnnxImportError);
    return err as OnnxImportError;
  }
  throw new Error('expected an OnnxImportError, but the import succeeded');
}

const refused = (bytes: Uint8Array, code: OnnxImportErrorCode): OnnxImportError => {
  const err = rejection(() => importOnnx(bytes));
  expect(err.code).toBe(code);
  return err;
};

const oneConv = (weightDims: number[], inputDims: number[] = [1, 4, 8, 8]): Uint8Array => {
  const b = new OnnxBuilder('one-conv', 13);
  b.input('x', inputDims);
  b.node('Conv', ['x', b.floats('w', weightDims, new Float32Array(Math.max(0, weightDims.reduce((p, d) => p * d, 1))))], ['y'], {}, 'conv1');
  b.output('y', [1, weightDims[0]!, 6, 6]);
  return b.encode(true);
};

describe('bad ONNX input', () => {
  const valid = smallBranchedModel().encode(true);

  it('refuses a truncated file as TRUNCATED, giving its length', () => {
    const err = refused(valid.subarray(0, Math.floor(valid.length * 0.6)), 'TRUNCATED');
    expect(err.message).toMatch(/truncated .* \(\d+ bytes\)/);
  });

  it('refuses random bytes and text as not ONNX', () => {
    const next = uniformStream('random-file');
    const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256));
    expect(['NOT_ONNX', 'TRUNCATED']).toContain(rejection(() => importOnnx(noise)).code);
    refused(new TextEncoder().encode('{"format": "layers-model", "modelTopology": {}}'), 'NOT_ONNX');
    refused(new Uint8Array(0), 'NOT_ONNX');
  });

  it('lists every unsupported operator type and the nodes that use it in one error', () => {
    const b = new OnnxBuilder('exotic', 13);
    b.input('x', [1, 3, 4, 4]);
    b.node('LeakyRelu', ['x'], ['a1'], {}, 'leaky1');
    b.node('Relu', ['a1'], ['a2'], {}, 'fine');
    b.node('LeakyRelu', ['a2'], ['a3'], {}, 'leaky2');
    b.node('Resize', ['a3'], ['a4']);
    b.output('a4', [1, 3, 4, 4]);
    const err = refused(b.encode(true), 'UNSUPPORTED_OPS');
    expect(err.details.ops).toEqual([
      { opType: 'LeakyRelu', nodes: ["LeakyRelu 'leaky1'", "LeakyRelu 'leaky2'"] },
      { opType: 'Resize', nodes: ['Resize #3 (output a4)'] },
    ]);
    expect(err.message).toContain("LeakyRelu x2 (LeakyRelu 'leaky1', LeakyRelu 'leaky2'); Resize x1 (Resize #3 (output a4))");
  });

  it('refuses a weight inconsistent with its node, naming the node and the weight', () => {
    const err = refused(oneConv([6, 3, 3, 3]), 'BAD_SHAPE');
    expect(err.message).toBe("Conv 'conv1': weight w [6, 3, 3, 3] expects 3 x group 1 = 3 input channels, the input has 4");
    expect(err.details.node).toBe("Conv 'conv1'");
  });

  it('refuses absurd and negative dimensions with the limit they break', () => {
    expect(refused(oneConv([6, 4, 3, 3], [1, 4, 3e9, 8]), 'BAD_SHAPE').message).toMatch(/input 'x' has dimension 3000000000, over the limit of 2147483647/);
    expect(refused(oneConv([6, 4, -3, 3]), 'BAD_SHAPE').message).toMatch(/initializer 'w' has dimension -3/);
    expect(refused(oneConv([6, 4, 3, 3], [1, 4, 60000, 60000]), 'TOO_LARGE').message).toMatch(/input 'x' \[1, 4, 60000, 60000\] needs 53.64 GiB, over the 1.00 GiB limit/);
  });

  it('refuses a declared 2 GiB tensor before allocating it', () => {
    const b = new OnnxBuilder('huge', 13);
    b.input('x', [1, 4]);
    b.initializers.push({ name: 'big', dims: [2 ** 29], data_type: 1, raw_data: new Uint8Array(16) });
    b.node('Add', ['x', 'big'], ['y']);
    b.output('y', [1, 4]);
    const before = process.memoryUsage().arrayBuffers;
    const err = refused(b.encode(true), 'TOO_LARGE');
    expect(err.message).toBe("initializer 'big' [536870912] needs 2.00 GiB, over the 1.00 GiB limit per tensor");
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('refuses an activation that would outgrow the limit, naming the node', () => {
    const b = new OnnxBuilder('blow-up', 13);
    b.input('x', [1, 1, 4, 4]);
    b.node('Pad', ['x', b.int64s('p', [0, 0, 20000, 20000, 0, 0, 20000, 20000])], ['y'], {}, 'pad');
    b.output('y', ['n', 'c', 'h', 'w']);
    expect(refused(b.encode(true), 'TOO_LARGE').message).toMatch(/output 'y' of Pad 'pad' \[1, 1, 40004, 40004\] needs 5.96 GiB/);
  });

  it('refuses an opset outside 1 to 17, dangling inputs and external data', () => {
    const model = ModelProtoType.toObject(ModelProtoType.decode(valid)) as { opset_import: Array<{ version: number }> };
    model.opset_import[0]!.version = 18;
    expect(refused(ModelProtoType.encode(ModelProtoType.fromObject(model)).finish(), 'UNSUPPORTED_OPSET').message).toMatch(/opset 18; supported opsets are 1 to 17/);

    const dangling = new OnnxBuilder('dangling', 13);
    dangling.input('x', [1, 2]);
    dangling.node('Add', ['x', 'nowhere'], ['y'], {}, 'add');
    dangling.output('y', [1, 2]);
    expect(refused(dangling.encode(true), 'BAD_GRAPH').message).toBe("Add 'add' reads 'nowhere', which no earlier node, graph input or initializer produces");

    const external = new OnnxBuilder('external', 13);
    external.input('x', [1, 2]);
    external.initializers.push({ name: 'w', dims: [2], data_type: 1, data_location: 1, external_data: [{ key: 'location', value: 'w.bin' }] });
    external.node('Add', ['x', 'w'], ['y']);
    external.output('y', [1, 2]);
    refused(external.encode(true), 'UNSUPPORTED_FEATURE');
  });

  it('refuses attributes of the wrong type, naming the node', () => {
    const b = new OnnxBuilder('bad-attr', 13);
    b.input('x', [1, 1, 4, 4]);
    b.node('MaxPool', ['x'], ['y'], { kernel_shape: a.string('3x3') }, 'pool');
    b.output('y', [1, 1, 2, 2]);
    expect(rejection(() => readOnnx(b.encode(true))).message).toBe("MaxPool 'pool': attribute 'kernel_shape' is string, expected ints");
  });
});
