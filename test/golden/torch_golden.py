#!/usr/bin/python3
"""Golden values from real PyTorch (float64, CPU) for the activation catalog.

Run with Debian's interpreter after `apt-get install -y python3-torch`:
    /usr/bin/python3 test/golden/torch_golden.py  > test/golden/torch.json

For every case: x, torch's y = f(x) and its autograd dy = f'(x) (one backward of sum(f(x))).
It also records yRef/dyRef, the catalog's specification where torch's float64 arithmetic departs
from it (see reference()): for smooth functions the same definition (torch's branch conventions
included) evaluated with mpmath at 50 digits; limits at ±inf; NaN for NaN. Tests use a reference
value only where torch's own result is off it by more than the tolerance (cancellation inside
torch's kernel such as 1 + erf(x/√2) for very negative x, inf/inf at ±inf, NaN gradients).
"""
import json
import math
import sys

import mpmath as mp
import torch
import torch.nn.functional as F

mp.mp.dps = 50
torch.set_default_dtype(torch.float64)

EXTREMES = [-math.inf, -1e4, -745.0, -710.0, -100.0, -88.0, -40.0, -37.0, -30.0, -20.0, -10.0, -5.0,
            -1e-8, 0.0, 1e-8, 5.0, 10.0, 20.0, 30.0, 37.0, 40.0, 88.0, 100.0, 710.0, 745.0, 1e4,
            math.inf, math.nan]
KINKS = [-6.0, -3.0, -2.5, -1.5, -1.0, -0.5, -0.1, 0.1, 0.5, 1.0, 1.5, 2.5, 3.0, 6.0, 10.5, 20.5,
         40.5]
DENSE = [i / 8 for i in range(-64, 65)]  # -8 … 8 step 0.125
GRID = sorted(set(EXTREMES + KINKS + DENSE), key=lambda v: (math.isnan(v), v))


def enc(v):
    if v is None:
        return None
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def run(fn, xs):
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = fn(x)
    y.sum().backward()
    return y.detach().tolist(), x.grad.tolist()


# ---- high-precision references (mpmath), same definitions and branch conventions as torch ----
def mpf(x):
    return mp.mpf(x)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def hp_softplus(beta, thr):
    def f(x):
        return x if beta * x > thr else mp.log1p(mp.exp(beta * x)) / beta

    def df(x):
        return mpf(1) if beta * x > thr else sig(beta * x)
    return f, df


def hp_elu(alpha, scale=1, input_scale=1):
    def f(x):
        return scale * x if x > 0 else scale * alpha * mp.expm1(x * input_scale)

    def df(x):
        return mpf(scale) if x > 0 else scale * alpha * input_scale * mp.exp(x * input_scale)
    return f, df


def phi_cdf(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def phi_pdf(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


K = mp.sqrt(2 / mp.pi)


def gelu_tanh(x):
    # (1 + tanh u)/2 written as σ(2u): 50 digits are not enough for 1 + tanh(−300)
    return x * sig(2 * K * (x + mpf("0.044715") * x ** 3))


def gelu_tanh_d(x):
    u = K * (x + mpf("0.044715") * x ** 3)
    return sig(2 * u) + x / 2 / mp.cosh(u) ** 2 * K * (1 + 3 * mpf("0.044715") * x * x)


def mish(x):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


def mish_d(x):
    sp = mp.log1p(mp.exp(x))
    t = mp.tanh(sp)
    return t + x * sig(x) * (1 - t * t)


SELU_A = mpf("1.6732632423543772848170429916717")
SELU_S = mpf("1.0507009873554804934193349852946")

HP = {
    "sigmoid": (sig, lambda x: sig(x) * sig(-x)),
    "tanh": (mp.tanh, lambda x: 1 / mp.cosh(x) ** 2),
    "log_sigmoid": (lambda x: -mp.log1p(mp.exp(-x)), lambda x: sig(-x)),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "tanhshrink": (lambda x: x - mp.tanh(x), lambda x: mp.tanh(x) ** 2),
    "silu": (lambda x: x * sig(x), lambda x: sig(x) * (1 + x * sig(-x))),
    "mish": (mish, mish_d),
    "gelu": (lambda x: x * phi_cdf(x), lambda x: phi_cdf(x) + x * phi_pdf(x)),
    "gelu_tanh": (gelu_tanh, gelu_tanh_d),
    "quick_gelu": (lambda x: x * sig(mpf("1.702") * x),
                   lambda x: sig(mpf("1.702") * x) * (1 + mpf("1.702") * x * sig(-mpf("1.702") * x))),
}


def limit(v):
    return math.copysign(math.inf, v) if abs(v) >= 1e99 else v


def reference(fn, hp, xs):
    """yRef/dyRef: the catalog's specification where it departs from torch's float64 arithmetic.

    finite x: the 50-digit value (smooth functions only, else null); x = ±inf: torch itself at
    ±1e100 (|y| ≥ 1e99 read as ±inf), i.e. the limit; x = NaN: NaN for both value and derivative.
    """
    big_y, big_dy = run(fn, [-1e100, 1e100])
    ys, dys = [], []
    for v in xs:
        if math.isnan(v):
            ys.append(math.nan)
            dys.append(math.nan)
        elif math.isinf(v):
            i = 0 if v < 0 else 1
            ys.append(limit(big_y[i]))
            dys.append(limit(big_dy[i]))
        elif hp is None:
            ys.append(None)
            dys.append(None)
        else:
            x = mpf(v)
            ys.append(float(hp[0](x)))
            dys.append(float(hp[1](x)))
    return ys, dys


def case(id_, params, call, fn, hp=None, xs=GRID):
    y, dy = run(fn, xs)
    yr, dyr = reference(fn, hp, xs)
    return {"id": id_, "params": params, "call": call, "x": [enc(v) for v in xs],
            "y": [enc(v) for v in y], "dy": [enc(v) for v in dy],
            "yRef": [enc(v) for v in yr], "dyRef": [enc(v) for v in dyr]}


def w(v):
    return torch.tensor([v], dtype=torch.float64)


def pointwise_cases():
    c = [
        case("sigmoid", {}, "torch.sigmoid", torch.sigmoid, HP["sigmoid"]),
        case("tanh", {}, "torch.tanh", torch.tanh, HP["tanh"]),
        case("log_sigmoid", {}, "F.logsigmoid", F.logsigmoid, HP["log_sigmoid"]),
        case("softsign", {}, "F.softsign", F.softsign, HP["softsign"]),
        case("tanhshrink", {}, "F.tanhshrink", F.tanhshrink, HP["tanhshrink"]),
        case("hard_sigmoid", {"variant": "torch"}, "F.hardsigmoid", F.hardsigmoid),
        case("hardtanh", {}, "F.hardtanh", F.hardtanh),
        case("hardtanh", {"min_val": -2.0, "max_val": 3.0}, "F.hardtanh(x, -2, 3)", lambda x: F.hardtanh(x, -2.0, 3.0)),
        case("softshrink", {}, "F.softshrink", F.softshrink),
        case("softshrink", {"threshold": 1.0}, "F.softshrink(x, 1.0)", lambda x: F.softshrink(x, 1.0)),
        case("hardshrink", {}, "F.hardshrink", F.hardshrink),
        case("hardshrink", {"threshold": 1.0}, "F.hardshrink(x, 1.0)", lambda x: F.hardshrink(x, 1.0)),
        case("relu", {}, "F.relu", F.relu),
        case("relu6", {}, "F.relu6", F.relu6),
        case("leaky_relu", {"slope": 0.01}, "F.leaky_relu", F.leaky_relu),
        case("leaky_relu", {"slope": 0.2}, "F.leaky_relu(x, 0.2)", lambda x: F.leaky_relu(x, 0.2)),
        case("leaky_relu", {"slope": 0.3}, "F.leaky_relu(x, 0.3)", lambda x: F.leaky_relu(x, 0.3)),
        case("leaky_relu", {"slope": 1.0}, "nn.LeakyReLU(True)", torch.nn.LeakyReLU(True)),
        case("prelu", {"slope": 0.25}, "nn.PReLU()", lambda x: F.prelu(x, w(0.25))),
        case("prelu", {"slope": 0.1}, "F.prelu(x, 0.1)", lambda x: F.prelu(x, w(0.1))),
        case("rrelu", {}, "F.rrelu(training=False)", lambda x: F.rrelu(x, training=False)),
        case("rrelu", {"lower": 0.1, "upper": 0.3}, "F.rrelu(x, 0.1, 0.3)", lambda x: F.rrelu(x, 0.1, 0.3)),
        case("elu", {}, "F.elu", F.elu, hp_elu(1)),
        case("elu", {"alpha": 0.5}, "F.elu(x, 0.5)", lambda x: F.elu(x, 0.5), hp_elu(mpf("0.5"))),
        case("elu", {"alpha": 2.0}, "F.elu(x, 2.0)", lambda x: F.elu(x, 2.0), hp_elu(2)),
        case("selu", {}, "F.selu", F.selu, hp_elu(SELU_A, SELU_S)),
        case("celu", {}, "F.celu", F.celu, hp_elu(1)),
        case("celu", {"alpha": 0.5}, "F.celu(x, 0.5)", lambda x: F.celu(x, 0.5), hp_elu(mpf("0.5"), 1, 2)),
        case("celu", {"alpha": 2.0}, "F.celu(x, 2.0)", lambda x: F.celu(x, 2.0), hp_elu(2, 1, mpf("0.5"))),
        case("threshold", {"threshold": 1.0, "value": 0.0}, "F.threshold(x, 1.0, 0.0)", lambda x: F.threshold(x, 1.0, 0.0)),
        case("threshold", {"threshold": 0.5, "value": -1.0}, "F.threshold(x, 0.5, -1.0)", lambda x: F.threshold(x, 0.5, -1.0)),
        case("linear", {}, "nn.Identity()", torch.nn.Identity()),
        case("gelu", {"approximate": "none"}, "F.gelu", F.gelu, HP["gelu"]),
        case("gelu", {"approximate": "tanh"}, "F.gelu(x, approximate='tanh')", lambda x: F.gelu(x, approximate="tanh"), HP["gelu_tanh"]),
        case("gelu", {"approximate": "sigmoid"}, "x * torch.sigmoid(1.702 * x)  (transformers quick_gelu)",
             lambda x: x * torch.sigmoid(1.702 * x), HP["quick_gelu"]),
        case("silu", {}, "F.silu", F.silu, HP["silu"]),
        case("mish", {}, "F.mish", F.mish, HP["mish"]),
        case("hard_swish", {}, "F.hardswish", F.hardswish),
        case("softplus", {"beta": 1.0, "threshold": 20.0}, "F.softplus", F.softplus, hp_softplus(1, 20)),
        case("softplus", {"beta": 2.0, "threshold": 10.0}, "F.softplus(x, 2, 10)", lambda x: F.softplus(x, 2.0, 10.0), hp_softplus(2, 10)),
        case("softplus", {"beta": 0.5, "threshold": 20.0}, "F.softplus(x, 0.5, 20)", lambda x: F.softplus(x, 0.5, 20.0), hp_softplus(mpf("0.5"), 20)),
    ]
    return c


VECTORS = [
    [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0],
    [1e4, 0.0, -1e4, 1e4 - 1],
    [88.0, 88.5, -88.0, 0.0],
    [-20.0, 20.0, 1e-8, 0.0, -1e-8, 5.0],
    [0.5, 0.5],
    [-745.0, 0.0, 710.0, -1.0],
]
TANGENT = [1.0, -2.0, 0.5, 3.0, -0.25, 1.5, -1.0]


def vector_case(id_, call, fn, even_only=False):
    out = []
    for xs in VECTORS:
        if even_only and len(xs) % 2:
            continue
        v = TANGENT[: len(xs)]
        x = torch.tensor(xs)
        y, jv = torch.autograd.functional.jvp(fn, (x,), (torch.tensor(v),))
        out.append({"id": id_, "params": {}, "call": call, "x": [enc(a) for a in xs], "v": v,
                    "y": [enc(a) for a in y.tolist()], "jvp": [enc(a) for a in jv.tolist()]})
    return out


def main():
    vec = (vector_case("softmax", "F.softmax(x, dim=-1)", lambda x: F.softmax(x, dim=-1))
           + vector_case("log_softmax", "F.log_softmax(x, dim=-1)", lambda x: F.log_softmax(x, dim=-1))
           + vector_case("softmin", "F.softmin(x, dim=-1)", lambda x: F.softmin(x, dim=-1))
           + vector_case("glu", "F.glu(x, dim=-1)", lambda x: F.glu(x, dim=-1), even_only=True))
    doc = {"framework": "torch", "version": torch.__version__, "dtype": "float64",
           "pointwise": pointwise_cases(), "vector": vec}
    json.dump(doc, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
