"""Roll-up rules that suggest a grade from the grades beneath it.

A rule is any callable from a non-empty sequence of grades to a grade, so a
partnership can pass its own to :func:`~neglect_protocol.profile.score`:

>>> from neglect_protocol import Grade
>>> from neglect_protocol.rules import mean, median, mode, worst
>>> grades = [Grade(1), Grade(2), Grade(2), Grade(5)]
>>> [rule(grades).value for rule in (worst, median, mode, mean)]
[5, 2, 2, 3]
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._logic._rules import (
    RollUpRule,
    is_monotone,
    mean,
    median,
    mode,
    rule_name,
    worst,
)

__all__ = ["RollUpRule", "is_monotone", "mean", "median", "mode", "rule_name", "worst"]


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
