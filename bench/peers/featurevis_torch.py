"""PyTorch peer of bench/featurevis.ts: the same feature-visualization recipe (Fourier parameterization, colour
decorrelation, pad/jitter/scale/rotate/jitter transforms, Adam, channel objectives) on the same graph and weights,
written by the bench to a folder: graph.json (nodes up to the target layer, ONNX layouts) and weights.bin
(float32, little-endian, offsets in graph.json).

Usage: python3 featurevis_torch.py <folder> --threads N. Then one JSON command per line on stdin:
  {"batch": 8, "steps": 4}   -> {"seconds": ..., "cpu": ...}   (wall and process CPU seconds of the steps after one untimed step)
  {"check": "input.bin"}      -> {"sum": ..., "abs": ...} of the target layer's activations for that NCHW input
  {"quit": true}
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

COLOR_CORRELATION = torch.tensor([[0.26, 0.09, 0.02], [0.27, 0.0, -0.05], [0.27, -0.09, 0.03]])
COLOR_MAX_NORM = 0.46195
SCALES = [round(0.9 + 0.02 * i, 2) for i in range(11)]
ANGLES = list(range(-10, 11)) + [0] * 5


class GraphModule(torch.nn.Module):
    """Runs the exported nodes in order; returns the target layer's activations (NCHW)."""

    def __init__(self, graph, weights):
        super().__init__()
        self.nodes = graph["nodes"]
        self.target = graph["layer"]
        self.params = torch.nn.ParameterDict()
        for node in self.nodes:
            for key in ("weight", "bias"):
                spec = node.get(key)
                if spec:
                    offset, shape = spec["offset"], spec["shape"]
                    count = int(np.prod(shape))
                    value = torch.from_numpy(weights[offset:offset + count].copy()).reshape(shape)
                    self.params[f"{node['name']}__{key}".replace(".", "_")] = torch.nn.Parameter(value, requires_grad=False)

    def param(self, node, key):
        name = f"{node['name']}__{key}".replace(".", "_")
        return self.params[name] if name in self.params else None

    def forward(self, x):
        values = {}
        for node in self.nodes:
            op = node["op"]
            ins = [values[i] if i in values else x for i in node["inputs"]]
            if op == "input":
                out = x
            elif op == "conv":
                a = node["conv"]
                top, left, bottom, right = a["pads"]
                h = F.pad(ins[0], (left, right, top, bottom)) if any(a["pads"]) else ins[0]
                out = F.conv2d(h, self.param(node, "weight"), self.param(node, "bias"), stride=a["strides"],
                               dilation=a["dilations"], groups=a["group"])
            elif op == "relu":
                out = F.relu(ins[0])
            elif op == "maxpool":
                a = node["pool"]
                top, left, bottom, right = a["pads"]
                h = F.pad(ins[0], (left, right, top, bottom), value=-math.inf) if any(a["pads"]) else ins[0]
                out = F.max_pool2d(h, a["kernel"], a["strides"], ceil_mode=a["ceilMode"])
            elif op == "lrn":
                a = node["lrn"]
                if a["size"] % 2 != 1:
                    raise ValueError(f"lrn node {node['name']}: the peer runs odd sizes only, got {a['size']}")
                out = F.local_response_norm(ins[0], a["size"], alpha=a["alpha"], beta=a["beta"], k=a["bias"])
            elif op == "concat":
                out = torch.cat(ins, dim=node.get("axis", 1))
            else:
                raise ValueError(f"node {node['name']}: the torch peer has no op {op}")
            values[node["name"]] = out
            if node["name"] == self.target:
                return out
        raise ValueError(f"layer {self.target} is not among the exported nodes")


def irfft_scale(h, w):
    fy = torch.fft.fftfreq(h)[:, None]
    fx = torch.fft.rfftfreq(w)[None, :]
    freqs = torch.sqrt(fx * fx + fy * fy)
    return math.sqrt(w * h) / torch.clamp(freqs, min=1.0 / max(w, h))


def rotate(images, degrees):
    if degrees == 0:
        return images
    r = math.radians(degrees)
    theta = torch.tensor([[math.cos(r), -math.sin(r), 0.0], [math.sin(r), math.cos(r), 0.0]], dtype=images.dtype)
    grid = F.affine_grid(theta.expand(images.shape[0], 2, 3), list(images.shape), align_corners=False)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def transform(images, rng, size):
    images = F.pad(images, (12, 12, 12, 12), value=0.5)
    n, c, h, w = images.shape
    dy, dx = rng.integers(0, 9, 2)
    images = images[:, :, dy:dy + h - 8, dx:dx + w - 8]
    scale = SCALES[rng.integers(len(SCALES))]
    h, w = images.shape[2:]
    images = F.interpolate(images, size=(int(scale * h + 1e-6), int(scale * w + 1e-6)), mode="bilinear", align_corners=False)
    images = rotate(images, ANGLES[rng.integers(len(ANGLES))])
    dy, dx = rng.integers(0, 5, 2)
    h, w = images.shape[2:]
    images = images[:, :, dy:dy + h - 4, dx:dx + w - 4]
    h, w = images.shape[2:]
    if h > size:
        top = (h - size) // 2
        images = images[:, :, top:top + size, :]
    if w > size:
        left = (w - size) // 2
        images = images[:, :, :, left:left + size]
    h, w = images.shape[2:]
    if h < size or w < size:
        top, left = (size - h) // 2, (size - w) // 2
        images = F.pad(images, (left, size - w - left, top, size - h - top), value=0.5)
    return images


def render(model, batch, steps, size, input_range, seed=1):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n = size // 2 + 1
    spectrum = (0.01 * torch.randn(2, batch, 3, size, n)).requires_grad_(True)
    scale = irfft_scale(size, size)
    colour = (COLOR_CORRELATION / COLOR_MAX_NORM).t()
    lo, hi = input_range
    optimizer = torch.optim.Adam([spectrum], lr=0.05, eps=1e-8)
    units = torch.arange(batch)

    def step():
        optimizer.zero_grad()
        complex_spectrum = torch.complex(spectrum[0] * scale, spectrum[1] * scale)
        image = torch.fft.irfft2(complex_spectrum, s=(size, size)) / 4  # [batch, 3, h, w]
        image = torch.sigmoid((image.permute(0, 2, 3, 1).reshape(-1, 3) @ colour).reshape(batch, size, size, 3).permute(0, 3, 1, 2))
        x = transform(image, rng, size) * (hi - lo) + lo
        acts = model(x)
        loss = -acts.mean(dim=(2, 3))[torch.arange(batch), units % acts.shape[1]].sum()
        loss.backward()
        optimizer.step()

    step()  # untimed: allocation and first-call setup
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(steps):
        step()
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with open(f"{args.folder}/graph.json") as f:
        graph = json.load(f)
    weights = np.fromfile(f"{args.folder}/weights.bin", dtype="<f4")
    model = GraphModule(graph, weights).eval()
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        if "check" in command:
            dims = command["dims"]
            x = torch.from_numpy(np.fromfile(f"{args.folder}/{command['check']}", dtype="<f4").reshape(dims))
            with torch.no_grad():
                out = model(x)
            print(json.dumps({"sum": float(out.double().sum()), "abs": float(out.double().abs().sum()), "dims": list(out.shape)}), flush=True)
        else:
            seconds, cpu = render(model, command["batch"], command["steps"], graph["size"], graph["inputRange"])
            print(json.dumps({"seconds": seconds, "cpu": cpu}), flush=True)


if __name__ == "__main__":
    main()
