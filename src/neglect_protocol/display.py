"""Readable text renderings of the library's results, for terminals and examples."""

from neglect_protocol._api import publish
from neglect_protocol._boundary._text import format_profile

__all__ = ["format_profile"]


publish(__name__, format_profile)


def __dir__() -> list[str]:
    return __all__
