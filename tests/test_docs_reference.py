"""The API reference: one page per public module, documenting everything it exports."""

from __future__ import annotations

import doctest
import importlib
import inspect
import io
import pkgutil
import re
from pathlib import Path

import pytest

import neglect_protocol

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
PUBLIC_MODULES = sorted(
    module.name
    for module in pkgutil.iter_modules(neglect_protocol.__path__)
    if not module.name.startswith("_")
)
ENTRY = re.compile(r"^\.\. (?:autoclass|autofunction|autodata|py:data):: (\w+)$", re.MULTILINE)


def documented_names(module_name: str) -> list[str]:
    """The names a module's reference page has an entry for, in page order."""
    page = (REFERENCE / f"{module_name}.md").read_text(encoding="utf-8")
    return ENTRY.findall(page)


class TestReferencePages:
    @pytest.mark.parametrize("module_name", PUBLIC_MODULES)
    def test_every_exported_name_has_one_entry(self, module_name: str) -> None:
        """A public module's page has exactly one entry per name of its ``__all__``.

        The pages list their entries by hand, grouped by purpose, so a name added to
        a module's ``__all__`` must be placed on its page too.
        """
        module = importlib.import_module(f"neglect_protocol.{module_name}")
        names = documented_names(module_name)
        assert sorted(module.__all__) == sorted(names)

    def test_every_page_is_in_the_reference_toctree(self) -> None:
        """The reference index links every module page, and no page for a module that is gone."""
        index = (REFERENCE / "index.md").read_text(encoding="utf-8")
        toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
        lines = (line.strip() for line in toctree.splitlines())
        entries = sorted(line for line in lines if line and not line.startswith(":"))
        # Pages that are not a module's (the columns of every kind of rows) are linked too.
        others = sorted({"record-columns"})
        pages = sorted(path.stem for path in REFERENCE.glob("*.md") if path.stem != "index")
        expected = sorted(PUBLIC_MODULES + others)
        assert (expected, expected) == (entries, pages)


def _examples_of(module_name: str) -> list[doctest.DocTest]:
    """The docstring examples the module's reference page shows: its own and its names'."""
    module = importlib.import_module(f"neglect_protocol.{module_name}")
    parser = doctest.DocTestParser()
    found = [parser.get_doctest(module.__doc__ or "", {}, module_name, None, 0)]
    finder = doctest.DocTestFinder()
    for name in module.__all__:
        value = getattr(module, name)
        # A constant's page entry shows its own docstring, not its type's.
        if inspect.isclass(value) or inspect.isroutine(value):
            found += finder.find(value, name, module=False, globs={})
    return [test for test in found if test.examples]


class TestSelfContainedExamples:
    @pytest.mark.parametrize("module_name", PUBLIC_MODULES)
    def test_every_example_imports_what_it_uses(self, module_name: str) -> None:
        """An example on a reference page runs pasted on its own: it imports every name it uses.

        Doctests of a module run with the module's names at hand; a reader who copies
        an example from the page has none of them, so each is run here with nothing.
        """
        missing: dict[str, set[str]] = {}
        for test in _examples_of(module_name):
            test.globs = {}
            report = io.StringIO()
            runner = doctest.DocTestRunner(
                optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
            )
            runner.run(test, out=report.write)
            names = set(re.findall(r"NameError: name '(\w+)'", report.getvalue()))
            if names:
                missing[test.name] = names
        assert {} == missing
