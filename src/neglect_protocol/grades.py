"""The GCP2 grade scale.

>>> from neglect_protocol.grades import Grade
>>> [grade.value for grade in Grade]
[1, 2, 3, 4, 5]
"""

from neglect_protocol._api import publish
from neglect_protocol._model._grade import GRADES, Grade, to_grade

__all__ = ["GRADES", "Grade", "to_grade"]


publish(__name__, Grade, to_grade)


def __dir__() -> list[str]:
    return __all__
