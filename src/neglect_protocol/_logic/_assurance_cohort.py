"""The assurance report's headlines about children, read from its published tables.

A headline about children must not undo the disclosure control of the tables
beside it. So every count, total and share a cohort headline gives is read from a
cell of a table the report publishes, and is withheld when that cell is hidden,
for whatever reason (a small count, or a cell hidden to protect one). A claim
that compares a band with the others ("most of them", "the largest group") is
made only when the figures it rests on are visible too.
"""

from __future__ import annotations

from collections.abc import Callable

from neglect_protocol._logic._breakdowns import category_label
from neglect_protocol._logic._change import Change
from neglect_protocol._logic._phrasing import describe
from neglect_protocol._model._cohort import PrimaryNeed
from neglect_protocol._model._disclosure import DisclosedTable, DisclosurePolicy
from neglect_protocol._model._phrase import Phrase, Relation
from neglect_protocol._model._proportion import Proportion


def gloss(phrase: Phrase) -> str:
    """The phrase in brackets after its counts: "(two thirds, 67%)", or "(67%)" for a small base.

    A small base is phrased as its counts, which the sentence already gives.
    """
    if phrase.relation is Relation.COUNT:
        return f"({phrase.figure_text})"
    return f"({phrase.words}, {phrase.figure_text})"


def withheld(policy: DisclosurePolicy) -> str:
    """How a withheld figure is described: "not published (small numbers, …)"."""
    return f"not published (small numbers, {policy.name} disclosure control)"


def _children(number: int) -> str:
    return f"{number:,} {'child' if number == 1 else 'children'}"


def _are(number: int) -> str:
    return "is" if number == 1 else "are"


class _Published:
    """Read figures from a published table: a count only if its cell is visible."""

    def __init__(self, table: DisclosedTable) -> None:
        self.table = table
        self.grid = table.grid()
        self.width = len(table.column_labels)

    def row(self, need: PrimaryNeed) -> int:
        return self.table.row_labels.index(category_label(need))

    def count(self, row: int, column: int) -> int | None:
        """The cell's count, or ``None`` if it is hidden (a cell marked ``z`` counts 0)."""
        cell = self.grid[row][column]
        return None if cell.is_suppressed else cell.count

    @property
    def total(self) -> int | None:
        return self.count(len(self.table.row_labels), self.width)

    def need_total(self, need: PrimaryNeed) -> int | None:
        return self.count(self.row(need), self.width)

    def need_share(self, need: PrimaryNeed) -> Proportion:
        """A need's share of all children, for a need whose total and base are visible."""
        return self.table.proportion(self.row(need), self.width, of="column")

    def phrase(self, share: Proportion) -> Phrase:
        return describe(share, ndigits=self.table.policy.percent_decimal_places)


def level_headline(table: DisclosedTable, level: int) -> tuple[str, tuple[Phrase, ...]]:
    """The headline on children at a level of need, by primary need N1 and N5."""
    published = _Published(table)
    policy = table.policy
    total = published.total
    if total is None:
        return f"The number of children known at level {level} is {withheld(policy)}.", ()
    clauses: list[str] = []
    phrases: list[Phrase] = []
    for need in (PrimaryNeed.N1, PrimaryNeed.N5):
        reason = f"{need.description} ({need.value})"
        count = published.need_total(need)
        if count is None:
            clauses.append(f"the number known because of {reason} is {withheld(policy)}")
            continue
        phrase = published.phrase(published.need_share(need))
        phrases.append(phrase)
        if need is PrimaryNeed.N5 and len(phrases) == 2:
            clauses.append(f"a further {count:,} {gloss(phrase)} because of {reason}")
        else:
            clauses.append(f"{count:,} {gloss(phrase)} {_are(count)} known because of {reason}")
    joined = ", and ".join(clauses) if len(phrases) == 2 else "; ".join(clauses)
    return f"Of the {_children(total)} known at level {level}, {joined}.", tuple(phrases)


def _band_clause(published: _Published, row: int, base: int) -> tuple[str, Phrase | None]:
    """What the age bands of the children in a row say, or nothing if it would disclose.

    "Most of them" needs only the band and the row total, both visible: a majority
    is the largest group whatever the hidden cells hold. Naming the largest group
    that is not a majority compares it with every other band, so it is done only
    when the whole row is visible.
    """
    table = published.table
    cells = table.cells[row]
    largest = max(cell.count for cell in cells)
    bands = [
        label
        for label, cell in zip(table.column_labels, cells, strict=True)
        if cell.count == largest
    ]
    column = table.column_labels.index(bands[0])
    if len(bands) == 1 and 2 * largest > base and published.count(row, column) is not None:
        phrase = published.phrase(table.proportion(row, column, of="row"))
        return f"; most of them, {largest:,} {gloss(phrase)}, are {_ages(bands)}", phrase
    if any(published.count(row, other) is None for other in range(len(cells))):
        return "", None
    phrase = published.phrase(table.proportion(row, column, of="row"))
    if len(bands) == 1:
        return (
            f"; the largest group of them, {largest:,} {gloss(phrase)}, is {_ages(bands)}",
            phrase,
        )
    return (
        f"; the largest groups of them, {largest:,} each {gloss(phrase)}, are {_ages(bands)}",
        phrase,
    )


def _ages(labels: list[str]) -> str:
    """Age bands as a sentence ends: "aged 10 to 15", "aged under 1 and 1 to 4".

    These are children in care, so never unborn: a cohort record refuses an unborn
    child who is looked after (Children Act 1989 s.22(1)).
    """
    ages = [label.lower() for label in labels]
    return "aged " + (ages[0] if len(ages) == 1 else _series(ages))


def _series(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def in_care_headline(table: DisclosedTable) -> tuple[str, tuple[Phrase, ...]]:
    """The headline on children in care: how many for abuse or neglect, and their ages."""
    published = _Published(table)
    policy = table.policy
    total = published.total
    if total is None:
        return f"The number of children in care is {withheld(policy)}.", ()
    need = PrimaryNeed.N1
    count = published.need_total(need)
    opening = f"Of the {_children(total)} in care, "
    if count is None:
        return f"{opening}the number known because of {need.description} is {withheld(policy)}.", ()
    phrase = published.phrase(published.need_share(need))
    text = f"{opening}{count:,} {gloss(phrase)} {_are(count)} known because of {need.description}"
    if count == 0:
        return text + ".", (phrase,)
    clause, band = _band_clause(published, published.row(need), count)
    return text + clause + ".", (phrase,) if band is None else (phrase, band)


def need_changes(
    current: DisclosedTable,
    previous: DisclosedTable,
    level: int,
    change: Callable[[Proportion, Proportion], Change],
) -> list[tuple[str, Change]]:
    """The change in the N1 and N5 shares at a level, where both periods publish them."""
    now, then = _Published(current), _Published(previous)
    lines: list[tuple[str, Change]] = []
    for need in (PrimaryNeed.N1, PrimaryNeed.N5):
        visible = (now.total, now.need_total(need), then.total, then.need_total(need))
        if None in visible:
            continue
        measure = f"Children at level {level} known because of {need.description} ({need.value})"
        lines.append((measure, change(now.need_share(need), then.need_share(need))))
    return lines
