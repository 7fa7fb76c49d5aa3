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
from torch import nn

SEED = 20240611
SIZE = 127


class GroupedAlexNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 96, 11, stride=4)
        self.relu1 = nn.ReLU()
        self.norm1 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1.0)
        self.pool1 = nn.MaxPool2d(3, stride=2)
        self.conv2 = nn.Conv2d(96, 256, 5, padding=2, groups=2)
        self.relu2 = nn.ReLU()
        self.norm2 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1.0)
        self.pool2 = nn.MaxPool2d(3, stride=2)
        self.conv3 = nn.Conv2d(256, 384, 3, padding=1)
        self.relu3 = nn.ReLU()
        self.conv4 = nn.Conv2d(384, 384, 3, padding=1, groups=2)
        self.relu4 = nn.ReLU()
        self.conv5 = nn.Conv2d(384, 256, 3, padding=1, groups=2)
        self.relu5 = nn.ReLU()
        self.pool5 = nn.MaxPool2d(3, stride=2)
        self.fc6 = nn.Linear(256 * 2 * 2, 512)
        self.relu6 = nn.ReLU()
        self.fc7 = nn.Linear(512, 512)
        self.relu7 = nn.ReLU()
        self.fc8 = nn.Linear(512, 100)

    def forward(self, x):
        x = self.pool1(self.norm1(self.relu1(self.conv1(x))))
        x = self.pool2(self.norm2(self.relu2(self.conv2(x))))
        x = self.relu3(self.conv3(x))
        x = self.relu4(self.conv4(x))
        x = self.pool5(self.relu5(self.conv5(x)))
        x = torch.flatten(x, 1)
        return self.fc8(self.relu7(self.fc7(self.relu6(self.fc6(x)))))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    # torch 1.13 warns about shape inference of local_response_norm's constants and unfoldable Slice steps.
    warnings.filterwarnings('ignore', category=UserWarning)
    torch.manual_seed(SEED)
    model = GroupedAlexNet().eval()
    x = torch.zeros(1, 3, SIZE, SIZE)
    tmp = out + '.part'
    with torch.no_grad():
        torch.onnx.export(model, x, tmp, opset_version=13, input_names=['input'], output_names=['output'], do_constant_folding=True)
    os.replace(tmp, out)
    print(out)


if __name__ == '__main__':
    main()
