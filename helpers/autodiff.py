"""Reverse-mode automatic differentiation: Values that remember their inputs and send gradients back to them."""
from functools import reduce
from operator import add

from .example import BIAS_OF, EDGES, EXAMPLE, I1, I2, LAYERS, PARAMS, TARGET_O1, TARGET_O2, Params
from .network import logistic
from .validate import finite_number, instance


class Value:
    """One number in a computation: its value, the `parents` and `op` that made it, its grad once backward() ran."""

    def __init__(self, value, label="", parents=(), op=""):
        self.label = instance("label", label, str, "a string")
        self.value = finite_number(label or (f"the result of {op}" if op else "value"), value)
        self.grad = 0.0
        self.parents = tuple(parents)
        self.op = op
        self._send_back = lambda: None  # adds this node's gradient, times each local derivative, to its parents

    def __repr__(self):
        name = f"{self.label} " if self.label else ""
        return f"Value({name}value={self.value:.9g}, grad={self.grad:.9g})"

    def named(self, label):
        """Give this node a label (as shown in drawings); returns the node itself."""
        self.label = instance("label", label, str, "a string")
        return self

    def __add__(self, other):
        other = _as_value(other)
        return _node(self.value + other.value, "+", (self, 1.0), (other, 1.0))  # d(a + b)/da = d(a + b)/db = 1

    def __mul__(self, other):
        other = _as_value(other)
        return _node(self.value * other.value, "×", (self, other.value), (other, self.value))  # d(a·b)/da = b

    def __sub__(self, other):
        other = _as_value(other)
        return _node(self.value - other.value, "−", (self, 1.0), (other, -1.0))

    def __pow__(self, power):
        power, a = finite_number("power", power), self.value
        out = _result(f"{a:g} ** {power:g}", lambda: a ** power)
        slope = _result(f"{a:g} ** {power - 1:g}", lambda: power * a ** (power - 1))  # d(a^p)/da = p·a^(p−1)
        return _node(out, f"^{power:g}", (self, slope))

    def sigmoid(self):
        """The logistic function; its local derivative is out (1 − out)."""
        out = logistic(self.value)
        return _node(out, "σ", (self, out * (1 - out)))

    def __rmul__(self, other):
        return self * other

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __neg__(self):
        return self * -1.0

    def __truediv__(self, other):
        return self * _as_value(other) ** -1  # a / b = a · b^(−1): the rules above give its derivatives

    def __rtruediv__(self, other):
        return _as_value(other) * self ** -1

    def backward(self):
        """Fill in d(this)/d(node) for every node this Value was computed from, each gradient zeroed first."""
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._send_back()


def topological_order(root):
    """Every node `root` was computed from, and root itself, each after all of its parents (no recursion)."""
    order, seen, stack = [], {id(root)}, [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        parent = next(parents, None)
        if parent is None:  # every parent listed: the node comes next
            stack.pop()
            order.append(node)
        elif id(parent) not in seen:
            seen.add(id(parent))
            stack.append((parent, iter(parent.parents)))
    return order


def _node(value, op, *inputs):
    """A new Value made by `op` from (parent, d(new)/d(parent)) pairs; going back, it adds grad × each to its parent."""
    out = Value(value, parents=[parent for parent, _ in inputs], op=op)

    def send_back():
        for parent, local in inputs:
            parent.grad += local * out.grad
    out._send_back = send_back
    return out


def _as_value(x):
    """`x` if it is a Value, else a constant Value labelled with its number."""
    if isinstance(x, Value):
        return x
    x = finite_number("value", x)
    return Value(x, label=f"{x:g}")


def _result(operation, compute):
    """compute(), or a ValueError naming the operation when it overflows, raises 0 to a negative power or a
    negative number to a fractional one."""
    try:
        result = compute()
    except ArithmeticError as error:
        raise ValueError(f"{operation} cannot be computed: {error}") from None
    if isinstance(result, complex):
        raise ValueError(f"{operation} cannot be computed: a negative number has no real fractional power")
    return result


def example_graph(params=EXAMPLE):
    """The worked example's forward pass built from Values: name -> node for every quantity the lessons name."""
    params = instance("params", params, Params, PARAMS)
    leaves = {"i1": I1, "i2": I2, **params.as_dict(), "target_o1": TARGET_O1, "target_o2": TARGET_O2}
    v = {name: Value(value, name) for name, value in leaves.items()}
    for neuron in LAYERS[1] + LAYERS[2]:
        terms = [v[w] * v[start if start in LAYERS[0] else f"out_{start}"]
                 for w, (start, end) in EDGES.items() if end == neuron]
        v[f"net_{neuron}"] = reduce(add, terms + [v[BIAS_OF[neuron]]]).named(f"net_{neuron}")
        v[f"out_{neuron}"] = v[f"net_{neuron}"].sigmoid().named(f"out_{neuron}")
        if neuron in LAYERS[2]:
            v[f"E_{neuron}"] = (0.5 * (v[f"target_{neuron}"] - v[f"out_{neuron}"]) ** 2).named(f"E_{neuron}")
    v["E_total"] = (v["E_o1"] + v["E_o2"]).named("E_total")
    return v
