"""The worked example worked again without the helpers package, for the tests to compare against.

`exact` does it with mpmath at 30 significant digits, its gradients by mpmath's numerical
differentiation (no chain rule); `float_training` trains with plain float arithmetic and the chain
rule written out by hand. Numbers come from the published setup, as decimal strings.
"""
import math

import mpmath

MP = mpmath.MPContext()
MP.dps = 30

START = {"w1": "0.15", "w2": "0.20", "w3": "0.25", "w4": "0.30", "w5": "0.40", "w6": "0.45", "w7": "0.50",
         "w8": "0.55", "b1": "0.35", "b2": "0.60"}
INPUTS = {"i1": "0.05", "i2": "0.10", "target_o1": "0.01", "target_o2": "0.99"}
NAMES = tuple(START)


def exact(params=None):
    """Every value of the forward pass, at 30 digits, for a {name: number or decimal string} dict."""
    p = {name: MP.mpf(value) for name, value in {**START, **INPUTS, **(params or {})}.items()}
    sigma = lambda x: 1 / (1 + MP.exp(-x))  # noqa: E731
    v = {"net_h1": p["w1"] * p["i1"] + p["w2"] * p["i2"] + p["b1"],
         "net_h2": p["w3"] * p["i1"] + p["w4"] * p["i2"] + p["b1"]}
    v["out_h1"], v["out_h2"] = sigma(v["net_h1"]), sigma(v["net_h2"])
    v["net_o1"] = p["w5"] * v["out_h1"] + p["w6"] * v["out_h2"] + p["b2"]
    v["net_o2"] = p["w7"] * v["out_h1"] + p["w8"] * v["out_h2"] + p["b2"]
    v["out_o1"], v["out_o2"] = sigma(v["net_o1"]), sigma(v["net_o2"])
    v["E_o1"] = (p["target_o1"] - v["out_o1"]) ** 2 / 2
    v["E_o2"] = (p["target_o2"] - v["out_o2"]) ** 2 / 2
    v["E_total"] = v["E_o1"] + v["E_o2"]
    return v


def exact_gradient(name, params=None):
    """dE_total/d(name) by mpmath's numerical differentiation at 30 digits."""
    params = {**START, **(params or {})}
    return MP.diff(lambda x: exact({**params, name: x})["E_total"], MP.mpf(params[name]))


def float_training(steps, learning_rate=0.5, variant="described"):
    """Plain-float gradient descent on the weights (biases fixed); returns (E_total list, final outputs).

    variant="published": the hidden layer's gradients use w5..w8 after this step's update.
    """
    w = [float(START[f"w{k}"]) for k in range(1, 9)]
    b1, b2 = float(START["b1"]), float(START["b2"])
    i1, i2, t1, t2 = (float(INPUTS[k]) for k in ("i1", "i2", "target_o1", "target_o2"))
    s = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731

    def run(w):
        h1, h2 = s(w[0] * i1 + w[1] * i2 + b1), s(w[2] * i1 + w[3] * i2 + b1)
        o1, o2 = s(w[4] * h1 + w[5] * h2 + b2), s(w[6] * h1 + w[7] * h2 + b2)
        return h1, h2, o1, o2, ((t1 - o1) ** 2 + (t2 - o2) ** 2) / 2

    errors = []
    for _ in range(steps):
        h1, h2, o1, o2, error = run(w)
        errors.append(error)
        d1, d2 = (o1 - t1) * o1 * (1 - o1), (o2 - t2) * o2 * (1 - o2)
        top = [w[4] - learning_rate * d1 * h1, w[5] - learning_rate * d1 * h2,
               w[6] - learning_rate * d2 * h1, w[7] - learning_rate * d2 * h2]
        w5, w6, w7, w8 = top if variant == "published" else w[4:]
        e1, e2 = (d1 * w5 + d2 * w7) * h1 * (1 - h1), (d1 * w6 + d2 * w8) * h2 * (1 - h2)
        w = [w[0] - learning_rate * e1 * i1, w[1] - learning_rate * e1 * i2,
             w[2] - learning_rate * e2 * i1, w[3] - learning_rate * e2 * i2] + top
    *_, o1, o2, error = run(w)
    return errors + [error], (o1, o2)
