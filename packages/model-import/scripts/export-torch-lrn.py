#!/usr/bin/python3
"""Exports small PyTorch nets with nn.LocalResponseNorm to ONNX for the LRN import tests.

torch.onnx exports local response normalisation as a dozen small ops (Mul, Unsqueeze, Pad, a 3-D AveragePool over
channels, an If choosing Squeeze or Identity, Reshape, Mul, Add, Pow, Div), which the importer folds into one LRN.
Each net gets seeded random weights (torch.manual_seed before it is built), eval mode, and is exported with batch 1
(or a dynamic batch axis) at the opsets below. Files land in OUT/<torch>-<script hash>/ (other folders in OUT, stale
exports, are removed); existing files are kept, so a second run only exports what is missing. Prints a JSON manifest
on stdout.

Usage: /usr/bin/python3 export-torch-lrn.py OUT [NAME ...]
Needs Debian's python3-torch.
"""
import hashlib
import json
import os
import shutil
import sys
import warnings

import torch
from torch import nn
from torch.nn import functional as F

import bvlc_alexnet
from bvlc_alexnet import BvlcAlexNet


class LrnNet(nn.Module):
    """Two LRN modules with alphas large enough that reading alpha as alpha / size (or size as the sum's divisor)
    would be far off, and one functional local_response_norm outside any module scope."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.norm1 = nn.LocalResponseNorm(5, alpha=0.5, beta=0.75, k=1.0)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1, groups=2)
        self.norm2 = nn.LocalResponseNorm(3, alpha=0.2, beta=0.6, k=2.0)
        self.conv3 = nn.Conv2d(16, 8, 3)

    def forward(self, x):
        x = self.pool1(self.norm1(torch.relu(self.conv1(x))))
        x = self.norm2(torch.relu(self.conv2(x)))
        x = F.local_response_norm(x, 7, alpha=1.5, beta=0.5, k=1.5)
        return self.conv3(x)


class EvenLrnNet(nn.Module):
    """An LRN of even size: PyTorch sums channels [c - 2, c + 1], ONNX's LRN [c - 1, c + 2]."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3)
        self.norm1 = nn.LocalResponseNorm(4, alpha=0.5, beta=0.75, k=1.0)
        self.conv2 = nn.Conv2d(8, 8, 3)

    def forward(self, x):
        return self.conv2(self.norm1(torch.relu(self.conv1(x))))


# name -> (module class, input size, [(opset, dynamic batch)]).
MODELS = {
    'lrn_net': (LrnNet, 32, [(11, False), (13, False), (17, False), (11, True), (13, True), (17, True)]),
    'lrn_even': (EvenLrnNet, 16, [(13, False)]),
    'bvlc_alexnet': (BvlcAlexNet, 127, [(11, False), (13, False), (17, False), (13, True)]),
}
SEED = 20240612


def file_name(name, opset, dynamic):
    return f"{name}-op{opset}{'-dyn' if dynamic else ''}.onnx"


def export(name, opset, dynamic, path):
    module, size, _ = MODELS[name]
    torch.manual_seed(SEED)
    model = module().eval()
    x = torch.zeros(1, 3, size, size)
    axes = {'input': {0: 'batch'}, 'output': {0: 'batch'}} if dynamic else None
    tmp = path + '.part'
    with torch.no_grad():
        torch.onnx.export(model, x, tmp, opset_version=opset, input_names=['input'], output_names=['output'], dynamic_axes=axes, do_constant_folding=True)
    os.replace(tmp, path)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    # torch 1.13 warns about shape inference of local_response_norm's constants and unfoldable Slice steps.
    warnings.filterwarnings('ignore', category=UserWarning)
    digest = hashlib.sha256()
    for source in (__file__, bvlc_alexnet.__file__):
        with open(source, 'rb') as f:
            digest.update(f.read())
    script = digest.hexdigest()[:8]
    out = os.path.join(sys.argv[1], f'{torch.__version__}-{script}')
    os.makedirs(out, exist_ok=True)
    for stale in os.listdir(sys.argv[1]):
        # Exports of another torch version or an earlier version of this script.
        if os.path.join(sys.argv[1], stale) != out:
            shutil.rmtree(os.path.join(sys.argv[1], stale), ignore_errors=True)
    names = sys.argv[2:] or list(MODELS)
    entries = []
    for name in names:
        if name not in MODELS:
            sys.exit(f'unknown model {name}; known: {", ".join(MODELS)}')
        for opset, dynamic in MODELS[name][2]:
            path = os.path.join(out, file_name(name, opset, dynamic))
            if not os.path.exists(path):
                print(f'exporting {os.path.basename(path)}', file=sys.stderr, flush=True)
                export(name, opset, dynamic, path)
            entries.append({'name': name, 'opset': opset, 'dynamic': dynamic, 'size': MODELS[name][1], 'path': path})
    print(json.dumps({'torch': torch.__version__, 'seed': SEED, 'models': entries}))


if __name__ == '__main__':
    main()
