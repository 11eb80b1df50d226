import helpers


def test_forward_pass_gives_the_examples_first_output():
    assert f"{helpers.forward().out_o1:.8f}" == "0.75136507"
