"""A feed-forward network of any depth, trained by backpropagation in matrix form (BP1-BP4 below), with NumPy.

A batch `x` has one example per row; layer l has weights W (one row per neuron, one column per input: the example's
hidden layer is [[w1, w2], [w3, w4]]) and biases b: net = out_before @ W.T + b, out = activation(net). A batch's error
is the mean of its examples' errors. Arrays with a leading axis (one entry per network) make a `stack`, trained as one.
"""
from dataclasses import dataclass, replace

import numpy as np

from .example import BIAS_OF, EDGES, EXAMPLE, I1, I2, LAYERS, PARAMS, TARGET_O1, TARGET_O2, Params
from .validate import checked_rng, finite_array, instance, one_of, positive_number, sequence, whole_number

MAX_EPOCHS = 100_000
MAX_WEIGHTS = 10_000_000  # in a Network.random: 80 MB of float64
PER_LAYER = "a list with one entry per layer"
NETWORK = "a helpers.mlp.Network"


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
    return np.ones_like(net)


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "relu": (relu, relu_prime), "identity": (identity, identity_prime)}


# Errors: each one per example (summed over the outputs), and the output layer's deltas it leads to.

def squared_error(net, out, target):
    """½ Σ (target − out)² over the outputs: the worked example's E_total."""
    return 0.5 * ((target - out) ** 2).sum(axis=-1)


def cross_entropy(net, out, target):
    """−Σ [target · ln(out) + (1 − target) · ln(1 − out)], as Σ [ln(1 + e^net) − target · net]: no log(0)."""
    return (np.logaddexp(0, net) - target * net).sum(axis=-1)


LOSSES = {"squared_error": squared_error, "cross_entropy": cross_entropy}


def output_error(net, out, target, activation, loss):
    """BP1: delta = (out − target) · f'(net); with cross-entropy the sigmoid's slope cancels: out − target."""
    if loss == "cross_entropy":
        return out - target
    return (out - target) * ACTIVATIONS[activation][1](net, out)


def error_back(delta_next, weights_next, net, out, activation):
    """BP2: neuron k collects delta_j · W[j, k] from every neuron j it feeds (delta_next @ weights_next), times f'."""
    return (delta_next @ weights_next) * ACTIVATIONS[activation][1](net, out)


def bias_gradient(delta):
    """BP3: dE/db_j = delta_j (net_j = ... + b_j, so dnet_j/db_j = 1), averaged over the batch."""
    return delta.sum(axis=-2) / delta.shape[-2]


def weight_gradient(delta, out_before):
    """BP4: dE/dW[j, k] = delta_j · out_k (delta at the weight's end, output at its start), averaged over the batch."""
    return delta.mT @ out_before / delta.shape[-2]  # .mT: each matrix of a stack transposed


@dataclass(frozen=True)
class ForwardPass:
    """Every layer's net inputs and outputs: layer l reads outs[l] (outs[0] is x), makes nets[l] and outs[l + 1]."""

    nets: tuple
    outs: tuple

    @property
    def output(self):
        return self.outs[-1]


@dataclass(frozen=True)
class Gradients:
    """dE/dW and dE/db per layer (shaped like the weights and biases), the deltas, and the batch's error."""

    weights: tuple
    biases: tuple
    deltas: tuple
    error: object


@dataclass(frozen=True)
class Network:
    """A feed-forward network: `weights[l]`, `biases[l]`, `activations[l]` belong to layer l; `loss` names its error."""

    weights: tuple
    biases: tuple
    activations: tuple
    loss: str = "squared_error"

    def __post_init__(self):
        weights, biases = sequence("weights", self.weights, PER_LAYER), sequence("biases", self.biases, PER_LAYER)
        weights = tuple(finite_array(f"weights[{l}]", w, 2) for l, w in enumerate(weights))
        biases = tuple(finite_array(f"biases[{l}]", b, 1) for l, b in enumerate(biases))
        activations = tuple(sequence("activations", self.activations, PER_LAYER))
        if not len(weights) == len(biases) == len(activations):
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
        self.__dict__.update(weights=weights, biases=biases, activations=activations)

    @classmethod
    def random(cls, sizes, activations, rng, loss="squared_error"):
        """Layer sizes `sizes` (inputs first), weights ~ N(0, 1/inputs), biases ~ N(0, 1), drawn with `rng`."""
        checked_rng(rng)
        sizes = sequence("sizes", sizes, "a list of layer sizes, inputs first")
        sizes = [whole_number("layer size", n, minimum=1) for n in sizes]
        weights = sum(n_in * n_out for n_in, n_out in zip(sizes, sizes[1:]))
        if len(sizes) < 2 or weights > MAX_WEIGHTS:
            raise ValueError(f"sizes must hold the input size and at least one layer, with at most {MAX_WEIGHTS:,} "
                             f"weights in all, got {sizes!r:.60} ({weights:,} weights)")
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
        x = finite_array("x", x, 2)
        if x.shape[-1] != self.sizes[0]:
            raise ValueError(f"x must have one column per input ({self.sizes[0]}), got {x.shape[-1]} columns")
        nets, outs = [], [x]
        for w, b, activation in zip(self.weights, self.biases, self.activations):
            nets.append(outs[-1] @ w.mT + b[..., None, :])
            outs.append(ACTIVATIONS[activation][0](nets[-1]))
        return ForwardPass(tuple(nets), tuple(outs))

    def error(self, x, target):
        """The batch's error: the mean of the examples' errors."""
        fp = self.forward(x)
        return LOSSES[self.loss](fp.nets[-1], fp.output, self._target_for(fp, target)).mean(axis=-1)

    def backward(self, x, target):
        """A forward pass, the deltas from the output layer back (BP1, BP2), then every gradient (BP3, BP4)."""
        fp = self.forward(x)
        target = self._target_for(fp, target)
        last = len(self.weights) - 1
        deltas = [None] * (last + 1)
        deltas[last] = output_error(fp.nets[last], fp.output, target, self.activations[last], self.loss)
        for l in reversed(range(last)):
            deltas[l] = error_back(deltas[l + 1], self.weights[l + 1], fp.nets[l], fp.outs[l + 1], self.activations[l])
        return Gradients(weights=tuple(weight_gradient(d, a) for d, a in zip(deltas, fp.outs)),
                         biases=tuple(bias_gradient(d) for d in deltas), deltas=tuple(deltas),
                         error=LOSSES[self.loss](fp.nets[last], fp.output, target).mean(axis=-1))

    def update(self, grads, learning_rate):
        """Every weight and bias moves by −learning_rate × its gradient (a stack may take one rate per network)."""
        instance("grads", grads, Gradients, "the Gradients that backward(...) returns")
        rate = self._rate(learning_rate)
        per_matrix, per_vector = rate[..., None, None], rate[..., None]  # one rate per network of a stack
        return self._with_arrays([w - per_matrix * g for w, g in zip(self.weights, grads.weights)],
                                 [b - per_vector * g for b, g in zip(self.biases, grads.biases)])

    def step(self, x, target, learning_rate):
        return self.update(self.backward(x, target), learning_rate)

    def _rate(self, learning_rate):
        """`learning_rate` checked: one positive number, or for a stack one per network."""
        if not isinstance(learning_rate, (list, tuple, np.ndarray)):
            return np.asarray(positive_number("learning_rate", learning_rate))
        rate, networks = finite_array("learning_rate", learning_rate), self.weights[0].shape[:-2]
        if rate.shape != networks:
            raise ValueError(f"learning_rate must be one number, or one per network of a stack (shape {networks}), "
                             f"got shape {rate.shape}")
        if (rate <= 0).any():
            raise ValueError(f"learning_rate must hold positive numbers only, got {rate[rate <= 0][0]}")
        return rate

    def _target_for(self, fp, target):
        """`target` checked against the forward pass: one row per example, one column per output."""
        target = finite_array("target", target, 2)
        if target.shape[-2:] != fp.output.shape[-2:]:
            raise ValueError(f"target must have one row per example and one column per output, shaped like the "
                             f"output {fp.output.shape[-2:]}, got {target.shape[-2:]}")
        if self.loss == "cross_entropy" and ((target < 0) | (target > 1)).any():
            raise ValueError("target must lie between 0 and 1 for cross_entropy (it is a probability), "
                             f"got {target[(target < 0) | (target > 1)][0]}")
        return target

    def __getitem__(self, index):
        """The network (or sub-stack) at `index` of a stack of networks."""
        return self._with_arrays([w[index] for w in self.weights], [b[index] for b in self.biases])

    def _with_arrays(self, weights, biases):
        """This network with arrays made from its own (so already checked: training calls this at every step)."""
        new = object.__new__(Network)
        new.__dict__.update(weights=tuple(weights), biases=tuple(biases), activations=self.activations, loss=self.loss)
        return new


def stack(networks):
    """Networks alike in sizes, activations and loss as one, each array with a leading axis (one entry per network)."""
    networks = sequence("networks", networks, "a list of helpers.mlp.Network")
    for k, network in enumerate(networks):
        instance(f"networks[{k}]", network, Network, NETWORK)
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
    """Gradient descent for `epochs` passes over x: one step on all rows (batch_size=None), or each pass
    shuffled by `rng` with one step per `batch_size` rows (1: stochastic, in between: mini-batch)."""
    instance("network", network, Network, NETWORK)
    x, target = finite_array("x", x, 2), finite_array("target", target, 2)
    epochs, rows = whole_number("epochs", epochs, maximum=MAX_EPOCHS), x.shape[-2]
    network._rate(learning_rate)
    if batch_size is not None:
        whole_number("batch_size", batch_size, minimum=1, maximum=rows)
        checked_rng(rng)
    errors = []
    with np.errstate(over="ignore", invalid="ignore"):  # a run that overflows is stopped below, at its epoch
        for epoch in range(1, epochs + 1):
            error, network = _epoch(network, x, target, learning_rate, batch_size, rng)
            errors.append(error)
            if not all(np.isfinite(array).all() for array in network.weights + network.biases):
                raise ValueError(f"learning_rate {learning_rate!r:.60} made training diverge at epoch {epoch:,}: "
                                 "a weight or bias overflowed")
        errors.append(network.error(x, target))
    return TrainingRun(network, np.array(errors))


def _epoch(network, x, target, learning_rate, batch_size, rng):
    """One pass over every row: the error before it, and the network after it."""
    if batch_size is None:  # the step's own forward pass gives the error before it
        grads = network.backward(x, target)
        return grads.error, network.update(grads, learning_rate)
    error, order = network.error(x, target), rng.permutation(x.shape[-2])
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        network = network.step(x[..., batch, :], target[..., batch, :], learning_rate)
    return error, network


# The worked example as a general network.

EXAMPLE_X = np.array([[I1, I2]])
EXAMPLE_TARGET = np.array([[TARGET_O1, TARGET_O2]])


def from_example(params=EXAMPLE):
    """The worked example's 2-2-2 network: its shared biases become one (equal) bias per neuron."""
    p = instance("params", params, Params, PARAMS).as_dict()
    weight = {ends: name for name, ends in EDGES.items()}  # (from, to) -> the weight joining them
    layers = list(zip(LAYERS, LAYERS[1:]))
    return Network(weights=[[[p[weight[k, j]] for k in before] for j in after] for before, after in layers],
                   biases=[[p[BIAS_OF[j]] for j in after] for _, after in layers], activations=["sigmoid", "sigmoid"])

