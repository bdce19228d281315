"""Sphinx configuration for neglect_protocol."""

from __future__ import annotations

import os
import sys
from importlib.metadata import version as _version

sys.path.insert(0, os.path.abspath("../src"))

project = "neglect_protocol"
author = "The neglect_protocol developers"
copyright = "2026, The neglect_protocol developers"
release = _version("neglect-protocol")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "neglect_protocol"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_class_signature = "separated"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# Runs the docstring examples of the reference as doctests too.
# Paths in examples are relative to the repository root, where `make docs` runs.
doctest_global_setup = """
import datetime as dt
"""

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
]

# Docstring examples (plain ">>>" blocks pulled in by autodoc) run under pytest's
# --doctest-modules in their own module's namespace; the doctest builder runs the
# pages' explicit {doctest} blocks.
doctest_test_doctest_blocks = ""
