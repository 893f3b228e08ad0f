"""The recognisers by name, in the order the walk tries them on each item of the outline."""

from __future__ import annotations

from collections.abc import Callable

from ..structure import Item
from .reader import Reader

# A recogniser claims the item (records planned, lines placed) and says True, or leaves it.
Recogniser = Callable[[Reader, Item], bool]

RECOGNISERS: dict[str, Recogniser] = {}
_ORDER: dict[str, int] = {}


def recogniser(name: str, *, order: int) -> Callable[[Recogniser], Recogniser]:
    """Register a recogniser; the first in `order` to claim an item has it, so a narrower
    reading (a table's caption) must come before a wider one (any line under a programme)."""

    def register(func: Recogniser) -> Recogniser:
        if name in RECOGNISERS or order in _ORDER.values():
            raise ValueError(f"recogniser {name!r} or order {order} is already registered")
        _ORDER[name] = order
        RECOGNISERS[name] = func
        ordered = sorted(RECOGNISERS.items(), key=lambda entry: _ORDER[entry[0]])
        RECOGNISERS.clear()
        RECOGNISERS.update(ordered)
        return func

    return register
