"""The PyTorch peer of bench/training.ts: trains the small 2-branch AlexNet (packages/core's smallAlexnetGraph:
conv1 5x5 32, LRN, pool; conv2 3x3 64 in 2 groups, LRN, pool; conv3 96; conv4 96 and conv5 64 in 2 groups, pool;
fc6 256, dropout 0.5; fc7 classes) with softmax cross-entropy and Adam, on the CPU with a given number of threads.

Reads one JSON command a line on stdin, {"batch": n, "steps": k, "threads": t}, and answers {"seconds": s} for k
timed training steps (forward, backward, optimizer step) on seeded noise images, after one untimed step, with t
intra-op threads (default --threads). The first line it writes says it is ready, with torch's version and its
thread count.
"""
import argparse
import json
import sys
import time

import torch
from torch import nn


class SmallAlexnet(nn.Module):
    def __init__(self, classes, size, groups=2):
        super().__init__()
        lrn = lambda: nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1.0)
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 5, padding=2), nn.ReLU(), lrn(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1, groups=groups), nn.ReLU(), lrn(), nn.MaxPool2d(2),
            nn.Conv2d(64, 96, 3, padding=1), nn.ReLU(),
            nn.Conv2d(96, 96, 3, padding=1, groups=groups), nn.ReLU(),
            nn.Conv2d(96, 64, 3, padding=1, groups=groups), nn.ReLU(), nn.MaxPool2d(2),
        )
        flat = 64 * (size // 8) * (size // 8)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(flat, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, classes))

    def forward(self, x):
        return self.classifier(self.features(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    model = SmallAlexnet(args.classes, args.size)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)

    def step(images, labels):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        batch, steps = command["batch"], command["steps"]
        torch.set_num_threads(command.get("threads", args.threads))
        generator = torch.Generator().manual_seed(batch)
        images = torch.rand(batch, 3, args.size, args.size, generator=generator) * 2 - 1
        labels = torch.randint(0, args.classes, (batch,), generator=generator)
        step(images, labels)
        start = time.perf_counter()
        for _ in range(steps):
            step(images, labels)
        print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)


if __name__ == "__main__":
    main()
