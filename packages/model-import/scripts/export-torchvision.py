#!/usr/bin/python3
"""Exports torchvision classification models to ONNX for the layer-graph import tests.

Each model gets seeded random weights (torch.manual_seed before it is built), eval mode, and is exported with
batch 1 at the input size below (small where the model allows, to keep the tests quick). Some models are also
exported with a dynamic batch axis and at other opsets. Files land in OUT/<torch>-<torchvision>-<script hash>/
(other folders in OUT, stale exports, are removed); existing files are kept, so a second run only exports what is
missing. Prints a JSON manifest on stdout.

Usage: /usr/bin/python3 export-torchvision.py OUT [NAME ...]
Needs Debian's python3-torch and python3-torchvision.
"""
import hashlib
import json
import os
import shutil
import sys

import torch
import torchvision

class ViewFlatten(torch.nn.Module):
    """Not from torchvision: a small net that flattens with `x.view(x.size(0), -1)`, as older model code does, which a
    dynamic batch axis exports as Shape, Gather, Unsqueeze, Concat and Reshape."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2))
        self.fc = torch.nn.Linear(8 * 16 * 16, 10)

    def forward(self, x):
        x = self.features(x)
        return self.fc(x.view(x.size(0), -1))


# name -> (torchvision builder or a module class, keyword arguments, input size). alexnet and vgg16 end in AdaptiveAvgPool2d(6 / 7), which ONNX
# export only takes when the pooled size divides the map, hence 224 there; inception_v3 needs at least 75.
MODELS = {
    'alexnet': ('alexnet', {}, 224),
    'vgg16': ('vgg16', {}, 224),
    'resnet18': ('resnet18', {}, 64),
    'resnet50': ('resnet50', {}, 64),
    'resnet152': ('resnet152', {}, 64),
    'resnext50_32x4d': ('resnext50_32x4d', {}, 64),
    'wide_resnet50_2': ('wide_resnet50_2', {}, 64),
    'googlenet': ('googlenet', {'aux_logits': False, 'transform_input': False, 'init_weights': True}, 64),
    'googlenet_ti': ('googlenet', {'aux_logits': False, 'transform_input': True, 'init_weights': True}, 64),
    'inception_v3': ('inception_v3', {'aux_logits': False, 'transform_input': False, 'init_weights': True}, 75),
    'densenet121': ('densenet121', {}, 64),
    'squeezenet1_0': ('squeezenet1_0', {}, 64),
    'squeezenet1_1': ('squeezenet1_1', {}, 64),
    'mobilenet_v2': ('mobilenet_v2', {}, 64),
    'mobilenet_v3_small': ('mobilenet_v3_small', {}, 64),
    'mobilenet_v3_large': ('mobilenet_v3_large', {}, 64),
    'shufflenet_v2_x1_0': ('shufflenet_v2_x1_0', {}, 64),
    'mnasnet1_0': ('mnasnet1_0', {}, 64),
    'efficientnet_b0': ('efficientnet_b0', {}, 64),
    'regnet_y_400mf': ('regnet_y_400mf', {}, 64),
    'view_flatten': (ViewFlatten, {}, 32),
}

# Every model at opset 13 with a static batch; these also at opsets 11 and 17 and with a dynamic batch axis.
VARIANTS = [(13, False)]
EXTRA_VARIANTS = {name: [(13, True), (11, False), (11, True), (17, False), (17, True)] for name in ('googlenet', 'resnet50', 'mobilenet_v2')}
EXTRA_VARIANTS['shufflenet_v2_x1_0'] = [(13, True)]
EXTRA_VARIANTS['view_flatten'] = [(13, True)]
SEED = 20240610


def file_name(name, opset, dynamic):
    return f"{name}-op{opset}{'-dyn' if dynamic else ''}.onnx"


def export(name, opset, dynamic, path):
    builder, kwargs, size = MODELS[name]
    torch.manual_seed(SEED)
    model = (getattr(torchvision.models, builder)(weights=None, **kwargs) if isinstance(builder, str) else builder(**kwargs)).eval()
    x = torch.zeros(1, 3, size, size)
    axes = {'input': {0: 'batch'}, 'output': {0: 'batch'}} if dynamic else None
    tmp = path + '.part'
    with torch.no_grad():
        torch.onnx.export(model, x, tmp, opset_version=opset, input_names=['input'], output_names=['output'], dynamic_axes=axes, do_constant_folding=True)
    os.replace(tmp, path)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(__file__, 'rb') as f:
        script = hashlib.sha256(f.read()).hexdigest()[:8]
    out = os.path.join(sys.argv[1], f'{torch.__version__}-{torchvision.__version__}-{script}')
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
        for opset, dynamic in VARIANTS + EXTRA_VARIANTS.get(name, []):
            path = os.path.join(out, file_name(name, opset, dynamic))
            if not os.path.exists(path):
                print(f'exporting {os.path.basename(path)}', file=sys.stderr, flush=True)
                export(name, opset, dynamic, path)
            size = MODELS[name][2]
            entries.append({'name': name, 'opset': opset, 'dynamic': dynamic, 'size': size, 'path': path})
    manifest = {'torch': torch.__version__, 'torchvision': torchvision.__version__, 'seed': SEED, 'models': entries}
    print(json.dumps(manifest))


if __name__ == '__main__':
    main()
