"""Reporting periods: the DfE's financial year to 31 March, and its quarters."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from neglect_protocol._model._checks import got
from neglect_protocol.errors import AssuranceError

_LABEL = re.compile(r"(?P<first>[0-9]{4})-(?P<second>[0-9]{2})(?: Q(?P<quarter>[1-4]))?")

# Quarters of the financial year: Q1 April to June, Q2 July to September, Q3 October
# to December, Q4 January to March (month of the first day, and its year offset).
_QUARTER_START = {1: (4, 0), 2: (7, 0), 3: (10, 0), 4: (1, 1)}


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole ``months``, kept to the month's last day if it is shorter.

    >>> import datetime as dt
    >>> from neglect_protocol._model._periods import add_months
    >>> add_months(dt.date(2024, 2, 29), -12), add_months(dt.date(2023, 8, 31), 6)
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@attrs.frozen
class Period:
    """A reporting period: a financial year (``"2023-24"``) or one of its quarters.

    The DfE's children's social care statistics report the year to 31 March: the
    year ``"2023-24"`` runs from 1 April 2023 to 31 March 2024 (the census year of
    the Children in Need census). Quarters follow it: ``"2023-24 Q1"`` is April to
    June 2023 and ``"2023-24 Q4"`` January to March 2024.

    Attributes:
        label: The period as written (``"2023-24"``, ``"2023-24 Q3"``).
        start: Its first day.
        end: Its last day.

    >>> from neglect_protocol.key_indicators import Period
    >>> year = Period.parse("2023-24")
    >>> year.start, year.end
    (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
    >>> [quarter.label for quarter in year.quarters()][-1], Period.parse("2023-24 Q4").start
    ('2023-24 Q4', datetime.date(2024, 1, 1))
    """

    label: str = attrs.field()
    start: dt.date = attrs.field()
    end: dt.date = attrs.field()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise AssuranceError("label", f"expected non-empty text, got {got(self.label)}")
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise AssuranceError(name, f"expected a date, got {got(value)}")
        if self.end < self.start:
            raise AssuranceError(
                "end",
                f"expected a date on or after the start {self.start.isoformat()}, "
                f"got {self.end.isoformat()}",
            )

    @classmethod
    def parse(cls, text: object, field: str = "period") -> Period:
        """Read a period written ``"YYYY-YY"`` (a financial year) or ``"YYYY-YY Qn"``.

        Raises:
            AssuranceError: If ``text`` is not such a label, or its two years do not
                follow each other (``"2023-25"``).
        """
        found = _LABEL.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            raise AssuranceError(
                field,
                f"expected a financial year such as '2023-24' or a quarter such as "
                f"'2023-24 Q1', got {got(text)}",
            )
        first = int(found["first"])
        if int(found["second"]) != (first + 1) % 100:
            raise AssuranceError(
                field,
                f"expected the second year to follow the first ({first}-"
                f"{(first + 1) % 100:02d}), got {got(text)}",
            )
        year = cls.financial_year(first)
        if found["quarter"] is None:
            return year
        return year.quarters()[int(found["quarter"]) - 1]

    @classmethod
    def financial_year(cls, first: int) -> Period:
        """Return the financial year starting 1 April ``first``.

        Raises:
            AssuranceError: If ``first`` is not a year from 1900 to 9998.
        """
        if isinstance(first, bool) or not isinstance(first, int) or not 1900 <= first <= 9998:
            raise AssuranceError("year", f"expected a year such as 2023, got {got(first)}")
        return cls(
            f"{first}-{(first + 1) % 100:02d}", dt.date(first, 4, 1), dt.date(first + 1, 3, 31)
        )

    def quarters(self) -> tuple[Period, ...]:
        """Return the four quarters of a financial year, in order (a quarter has none).

        They partition the year: each day of the year is in exactly one quarter.
        """
        if " Q" in self.label:
            return ()
        quarters = []
        for number, (month, offset) in _QUARTER_START.items():
            start = dt.date(self.start.year + offset, month, 1)
            end = add_months(start, 3) - dt.timedelta(days=1)
            quarters.append(Period(f"{self.label} Q{number}", start, end))
        return tuple(quarters)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period, its first and last days included."""
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label
