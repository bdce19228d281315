"""A share put into plain English, with the figure it stands for."""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from neglect_protocol._model._proportion import Proportion


class Relation(enum.Enum):
    """How a phrase's words relate to the exact share they describe.

    Each member is a claim the share must make true; none of them can overstate it.
    """

    EXACTLY = "exactly"
    """The share equals the named fraction ("two thirds", "half", "all", "none")."""
    JUST_OVER = "just over"
    """The share is above the named fraction, by no more than the tolerance."""
    JUST_UNDER = "just under"
    """The share is below the named fraction, by no more than the tolerance."""
    OVER = "over"
    """The share is above the named fraction, by more than the tolerance."""
    UNDER = "under"
    """The share is below the smallest named fraction, by more than the tolerance."""
    COUNT = "count"
    """The words give the counts themselves ("20 of 26"), which cannot mislead."""


@attrs.frozen
class Phrase:
    """The words and the figure for one share, such as "two thirds (67%)".

    Attributes:
        words: The plain-English part ("just over three quarters", "20 of 26").
        figure: The percentage, rounded half up from the exact counts.
        relation: How the words relate to the exact share.
        reference: The named fraction the words compare the share with (``None`` when
            the words are the counts).
        proportion: The counts described.
        ndigits: The decimal places of the figure.
    """

    words: str
    figure: Decimal
    relation: Relation
    reference: Fraction | None
    proportion: Proportion
    ndigits: int = 0

    @property
    def figure_text(self) -> str:
        """The figure as shown, with a percent sign.

        A rounded figure of 0% or 100% would claim "none" or "all"; when the
        counts do not bear that out, the figure is shown as ``<1%`` or ``>99%`` (at
        the phrase's precision) instead.
        """
        step = Decimal(1).scaleb(-self.ndigits)
        if self.figure == 0 and self.proportion.positive > 0:
            return f"<{step}%"
        if self.figure == 100 and self.proportion.negative > 0:
            return f">{Decimal(100) - step}%"
        return f"{self.figure}%"

    @property
    def text(self) -> str:
        """The words followed by the figure in brackets, as in ``"two thirds (67%)"``."""
        return f"{self.words} ({self.figure_text})"

    @property
    def sentence_start(self) -> str:
        """The text with its first letter in capitals, to open a sentence."""
        return self.text[:1].upper() + self.text[1:]

    def __str__(self) -> str:
        return self.text
