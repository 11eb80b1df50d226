"""A feed-forward network of any depth, trained by backpropagation in matrix form, with NumPy.

The worked example's conventions, written with matrices:

- a batch of examples is a matrix with one example per row: `x` has shape (batch, inputs);
- each layer has a weight matrix `W` with one row per neuron and one column per input, so `W[j, k]`
  joins input k of the layer to its neuron j (the example's hidden layer is [[w1, w2], [w3, w4]]),
  and a bias vector `b` with one entry per neuron;
- each layer computes `net = a_before @ W.T + b` and `out = activation(net)`.

The error of a batch is the mean, over its examples, of each example's error; for a batch of one
it is the example's E_total.

Backpropagation is four equations, one function each below:

    output_error     (BP1)  delta_L = dE/dout_L * f'(net_L)        the output layer's deltas
    error_back       (BP2)  delta_l = (delta_(l+1) @ W_(l+1)) * f'(net_l)   one layer back
    bias_gradient    (BP3)  dE/db_l = delta_l                      (averaged over the batch)
    weight_gradient  (BP4)  dE/dW_l = delta_l.T @ out_(l-1)        (averaged over the batch)

Every array may also carry leading axes, one entry per network: a stack of networks with the
same layer sizes then computes (and trains) all at once. See `stack`.
"""
from dataclasses import dataclass, replace

import numpy as np

from .example import EXAMPLE, I1, I2, TARGET_O1, TARGET_O2, checked_params
from .validate import one_of, whole_number


# Activations: each one a function of the net input, and its derivative (its slope). The slope gets
# the neuron's output as well as its net input, since the logistic's slope is simplest written with it.

def sigmoid(net):
    """The logistic function 1 / (1 + e^(-net)), element by element."""
    with np.errstate(over="ignore"):  # e^(-net) overflows to inf for net < -709; 1 / (1 + inf) = 0 is right
        return 1 / (1 + np.exp(-net))


def sigmoid_prime(net, out):
    """The logistic's slope, written with its output: out (1 − out)."""
    return out * (1 - out)


def relu(net):
    """max(net, 0): passes positive net inputs, blocks negative ones."""
    return np.maximum(net, 0.0)


def relu_prime(net, out):
    """1 where net > 0, else 0 (at the kink, net = 0, the slope is taken as 0)."""
    return (net > 0).astype(float)


def identity(net):
    """out = net: no squashing (a linear neuron)."""
    return net


def identity_prime(net, out):
    """The identity's slope: 1 everywhere."""
    return np.ones_like(net)


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "relu": (relu, relu_prime), "identity": (identity, identity_prime)}


# Errors: each one per example (summed over the outputs), and the output layer's deltas it leads to.

def squared_error(net, out, target):
    """½ Σ (target − out)² over the outputs: the worked example's E_total."""
    return 0.5 * ((target - out) ** 2).sum(axis=-1)


def cross_entropy(net, out, target):
    """−Σ [target · ln(out) + (1 − target) · ln(1 − out)] over sigmoid outputs.

    Computed from net as Σ [ln(1 + e^net) − target · net] (the same number), so that no log ever sees 0.
    """
    return (np.logaddexp(0, net) - target * net).sum(axis=-1)


LOSSES = {"squared_error": squared_error, "cross_entropy": cross_entropy}


def output_error(net, out, target, activation, loss):
    """BP1: delta = dE/dnet for each output neuron of each example.

    Squared error: dE/dout = out − target, times the activation's slope f'(net).
    Cross-entropy with sigmoid outputs: dE/dout = (out − target) / (out (1 − out)), and the sigmoid's
    slope is out (1 − out), so the two cancel and delta = out − target. A saturated output neuron
    (slope near 0) still learns fast when it is wrong.
    """
    if loss == "cross_entropy":
        return out - target
    return (out - target) * ACTIVATIONS[activation][1](net, out)


def error_back(delta_next, weights_next, net, out, activation):
    """BP2: move the deltas back one layer, through the weights they arrived by, then through f'.

    Neuron k's delta collects delta_j · W[j, k] from every neuron j it feeds (the sum over paths):
    that sum is the matrix product delta_next @ weights_next.
    """
    return (delta_next @ weights_next) * ACTIVATIONS[activation][1](net, out)


def bias_gradient(delta):
    """BP3: dE/db_j = delta_j (net_j = ... + b_j, so dnet_j/db_j = 1), averaged over the batch."""
    return delta.sum(axis=-2) / delta.shape[-2]


def weight_gradient(delta, out_before):
    """BP4: dE/dW[j, k] = delta_j · out_k (the delta at the weight's end, the output at its start).

    For a batch, delta.T @ out_before sums delta_j · out_k over the examples; dividing by the batch
    size averages them.
    """
    return _transpose(delta) @ out_before / delta.shape[-2]


@dataclass(frozen=True)
class ForwardPass:
    """Every layer's net inputs and outputs. outs[0] is the input x; layer l reads outs[l],
    computes nets[l] and outputs outs[l + 1]."""

    nets: tuple
    outs: tuple

    @property
    def output(self):
        """The output layer's outputs: the network's answer for each example."""
        return self.outs[-1]


@dataclass(frozen=True)
class Gradients:
    """dE/dW and dE/db for each layer (laid out like the network's weights and biases), each layer's
    deltas (one row per example), and the batch's error at the weights the gradients were taken at."""

    weights: tuple
    biases: tuple
    deltas: tuple
    error: object


@dataclass(frozen=True)
class Network:
    """A feed-forward network: `weights[l]`, `biases[l]` and `activations[l]` belong to layer l
    (the input layer has none). `loss` names the error it learns to make small."""

    weights: tuple
    biases: tuple
    activations: tuple
    loss: str = "squared_error"

    def __post_init__(self):
        weights = tuple(_finite_array(f"weights[{l}]", w, 2) for l, w in enumerate(self.weights))
        biases = tuple(_finite_array(f"biases[{l}]", b, 1) for l, b in enumerate(self.biases))
        activations = tuple(self.activations)
        if not weights or not len(weights) == len(biases) == len(activations):
            raise ValueError(f"need one weight matrix, bias vector and activation per layer, got {len(weights)}, "
                             f"{len(biases)} and {len(activations)}")
        for l, (w, b, activation) in enumerate(zip(weights, biases, activations)):
            one_of(f"activations[{l}]", activation, tuple(ACTIVATIONS))
            if b.shape[-1] != w.shape[-2] or (l and w.shape[-1] != weights[l - 1].shape[-2]):
                raise ValueError(f"layer {l}: weights {w.shape} and biases {b.shape} do not fit the layer before "
                                 "(weights need one row per neuron and one column per input)")
        one_of("loss", self.loss, tuple(LOSSES))
        if self.loss == "cross_entropy" and activations[-1] != "sigmoid":
            raise ValueError("cross_entropy needs sigmoid outputs (out between 0 and 1), "
                             f"got {activations[-1]!r} in the output layer")
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)
        object.__setattr__(self, "activations", activations)

    @classmethod
    def random(cls, sizes, activations, rng, loss="squared_error"):
        """A network with layer sizes `sizes` (inputs first), weights drawn from a normal distribution
        with standard deviation 1/√(inputs of the layer) and biases from a standard normal one.

        `activations`: one name per layer, or one name for every layer. `rng`: a numpy Generator,
        e.g. numpy.random.default_rng(seed), so the same seed gives the same network.
        """
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy Generator, e.g. numpy.random.default_rng(seed), got {type(rng).__name__}")
        sizes = [whole_number("layer size", n, minimum=1) for n in sizes]
        if len(sizes) < 2:
            raise ValueError(f"sizes needs the input size and at least one layer, got {sizes}")
        if isinstance(activations, str):
            activations = [activations] * (len(sizes) - 1)
        weights = [rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
        biases = [rng.normal(0, 1, n_out) for n_out in sizes[1:]]
        return cls(weights, biases, activations, loss)

    @property
    def sizes(self):
        """The number of inputs, then the number of neurons in each layer."""
        return (self.weights[0].shape[-1], *(w.shape[-2] for w in self.weights))

    def forward(self, x):
        """Feed a batch through every layer, keeping each net input and output."""
        x = _finite_array("x", x, 2)
        if x.shape[-1] != self.sizes[0]:
            raise ValueError(f"x must have one column per input ({self.sizes[0]}), got {x.shape[-1]} columns")
        nets, outs = [], [x]
        for w, b, activation in zip(self.weights, self.biases, self.activations):
            nets.append(outs[-1] @ _transpose(w) + b[..., None, :])
            outs.append(ACTIVATIONS[activation][0](nets[-1]))
        return ForwardPass(tuple(nets), tuple(outs))

    def errors(self, x, target):
        """Each example's error (one number per row of x)."""
        fp = self.forward(x)
        return LOSSES[self.loss](fp.nets[-1], fp.output, _target_for(fp, target))

    def error(self, x, target):
        """The batch's error: the mean of the examples' errors."""
        return self.errors(x, target).mean(axis=-1)

    def backward(self, x, target):
        """Backpropagation: a forward pass, then the deltas layer by layer from the output back (BP1, BP2),
        and from them every gradient (BP3, BP4)."""
        fp = self.forward(x)
        target = _target_for(fp, target)
        last = len(self.weights) - 1
        deltas = [None] * (last + 1)
        deltas[last] = output_error(fp.nets[last], fp.output, target, self.activations[last], self.loss)
        for l in reversed(range(last)):
            deltas[l] = error_back(deltas[l + 1], self.weights[l + 1], fp.nets[l], fp.outs[l + 1], self.activations[l])
        return Gradients(weights=tuple(weight_gradient(d, a) for d, a in zip(deltas, fp.outs)),
                         biases=tuple(bias_gradient(d) for d in deltas), deltas=tuple(deltas),
                         error=LOSSES[self.loss](fp.nets[last], fp.output, target).mean(axis=-1))

    def update(self, grads, learning_rate):
        """One gradient-descent step: every weight and bias moves by −learning_rate × its gradient.

        For a stack of networks, `learning_rate` may hold one rate per network.
        """
        rate = _finite_array("learning_rate", learning_rate, 0)
        if (rate <= 0).any():
            raise ValueError(f"learning_rate must be positive, got {learning_rate}")
        per_matrix, per_vector = rate[..., None, None], rate[..., None]  # one rate per network of a stack
        return self._with_arrays([w - per_matrix * g for w, g in zip(self.weights, grads.weights)],
                                 [b - per_vector * g for b, g in zip(self.biases, grads.biases)])

    def step(self, x, target, learning_rate):
        """Backpropagation on the batch (x, target), then one update."""
        return self.update(self.backward(x, target), learning_rate)

    def __getitem__(self, index):
        """The network (or sub-stack) at `index` of a stack of networks."""
        return self._with_arrays([w[index] for w in self.weights], [b[index] for b in self.biases])

    def _with_arrays(self, weights, biases):
        """This network with new weights and biases made from its own by NumPy arithmetic (which keeps
        their shapes). The checks of __post_init__ are skipped: training calls this at every step."""
        new = object.__new__(Network)
        new.__dict__.update(weights=tuple(weights), biases=tuple(biases), activations=self.activations, loss=self.loss)
        return new


def _target_for(fp, target):
    """`target` checked against the forward pass: one row per example, one column per output."""
    target = _finite_array("target", target, 2)
    if target.shape[-2:] != fp.output.shape[-2:]:
        raise ValueError(f"target must have one row per example and one column per output, shaped like the "
                         f"output {fp.output.shape[-2:]}, got {target.shape[-2:]}")
    return target


def stack(networks):
    """Many networks with the same layer sizes, activations and loss, as one whose arrays carry a
    leading axis (one entry per network): one forward or backward pass then computes them all."""
    first = networks[0]
    if any((n.sizes, n.activations, n.loss) != (first.sizes, first.activations, first.loss) for n in networks):
        raise ValueError("stacked networks need the same layer sizes, activations and loss")
    return replace(first, weights=[np.stack(ws) for ws in zip(*(n.weights for n in networks))],
                   biases=[np.stack(bs) for bs in zip(*(n.biases for n in networks))])


@dataclass(frozen=True)
class TrainingRun:
    """Where training ended, and the error on all the training rows after 0, 1, ..., epochs epochs."""

    network: Network
    errors: np.ndarray


def train(network, x, target, learning_rate, epochs, batch_size=None, rng=None):
    """Gradient descent for `epochs` epochs (passes over every row of x).

    batch_size=None: one step per epoch on all rows (full-batch). Otherwise each epoch shuffles the
    rows with `rng` and takes one step per batch of `batch_size` rows (the last may be smaller):
    batch_size=1 is stochastic gradient descent, anything in between is mini-batch.
    """
    x, target = _finite_array("x", x, 2), _finite_array("target", target, 2)
    whole_number("epochs", epochs)
    rows = x.shape[-2]
    if batch_size is not None:
        whole_number("batch_size", batch_size, minimum=1, maximum=rows)
        if rng is None:
            raise ValueError("mini-batches need rng (a numpy Generator) to shuffle the rows each epoch")
    errors = []
    for _ in range(epochs):
        if batch_size is None:  # the step's own forward pass gives the error before it
            grads = network.backward(x, target)
            errors.append(grads.error)
            network = network.update(grads, learning_rate)
        else:
            errors.append(network.error(x, target))
            order = rng.permutation(rows)
            for start in range(0, rows, batch_size):
                batch = order[start:start + batch_size]
                network = network.step(x[..., batch, :], target[..., batch, :], learning_rate)
    errors.append(network.error(x, target))
    return TrainingRun(network, np.array(errors))


# The worked example as a general network.

EXAMPLE_X = np.array([[I1, I2]])
EXAMPLE_TARGET = np.array([[TARGET_O1, TARGET_O2]])


def from_example(params=EXAMPLE):
    """The worked example's 2-2-2 network: its shared biases become one (equal) bias per neuron."""
    p = checked_params(params)
    return Network(weights=[[[p.w1, p.w2], [p.w3, p.w4]], [[p.w5, p.w6], [p.w7, p.w8]]],
                   biases=[[p.b1, p.b1], [p.b2, p.b2]], activations=["sigmoid", "sigmoid"])


def _transpose(matrix):
    """Swap the last two axes (rows and columns), leaving any leading stack axes alone."""
    return np.swapaxes(matrix, -1, -2)


def _finite_array(name, value, min_dims):
    """`value` as a float array with at least `min_dims` axes and only finite entries, or raise."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from error
    if array.ndim < min_dims:
        hint = " (one row per example: for one example write [[...]])" if name in ("x", "target") else ""
        raise ValueError(f"{name} needs at least {min_dims} axes, got shape {array.shape}{hint}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only, got {value!r}")
    return array
