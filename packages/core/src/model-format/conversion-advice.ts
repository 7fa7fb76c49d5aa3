import type { ModelFileFormat } from './model-file-format';

/** A format branchscope recognises but cannot import: its name and the command that converts it. */
interface Advice {
  label: string;
  /** The usual file name ending, for naming a file that came without a name (an upload). */
  extension: string;
  /** The steps, with `file` the user's file (or folder) name and `stem` that name without its extension. */
  convert: (file: string, stem: string) => string;
}

/** Quoted for a single-quoted Python string inside a double-quoted shell argument. */
const py = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\"')}'`;
/** A shell word: left bare when it is plain, else single-quoted. */
const sh = (text: string): string => (/^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`);
const export13 = (stem: string): string => `torch.onnx.export(model.eval(), torch.randn(1, 3, 224, 224), ${py(`${stem}.onnx`)}, opset_version=13)`;
const shape = 'change 1, 3, 224, 224 to the input shape the model expects';

const ADVICE: Readonly<Record<Exclude<ModelFileFormat, 'onnx' | 'tfjs' | 'unknown'>, Advice>> = {
  pytorch: {
    extension: '.pt',
    label: 'a PyTorch checkpoint (.pt/.pth, torch.save)',
    convert: (file, stem) =>
      `convert it to ONNX and import the .onnx file:\n  python -c "import torch; model = torch.load(${py(file)}, weights_only=False); ${export13(stem)}"\n` +
      `(${shape}; when torch.load gives a state_dict rather than a model, build the model's class, call load_state_dict and export that)`,
  },
  torchscript: {
    extension: '.pt',
    label: 'a TorchScript archive (torch.jit.save)',
    convert: (file, stem) =>
      `convert it to ONNX and import the .onnx file:\n  python -c "import torch; model = torch.jit.load(${py(file)}); ${export13(stem)}"\n(${shape})`,
  },
  safetensors: {
    extension: '.safetensors',
    label: 'a safetensors weights file (.safetensors)',
    convert: (file, stem) =>
      `it holds weights only: load them into the model's class and export that to ONNX, then import the .onnx file:\n` +
      `  python -c "import torch; from safetensors.torch import load_file; from mymodule import MyModel; model = MyModel(); model.load_state_dict(load_file(${py(file)})); ${export13(stem)}"\n` +
      `(replace mymodule.MyModel with the model's class; ${shape})`,
  },
  'keras-h5': {
    extension: '.h5',
    label: 'a Keras HDF5 model (.h5)',
    convert: (file, stem) => `convert it to a TF.js folder and import that folder with format TFJS:\n  tensorflowjs_converter --input_format=keras ${sh(file)} ${sh(`${stem}_tfjs/`)}`,
  },
  keras: {
    extension: '.keras',
    label: 'a Keras 3 model (.keras: a zip with config.json and model.weights.h5)',
    convert: (file, stem) =>
      `save it as HDF5, convert that to a TF.js folder and import the folder with format TFJS:\n` +
      `  python -c "import keras; keras.models.load_model(${py(file)}).save(${py(`${stem}.h5`)})"\n  tensorflowjs_converter --input_format=keras ${sh(`${stem}.h5`)} ${sh(`${stem}_tfjs/`)}`,
  },
  'onnx-external-data': {
    extension: '.onnx',
    label: 'an ONNX model whose weights live in external data files',
    convert: (file, stem) =>
      `make it one self-contained file (run this in the folder holding the data files; the result must stay under 2 GB) and import that:\n` +
      `  python -c "import onnx; model = onnx.load(${py(file)}, load_external_data=True); onnx.save(model, ${py(`${stem}-single.onnx`)})"`,
  },
  'tf-saved-model': {
    extension: '',
    label: 'a TensorFlow SavedModel (a folder with saved_model.pb)',
    convert: (file, stem) =>
      `convert it to a TF.js folder and import that folder with format TFJS:\n  tensorflowjs_converter --input_format=tf_saved_model ${sh(file)} ${sh(`${stem}_tfjs/`)}`,
  },
  'tf-graphdef': {
    extension: '.pb',
    label: 'a TensorFlow frozen GraphDef (.pb)',
    convert: (file, stem) =>
      `convert it to ONNX and import the .onnx file:\n  python -m tf2onnx.convert --graphdef ${sh(file)} --inputs input:0 --outputs output:0 --opset 13 --output ${sh(`${stem}.onnx`)}\n` +
      `(name the graph's own input and output tensors; Lucid's InceptionV1 has input:0 and softmax2:0)`,
  },
};

const stemOf = (file: string): string => {
  const base = file.replace(/[/\\]+$/, '').split(/[/\\]/).pop() || 'model';
  return base.includes('.') ? base.slice(0, base.lastIndexOf('.')) || base : base;
};

/** A file name for a file of `format` that came without one (an upload): `stem` with the format's usual ending. */
export const fileNameFor = (format: ModelFileFormat, stem: string): string =>
  `${stem}${format === 'onnx' || format === 'unknown' ? '.onnx' : format === 'tfjs' ? '.json' : ADVICE[format].extension}`;

/** The format's name in words, for messages. */
export const formatLabel = (format: ModelFileFormat): string =>
  format === 'onnx' ? 'an ONNX model' : format === 'tfjs' ? 'a TensorFlow.js model.json' : format === 'unknown' ? 'a file of unknown format' : ADVICE[format].label;

/**
 * Why `file` cannot be imported and the exact command that converts it: `'model.pt' is a PyTorch checkpoint
 * (...; found: ...), which branchscope cannot import yet; convert it to ONNX ...: python -c "..."`. For a TF.js
 * model.json given where an ONNX file was expected, how to import it instead.
 */
export function unsupportedFormatMessage(format: ModelFileFormat, file: string, evidence?: string): string {
  const found = evidence ? ` (found: ${evidence})` : '';
  if (format === 'tfjs') return `'${file}' is a TensorFlow.js model.json${found}, not an ONNX file: import the folder that holds it with format TFJS`;
  if (format === 'onnx' || format === 'unknown') return `'${file}' is ${formatLabel(format)}${found}`;
  return `'${file}' is ${ADVICE[format].label}${found}, which branchscope cannot import yet; ${ADVICE[format].convert(file, stemOf(file))}`;
}
