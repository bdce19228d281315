"""One echo rule: nothing received is shown in a message except through ``safe_repr``.

Free text is personal data about a child (the project's README and STYLE.md): a value
read from input or from a partnership's configuration may only reach a message through
:func:`neglect_protocol.errors.safe_repr`. These tests scan the source for the ways a
value can be echoed by ``repr`` behind its back, and check the leak that was found.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from neglect_protocol import ChildRef
from neglect_protocol.errors import NeglectProtocolError, safe_repr
from neglect_protocol.screening import Answer, Screening, SignAnswer, screen

SOURCE = Path(__file__).resolve().parent.parent / "src" / "neglect_protocol"

# A line may call repr() on something that is not received data (a float's digits, a
# function object) only when it says why with this marker.
_MARKER = "# echo-safe:"
_BUILTIN_REPR = re.compile(r"(?<![\w.])repr\(")


def _offending_lines() -> list[str]:
    offending = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        safe_repr_lines: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in {"safe_repr", "_is_echoed"}:
                safe_repr_lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
            if isinstance(node, ast.FormattedValue) and node.conversion == ord("r"):
                offending.append(f"{path.name}:{node.lineno}: !r conversion")
        for number, line in enumerate(text.splitlines(), start=1):
            if number in safe_repr_lines or _MARKER in line:
                continue
            code = line.split("#", 1)[0]
            if _BUILTIN_REPR.search(code):
                offending.append(f"{path.name}:{number}: repr() call")
            if re.search(r"%r\b", code):
                offending.append(f"{path.name}:{number}: %r format")
        offending = [
            entry for entry in offending if int(entry.split(":")[1]) not in safe_repr_lines
        ]
    return offending


class TestTheSourceEchoesOnlyThroughSafeRepr:
    def test_no_repr_conversion_outside_safe_repr(self) -> None:
        """No f-string ``!r``, ``%r`` or bare ``repr()`` in src/ outside ``safe_repr``."""
        assert [] == _offending_lines()

    def test_the_scan_notices_an_echo(self, tmp_path: Path) -> None:
        """The scan's patterns match the ways a value is echoed (so the test above can fail)."""
        sample = 'f"got {value!r}"\n'
        tree = ast.parse(sample)
        conversions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FormattedValue) and node.conversion == ord("r")
        ]
        assert 1 == len(conversions)
        assert _BUILTIN_REPR.search("message = repr(value)")
        assert not _BUILTIN_REPR.search("message = safe_repr(value)")


class TestFreeTextIsDescribedNotEchoed:
    @pytest.mark.parametrize(
        "text",
        ["Mum said Dad hit Jo", "Jessica", "left alone at night", "Invented: no food at home"],
    )
    def test_free_text_is_described(self, text: str) -> None:
        """Sentences and capitalised names are described by their length only."""
        assert text not in safe_repr(text)
        assert text not in safe_repr([text])

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            ("A1a", "'A1a'"),
            ("applies", "'applies'"),
            ("area_at_or_above", "'area_at_or_above'"),
            (["extra"], "['extra']"),
            (3, "3"),
        ],
    )
    def test_codes_and_identifiers_are_shown(self, value: object, shown: str) -> None:
        """Codes, numbers and lower-case identifiers are what a user needs to see."""
        assert shown == safe_repr(value)

    def test_a_sign_holding_free_text_is_not_echoed_by_screen(self) -> None:
        """Regression: ``screen()`` echoed an answer's sign word for word (``got {code!r}``)."""
        screening = Screening(
            child=ChildRef("C-0001", date_of_birth=dt.date(2019, 4, 2)),
            completed_on=dt.date(2024, 5, 2),
            answers=(SignAnswer("Mum said Dad hit Jo", Answer.DOES_NOT_APPLY),),
        )
        with pytest.raises(NeglectProtocolError) as caught:
            screen(screening)
        assert "Mum said Dad hit Jo" not in str(caught.value)
        assert "a str of 19 characters" in str(caught.value)
