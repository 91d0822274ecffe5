#!/usr/bin/env python3
"""PyTorch twin of `swift run -c release resnet-bench`: same arguments, same JSON fields.

Run it beside the Swift benchmark to compare the two on one machine:

    python3 Tools/bench/resnet_bench.py --json --model resnet18 --batch 8 --size 224
    swift run -c release resnet-bench --json --model resnet18 --batch 8 --size 224

It needs torch and torchvision in a virtual environment outside the repository
(`python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch torchvision`).
The CIFAR-style models (resnet20 ... resnet110 and their plain twins) are built here with the
same structure as ResNetKit's `CIFARResNet`: option-A shortcuts, widths 16/32/64.
"""

import argparse
import json
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

IMAGENET = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"]
CIFAR_DEPTHS = [20, 32, 44, 56, 110]


class ZeroPadShortcut(nn.Module):
    """Option A: every second pixel, zero channels added on both sides."""

    def __init__(self, out_channels, stride):
        super().__init__()
        self.out_channels = out_channels
        self.stride = stride

    def forward(self, x):
        sub = x[:, :, :: self.stride, :: self.stride]
        extra = self.out_channels - x.shape[1]
        return F.pad(sub, (0, 0, 0, 0, extra // 2, extra - extra // 2))


class CifarBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride, residual):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.residual = residual
        self.downsample = None
        if residual and (stride != 1 or in_channels != out_channels):
            self.downsample = ZeroPadShortcut(out_channels, stride)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.residual:
            out = out + (self.downsample(x) if self.downsample is not None else x)
        return F.relu(out)


class CifarResNet(nn.Module):
    def __init__(self, depth, classes, in_channels, residual):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(in_channels, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, channels = [], 16
        for stage in range(3):
            planes = 16 << stage
            blocks = []
            for index in range(n):
                stride = 2 if stage > 0 and index == 0 else 1
                blocks.append(CifarBlock(channels, planes, stride, residual))
                channels = planes
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = layers
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def make_model(name, classes, channels):
    if name in IMAGENET:
        model = getattr(torchvision.models, name)(num_classes=classes)
        if channels != 3:
            model.conv1 = nn.Conv2d(channels, 64, 7, 2, 3, bias=False)
        return model
    for prefix, residual in (("resnet", True), ("plain", False)):
        if name.startswith(prefix) and name[len(prefix):].isdigit() and int(name[len(prefix):]) in CIFAR_DEPTHS:
            return CifarResNet(int(name[len(prefix):]), classes, channels, residual)
    raise SystemExit(f"unknown model {name}")


def multiply_adds(model, shape):
    """Convolution and linear multiply-adds for one image, as ResNetKit counts them."""
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        per_image = output[0].numel()
        if isinstance(module, nn.Conv2d):
            total += per_image * module.in_channels * module.kernel_size[0] * module.kernel_size[1] // module.groups
        elif isinstance(module, nn.Linear):
            total += per_image * module.in_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *shape[1:]))
    for h in handles:
        h.remove()
    return total


def median_ms(fn, iterations, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=None)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--channels", type=int, default=None)
    parser.add_argument("--classes", type=int, default=None)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name in args.model or ["resnet18"]:
        imagenet = name in IMAGENET
        size = args.size or (224 if imagenet else 32)
        channels = args.channels or 3
        classes = args.classes or (1000 if imagenet else 10)
        model = make_model(name, classes, channels)
        shape = (args.batch, channels, size, size)
        x = torch.randn(*shape)
        y = torch.randint(0, classes, (args.batch,))
        macs = multiply_adds(model, shape)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)

        def forward():
            model.eval()
            with torch.no_grad():
                model(x)

        def train_step():
            model.train()
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()

        row = {
            "model": name,
            "batch": args.batch,
            "size": size,
            "parameters": sum(p.numel() for p in model.parameters()),
            "macs": macs,
            "forward_ms": round(median_ms(forward, args.iterations, args.warmup), 3),
            "train_step_ms": round(median_ms(train_step, args.iterations, args.warmup), 3),
            "implementation": "pytorch " + torch.__version__.split("+")[0],
            "threads": torch.get_num_threads(),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(f"{name}: batch {args.batch} at {size}x{size}: {row['forward_ms']} ms forward, "
                  f"{row['train_step_ms']} ms train step", flush=True)


if __name__ == "__main__":
    main()
