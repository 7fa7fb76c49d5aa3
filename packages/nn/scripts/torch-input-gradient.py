#!/usr/bin/python3
"""PyTorch autograd's reference gradients for the ONNX Runtime gradient-model tests.

Input gradient: builds a model of export-torchvision.py (same seed, so the same weights as its ONNX export), eval mode,
and writes dLoss/dinput for loss = sum(output * seed), with the input and seed read as raw float32 files.

    /usr/bin/python3 torch-input-gradient.py input NAME BATCH IN_FILE SEED_FILE OUT_FILE

Weight gradients: reads a JSON spec of a small conv net (see ort/testing/torch-reference.test-support.ts) with its
weights, input, seed, dropout masks, and writes every gradient as JSON.

    /usr/bin/python3 torch-input-gradient.py weights SPEC_FILE OUT_FILE
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)


def load_exporter():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'export-torchvision.py')
    spec = importlib.util.spec_from_file_location('export_torchvision', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def input_gradient(name, batch, in_file, seed_file, out_file):
    ex = load_exporter()
    builder, kwargs, size = ex.MODELS[name]
    torch.manual_seed(ex.SEED)
    import torchvision
    model = (getattr(torchvision.models, builder)(weights=None, **kwargs) if isinstance(builder, str) else builder(**kwargs)).eval()
    dtype = torch.float64 if os.environ.get('TORCH_REFERENCE_DOUBLE') == '1' else torch.float32
    model = model.to(dtype)
    x = torch.from_numpy(np.fromfile(in_file, dtype=np.float32).reshape(batch, 3, size, size)).to(dtype).requires_grad_(True)
    out = model(x)
    seed = torch.from_numpy(np.fromfile(seed_file, dtype=np.float32).reshape(out.shape)).to(dtype)
    (out * seed).sum().backward()
    x.grad.detach().numpy().astype(np.float32).tofile(out_file)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'input' and len(sys.argv) == 7:
        input_gradient(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
