"""Case-file audits: the judgement scale, auditors' comments and the audit record."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from neglect_protocol._model._checks import at_least, got, is_a, listed, tuple_of
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol.errors import AssuranceError, PolicyError, UnknownCodeError, safe_repr


def _scale_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(attribute.name, f"expected non-empty text, got {got(value)}")


@attrs.frozen(order=True)
class Judgement:
    """One point of an audit judgement scale, such as Ofsted's "good".

    Judgements order by :attr:`rank` alone, 1 the best, so the worst of several is
    their ``max``, as with :class:`~neglect_protocol.grades.Grade`. They come from a
    :class:`JudgementScale`; build them with one rather than by hand.

    Attributes:
        rank: Its place on the scale, 1 for the best judgement.
        code: A short identifier, as written in files (``"requires_improvement"``).
        label: The judgement as a report prints it (``"Requires improvement to be good"``).

    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT
    >>> OFSTED_FOUR_POINT["good"]
    Judgement(rank=2, code='good', label='Good')
    >>> max(OFSTED_FOUR_POINT["good"], OFSTED_FOUR_POINT["inadequate"]).label
    'Inadequate'
    """

    rank: int = attrs.field(validator=at_least(1, PolicyError))
    code: str = attrs.field(order=False, validator=_scale_text)
    label: str = attrs.field(order=False, validator=_scale_text)


@attrs.frozen
class JudgementScale:
    """An ordered audit judgement scale, best judgement first.

    The scale says which judgements count as "good or better" (every judgement
    from the best down to :attr:`good_or_better`) and which count as
    "inadequate" (:attr:`inadequate` and anything worse). The default scale,
    :data:`~neglect_protocol.audit.OFSTED_FOUR_POINT`, ships as package data;
    Ofsted's scales change, so a partnership can load another with
    :func:`~neglect_protocol.audit.load_judgement_scale`.

    Attributes:
        name: The scale's name.
        version: Which edition of the scale this is.
        judgements: The judgements, best first, ranked 1, 2, 3, …
        good_or_better: The code of the worst judgement still counted as good or better.
        inadequate: The code of the best judgement counted as inadequate.

    Raises:
        PolicyError: If there are fewer than two judgements, the ranks do
            not run 1, 2, 3, … in order, a code repeats, or ``good_or_better`` and
            ``inadequate`` are not codes of the scale with ``inadequate`` worse.

    >>> from neglect_protocol.audit import JudgementScale
    >>> scale = JudgementScale.from_labels(
    ...     "Invented three-point", "1",
    ...     [("strong", "Strong"), ("fair", "Fair"), ("weak", "Weak")],
    ...     good_or_better="strong", inadequate="weak")
    >>> [judgement.code for judgement in scale if scale.is_good_or_better(judgement)]
    ['strong']
    """

    name: str = attrs.field(validator=_scale_text)
    version: str = attrs.field(validator=_scale_text)
    judgements: tuple[Judgement, ...] = attrs.field()
    good_or_better: str = attrs.field(validator=is_a(str, "a code", PolicyError))
    inadequate: str = attrs.field(validator=is_a(str, "a code", PolicyError))
    _by_code: FrozenMap[str, Judgement] = attrs.field(init=False, repr=False, eq=False, hash=False)

    @judgements.validator
    def _check_judgements(
        self, attribute: attrs.Attribute[tuple[Judgement, ...]], value: object
    ) -> None:
        if not isinstance(value, tuple) or len(value) < 2:
            raise PolicyError(
                "judgements", f"expected a tuple of at least two judgements, got {got(value)}"
            )
        seen: dict[str, int] = {}
        for index, judgement in enumerate(value, start=1):
            if not isinstance(judgement, Judgement) or judgement.rank != index:
                raise PolicyError(
                    f"judgements[{index - 1}]",
                    f"expected a Judgement ranked {index}, got "
                    + (
                        f"one ranked {judgement.rank}"
                        if isinstance(judgement, Judgement)
                        else got(judgement)
                    ),
                )
            if judgement.code in seen:
                raise PolicyError(
                    f"judgements[{index - 1}].code",
                    f"expected each code once, got the code of judgements[{seen[judgement.code]}] "
                    "again",
                )
            seen[judgement.code] = index - 1

    def __attrs_post_init__(self) -> None:
        by_code = FrozenMap({judgement.code: judgement for judgement in self.judgements})
        object.__setattr__(self, "_by_code", by_code)
        for field in ("good_or_better", "inadequate"):
            code = getattr(self, field)
            if code not in by_code:
                raise PolicyError(
                    field,
                    f"expected one of the scale's codes ({listed(by_code)}), got {got(code)}",
                )
        if by_code[self.inadequate].rank <= by_code[self.good_or_better].rank:
            raise PolicyError(
                "inadequate",
                f"expected a judgement worse than good_or_better {safe_repr(self.good_or_better)}, "
                f"got {safe_repr(self.inadequate)}",  # both are codes of the scale, checked above
            )

    @classmethod
    def from_labels(
        cls,
        name: str,
        version: str,
        judgements: Iterable[tuple[str, str]],
        *,
        good_or_better: str,
        inadequate: str,
    ) -> JudgementScale:
        """Build a scale from ``(code, label)`` pairs, best first, ranking them from 1.

        Args:
            name: The scale's name.
            version: Which edition of the scale this is.
            judgements: The ``(code, label)`` pairs, best first.
            good_or_better: The code of the worst judgement counted as good or better.
            inadequate: The code of the best judgement counted as inadequate.

        Returns:
            The scale.

        Raises:
            PolicyError: As for the class.
        """
        ranked = tuple(
            Judgement(rank, code, label) for rank, (code, label) in enumerate(judgements, start=1)
        )
        return cls(name, version, ranked, good_or_better, inadequate)

    def __getitem__(self, code: str) -> Judgement:
        """Return the judgement with ``code``.

        Raises:
            UnknownCodeError: If the scale has no such judgement.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise self._unknown(code, "") from None

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self.judgements)

    def __len__(self) -> int:
        return len(self.judgements)

    def __contains__(self, judgement: object) -> bool:
        return isinstance(judgement, Judgement) and self._by_code.get(judgement.code) == judgement

    def judgement(self, value: Judgement | str, *, field: str = "") -> Judgement:
        """Return ``value`` as a judgement of this scale, looking a code up if need be.

        Args:
            value: A judgement of this scale, or its code.
            field: Where the value came from, for the error message.

        Returns:
            The judgement.

        Raises:
            UnknownCodeError: If ``value`` is not a judgement (or code) of this scale.

        >>> from neglect_protocol.audit import OFSTED_FOUR_POINT
        >>> OFSTED_FOUR_POINT.judgement("adequate", field="audits[0].grade")
        Traceback (most recent call last):
        ...
        neglect_protocol.errors.UnknownCodeError: audits[0].grade: ... got 'adequate'; ...
        """
        if isinstance(value, Judgement):
            if value in self:
                return value
        elif isinstance(value, str) and value in self._by_code:
            return self._by_code[value]
        raise self._unknown(value, field)

    def _unknown(self, value: object, field: str) -> UnknownCodeError:
        return UnknownCodeError(
            value,
            catalogue=self.name,
            field=field,
            what="a judgement of scale",
            choices=tuple(self._by_code),
            show_choices=True,
        )

    def is_good_or_better(self, judgement: Judgement) -> bool:
        """Whether ``judgement`` counts as good or better on this scale."""
        return judgement.rank <= self._by_code[self.good_or_better].rank

    def is_inadequate(self, judgement: Judgement) -> bool:
        """Whether ``judgement`` counts as inadequate on this scale."""
        return judgement.rank >= self._by_code[self.inadequate].rank


class Polarity(enum.Enum):
    """Whether an auditor's comment on a theme is positive or negative."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


def _polarity(value: object) -> Polarity:
    if isinstance(value, Polarity):
        return value
    try:
        return Polarity(value)
    except ValueError:
        raise AssuranceError(
            "polarity", f"expected 'positive' or 'negative', got {got(value)}"
        ) from None


def _label(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


def _free_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    # Comment text is personal data about a child: only its type is named.
    if not isinstance(value, str):
        raise AssuranceError(attribute.name, f"expected text, got {got(value)}")


def _date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AssuranceError(attribute.name, f"expected a date, got {got(value)}")


@attrs.frozen
class AuditComment:
    """An auditor's comment on one theme of a case file, tagged positive or negative.

    The ``text`` is free text about a child: it is kept but never appears in a
    ``repr`` or an error message.

    Attributes:
        theme: The theme the comment is about (``"engaging children"``).
        polarity: Whether the comment is positive or negative (a string is converted).
        text: What the auditor wrote.

    >>> from neglect_protocol.audit import AuditComment
    >>> AuditComment("engaging children", "positive", text="invented: saw the child alone")
    AuditComment(theme=a str of 17 characters, polarity=<Polarity.POSITIVE: 'positive'>)
    """

    theme: str = attrs.field(repr=safe_repr, validator=_label)
    polarity: Polarity = attrs.field(converter=_polarity)
    text: str = attrs.field(default="", validator=_free_text, repr=False)

    @property
    def is_positive(self) -> bool:
        """Whether the comment is positive."""
        return self.polarity is Polarity.POSITIVE


@attrs.frozen
class Criterion:
    """One criterion of an audit tool, such as "the child's voice is heard".

    Attributes:
        code: A short identifier (``"voice"``).
        label: What the criterion looks at.
        limiting: Whether the criterion is a limiting judgement: the overall grade
            can be no better than this criterion's grade (relaxed by the tool's
            ``limit_margin``). Which criteria limit is local policy.
    """

    code: str = attrs.field(validator=_label)
    label: str = attrs.field(validator=_label)
    limiting: bool = attrs.field(
        default=False, validator=is_a(bool, "True or False", AssuranceError)
    )


def _criteria_grades(value: Mapping[str, Judgement]) -> FrozenMap[str, Judgement]:
    if not isinstance(value, Mapping):
        raise AssuranceError("criteria", f"expected a mapping, got {got(value)}")
    for code, judgement in value.items():
        if not isinstance(code, str) or not isinstance(judgement, Judgement):
            raise AssuranceError(
                "criteria",
                f"expected criterion codes mapped to Judgements, got {got(code)} mapped to "
                f"{got(judgement)}",
            )
    return FrozenMap(value)


@attrs.frozen
class CaseFileAudit:
    """One audited case file: where it sits, when it was audited, its grade and comments.

    Attributes:
        reference: The host system's reference for the file (pseudonymous).
        team: The team that holds the file.
        date: The day of the audit.
        grade: The overall judgement.
        comments: The auditor's comments, each tagged by theme as positive or negative.
        criteria: The judgement per criterion of the audit tool, if one was used.

    >>> import datetime as dt
    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditComment, CaseFileAudit
    >>> audit = CaseFileAudit("F-001", "North", dt.date(2022, 1, 12), OFSTED_FOUR_POINT["good"],
    ...                       (AuditComment("engaging children", "positive"),))
    >>> audit.grade.label, len(audit.comments)
    ('Good', 1)
    """

    reference: str = attrs.field(repr=safe_repr, validator=_label)
    team: str = attrs.field(repr=safe_repr, validator=_label)
    date: dt.date = attrs.field(validator=_date)
    grade: Judgement = attrs.field(
        validator=is_a(
            Judgement, "a Judgement of a scale (OFSTED_FOUR_POINT['good'])", AssuranceError
        )
    )
    comments: tuple[AuditComment, ...] = attrs.field(
        default=(), validator=tuple_of(AuditComment, AssuranceError)
    )
    criteria: FrozenMap[str, Judgement] = attrs.field(factory=FrozenMap, converter=_criteria_grades)
