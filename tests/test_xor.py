"""XOR: the 2-4-1 network learns it from the fixed seed; the worked single-row step; the sweep."""
import math

import numpy as np
import pytest

from helpers.mlp import Network, train
from helpers.xor import SEED, XOR_TARGET, XOR_X, accuracy, learning_rate_sweep, xor_network

RATE, EPOCHS = 8.0, 500  # as in lesson 12


@pytest.mark.parametrize("hidden, batch_size", [("sigmoid", None), ("sigmoid", 2), ("sigmoid", 1), ("relu", None)])
def test_reaches_100_percent_from_the_fixed_seed(hidden, batch_size):
    rng = np.random.default_rng(SEED)
    run = train(xor_network(hidden), XOR_X, XOR_TARGET, RATE, EPOCHS, batch_size, rng)
    assert accuracy(run.network) == 1.0
    assert run.errors[-1] < 0.01 < run.errors[0]


def test_accuracy_of_hand_made_networks():
    # h1 = relu(i1 + i2), h2 = relu(i1 + i2 - 1), out = sigmoid(10 (h1 - 2 h2) - 5): XOR, by hand.
    solved = Network([[[1, 1], [1, 1]], [[10, -20]]], [[0, -1], [-5]], ["relu", "sigmoid"])
    assert (solved.forward(XOR_X).output.ravel() >= 0.5).tolist() == [False, True, True, False]
    assert accuracy(solved) == 1.0
    always_one = Network([[[0, 0]]], [[5]], ["sigmoid"])
    assert accuracy(always_one) == 0.5


def test_the_single_row_step_with_rate_0_8_written_out_with_loops():
    net = xor_network()
    (w1, w2), (b1, b2) = net.weights, net.biases
    row, target = XOR_X[2], XOR_TARGET[2, 0]
    sigma = lambda z: 1 / (1 + math.exp(-z))
    out_h = [sigma(w1[j, 0] * row[0] + w1[j, 1] * row[1] + b1[j]) for j in range(4)]
    out_o = sigma(sum(w2[0, j] * out_h[j] for j in range(4)) + b2[0])
    delta_o = (out_o - target) * out_o * (1 - out_o)
    delta_h = [delta_o * w2[0, j] * out_h[j] * (1 - out_h[j]) for j in range(4)]
    new = net.step(XOR_X[2:3], XOR_TARGET[2:3], 0.8)
    assert new.weights[1][0] == pytest.approx([w2[0, j] - 0.8 * delta_o * out_h[j] for j in range(4)], rel=1e-13)
    assert new.biases[1][0] == pytest.approx(b2[0] - 0.8 * delta_o, rel=1e-13)
    for j in range(4):
        assert new.weights[0][j] == pytest.approx([w1[j, k] - 0.8 * delta_h[j] * row[k] for k in range(2)], rel=1e-13)
        assert new.biases[0][j] == pytest.approx(b1[j] - 0.8 * delta_h[j], rel=1e-13)


def test_sweep_trains_each_network_as_if_alone():
    sweep = learning_rate_sweep([0.05, 20.0, 1000.0], seeds=[1, 2], epochs=300)
    assert sweep.errors.shape == sweep.accuracy.shape == (3, 2)
    alone = train(xor_network(seed=2), XOR_X, XOR_TARGET, 20.0, 300)
    assert sweep.errors[1, 1] == pytest.approx(alone.errors[-1], rel=1e-12)
    assert sweep.solved.tolist() == [0, 2, 0]  # too slow, about right, too fast


def test_seed_is_fixed():
    a, b = xor_network(seed=3), xor_network(seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))
