from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from importlib.metadata import version

import pytest

import neglect_protocol

# FrozenMap is private: that it is read-only and hashable is an internal law of every
# frozen value holding a mapping, checked here directly.
from neglect_protocol._model._frozen import FrozenMap, freeze

# Every module whose name does not start with an underscore is public.
_SUBMODULES = sorted(
    f"neglect_protocol.{info.name}"
    for info in pkgutil.iter_modules(neglect_protocol.__path__)
    if not info.name.startswith("_")
)
PUBLIC_MODULES = ["neglect_protocol", *_SUBMODULES]


class TestPublicSurface:
    def test_public_modules_are_found(self) -> None:
        """The list of public modules covers each part of the library."""
        for name in ("grades", "profile", "escalation", "stats", "assurance", "strategies"):
            assert f"neglect_protocol.{name}" in PUBLIC_MODULES

    def test_version_comes_from_metadata(self) -> None:
        """__version__ is the installed distribution's version."""
        assert version("neglect-protocol") == neglect_protocol.__version__

    def test_top_level_names_load_on_first_use(self) -> None:
        """The package imports each name's module on first use: same objects, modules too."""
        from neglect_protocol.assessment import Assessment

        assert Assessment is neglect_protocol.Assessment
        assert "adequate" == neglect_protocol.grades.Grade(2).quality_of_care
        with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
            neglect_protocol.no_such_name  # noqa: B018 - the look-up is the test

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_all_names_exist_and_dir_lists_them(self, name: str) -> None:
        """Every name in __all__ exists, and dir() shows exactly __all__."""
        module = importlib.import_module(name)
        assert all(hasattr(module, attr) for attr in module.__all__)
        assert sorted(module.__all__) == sorted(dir(module))

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_public_names_have_docstrings(self, name: str) -> None:
        """Docs are part of done: every public class and function has a docstring."""
        module = importlib.import_module(name)
        assert module.__doc__
        for attr in module.__all__:
            obj = getattr(module, attr)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                assert obj.__doc__, f"{name}.{attr} has no docstring"

    def test_public_objects_name_their_public_module(self) -> None:
        """Classes re-exported from private modules report their public home."""
        assert "neglect_protocol.profile" == neglect_protocol.Profile.__module__
        assert "neglect_protocol.grades" == neglect_protocol.Grade.__module__

    @pytest.mark.parametrize("name", _SUBMODULES)
    def test_every_exported_class_and_function_names_its_module(self, name: str) -> None:
        """Each class and function a public module exports names that module as its home."""
        module = importlib.import_module(name)
        exported = {attr: getattr(module, attr) for attr in module.__all__}
        elsewhere = {
            attr: obj.__module__
            for attr, obj in exported.items()
            if (inspect.isclass(obj) or inspect.isfunction(inspect.unwrap(obj)))
            and obj.__module__ != name
        }
        assert {} == elsewhere

    def test_import_is_cheap(self) -> None:
        """`import neglect_protocol` (and its serialize, cli, records, plot) imports no optional dependency."""
        code = (
            "import sys, neglect_protocol\n"
            "import neglect_protocol.serialize, neglect_protocol.cli, neglect_protocol.records\n"
            "import neglect_protocol.plot\n"
            "heavy = {'hypothesis', 'matplotlib', 'pandas', 'polars', 'jsonschema', 'numpy'}\n"
            "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == result.stdout.strip()

    def test_import_defers_metadata_data_files_and_decisions(self) -> None:
        """`import neglect_protocol` reads no metadata, no shipped file and no threshold rules."""
        code = (
            "import sys, neglect_protocol\n"
            "deferred = ['importlib.metadata', 'importlib.resources', 'tomllib', 'json', 'difflib',\n"
            "            'neglect_protocol.escalation', 'neglect_protocol._boundary._html']\n"
            "print(sorted(name for name in deferred if name in sys.modules))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == result.stdout.strip()


class TestLazyNames:
    def test_lazy_names_are_the_public_ones(self) -> None:
        """A name imported on first use is the very object its public module holds."""
        from neglect_protocol import catalogue, escalation

        assert escalation.decide is neglect_protocol.decide
        assert catalogue.GCP2 is neglect_protocol.GCP2
        assert catalogue.load_catalogue is neglect_protocol.load_catalogue

    def test_file_names_of_the_catalogue_module(self) -> None:
        """The catalogue module's file readers are published under it when first used."""
        from neglect_protocol import catalogue

        assert 1 == catalogue.CATALOGUE_SCHEMA_VERSION
        assert "neglect_protocol.catalogue" == catalogue.catalogue_from_document.__module__

    @pytest.mark.parametrize("module_name", ["neglect_protocol", "neglect_protocol.catalogue"])
    def test_unknown_names_are_attribute_errors(self, module_name: str) -> None:
        """An unknown name raises AttributeError, naming it, as for any module."""
        module = importlib.import_module(module_name)
        with pytest.raises(AttributeError) as caught:
            module.no_such_name  # noqa: B018
        assert f"module '{module_name}' has no attribute 'no_such_name'" == str(caught.value)

    def test_views_are_attached_by_the_public_modules(self) -> None:
        """Values whose classes live in the model show as HTML in notebooks and give rows."""
        from neglect_protocol.audit import AuditSummary
        from neglect_protocol.indicators import Cohort

        assert neglect_protocol.GCP2._repr_html_().startswith("<table")
        assert callable(AuditSummary._repr_html_)
        assert callable(AuditSummary.to_records)
        assert [] == Cohort(()).to_records()


class TestFrozenMap:
    def test_read_only_hashable_mapping(self) -> None:
        """FrozenMap reads like a dict, hashes by content and offers no way to change it."""
        first = FrozenMap({"a": 1, "b": 2})
        assert {"a": 1, "b": 2} == dict(first)
        assert first == {"b": 2, "a": 1}
        assert first == FrozenMap({"b": 2, "a": 1})
        assert hash(first) == hash(FrozenMap({"b": 2, "a": 1}))
        assert hash(first) == hash(first)  # the cached hash is the same
        assert "<FrozenMap of 2 entries>" == repr(first)
        with pytest.raises(TypeError):
            first["c"] = 3  # type: ignore[index]
        with pytest.raises(TypeError):
            del first["a"]  # type: ignore[attr-defined]
        for name in ("update", "pop", "setdefault", "clear", "popitem"):
            assert not hasattr(first, name)
        with pytest.raises(AttributeError):
            first.__dict__  # noqa: B018 - slots: no instance dict to write through
        assert {"a": 1, "b": 2} == first

    def test_unhashable_keys_are_absent(self) -> None:
        """Looking up an unhashable key finds nothing rather than raising."""
        frozen = FrozenMap({"a": 1})
        assert ["a"] not in frozen  # type: ignore[comparison-overlap]
        assert frozen.get(["a"], 0) == 0  # type: ignore[arg-type]
        assert 1 == frozen.get("a")

    def test_comparison_with_non_mappings(self) -> None:
        """Comparing with a non-mapping is simply unequal."""
        assert FrozenMap({}) != [1]

    def test_pickles_and_empties(self) -> None:
        """A FrozenMap survives pickling as a FrozenMap; the empty one has no entries."""
        import pickle

        again = pickle.loads(pickle.dumps(FrozenMap({"a": 1})))
        assert isinstance(again, FrozenMap)
        assert {"a": 1} == again
        assert 0 == len(FrozenMap())

    def test_freeze_reuses(self) -> None:
        """freeze() returns a FrozenMap unchanged and copies a dict."""
        frozen = FrozenMap({"a": 1})
        assert frozen is freeze(frozen)
        assert frozen == freeze({"a": 1})
