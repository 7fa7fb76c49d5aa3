#!/usr/bin/python3
"""PyTorch autograd's reference gradients for the ONNX Runtime gradient-model tests.

Input gradient: builds a model of export-torchvision.py (same seed, so the same weights as its ONNX export), eval mode,
and writes dLoss/dinput for loss = sum(output * seed), with the input and seed read as raw float32 files.

    /usr/bin/python3 torch-input-gradient.py input NAME BATCH IN_FILE SEED_FILE OUT_FILE

Weight gradients: reads a JSON spec of a small conv net (see ort/testing/torch-reference.test-support.ts) with its
weights, input, seed, dropout masks, and writes every gradient as JSON.

    /usr/bin/python3 torch-input-gradient.py weights SPEC_FILE OUT_FILE [SPEC_FILE OUT_FILE ...]
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)


def load_exporter():
    # model-import's exporter, passed by the caller (src/testing/torch-reference.test-support.ts).
    path = os.environ['EXPORT_TORCHVISION_SCRIPT']
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


def tensor(t):
    return torch.tensor(t['data'], dtype=torch.float32).reshape(t['dims'])


def lrn(x, a):
    """ONNX/Caffe LRN: the window over channels is [c - floor((size-1)/2), c + ceil((size-1)/2)]."""
    before, after = (a['size'] - 1) // 2, a['size'] // 2
    squares = torch.nn.functional.pad(x * x, (0, 0, 0, 0, before, after))
    total = sum(squares[:, i:i + x.shape[1]] for i in range(a['size']))
    return x / (a['bias'] + a['alpha'] / a['size'] * total) ** a['beta']


def pool(op, x, p, name):
    """Torch's own pools: symmetric pads through their padding argument, asymmetric ones (max only) by padding with -inf."""
    F = torch.nn.functional
    top, left, bottom, right = p['pads']
    kernel, strides, ceil = p['kernel'], p['strides'], p['ceilMode']
    if top == bottom and left == right:
        if op == 'maxpool':
            return F.max_pool2d(x, kernel, strides, (top, left), ceil_mode=ceil)
        return F.avg_pool2d(x, kernel, strides, (top, left), ceil_mode=ceil, count_include_pad=bool(p.get('countIncludePad')))
    if op == 'maxpool' and not ceil:
        return F.max_pool2d(F.pad(x, (left, right, top, bottom), value=float('-inf')), kernel, strides)
    raise SystemExit(f"{op} {name}: asymmetric pads are not in this reference")


def run_node(node, ins, params, spec):
    F = torch.nn.functional
    x = ins[0]
    op = node['op']
    name = node['name']
    if op == 'conv':
        a = node['conv']
        top, left, bottom, right = a['pads']
        x = F.pad(x, (left, right, top, bottom))
        bias = params[name + '/bias'] if a['bias'] else None
        return F.conv2d(x, params[name + '/weight'], bias, stride=a['strides'], dilation=a['dilations'], groups=a['group'])
    if op == 'relu':
        return F.relu(x)
    if op == 'lrn':
        return lrn(x, node['lrn'])
    if op in ('maxpool', 'avgpool'):
        return pool(op, x, node['pool'], name)
    if op == 'globalavgpool':
        return x.mean(dim=(2, 3), keepdim=True)
    if op == 'flatten':
        return x.reshape(x.shape[0], -1)
    if op == 'dense':
        return F.linear(x.reshape(x.shape[0], -1), params[name + '/weight'], params[name + '/bias'])
    if op == 'dropout':
        return x * spec['masks'][name] if spec['training'] and name in spec['masks'] else x
    if op == 'batchnorm':
        if spec['training']:
            return F.batch_norm(x, None, None, params[name + '/scale'], params[name + '/bias'], training=True, eps=node['epsilon'])
        bn = node['bn']
        return F.batch_norm(x, tensor(bn['mean']), tensor(bn['variance']), tensor(bn['scale']), tensor(bn['bias']), training=False, eps=node['epsilon'])
    if op == 'softmax':
        return F.softmax(x, dim=1)
    if op == 'add':
        return sum(ins)
    if op == 'clip':
        return torch.clamp(x, node['clip']['min'], node['clip']['max'])
    if op == 'sigmoid':
        return torch.sigmoid(x)
    if op == 'hardsigmoid':
        return torch.clamp(node['hardSigmoid']['alpha'] * x + node['hardSigmoid']['beta'], 0, 1)
    if op == 'hardswish':
        return F.hardswish(x)
    if op == 'silu':
        return F.silu(x)
    if op == 'mul':
        return ins[0] * ins[1]
    if op == 'affine':
        shape = [1, -1] + [1] * (x.dim() - 2)
        scale = torch.tensor(node['affine']['scale'], dtype=torch.float32).reshape(shape)
        shift = torch.tensor(node['affine']['shift'], dtype=torch.float32).reshape(shape)
        return x * scale + shift
    if op == 'select':
        return torch.index_select(x, 1, torch.tensor(node['select']))
    if op == 'concat':
        return torch.cat(ins, dim=node.get('axis', 1))
    raise SystemExit(f"op {op} (node {name}) is not in this reference")


def weight_gradients(spec_file, out_file):
    with open(spec_file) as f:
        spec = json.load(f)
    params = {k: tensor(v).requires_grad_(True) for k, v in spec['params'].items()}
    spec['masks'] = {k: tensor(v) for k, v in spec.get('masks', {}).items()}
    x = tensor(spec['input']).requires_grad_(True)
    values = {spec['nodes'][0]['name']: x}
    for node in spec['nodes'][1:]:
        values[node['name']] = run_node(node, [values[i] for i in node['inputs']], params, spec)
    if spec.get('seeds'):
        loss = sum((values[layer] * tensor(seed)).sum() for layer, seed in spec['seeds'].items())
    else:
        logits = values[spec['logits']]
        labels = tensor(spec['labels'])
        loss = -(labels * torch.log_softmax(logits, dim=1)).sum(1).mean()
    loss.backward()
    out = {'loss': [loss.item()], 'grad:input': x.grad.flatten().tolist()}
    for k, v in params.items():
        out['grad:' + k] = v.grad.flatten().tolist()
    with open(out_file, 'w') as f:
        json.dump(out, f)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'input' and len(sys.argv) == 7:
        input_gradient(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
    elif len(sys.argv) >= 4 and len(sys.argv) % 2 == 0 and sys.argv[1] == 'weights':
        for spec_file, out_file in zip(sys.argv[2::2], sys.argv[3::2]):
            weight_gradients(spec_file, out_file)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
