"""Readable text renderings of the library's results, for terminals and examples."""

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._escalation_text import (
    format_decision,
    format_review,
    format_screening_decision,
)
from neglect_protocol._boundary._text import format_profile

__all__ = ["format_decision", "format_profile", "format_review", "format_screening_decision"]


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
