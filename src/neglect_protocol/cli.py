"""The ``neglect-protocol`` command line (also ``python -m neglect_protocol``).

Commands:

``score FILE [--catalogue FILE] [--rule RULE] [--json]``
    Score an assessment document and print its profile as a table, or as JSON
    (``{"profile": {...}}``).
``validate FILE...  [--catalogue FILE]``
    Check documents of any kind (chosen by their ``kind`` key); assessments are
    also checked against the catalogue (the built-in one for their instrument by
    default). Exits 1 if any document is invalid, listing every problem found.
``schema KIND``
    Print the JSON Schema of a document kind (``assessment``, ``catalogue``,
    ``profile``).
``--version``
    Print the version.

``-`` reads a document from standard input. Problems are printed to standard
error, one line each (``FILE: $.path: message``), never as a traceback. The exit
status is 0 when done, 1 when a document is invalid or the output cannot be
written, 2 for a usage mistake and 141 when standard output was closed early
(``| head``); ``neglect-protocol --help`` lists them.
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._cli import main

__all__ = ["main"]

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
