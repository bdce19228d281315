"""The GCP2 grade scale.

>>> from neglect_protocol.grades import Grade
>>> [grade.value for grade in Grade]
[1, 2, 3, 4, 5]
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._model._grade import Grade

__all__ = ["Grade"]


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
