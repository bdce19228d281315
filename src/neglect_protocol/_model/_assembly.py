"""Assembling a frozen value from fields already checked, without checking them again.

A value's constructor checks every field (its type, its range) and converts
some; a reader that has checked each field as it read it (the wire format's
fast readers, which read thousands of documents a second) would only repeat
that work. :func:`assembler` makes, once per class, the function that sets the
fields of a new instance directly, as attrs' own ``__init__`` does, but with no
validator, converter or ``__attrs_post_init__``: the class's ``_built`` method
calls it, then checks whatever rules across fields the class has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def assembler(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` in order and returning the instance, unchecked.

    ``cls`` must be a slotted attrs class (``@attrs.frozen``): each field is set
    through its slot, which a frozen class's ``__setattr__`` does not guard.
    The function is written out field by field, as attrs writes ``__init__``,
    since it runs once for every record of every document read.

    >>> import attrs
    >>> @attrs.frozen
    ... class Pair:
    ...     left: int = attrs.field(validator=attrs.validators.gt(0))
    ...     right: int = 0
    >>> assembler(Pair)(-1, 2)
    Pair(left=-1, right=2)
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    # The text is made of numbered names only (never a field's own name, which
    # could be "value" or "cls"), so nothing received is ever executed.
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    arguments = ", ".join(f"field_{index}" for index in range(len(names)))
    lines = [f"def assemble({arguments}):", "    value = new(cls)"]
    for index, name in enumerate(names):
        # A slot's descriptor sets the field without going through __setattr__.
        namespace[f"set_{index}"] = cls.__dict__[name].__set__
        lines.append(f"    set_{index}(value, field_{index})")
    lines.append("    return value")
    exec("\n".join(lines), namespace)
    assemble: Callable[..., T] = namespace["assemble"]
    return assemble
