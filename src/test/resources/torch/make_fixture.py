#!/usr/bin/env python3
"""Writes the TorchImportTest fixtures with scripts/gpu_train.py's own network and export (PyTorch on CPU):
tiny.npz, a small untrained network (channels 4,8, dense 16, 4 classes: the three named and rare of the tests' SyntheticData) with batch-norm statistics from a few
random batches, and shifted.npz, the same weights with probe outputs of a network padded the other way round
(the stem's 'Same' padding before instead of after), which the import must refuse.
    python3 src/test/resources/torch/make_fixture.py"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "scripts"))
import gpu_train as g  # noqa: E402

torch.manual_seed(3)
net = g.Net([4, 8], 16, 4)
net.train()
with torch.no_grad():
    for _ in range(4):
        net(torch.rand(32, 1, 64, 64))
net.eval()
probe = torch.rand(4, 1, 64, 64)
with torch.no_grad():
    good = torch.softmax(net(probe), 1)
    x = probe
    for i, (conv, bn) in enumerate(zip(net.convs, net.bns)):
        x = F.pad(x, (1, 0, 1, 0)) if i == 0 else F.pad(x, (1, 1, 1, 1))
        x = F.relu(bn(conv(x)))
        if i > 0:
            x = F.max_pool2d(x, 2)
    x = F.relu(net.bn_fc(net.fc(torch.flatten(x, 1))))
    shifted = torch.softmax(net.out(x), 1)
for name, y in (("tiny", good), ("shifted", shifted)):
    arrays = g.dl4j_params(net)
    arrays["channels"] = np.array([4, 8], np.float32)
    arrays["dense"] = np.array([16], np.float32)
    arrays["probe_x"] = probe.numpy().astype(np.float32)
    arrays["probe_y"] = y.numpy().astype(np.float32)
    arrays["train_counts"] = np.array([10, 20, 30, 5], np.float32)
    np.savez(os.path.join(here, name + ".npz"), **arrays)
print("max difference between the two probes' outputs:", (good - shifted).abs().max().item())
