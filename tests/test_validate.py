"""The shared input checks, and every entry point's answer to bad input: one table, one message each.

Each row feeds an entry point something a learner might type and expects a ValueError or TypeError whose
message names the argument and what is expected. Sizes that would hang or fill the memory have a stated
limit; a run that diverges blames the setting that made it diverge.
"""
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers import EXAMPLE, Params, backward, forward, logistic, train, train_step, update
from helpers import derivation, fast, gradcheck, mlp, xor
from helpers.autodiff import Value, example_graph
from helpers.derivation import symbol
from helpers.drawing import draw_loss_curves
from helpers.published import as_printed, compare, side_by_side
from helpers.validate import finite_array, finite_number, instance, one_of, positive_number, sequence, whole_number

NET = mlp.from_example()
X, T = mlp.EXAMPLE_X, mlp.EXAMPLE_TARGET
GRADS = NET.backward(X, T)
LINEAR = mlp.Network([[[1.0]]], [[0.0]], ["identity"])  # out = w · x: too large a rate makes w overflow
RNG = np.random.default_rng(0)
PARAMS = r"params must be the network's parameters as helpers\.Params, got "


@pytest.mark.parametrize("value, expected", [(0.5, 0.5), (3, 3.0), (Fraction(1, 8), 0.125), (np.float64(-2.5), -2.5),
                                             (np.float32(0.25), 0.25), (np.int32(7), 7.0), (-0.0, 0.0)])
def test_finite_number_returns_a_float(value, expected):
    result = finite_number("x", value)
    assert result == expected and type(result) is float


@pytest.mark.parametrize("call, error, message", [
    (lambda: finite_number("x", "1"), TypeError, r"^x must be a real number, got str '1'$"),
    (lambda: finite_number("x", True), TypeError, r"^x must be a real number, got bool True$"),
    (lambda: finite_number("x", Decimal("0.5")), TypeError, r"^x must be a real number, got Decimal"),
    (lambda: finite_number("x", np.float64("nan")), ValueError, r"^x must be a finite number, got nan$"),
    (lambda: finite_number("x", -math.inf), ValueError, r"^x must be a finite number, got -inf$"),
    (lambda: finite_number("x", -(10 ** 309)), ValueError, r"^x must be a finite number, got int too large for a float$"),
    (lambda: finite_number("x", 2e6, limit=1e6), ValueError, r"^x must lie between -1e\+06 and 1e\+06, got 2e\+06$"),
    (lambda: positive_number("rate", -0.0), ValueError, r"^rate must be a positive number, got -0\.0$"),
    (lambda: whole_number("n", 6, minimum=1, maximum=5), ValueError, r"^n must be at least 1 and at most 5, got 6$"),
    (lambda: whole_number("n", 1.0), TypeError, r"^n must be a whole number, got float 1\.0$"),
    (lambda: whole_number("n", False), TypeError, r"^n must be a whole number, got bool False$"),
    (lambda: one_of("colour", ["red"], ("red", "blue")), ValueError, r"^colour must be one of 'red', 'blue', got \['red'\]$"),
    (lambda: one_of("colour", np.array([1, 2]), ("red",)), ValueError, r"^colour must be one of 'red', got array\(\[1, 2\]\)$"),
    (lambda: instance("switch", 1, bool, "True or False"), TypeError, r"^switch must be True or False, got int 1$"),
    (lambda: sequence("sizes", 3), TypeError, r"^sizes must be a list, got int 3$"),
    (lambda: sequence("sizes", []), ValueError, r"^sizes must not be empty$"),
    (lambda: finite_array("x", "12"), TypeError, r"^x must be an array of numbers, got str '12'$"),
    (lambda: finite_array("x", [[1.0], [2.0, 3.0]]), TypeError, r"^x must be an array of numbers, got list"),
    (lambda: finite_array("x", [1.0, np.inf]), ValueError, r"^x must hold finite numbers only, got inf$"),
    (lambda: finite_array("x", np.zeros((0, 2)), 2), ValueError, r"^x must not be empty, got shape \(0, 2\)$"),
    (lambda: finite_array("x", [0.05, 0.1], 2), ValueError, r"^x needs at least 2 axes, got shape \(2,\) \(one row"),
])
def test_the_checks_say_what_was_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_checks_return_what_they_accept():
    assert whole_number("n", np.int64(5)) == 5 and type(whole_number("n", np.int64(5))) is int
    assert one_of("colour", "red", ("red", "blue")) == "red" and instance("switch", False, bool, "a flag") is False
    assert sequence("sizes", (2, 3)) == [2, 3] and positive_number("rate", 1e-300) == 1e-300
    assert finite_array("x", [[1, 2]], 2).dtype == float


ENTRY_POINTS = [
    # the example's parameters and network
    (lambda: Params(w1="0.15"), TypeError, r"w1 must be a real number, got str '0\.15'"),
    (lambda: Params(b1=float("nan")), ValueError, r"b1 must be a finite number, got nan"),
    (lambda: Params(w5=1e308), ValueError, r"w5 must lie between -1e\+100 and 1e\+100, got 1e\+308"),
    (lambda: EXAMPLE.replace(w9=0.1), TypeError, r"unknown parameter\(s\) \['w9'\]; expected names from \['w1', "),
    (lambda: forward({"w1": 0.15}), TypeError, PARAMS + "dict"),
    (lambda: logistic("0.5"), TypeError, r"logistic's input x must be a real number, got str"),
    (lambda: backward(EXAMPLE, None), TypeError, r"fp must be the ForwardPass that forward\(params\) returns, got None"),
    (lambda: backward(EXAMPLE, forward()).of("w9"), ValueError, r"parameter name must be one of 'w1', .*'b2', got 'w9'"),
    (lambda: update(EXAMPLE, EXAMPLE), TypeError, r"grads must be the Gradients that backward\(\.\.\.\) returns"),
    (lambda: update(EXAMPLE, backward(EXAMPLE, forward()), True), TypeError, r"learning_rate must be a real number, got bool"),
    (lambda: update(EXAMPLE, backward(EXAMPLE, forward()), 0), ValueError, r"learning_rate must be a positive number"),
    (lambda: train_step(update_biases="yes"), TypeError, r"update_biases must be True or False, got str 'yes'"),
    (lambda: train_step(variant="updated"), ValueError, r"variant must be one of 'described', 'published', got 'updated'"),
    (lambda: train(steps=10 ** 12), ValueError, r"steps must be at least 0 and at most 100,000, got 1,000,000,000,000"),
    (lambda: train(steps=2.5), TypeError, r"steps must be a whole number, got float 2\.5"),
    (lambda: train(params=(0.15,) * 10), TypeError, PARAMS + "tuple"),
    (lambda: train(steps=3, learning_rate=1e300), ValueError, r"learning_rate 1e\+300 made training diverge at step 1 \(w"),
    (lambda: train_step(learning_rate=1e300), ValueError, r"learning_rate 1e\+300 made training diverge at step 1"),
    (lambda: fast.train(steps=10 ** 12), ValueError, r"steps must be at least 0 and at most 100,000"),
    (lambda: fast.train(variant="original"), ValueError, r"variant must be one of 'described', 'published'"),
    (lambda: fast.train(EXAMPLE.as_dict()), TypeError, PARAMS + "dict"),
    (lambda: fast.train(steps=3, learning_rate=1e300), ValueError, r"learning_rate 1e\+300 made training diverge at step 1"),
    # the derivation and the published figures
    (lambda: derivation.evaluate("net_h1"), TypeError, r"expected a sympy expression built from the lesson's symbols"),
    (lambda: derivation.evaluate({}), TypeError, r"expected a sympy expression or a number, got dict"),
    (lambda: derivation.evaluate(symbol.w1 / 0), ValueError, r"expected a finite expression, got zoo\*w1"),
    (lambda: derivation.chain_rule("net_h1"), ValueError, r"parameter name must be one of .* got 'net_h1'"),
    (lambda: derivation.local_derivative(symbol.net_h1, "w1"), ValueError, r"bottom must be one of i1, .* got 'w1'"),
    (lambda: derivation.paths("w1", top=symbol.w1), ValueError, r"top must be one of net_h1, .*E_total, got w1"),
    (lambda: compare("out_o3", 0.5), ValueError, r"figure must be one of 'net_h1', 'out_h1', .* got 'out_o3'"),
    (lambda: compare("out_o1", "0.75"), TypeError, r"out_o1 must be a real number, got str '0\.75'"),
    (lambda: compare("out_o1", Decimal("sNaN")), ValueError, r"out_o1 must be a finite number, got nan"),
    (lambda: compare("out_o1", 0.75, 3), TypeError, r"how must be a string saying how the value was computed, got int 3"),
    (lambda: as_printed(0.5, 10 ** 6), ValueError, r"places must be at least 0 and at most 1,000"),
    # autodiff
    (lambda: Value(0.0) ** -1, ValueError, r"0 \*\* -1 cannot be computed"),
    (lambda: Value(1.0) / 0, ValueError, r"0 \*\* -1 cannot be computed"),
    (lambda: 1 / Value(0.0), ValueError, r"0 \*\* -1 cannot be computed"),
    (lambda: Value(1e200) ** 2, ValueError, r"1e\+200 \*\* 2 cannot be computed: .*out of range"),
    (lambda: Value(1e200) * 1e200, ValueError, r"the result of × must be a finite number, got inf"),
    (lambda: Value(float("nan"), "w1"), ValueError, r"w1 must be a finite number, got nan"),
    (lambda: Value(1.0) * "two", TypeError, r"value must be a real number, got str 'two'"),
    (lambda: Value(1.0, label=3), TypeError, r"label must be a string, got int 3"),
    (lambda: Value(1.0) * 10 ** 400, ValueError, r"value must be a finite number, got int too large for a float"),
    (lambda: example_graph("w1"), TypeError, PARAMS + "str"),
    # gradient checking
    (lambda: gradcheck.central_difference(0.5, 1.0), TypeError, r"f must be a function of one number, got float 0\.5"),
    (lambda: gradcheck.central_difference(math.exp, 1.0, 0), ValueError, r"h must be a positive number, got 0\.0"),
    (lambda: gradcheck.central_difference(lambda x: "y", 1.0), TypeError, r"f\(x \+ h\) must be a real number, got str"),
    (lambda: gradcheck.central_differences(None, [1.0]), TypeError, r"f must be a function of an array, got NoneType"),
    (lambda: gradcheck.relative_error(float("nan"), 1.0), ValueError, r"a must hold finite numbers only, got nan"),
    (lambda: gradcheck.relative_error([1.0], [1.0, 2.0]), ValueError, r"two arrays of the same size, got 1 and 2 entries"),
    (lambda: gradcheck.random_case(7, "relu"), TypeError, r"rng must be a numpy Generator, .* got int"),
    (lambda: gradcheck.random_case(RNG, "tanh"), ValueError, r"activation must be one of 'sigmoid', 'relu', 'identity'"),
    (lambda: gradcheck.gradient_check("network", X, T), TypeError, r"network must be a helpers\.mlp\.Network, got str"),
    (lambda: gradcheck.numerical_gradients(NET, NET), TypeError, r"error_of must be a function of a network, got Network"),
    (lambda: gradcheck.flat("x", []), TypeError, r"gradients must be an array of numbers, got str 'x'"),
    # the general network
    (lambda: mlp.Network([np.zeros((0, 2))], [np.zeros(0)], ["sigmoid"]), ValueError, r"weights\[0\] must not be empty"),
    (lambda: mlp.Network(5, [[0.0]], ["sigmoid"]), TypeError, r"weights must be a list with one entry per layer, got int"),
    (lambda: mlp.Network([[[1.0, 2.0]]], [[0.0, 0.0]], ["sigmoid"]), ValueError, r"layer 0: .* do not fit"),
    (lambda: mlp.Network([[[1.0]]], [[0.0]], ["tanh"]), ValueError, r"activations\[0\] must be one of"),
    (lambda: mlp.Network([[[1.0]]], [[0.0]], ["relu"], "cross_entropy"), ValueError, r"cross_entropy needs sigmoid outputs"),
    (lambda: mlp.Network.random([2, 0], "sigmoid", RNG), ValueError, r"layer size must be at least 1, got 0"),
    (lambda: mlp.Network.random([10 ** 5] * 3, "sigmoid", RNG), ValueError, r"at most 10,000,000 weights in all, got \[100000"),
    (lambda: mlp.Network.random([2], "sigmoid", RNG), ValueError, r"sizes must hold the input size and at least one layer"),
    (lambda: mlp.Network.random([2, 2], "sigmoid", 3), TypeError, r"rng must be a numpy Generator, .* got int"),
    (lambda: NET.forward([0.05, 0.10]), ValueError, r"x needs at least 2 axes, got shape \(2,\) \(one row per example"),
    (lambda: NET.forward(np.ones((1, 3))), ValueError, r"x must have one column per input \(2\), got 3 columns"),
    (lambda: NET.backward(np.zeros((0, 2)), np.zeros((0, 2))), ValueError, r"x must not be empty, got shape \(0, 2\)"),
    (lambda: NET.error(X, np.ones((1, 3))), ValueError, r"target must have one row per example and one column per output"),
    (lambda: mlp.Network(NET.weights, NET.biases, NET.activations, "cross_entropy").error(X, [[2.0, -1.0]]),
     ValueError, r"target must lie between 0 and 1 for cross_entropy \(it is a probability\), got 2\.0"),
    (lambda: NET.update(GRADS, True), TypeError, r"learning_rate must be a real number, got bool True"),
    (lambda: NET.update(GRADS, [0.5, 0.5]), ValueError, r"learning_rate must be one number, or one per network of a stack"),
    (lambda: NET.update(GRADS, -1), ValueError, r"learning_rate must be a positive number, got -1\.0"),
    (lambda: NET.update(EXAMPLE, 0.5), TypeError, r"grads must be the Gradients that backward\(\.\.\.\) returns, got Params"),
    (lambda: mlp.stack([NET, NET]).update(GRADS, [0.5, -0.5]), ValueError, r"learning_rate must hold positive numbers"),
    (lambda: mlp.stack([]), ValueError, r"networks must not be empty"),
    (lambda: mlp.stack([NET, "net"]), TypeError, r"networks\[1\] must be a helpers\.mlp\.Network, got str"),
    (lambda: mlp.train(NET, X, T, 0.5, 10 ** 12), ValueError, r"epochs must be at least 0 and at most 100,000"),
    (lambda: mlp.train("net", X, T, 0.5, 1), TypeError, r"network must be a helpers\.mlp\.Network, got str"),
    (lambda: mlp.train(NET, X, T, 0.5, 1, batch_size=1), TypeError, r"rng must be a numpy Generator"),
    (lambda: mlp.train(NET, X, T, 0.5, 1, batch_size=2, rng=RNG), ValueError, r"batch_size must be at least 1 and at most 1"),
    (lambda: mlp.train(LINEAR, [[1.0]], [[0.0]], 1e300, 5), ValueError, r"learning_rate 1e\+300 made training diverge at epoch 2"),
    (lambda: mlp.from_example({"w1": 0.15}), TypeError, PARAMS + "dict"),
    # XOR
    (lambda: xor.learning_rate_sweep([0.5], [1], 10 ** 12), ValueError, r"epochs must be at least 0 and at most 100,000"),
    (lambda: xor.learning_rate_sweep(np.ones(1001), [1], 1), ValueError, r"a sweep trains at most 1,000 networks"),
    (lambda: xor.learning_rate_sweep([0.5, -1], [1], 1), ValueError, r"rates must be a list of positive learning rates"),
    (lambda: xor.learning_rate_sweep([0.5], 1, 1), TypeError, r"seeds must be a list of whole numbers, got int 1"),
    (lambda: xor.learning_rate_sweep([0.5], [1.5], 1), TypeError, r"seed must be a whole number, got float 1\.5"),
    (lambda: xor.accuracy("network"), TypeError, r"network must be a helpers\.mlp\.Network, got str"),
    (lambda: xor.xor_network("tanh"), ValueError, r"hidden must be one of 'sigmoid', 'relu', got 'tanh'"),
    (lambda: draw_loss_curves({"a": [1.0, math.inf]}), ValueError, r"curves\['a'\] entries must be a finite number"),
    (lambda: draw_loss_curves({"a": []}), ValueError, r"curves\['a'\] must not be empty"),
    (lambda: draw_loss_curves({"a": 0.5}), TypeError, r"curves\['a'\] must be a list of errors, got float 0\.5"),
    (lambda: Value(-8.0) ** 0.5, ValueError, r"-8 \*\* 0\.5 cannot be computed: a negative number has no real"),
    (lambda: derivation.latex("w5"), TypeError, r"expr must be a sympy expression such as symbol\.w5"),
    (lambda: derivation.Equation("x", "y"), TypeError, r"expected a sympy expression .* got the string 'y'"),
    (lambda: side_by_side(3.0), TypeError, r"rows must be Comparisons made by compare\(\.\.\.\), or a \{figure"),
    (lambda: finite_number("x", [0.5] * 1000), TypeError, r"x must be a real number, got list \[0\.5, .*\.\.\.$"),
]


@pytest.mark.parametrize("call, error, message", ENTRY_POINTS)
def test_every_entry_point_names_the_bad_argument_and_what_it_expects(call, error, message):
    with pytest.raises(error, match=message):
        call()
