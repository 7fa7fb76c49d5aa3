"""BVLC AlexNet as a researcher writes it in PyTorch, shared by the export scripts (the LRN import tests' and the
e2e tests' grouped AlexNet)."""
import torch
from torch import nn


class BvlcAlexNet(nn.Module):
    """BVLC AlexNet as a researcher writes it in PyTorch: conv1 96 11x11 stride 4, ReLU, LRN(5, 1e-4, 0.75, 1), max
    pool 3/2, conv2 256 5x5 in 2 groups, ReLU, LRN, max pool, conv3 384, conv4 384 and conv5 256 (both in 2 groups),
    max pool; a smaller classifier (512, 512, 100) to keep the file small."""

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
