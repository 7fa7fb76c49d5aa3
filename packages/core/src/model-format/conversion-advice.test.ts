import { describe, expect, it } from 'vitest';
import { fileNameFor, unsupportedFormatMessage } from './conversion-advice';

describe('unsupportedFormatMessage', () => {
  it('gives the torch.onnx.export one-liner for a PyTorch checkpoint, with the file and its .onnx name', () => {
    const message = unsupportedFormatMessage('pytorch', 'resnet18.pt', 'a zip archive with archive/data.pkl');
    expect(message).toContain("'resnet18.pt' is a PyTorch checkpoint (.pt/.pth, torch.save) (found: a zip archive with archive/data.pkl), which branchscope cannot import yet");
    expect(message).toContain(
      `python -c "import torch; model = torch.load('resnet18.pt', weights_only=False); torch.onnx.export(model.eval(), torch.randn(1, 3, 224, 224), 'resnet18.onnx', opset_version=13)"`,
    );
  });

  it('gives torch.jit.load for TorchScript and the model class for safetensors', () => {
    expect(unsupportedFormatMessage('torchscript', 'm.pt')).toContain("model = torch.jit.load('m.pt'); torch.onnx.export(model.eval()");
    expect(unsupportedFormatMessage('safetensors', 'w.safetensors')).toContain("model.load_state_dict(load_file('w.safetensors')); torch.onnx.export(model.eval(), torch.randn(1, 3, 224, 224), 'w.onnx', opset_version=13)");
  });

  it('gives tensorflowjs_converter for Keras and SavedModel, quoting names with spaces for the shell', () => {
    expect(unsupportedFormatMessage('keras-h5', 'model.h5')).toContain('tensorflowjs_converter --input_format=keras model.h5 model_tfjs/');
    expect(unsupportedFormatMessage('keras', 'my model.keras')).toContain("tensorflowjs_converter --input_format=keras 'my model.h5' 'my model_tfjs/'");
    expect(unsupportedFormatMessage('tf-saved-model', 'exported')).toContain('tensorflowjs_converter --input_format=tf_saved_model exported exported_tfjs/');
  });

  it('gives onnx.load with external data then onnx.save for ONNX with external data', () => {
    expect(unsupportedFormatMessage('onnx-external-data', 'big.onnx')).toContain(
      `python -c "import onnx; model = onnx.load('big.onnx', load_external_data=True); onnx.save(model, 'big-single.onnx')"`,
    );
  });

  it("escapes a quote in a file name inside the Python string", () => {
    expect(unsupportedFormatMessage('pytorch', "bob's.pt")).toContain("torch.load('bob\\'s.pt'");
  });

  it('says a TF.js model.json is imported as a folder with format TFJS', () => {
    expect(unsupportedFormatMessage('tfjs', 'model.json')).toBe("'model.json' is a TensorFlow.js model.json, not an ONNX file: import the folder that holds it with format TFJS");
  });

  it('names a file that came without a name by its format', () => {
    expect(['pytorch', 'keras-h5', 'keras', 'safetensors', 'tf-graphdef', 'onnx'].map((f) => fileNameFor(f as never, 'upload'))).toEqual([
      'upload.pt',
      'upload.h5',
      'upload.keras',
      'upload.safetensors',
      'upload.pb',
      'upload.onnx',
    ]);
  });
});
