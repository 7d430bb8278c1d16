#!/usr/bin/env python3
"""Trains honkoku's classifier on a GPU, for import into the DL4J model by `train --import-weights`.

The data is what `./honkoku train --export-set DIR` wrote: the same training and validation sets `train`
assembles (Kuzushiji-Kanji, Kuzushiji-MNIST, font renderings, page crops), before augmentation. This script
augments on the GPU in the spirit of `org.honkoku.train.Augmenter` (one warp of rotation, shear, aspect and an
elastic field; stroke thickening or thinning; a strip of a neighbouring character; a box cut short; blur; the
inference framing of `Preprocess.whiteOnBlack`, Otsu threshold included; ink tone and noise; font renderings
and `hard` samples distorted harder), trains the network `NetworkFactory` builds (same layers, same padding),
keeps the state with the best validation score (mean top-1 of kkanji, kmnist and synthetic validation; the page
crops are never used to choose) and writes NAME.npz (the parameters under their DL4J names, and probe inputs
with PyTorch's outputs, which the import checks), NAME.properties and NAME.csv (the learning curve, in
`learning-curve.csv`'s columns).

    python3 scripts/gpu_train.py --set DIR --held-out-book 200003076 --minutes 6 --out DIR/NAME [--aux-weight W]

With --aux-weight W > 0 the network gets a second softmax layer beside its output, on the same hidden layer, that
learns Kuzushiji-Kanji's classes which the 514 outputs lump together (train.aux: each Kuzushiji-Kanji crop of the
training set that is `rare`, or a hentaigana source kanji read as its kana, under its own class of
train.aux.labels.txt). W times that layer's cross-entropy over those samples of each batch is added to the loss: no
extra samples, next to no extra computation. The layer is for training only: NAME.npz holds the network as without it.

Optional and not part of the build: nothing in the project needs PyTorch or a GPU. It runs on a CPU too
(slowly; `--limit` and `--minutes` keep a trial short).
"""
import argparse
import lzma
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SIZE = 64
CANVAS = 112
OFF = (CANVAS - SIZE) // 2
PAGE_COPIES = 8  # TrainingData.PAGE_COPIES


def read_set(path):
    """A set train --export-set wrote (TrainingExport), compressed with xz or not."""
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, n, side, real_bits, font_bits = struct.unpack(">iiiii", data[:20])
    if magic != 0x484B5332 or side != SIZE:
        raise SystemExit(f"{path}: not a set written by train --export-set")
    off = 20
    labels = np.frombuffer(data, ">i2", n, off).astype(np.int64)
    off += 2 * n
    flags = np.frombuffer(data, np.uint8, n, off).copy()
    off += n
    copies = np.frombuffer(data, ">u2", n, off).astype(np.int64)
    off += 2 * n
    levels = np.frombuffer(data, np.uint8, n * side * side, off).reshape(n, side, side)
    font = (flags & 1) > 0
    scale = np.where(font, 255.0 / (2 ** font_bits - 1), 255.0 / (2 ** real_bits - 1)).astype(np.float32)
    images = np.rint(levels * scale[:, None, None]).astype(np.uint8)
    return images, labels, flags, copies


def set_path(folder, name):
    xz = os.path.join(folder, name + ".set.xz")
    return xz if os.path.exists(xz) else os.path.join(folder, name + ".set")


class Net(nn.Module):
    """NetworkFactory's network: conv3x3 stem with stride 2 ('Same' padding: 0 before, 1 after), then per
    block conv3x3 + BN + ReLU + maxpool 2x2, dense + BN + ReLU, dropout, softmax layer."""

    def __init__(self, channels, dense, classes, aux_classes=0):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        c_in = 1
        for c in channels:
            self.convs.append(nn.Conv2d(c_in, c, 3, stride=2 if c_in == 1 else 1, padding=0, bias=False))
            self.bns.append(nn.BatchNorm2d(c, eps=1e-5, momentum=0.1))
            c_in = c
        side = SIZE // 2 // 2 ** (len(channels) - 1)
        self.fc = nn.Linear(c_in * side * side, dense, bias=False)
        self.bn_fc = nn.BatchNorm1d(dense, eps=1e-5)
        self.drop = nn.Dropout(0.25)
        self.out = nn.Linear(dense, classes)
        # the auxiliary target's softmax layer (training only; dl4j_params leaves it out)
        self.aux = nn.Linear(dense, aux_classes) if aux_classes > 0 else None
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")

    def hidden(self, x):
        """The last hidden layer (after dropout in training): what the output layer, and the auxiliary one, read."""
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            x = F.pad(x, (0, 1, 0, 1)) if i == 0 else F.pad(x, (1, 1, 1, 1))
            x = F.relu(bn(conv(x)))
            if i > 0:
                x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        return self.drop(F.relu(self.bn_fc(self.fc(x))))

    def forward(self, x):
        return self.out(self.hidden(x))


def dl4j_params(net):
    """The parameters under DL4J's names (layer index _ key), in its shapes."""
    out = {}
    layer = 0

    def bn(prefix, m):
        out[f"{prefix}_gamma"] = m.weight.detach().float().cpu().numpy()
        out[f"{prefix}_beta"] = m.bias.detach().float().cpu().numpy()
        out[f"{prefix}_mean"] = m.running_mean.detach().float().cpu().numpy()
        # DL4J normalises by sqrt(var + eps) with var = (10^log10stdev)^2, PyTorch by sqrt(running_var + eps)
        out[f"{prefix}_log10stdev"] = (0.5 * torch.log10(m.running_var.detach().double())).float().cpu().numpy()

    for i, (conv, b) in enumerate(zip(net.convs, net.bns)):
        out[f"{layer}_W"] = conv.weight.detach().float().cpu().numpy()
        bn(layer + 1, b)
        layer += 3 if i == 0 else 4  # conv, batch norm, ReLU (an ActivationLayer of its own), and pool after the stem
    out[f"{layer}_W"] = net.fc.weight.detach().float().cpu().numpy().T.copy()
    bn(layer + 1, net.bn_fc)
    out[f"{layer + 3}_W"] = net.out.weight.detach().float().cpu().numpy().T.copy()
    out[f"{layer + 3}_b"] = net.out.bias.detach().float().cpu().numpy()
    return out


# ---------------------------------------------------------------- augmentation on the device

def shift(t, dy, dx):
    """t [B,H,W] moved by (dy, dx) pixels, zeros coming in."""
    h, w = t.shape[-2:]
    p = F.pad(t, (max(dx, 0), max(-dx, 0), max(dy, 0), max(-dy, 0)))
    return p[..., max(-dy, 0):max(-dy, 0) + h, max(-dx, 0):max(-dx, 0) + w]


def ink_box(mask):
    """First and last row and column of a [B,H,W] bool mask, and whether it has any."""
    rows = mask.any(2)
    cols = mask.any(1)
    has = rows.any(1)
    h, w = mask.shape[1:]
    ar_h = torch.arange(h, device=mask.device)
    ar_w = torch.arange(w, device=mask.device)
    y0 = torch.where(rows, ar_h, h).min(1).values
    y1 = torch.where(rows, ar_h, -1).max(1).values
    x0 = torch.where(cols, ar_w, w).min(1).values
    x1 = torch.where(cols, ar_w, -1).max(1).values
    return y0, y1, x0, x1, has


def otsu(v8):
    """Otsu's threshold per image of [B,H,W] values 0..255 (as OpenCV: the mask is v > t)."""
    b = v8.shape[0]
    hist = torch.zeros(b, 256, device=v8.device)
    hist.scatter_add_(1, v8.reshape(b, -1).long(), torch.ones_like(v8.reshape(b, -1), dtype=torch.float))
    p = hist / hist.sum(1, keepdim=True)
    levels = torch.arange(256, device=v8.device, dtype=torch.float)
    w0 = p.cumsum(1)
    mu = (p * levels).cumsum(1)
    mu_t = mu[:, -1:]
    between = (mu_t * w0 - mu) ** 2 / (w0 * (1 - w0)).clamp_min(1e-12)
    between = torch.where((w0 > 0) & (w0 < 1), between, torch.zeros_like(between))
    return between.argmax(1)


def gaussian_blur(x, sigma):
    """Per-image Gaussian blur of [B,H,W]; sigma [B] (0: none)."""
    b = x.shape[0]
    r = torch.arange(-3, 4, device=x.device, dtype=torch.float)
    k = torch.exp(-r[None] ** 2 / (2 * sigma.clamp_min(1e-3)[:, None] ** 2))
    k = torch.where(sigma[:, None] > 0, k, (r[None] == 0).float())
    k = k / k.sum(1, keepdim=True)
    y = F.conv2d(F.pad(x[None], (3, 3, 0, 0)), k[:, None, None, :], groups=b)
    y = F.conv2d(F.pad(y, (0, 0, 3, 3)), k[:, None, :, None], groups=b)
    return y[0]


def frame(canvas):
    """Preprocess.whiteOnBlack: Otsu mask, its ink box scaled so the longest side is 64, centred."""
    b = canvas.shape[0]
    v8 = (canvas * 255).round().clamp(0, 255)
    t = otsu(v8)
    mask = v8 > t[:, None, None].float()
    y0, y1, x0, x1, has = ink_box(mask)
    full = torch.full_like(y0, CANVAS - 1)
    zero = torch.zeros_like(y0)
    y0, x0 = torch.where(has, y0, zero), torch.where(has, x0, zero)
    y1, x1 = torch.where(has, y1, full), torch.where(has, x1, full)
    w = (x1 - x0 + 1).float()
    h = (y1 - y0 + 1).float()
    scale = SIZE / torch.maximum(w, h)
    nw = (w * scale).round().clamp(1, SIZE)
    nh = (h * scale).round().clamp(1, SIZE)
    ox = ((SIZE - nw) / 2).floor()
    oy = ((SIZE - nh) / 2).floor()
    # sampled at twice the resolution and averaged 2x2: close to INTER_AREA when shrinking
    s2 = SIZE * 2
    j = (torch.arange(s2, device=canvas.device, dtype=torch.float) + 0.5) / 2  # output pixel coords
    jx = j[None, :].expand(b, s2)
    jy = j[None, :].expand(b, s2)
    src_x = x0[:, None].float() + (jx - ox[:, None]) / nw[:, None] * w[:, None] - 0.5
    src_y = y0[:, None].float() + (jy - oy[:, None]) / nh[:, None] * h[:, None] - 0.5
    inside_x = (jx >= ox[:, None]) & (jx < (ox + nw)[:, None])
    inside_y = (jy >= oy[:, None]) & (jy < (oy + nh)[:, None])
    gx = (src_x + 0.5) / CANVAS * 2 - 1
    gy = (src_y + 0.5) / CANVAS * 2 - 1
    grid = torch.stack((gx[:, None, :].expand(b, s2, s2), gy[:, :, None].expand(b, s2, s2)), -1)
    # the ink box's own pixels only (the box is cut out before resizing, as submat does)
    ar = torch.arange(CANVAS, device=canvas.device)
    keep = ((ar[None, :, None] >= y0[:, None, None]) & (ar[None, :, None] <= y1[:, None, None])
            & (ar[None, None, :] >= x0[:, None, None]) & (ar[None, None, :] <= x1[:, None, None]))
    src = (canvas * keep).unsqueeze(1)
    out = F.grid_sample(src, grid, mode="bilinear", padding_mode="border", align_corners=False)[:, 0]
    out = out * (inside_y[:, :, None] & inside_x[:, None, :])
    return F.avg_pool2d(out[:, None], 2)[:, 0]


def augment(img, hard, neighbour, gen):
    """A distorted copy of each uint8 [B,64,64] image; hard [B] bool; neighbour [B,64,64] uint8."""
    dev = img.device
    b = img.shape[0]
    rnd = lambda *s: torch.rand(*s, device=dev, generator=gen)
    x = img.float() / 255
    h = hard.float()
    canvas = F.pad(x, (OFF, OFF, OFF, OFF))
    # one warp: rotation, shear, aspect about the centre plus a smooth elastic field
    a = (rnd(b) * 2 - 1) * (6 + 4 * h) * math.pi / 180
    shear = (rnd(b) * 2 - 1) * (0.15 + 0.10 * h)
    aspect = torch.exp((rnd(b) * 2 - 1) * (0.15 + 0.07 * h))
    cos, sin = torch.cos(a), torch.sin(a)
    m00, m01 = cos * aspect, (-sin + shear * cos) * aspect
    m10, m11 = sin / aspect, (cos + shear * sin) / aspect
    amp = (2.0 + 1.5 * h) * rnd(b)
    field = (rnd(b, 2, 5, 5) * 2 - 1) * amp[:, None, None, None]
    field = F.interpolate(field, size=(CANVAS, CANVAS), mode="bilinear", align_corners=True)
    centre = (CANVAS - 1) / 2
    ar = torch.arange(CANVAS, device=dev, dtype=torch.float) - centre
    v, u = ar[:, None], ar[None, :]
    sx = m00[:, None, None] * u + m01[:, None, None] * v + centre + field[:, 0]
    sy = m10[:, None, None] * u + m11[:, None, None] * v + centre + field[:, 1]
    grid = torch.stack((sx / (CANVAS - 1) * 2 - 1, sy / (CANVAS - 1) * 2 - 1), -1)
    warped = F.grid_sample(canvas[:, None], grid, mode="bilinear", padding_mode="zeros", align_corners=True)[:, 0]
    # stroke weight: 2x2 rect (anchor at its lower right pixel, as OpenCV's) or, hard only, a 3x3 cross
    morph = rnd(b) < 0.25 + 0.2 * h
    cross = hard & (rnd(b) < 0.5)
    dilate = rnd(b) < 0.5
    rect_max = torch.maximum(torch.maximum(warped, shift(warped, 1, 0)), torch.maximum(shift(warped, 0, 1), shift(warped, 1, 1)))
    rect_min = torch.minimum(torch.minimum(warped, shift(warped, 1, 0)), torch.minimum(shift(warped, 0, 1), shift(warped, 1, 1)))
    cross_max = torch.stack([warped, shift(warped, 1, 0), shift(warped, -1, 0), shift(warped, 0, 1), shift(warped, 0, -1)]).amax(0)
    cross_min = torch.stack([warped, shift(warped, 1, 0), shift(warped, -1, 0), shift(warped, 0, 1), shift(warped, 0, -1)]).amin(0)
    big = (warped > 0.5 / 255).sum((1, 2)) > 400
    grown = torch.where(cross[:, None, None], cross_max, rect_max)
    thinned = torch.where(cross[:, None, None], cross_min, rect_min)
    sel_d = (morph & dilate)[:, None, None]
    sel_e = (morph & ~dilate & big)[:, None, None]
    warped = torch.where(sel_d, grown, torch.where(sel_e, thinned, warped))
    y0, y1, x0, x1, has = ink_box(warped > 0.5 / 255)
    ih, iw = (y1 - y0 + 1), (x1 - x0 + 1)
    # a strip of a neighbouring character above or below (4 in 5) or beside
    nb = neighbour.float() / 255
    ny0, ny1, nx0, nx1, nhas = ink_box(nb > 0)
    nh, nw = (ny1 - ny0 + 1), (nx1 - nx0 + 1)
    use_nb = (rnd(b) < 0.3) & nhas & has
    vertical = rnd(b) < 0.8
    share = 0.1 + rnd(b) * 0.25
    gap = (rnd(b) * 5).floor().long()
    jitter = (rnd(b) * 11).floor().long() - 5
    first = rnd(b) < 0.5  # above (vertical) or left (beside)
    sh = torch.clamp((nh.float() * share).long(), min=2)
    sw = torch.clamp((nw.float() * share).long(), min=2)
    # strip rows/cols in the neighbour's own 64x64 frame
    s_y0 = torch.where(vertical, torch.where(first, ny1 + 1 - sh, ny0), ny0)
    s_y1 = torch.where(vertical, torch.where(first, ny1, ny0 + sh - 1), ny1)
    s_x0 = torch.where(vertical, nx0, torch.where(first, nx1 + 1 - sw, nx0))
    s_x1 = torch.where(vertical, nx1, torch.where(first, nx1, nx0 + sw - 1))
    # where the strip's top-left lands on the canvas
    t_x = torch.where(vertical, x0 + (iw - nw) // 2 + jitter, torch.where(first, x0 - gap - sw, x1 + 1 + gap))
    t_y = torch.where(vertical, torch.where(first, y0 - gap - sh, y1 + 1 + gap), y0 + (ih - nh) // 2 + jitter)
    dx = (t_x - s_x0).float()
    dy = (t_y - s_y0).float()
    ar64 = torch.arange(SIZE, device=dev)
    strip = nb * ((ar64[None, :, None] >= s_y0[:, None, None]) & (ar64[None, :, None] <= s_y1[:, None, None])
                  & (ar64[None, None, :] >= s_x0[:, None, None]) & (ar64[None, None, :] <= s_x1[:, None, None]))
    cx = torch.arange(CANVAS, device=dev, dtype=torch.float)
    src_x = cx[None, :] - dx[:, None]
    src_y = cx[None, :] - dy[:, None]
    g = torch.stack((src_x[:, None, :].expand(b, CANVAS, CANVAS) / (SIZE - 1) * 2 - 1,
                     src_y[:, :, None].expand(b, CANVAS, CANVAS) / (SIZE - 1) * 2 - 1), -1)
    placed = F.grid_sample(strip[:, None], g, mode="nearest", padding_mode="zeros", align_corners=True)[:, 0]
    warped = torch.where(use_nb[:, None, None], torch.maximum(warped, placed), warped)
    # a box that cuts the character short on one side
    cut = (rnd(b) < 0.15) & has
    side = (rnd(b) * 4).floor().long()
    cshare = 0.04 + rnd(b) * 0.09
    ch = (ih.float() * cshare).round().long()
    cw = (iw.float() * cshare).round().long()
    arc = torch.arange(CANVAS, device=dev)
    rows = arc[None, :, None]
    cols = arc[None, None, :]
    s_ = side[:, None, None]
    zero_region = (((s_ == 0) & (rows < (y0 + ch)[:, None, None])) | ((s_ == 1) & (rows >= (y1 + 1 - ch)[:, None, None]))
                   | ((s_ == 2) & (cols < (x0 + cw)[:, None, None])) | ((s_ == 3) & (cols >= (x1 + 1 - cw)[:, None, None])))
    warped = torch.where(cut[:, None, None] & zero_region, torch.zeros_like(warped), warped)
    # blur
    sigma = torch.where(rnd(b) < 0.3, 0.4 + rnd(b) * 0.6, torch.zeros(b, device=dev))
    warped = gaussian_blur(warped, sigma)
    warped = (warped * 255).round() / 255  # OpenCV works in 8 bits
    out = frame(warped)
    # ink tone (gamma) and noise in the ink
    gamma = torch.exp((rnd(b) * 2 - 1) * (0.3 + 0.3 * h))
    out = out.clamp(0, 1) ** gamma[:, None, None]
    noisy = rnd(b) < 0.3
    sd = torch.where(noisy, rnd(b) * 12 / 255, torch.zeros(b, device=dev))
    noise = torch.randn(out.shape, device=dev, generator=gen) * sd[:, None, None]
    out = torch.where(out > 0, out + noise, out).clamp(0, 1)
    out = (out * 255).round() / 255
    # as Augmenter: a tenth of the light ones, and any without ink, go through untouched
    untouched = (~hard & (rnd(b) < 0.1)) | ~has
    return torch.where(untouched[:, None, None], x, out)


# ---------------------------------------------------------------- training

def accuracy(net, images, labels, rare, batch=2048):
    """(top-1 over samples whose label is named, rare recall) of uint8 images, no augmentation."""
    if len(labels) == 0:
        return float("nan"), float("nan")
    net.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(labels), batch):
            x = images[i:i + batch].float().div(255).unsqueeze(1).contiguous(memory_format=torch.channels_last)
            with autocast(x.device):
                preds.append(net(x).argmax(1))
    net.train()
    p = torch.cat(preds)
    named = labels != rare
    top1 = (p[named] == labels[named]).float().mean().item() if named.any() else float("nan")
    rr = (p[~named] == rare).float().mean().item() if (~named).any() else float("nan")
    return top1, rr


def autocast(device):
    if device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return torch.autocast("cpu", enabled=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", required=True, help="the folder train --export-set wrote")
    ap.add_argument("--held-out-book", default="200003076")
    ap.add_argument("--minutes", type=float, default=6)
    ap.add_argument("--out", required=True, help="output path without ending: NAME.npz, .properties, .csv")
    ap.add_argument("--channels", default="24,48,96,192")
    ap.add_argument("--dense", type=int, default=512)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--eval-seconds", type=float, default=30)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training samples (a quick trial)")
    ap.add_argument("--aux-weight", type=float, default=0.0,
                    help="weight of the auxiliary target (train.aux); 0: none")
    args = ap.parse_args()
    command = "python3 scripts/gpu_train.py " + " ".join(sys.argv[1:])
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    gen = torch.Generator(device=dev)
    gen.manual_seed(args.seed)
    torch.backends.cudnn.benchmark = True
    t_load = time.time()
    sets = {n: read_set(set_path(args.set, n))
            for n in ("train", "kkanji-val", "kmnist-val", "k49-first100", "synthetic-val", "pages")}
    with open(os.path.join(args.set, "labels.tsv"), encoding="utf-8") as f:
        classes = sum(1 for line in f if line.strip())
    rare = classes - 1
    books = [l.strip() for l in open(os.path.join(args.set, "pages.books.txt"), encoding="utf-8")]
    pi, pl, pf, _ = sets["pages"]
    held = np.array([b == args.held_out_book for b in books])
    if not held.any():
        raise SystemExit(f"no page crop of book {args.held_out_book} in {args.set}")
    ti, tl, tf, tc = sets["train"]
    if args.limit:
        ti, tl, tf, tc = ti[:args.limit], tl[:args.limit], tf[:args.limit], tc[:args.limit]
    aux_classes = 0
    if args.aux_weight > 0:
        with open(os.path.join(args.set, "train.aux"), "rb") as f:
            data = f.read()
        (n_aux,) = struct.unpack(">i", data[:4])
        aux = np.frombuffer(data, ">i2", n_aux, 4).astype(np.int64)
        with open(os.path.join(args.set, "train.aux.labels.txt"), encoding="utf-8") as f:
            aux_classes = sum(1 for line in f if line.strip())
        if n_aux != len(sets["train"][1]) or aux.max() >= aux_classes:
            raise SystemExit(f"{args.set}: train.aux does not match train.set and train.aux.labels.txt")
        if args.limit:
            aux = aux[:args.limit]
        g_aux = torch.from_numpy(np.concatenate([aux, np.full((~held).sum(), -1)])).to(dev)
        aux_seen = len(np.unique(aux[aux >= 0]))
    images = np.concatenate([ti, pi[~held]])
    labels = np.concatenate([tl, pl[~held]])
    hard = np.concatenate([(tf & 2) > 0, np.zeros((~held).sum(), bool)])
    copies = np.concatenate([tc, np.full((~held).sum(), PAGE_COPIES)])
    epoch_index = np.repeat(np.arange(len(labels)), copies)
    g_images = torch.from_numpy(images).to(dev)
    g_labels = torch.from_numpy(labels).to(dev)
    g_hard = torch.from_numpy(hard).to(dev)
    val = {n: (torch.from_numpy(sets[n][0]).to(dev), torch.from_numpy(sets[n][1]).to(dev))
           for n in ("kkanji-val", "kmnist-val", "k49-first100", "synthetic-val")}
    book_val = (torch.from_numpy(pi[held]).to(dev), torch.from_numpy(pl[held]).to(dev))
    print(f"data: {len(epoch_index)} samples per epoch ({len(labels)} stored), held-out book {args.held_out_book}:"
          f" {held.sum()} crops; loaded in {time.time() - t_load:.1f} s on {dev}"
          + (f"; auxiliary target: {(g_aux >= 0).sum().item()} stored samples of {aux_classes} classes, weight"
             f" {args.aux_weight:g}" if aux_classes else ""), flush=True)

    channels = [int(c) for c in args.channels.split(",")]
    net = Net(channels, args.dense, classes, aux_classes).to(dev).to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=1e-5)
    budget = args.minutes * 60
    warmup = 0.03 * budget
    curve = ["epoch,samples,train_seconds,train_loss,learning_rate,score,kkanji_val,kmnist_val,synthetic_val,k49,"
             "book_named,book_rare_recall"]
    best = (-1.0, None)
    rng = np.random.default_rng(args.seed)
    samples = 0
    epoch = 0
    t0 = time.time()
    next_eval = args.eval_seconds
    losses = []
    aux_losses = []
    last_loss = float("nan")
    order = torch.from_numpy(rng.permutation(epoch_index)).to(dev)
    pos = 0
    done = False
    while not done:
        elapsed = time.time() - t0
        if elapsed >= budget:
            done = True
        else:
            frac = elapsed / budget
            lr = args.lr * (elapsed / warmup if elapsed < warmup else 0.5 * (1 + math.cos(math.pi * frac)))
            for group in opt.param_groups:
                group["lr"] = max(lr, args.lr * 1e-3)
            if pos + args.batch > len(order):
                epoch += 1
                order = torch.from_numpy(rng.permutation(epoch_index)).to(dev)
                pos = 0
            idx = order[pos:pos + args.batch]
            pos += args.batch
            nb = torch.randint(0, len(labels), (len(idx),), device=dev, generator=gen)
            with torch.no_grad():
                x = augment(g_images[idx], g_hard[idx], g_images[nb], gen)
            x = x.unsqueeze(1).contiguous(memory_format=torch.channels_last)
            with autocast(dev):
                h = net.hidden(x)
                loss = F.cross_entropy(net.out(h), g_labels[idx])
                if aux_classes:
                    # the mean over the batch's samples with a class of their own, without asking the device
                    # whether there are any (a host sync every step)
                    target = g_aux[idx]
                    mask = (target >= 0).float()
                    each = F.cross_entropy(net.aux(h), target.clamp_min(0), reduction="none")
                    aux_loss = (each * mask).sum() / mask.sum().clamp_min(1)
                    aux_losses.append(aux_loss.detach())
                    loss = loss + args.aux_weight * aux_loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            samples += len(idx)
            losses.append(loss.detach())
            if samples == len(idx):  # fail now, not after the time budget, if the weights cannot be written
                np.savez(args.out + ".trial.npz", **dl4j_params(net))
                os.remove(args.out + ".trial.npz")
        if done or time.time() - t0 >= next_eval:
            next_eval += args.eval_seconds
            accs = {n: accuracy(net, *val[n], rare)[0] for n in val}
            book_named, book_rare = accuracy(net, *book_val, rare)
            parts = [accs[n] for n in ("kkanji-val", "kmnist-val", "synthetic-val") if not math.isnan(accs[n])]
            score = sum(parts) / len(parts)
            mean_loss = torch.stack(losses).mean().item() if losses else last_loss
            last_loss = mean_loss
            losses = []
            aux_note = f"  aux loss {torch.stack(aux_losses).mean().item():.3f}" if aux_losses else ""
            aux_losses = []
            lr_now = opt.param_groups[0]["lr"]
            curve.append(f"{epoch},{samples},{int(time.time() - t0)},{mean_loss:.4f},{lr_now:.2e},{score:.4f},"
                         f"{accs['kkanji-val']:.4f},{accs['kmnist-val']:.4f},{accs['synthetic-val']:.4f},"
                         f"{accs['k49-first100']:.4f},{book_named:.4f},{book_rare:.4f}")
            print(f"{time.time() - t0:6.0f} s  epoch {epoch}  {samples} samples  "
                  f"{samples / max(1e-9, time.time() - t0):.0f}/s  loss {mean_loss:.3f}  lr {lr_now:.2e}  score {score:.4f}"
                  f"  k49 {accs['k49-first100']:.2f}  book {book_named:.3f}/{book_rare:.3f}{aux_note}", flush=True)
            if score > best[0]:
                best = (score, {k: v.detach().clone() for k, v in net.state_dict().items()})
    seconds = time.time() - t0
    net.load_state_dict(best[1])
    net.eval()
    net = net.float().to(memory_format=torch.contiguous_format)
    # full float32 for the probe: PyTorch's TF32 convolutions on the GPU differ from DL4J's by more than float noise
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    probe = book_val[0][:32].float().div(255).unsqueeze(1)
    with torch.no_grad():
        probe_y = torch.softmax(net(probe), 1)
    arrays = dl4j_params(net)
    arrays["channels"] = np.array(channels, np.float32)
    arrays["dense"] = np.array([args.dense], np.float32)
    arrays["probe_x"] = probe.cpu().numpy().astype(np.float32)
    arrays["probe_y"] = probe_y.cpu().numpy().astype(np.float32)
    arrays["train_counts"] = np.bincount(labels[epoch_index], minlength=classes).astype(np.float32)
    np.savez(args.out + ".npz", **arrays)
    with open(args.out + ".csv", "w", encoding="utf-8") as f:
        f.write("\n".join(curve) + "\n")
    device = torch.cuda.get_device_name(0) if dev.type == "cuda" else "CPU"
    method = (f"Adam lr {args.lr:g} (warm-up 3%, cosine decay over the time budget), batch {args.batch}, L2 1e-5,"
              f" bf16 autocast on the GPU; augmentation on the device after Augmenter (warp with elastic field, stroke"
              f" weight, neighbour strip, cut short, blur, Otsu framing, tone and noise); the kept state is the one with"
              f" the best mean top-1 of kkanji, kmnist and synthetic validation, scored every {args.eval_seconds:g} s;"
              f" PyTorch {torch.__version__}"
              + (f"; an auxiliary softmax layer on the hidden layer, trained on the classes of Kuzushiji-Kanji that the"
                 f" outputs lump together ({aux_seen} of train.aux's {aux_classes} have crops in the training set;"
                 f" weight {args.aux_weight:g}), left out of the model"
                 if aux_classes else ""))
    def first_line(name):
        path = os.path.join(args.set, name)
        return open(path, encoding="utf-8").readline().strip() if os.path.exists(path) else ""

    props = {"export_command": first_line("command.txt"), "export_cap": first_line("cap.txt"), "command": command, "device": device, "held_out_book": args.held_out_book, "epochs": epoch,
             "samples": samples, "seconds": f"{seconds:.1f}", "best_score": f"{best[0]:.4f}", "method": method}
    with open(args.out + ".properties", "w", encoding="utf-8") as f:
        for k, v in props.items():
            f.write(f"{k}=" + str(v).replace("\\", "\\\\").replace("\n", " ") + "\n")
    print(f"wrote {args.out}.npz: best score {best[0]:.4f}, {samples} samples in {seconds:.0f} s", flush=True)


if __name__ == "__main__":
    main()
