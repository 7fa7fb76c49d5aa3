import { protoMessage } from './proto-encode';
import { zipArchive } from './zip-archive';

/** A pickle as torch.save writes one (protocol 2, a dict), shortened: enough bytes to be recognised. */
const PICKLE = Uint8Array.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x58, 0x06, 0, 0, 0, ...new TextEncoder().encode('weight'), 0x71, 0x01, 0x4b, 0x01, 0x73, 0x2e]);
const HDF5_SUPERBLOCK = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 8, 8, 0, 4, 0, 16, 0, ...new Array<number>(76).fill(0)]);
const floats = (n: number): Uint8Array => new Uint8Array(new Float32Array(Array.from({ length: n }, (_, i) => i / n)).buffer);

/** TensorFlow NodeDefs: name (1), op (2), inputs (3). */
const node = (name: string, op: string, ...inputs: string[]): Uint8Array => protoMessage([[1, name], [2, op], ...inputs.map((i) => [3, i] as const)]);
const graphDef = (): Uint8Array => protoMessage([[1, node('input', 'Placeholder')], [1, node('conv2d0_pre_relu/conv', 'Conv2D', 'input', 'conv2d0_w')], [1, node('conv2d0', 'Relu', 'conv2d0_pre_relu/conv')]]);

/** A tiny ONNX model (x + w) whose initializer `w` is self-contained, or kept in `w.bin` (data_location EXTERNAL). */
function onnxAdd(external: boolean): Uint8Array {
  const valueInfo = (name: string) => protoMessage([[1, name], [2, protoMessage([[1, protoMessage([[1, 1], [2, protoMessage([[1, protoMessage([[1, 2]])]])]])]])]]);
  const w = external
    ? protoMessage([[1, 2], [2, 1], [8, 'w'], [13, protoMessage([[1, 'location'], [2, 'w.bin']])], [14, 1]])
    : protoMessage([[1, 2], [2, 1], [8, 'w'], [9, floats(2)]]);
  const graph = protoMessage([[1, protoMessage([[1, 'x'], [1, 'w'], [2, 'y'], [4, 'Add']])], [2, 'add'], [5, w], [11, valueInfo('x')], [12, valueInfo('y')]]);
  return protoMessage([[1, 8], [2, 'branchscope-test'], [7, graph], [8, protoMessage([[2, 13]])]]);
}

/**
 * One generated file of each model format branchscope recognises, keyed by format, with a typical file name:
 * small, valid as far as each format's sniffable structure goes (zip central directories with CRCs, protobuf,
 * the HDF5 signature, a safetensors JSON header). For tests of format sniffing and of the import errors.
 */
export function modelFormatSamples(): Record<string, { fileName: string; bytes: Uint8Array }> {
  const safetensorsHeader = new TextEncoder().encode(JSON.stringify({ __metadata__: { format: 'pt' }, 'conv1.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] } }));
  const safetensors = new Uint8Array(8 + safetensorsHeader.length + 16);
  new DataView(safetensors.buffer).setBigUint64(0, BigInt(safetensorsHeader.length), true);
  safetensors.set(safetensorsHeader, 8);
  safetensors.set(floats(4), 8 + safetensorsHeader.length);
  return {
    onnx: { fileName: 'add.onnx', bytes: onnxAdd(false) },
    'onnx-external-data': { fileName: 'add-external.onnx', bytes: onnxAdd(true) },
    pytorch: {
      fileName: 'resnet18.pt',
      bytes: zipArchive([
        { name: 'archive/data.pkl', data: PICKLE },
        { name: 'archive/byteorder', data: 'little' },
        { name: 'archive/data/0', data: floats(4) },
        { name: 'archive/version', data: '3\n' },
      ]),
    },
    'pytorch-pickle': { fileName: 'legacy.pth', bytes: PICKLE },
    torchscript: {
      fileName: 'scripted.pt',
      bytes: zipArchive([
        { name: 'scripted/data.pkl', data: PICKLE },
        { name: 'scripted/code/__torch__/model.py', data: 'class Model(Module):\n  pass\n' },
        { name: 'scripted/constants.pkl', data: PICKLE },
        { name: 'scripted/version', data: '3\n' },
      ]),
    },
    'keras-h5': { fileName: 'model.h5', bytes: HDF5_SUPERBLOCK },
    keras: {
      fileName: 'model.keras',
      bytes: zipArchive([
        { name: 'metadata.json', data: '{"keras_version": "3.5.0"}' },
        { name: 'config.json', data: '{"class_name": "Functional", "config": {}}' },
        { name: 'model.weights.h5', data: HDF5_SUPERBLOCK },
      ]),
    },
    safetensors: { fileName: 'model.safetensors', bytes: safetensors },
    'tf-graphdef': { fileName: 'InceptionV1.pb', bytes: graphDef() },
    'tf-saved-model': { fileName: 'saved_model.pb', bytes: protoMessage([[1, 1], [2, protoMessage([[1, protoMessage([[4, 'serve']])], [2, graphDef()]])]]) },
    tfjs: { fileName: 'model.json', bytes: new TextEncoder().encode(JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: [] })) },
  };
}
