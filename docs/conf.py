"""Sphinx configuration for neglect_protocol."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import sys
from importlib.metadata import version as _version
from typing import Any

sys.path.insert(0, os.path.abspath("../src"))

import neglect_protocol

# Each public module names itself the home of the classes it publishes when it is
# first imported (``neglect_protocol._api.publish``). Import them all before any page
# is read, so that a type in a signature links to its public home (``stats.Proportion``,
# not the private module it is defined in) whichever reference page is read first.
for _module in pkgutil.iter_modules(neglect_protocol.__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"neglect_protocol.{_module.name}")

project = "neglect_protocol"
author = "The neglect_protocol developers"
copyright = "2026, The neglect_protocol developers"
release = _version("neglect-protocol")
version = release

# myst_nb is the MyST extension here (it includes myst-parser's): it reads the
# Markdown pages and executes the example notebook.
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "neglect_protocol"
html_static_path = ["_static"]
html_css_files = ["custom.css"]

# The example notebook (docs/examples/notebook.ipynb links to examples/notebook.ipynb)
# is stored without outputs and run on every build, so it cannot go stale: any error
# in a cell fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 120

# The copy button copies commands without their prompts, and of a Python session
# only the input lines.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Types go beside the parameters a docstring describes; a class's fields are
# described once, under "Variables", not again as constructor parameters.
autodoc_typehints_description_target = "documented_params"
# "mixed" puts the constructor's signature on the class, rather than listing
# ``__new__`` and ``__init__`` as entries of their own.
autodoc_class_signature = "mixed"
# Base classes are shown where they say something (an exception's builtin, an enum's
# value type): the reference pages ask for them class by class, not "Bases: object".
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# A class's "Attributes:" become attribute entries of their own, with their types, so
# that ``:attr:`` references to fields resolve without listing undocumented members.
napoleon_use_ivar = False

# No doctest_global_setup: every page imports what its examples use, so a snippet
# copied from the docs runs as it is. Paths in examples are relative to the
# repository root, where `make docs` runs.

# The build machines reach no web pages, so intersphinx is off and outside types that
# autodoc cannot resolve are listed here to keep -n clean.
nitpicky = True
nitpick_ignore = [
    ("py:class", "attrs.Attribute"),
    ("py:class", "Attribute"),
    ("py:class", "datetime.date"),
    ("py:class", "dt.date"),
    ("py:class", "os.PathLike"),
    ("py:class", "Traversable"),
    ("py:class", "importlib.resources.abc.Traversable"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "Mapping"),
    ("py:class", "Sequence"),
    ("py:class", "Iterator"),
    ("py:class", "Callable"),
    ("py:class", "enum.Enum"),
    ("py:class", "enum.IntEnum"),
    ("py:class", "Exception"),
    ("py:class", "ValueError"),
    ("py:class", "LookupError"),
    ("py:class", "K"),
    ("py:class", "V"),
    ("py:class", "typing.Any"),
    ("py:exc", "ValueError"),
    ("py:exc", "LookupError"),
    ("py:exc", "OSError"),
    ("py:func", "importlib.resources.files"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "polars.DataFrame"),
    # neglect_protocol.stats
    ("py:class", "Fraction"),
    ("py:class", "fractions.Fraction"),
    ("py:class", "Decimal"),
    ("py:class", "decimal.Decimal"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "Iterable"),
    ("py:class", "KappaWeights"),
    ("py:func", "round"),
    # neglect_protocol.audit, .survey, .indicators and .assurance
    ("py:class", "FrozenMap"),
    ("py:class", "neglect_protocol._model._frozen.FrozenMap"),
    ("py:class", "Hashable"),
    ("py:class", "collections.abc.Hashable"),
    ("py:class", "Path"),
    ("py:class", "pathlib.Path"),
    # Added for serialisation, the command line, records and plots (issue 5).
    ("py:class", "neglect_protocol._boundary._documents.T"),
    ("py:class", "T"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "Iterable"),
    ("py:class", "Axes"),
    ("py:class", "matplotlib.axes.Axes"),
    # Plots return a matplotlib figure (issue 11).
    ("py:class", "Figure"),
    ("py:class", "matplotlib.figure.Figure"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "SearchStrategy"),
    ("py:class", "st.SearchStrategy"),
    ("py:class", "st.DrawFn"),
    ("py:class", "DrawFn"),
    ("py:class", "NamedTuple"),
    ("py:class", "TypeError"),
    ("py:exc", "TypeError"),
    ("py:func", "hypothesis.strategies.register_type_strategy"),
    # The private type of a profile's private ``_labels`` field, shown in its signature.
    ("py:class", "_EntryLabel"),
]

# Docstring examples (plain ">>>" blocks pulled in by autodoc) run under pytest's
# --doctest-modules in their own module's namespace; the doctest builder runs the
# pages' explicit {doctest} blocks.
doctest_test_doctest_blocks = ""


def _skip_dunders(
    app: object, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """Leave special methods (``__init__``, ``__eq__``, ...) out of the reference."""
    if name.startswith("__") and name.endswith("__"):
        return True
    return None


def _drop_type_docstrings(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Drop the docstring of a constant's type (``int``, ``tuple``, a union) from its entry.

    A constant re-exported by a public module has no docstring of its own there, and
    autodoc would show its type's instead ("int([x]) -> integer"); the reference page
    gives the description.
    """
    type_doc = inspect.getdoc(type(obj))
    if what in ("data", "attribute") and type_doc and "\n".join(lines).strip() == type_doc.strip():
        lines.clear()


def setup(app: Any) -> None:
    """Connect the reference's member filters."""
    app.connect("autodoc-skip-member", _skip_dunders)
    # Before napoleon (priority 500) rewrites the docstring, so it can be compared.
    app.connect("autodoc-process-docstring", _drop_type_docstrings, priority=400)
