"""Reverse-mode automatic differentiation of scalar expressions, in one small class.

Every arithmetic operation on `Value`s makes a new Value that remembers its inputs and how to send a
gradient back to them (its local derivatives). `backward()` then visits the nodes in reverse
topological order, so each node's gradient is complete before it is passed on: backpropagation,
for any expression, not just a network.
"""
import math

from .example import EXAMPLE, I1, I2, TARGET_O1, TARGET_O2, checked_params
from .network import logistic
from .validate import finite_number


class Value:
    """One number in a computation: its value, its gradient dE/d(this) once backward() has run,
    the Values it was computed from (`parents`) and the operation that did it (`op`)."""

    def __init__(self, value, label="", parents=(), op=""):
        self.value = finite_number(label or "value", value)
        self.grad = 0.0
        self.label = label
        self.parents = tuple(parents)
        self.op = op
        self._send_back = lambda: None  # adds this node's gradient, times each local derivative, to its parents

    def __repr__(self):
        name = f"{self.label} " if self.label else ""
        return f"Value({name}value={self.value:.9g}, grad={self.grad:.9g})"

    def named(self, label):
        """Give this node a label (as shown in drawings); returns the node itself."""
        self.label = label
        return self

    def __add__(self, other):
        other = _as_value(other)
        out = Value(self.value + other.value, parents=(self, other), op="+")

        def send_back():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad
        out._send_back = send_back
        return out

    def __mul__(self, other):
        other = _as_value(other)
        out = Value(self.value * other.value, parents=(self, other), op="×")

        def send_back():  # d(a·b)/da = b, d(a·b)/db = a
            self.grad += other.value * out.grad
            other.grad += self.value * out.grad
        out._send_back = send_back
        return out

    def __pow__(self, power):
        power = finite_number("power", power)
        out = Value(self.value ** power, parents=(self,), op=f"^{power:g}")

        def send_back():  # d(a^p)/da = p·a^(p−1)
            self.grad += power * self.value ** (power - 1) * out.grad
        out._send_back = send_back
        return out

    def sigmoid(self):
        """The logistic function; its local derivative is out (1 − out)."""
        out = Value(logistic(self.value), parents=(self,), op="σ")

        def send_back():
            self.grad += out.value * (1 - out.value) * out.grad
        out._send_back = send_back
        return out

    def relu(self):
        """max(value, 0); its local derivative is 1 where value > 0, else 0."""
        out = Value(max(self.value, 0.0), parents=(self,), op="relu")

        def send_back():
            self.grad += (self.value > 0) * out.grad
        out._send_back = send_back
        return out

    def exp(self):
        """e^value; its local derivative is e^value itself."""
        out = Value(math.exp(self.value), parents=(self,), op="exp")

        def send_back():
            self.grad += out.value * out.grad
        out._send_back = send_back
        return out

    def __sub__(self, other):
        other = _as_value(other)
        out = Value(self.value - other.value, parents=(self, other), op="−")

        def send_back():  # d(a − b)/da = 1, d(a − b)/db = −1
            self.grad += out.grad
            other.grad -= out.grad
        out._send_back = send_back
        return out

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __truediv__(self, other):
        return self * _as_value(other) ** -1

    def __rtruediv__(self, other):
        return _as_value(other) * self ** -1

    def backward(self):
        """Fill in d(this)/d(node) for every node this Value was computed from.

        Every gradient starts at 0 (this one at 1, since d(this)/d(this) = 1). Going through the nodes
        from this one back to the leaves, each node sends its gradient to its parents, which add up
        what reaches them along every path.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._send_back()


def topological_order(root):
    """Every node `root` was computed from, and root itself, each listed after all of its parents."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)
    visit(root)
    return order


def _as_value(x):
    return x if isinstance(x, Value) else Value(x, label=f"{x:g}" if isinstance(x, (int, float)) else "")


def example_graph(params=EXAMPLE):
    """The worked example's forward pass built from Values, every quantity the lessons name labelled.

    Returns name -> node: the leaves (i1, i2, w1..w8, b1, b2, target_o1, target_o2), then net_h1,
    out_h1, ..., E_o1, E_o2 and E_total. Call `graph["E_total"].backward()` for every gradient.
    """
    leaves = {"i1": I1, "i2": I2, **checked_params(params).as_dict(), "target_o1": TARGET_O1, "target_o2": TARGET_O2}
    v = {name: Value(value, name) for name, value in leaves.items()}
    for name, (w_a, w_b, bias) in {"h1": ("w1", "w2", "b1"), "h2": ("w3", "w4", "b1")}.items():
        v[f"net_{name}"] = (v[w_a] * v["i1"] + v[w_b] * v["i2"] + v[bias]).named(f"net_{name}")
        v[f"out_{name}"] = v[f"net_{name}"].sigmoid().named(f"out_{name}")
    for name, (w_a, w_b, bias) in {"o1": ("w5", "w6", "b2"), "o2": ("w7", "w8", "b2")}.items():
        v[f"net_{name}"] = (v[w_a] * v["out_h1"] + v[w_b] * v["out_h2"] + v[bias]).named(f"net_{name}")
        v[f"out_{name}"] = v[f"net_{name}"].sigmoid().named(f"out_{name}")
        v[f"E_{name}"] = (0.5 * (v[f"target_{name}"] - v[f"out_{name}"]) ** 2).named(f"E_{name}")
    v["E_total"] = (v["E_o1"] + v["E_o2"]).named("E_total")
    return v
