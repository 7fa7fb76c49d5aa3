#!/usr/bin/python3
"""Exports a BVLC-shaped AlexNet from PyTorch to ONNX, with the original's grouped convs, for the e2e tests.

The convs are BVLC AlexNet's: conv1 96 filters 11x11 stride 4, ReLU, LRN, max pool 3/2, conv2 256 5x5 in 2 groups,
ReLU, LRN, max pool, conv3 384 3x3, conv4 384 3x3 in 2 groups, conv5 256 3x3 in 2 groups, max pool; then a smaller
classifier than the original's (512, 512, 100 units) to keep the file small. The LRNs are PyTorch's own
nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1), which torch.onnx writes out as a dozen small ops (Mul, Pad, a
3-D AveragePool over channels, If, Pow, Div...) that the importer folds back into one LRN each. Weights are seeded
random (torch.manual_seed), the model is in eval mode, exported at opset 13 with a static batch of 1 and a 127 px
input (conv1 30x30, conv2 14x14, conv5 6x6, 2x2 after the last pool).

Usage: /usr/bin/python3 export-grouped-alexnet.py OUT.onnx
Needs Debian's python3-torch.
"""
import os
import sys
import warnings

import torch

# The model is the LRN import tests' BVLC AlexNet.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../packages/model-import/scripts'))
from bvlc_alexnet import BvlcAlexNet  # noqa: E402

SEED = 20240611
SIZE = 127


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    # torch 1.13 warns about shape inference of local_response_norm's constants and unfoldable Slice steps.
    warnings.filterwarnings('ignore', category=UserWarning)
    torch.manual_seed(SEED)
    model = BvlcAlexNet().eval()
    x = torch.zeros(1, 3, SIZE, SIZE)
    tmp = out + '.part'
    with torch.no_grad():
        torch.onnx.export(model, x, tmp, opset_version=13, input_names=['input'], output_names=['output'], do_constant_folding=True)
    os.replace(tmp, out)
    print(out)


if __name__ == '__main__':
    main()
