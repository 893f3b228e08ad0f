"""The registry of recognisers: one name and one place in the order each."""

import pytest

from sijeong.ingest.recognisers.registry import RECOGNISERS, recogniser


def test_recognisers_are_tried_in_their_registered_order_with_the_catch_all_last():
    names = list(RECOGNISERS)
    assert names[0] == "heading" and names[-1] == "narrative"
    assert names.index("caption") < names.index("staffing") < names.index("comparison")
    assert names.index("press_counts") < names.index("briefing")


@pytest.mark.parametrize(("name", "order"), [("budget", 999), ("budget_again", 40)])
def test_a_name_or_a_place_in_the_order_is_taken_once(name, order):
    registered = dict(RECOGNISERS)
    with pytest.raises(ValueError):
        recogniser(name, order=order)(lambda reader, item: False)
    assert list(RECOGNISERS.items()) == list(registered.items())
