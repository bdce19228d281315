"""Change in a share since the previous period, with Newcombe's interval.

Audit and survey summaries report how each share moved since the last period;
this module holds the value they use.

>>> from neglect_protocol.change import Change
>>> from neglect_protocol.stats import Proportion
>>> Change(Proportion(77, 100), Proportion(30, 50)).points()
Decimal('17')
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._logic._change import Change, change_between

__all__ = ["Change", "change_between"]


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
