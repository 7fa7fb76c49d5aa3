"""Exports torchvision models with seeded random weights to ONNX, for bench/import-zoo.ts (which runs it).

    /usr/bin/python3 bench/import-zoo/torchvision-zoo.py OUT_DIR alexnet resnet50 vgg16 googlenet mobilenet_v2

Needs Debian's python3-torch and python3-torchvision (no download: weights are random, never pretrained).
Writes OUT_DIR/<name>.onnx (opset 13, input [1, 3, 224, 224]) for each name not already there, and prints its path.
"""
import os
import sys

import torch
import torchvision


def build(name):
    if name == "googlenet":
        # No auxiliary heads: they only run in training mode, and the export traces evaluation.
        return torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True)
    return getattr(torchvision.models, name)(weights=None)


def main():
    out, names = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    for name in names:
        target = os.path.join(out, f"{name}.onnx")
        if not os.path.exists(target):
            torch.manual_seed(1)
            model = build(name).eval()
            partial = f"{target}.partial"
            torch.onnx.export(model, torch.zeros(1, 3, 224, 224), partial, opset_version=13,
                              input_names=["input"], output_names=["logits"], do_constant_folding=True)
            os.replace(partial, target)
        print(target, flush=True)


if __name__ == "__main__":
    main()
