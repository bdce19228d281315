"""The checks that make a sequence of profiles one child's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from neglect_protocol._model._assessment import ObservationWindow
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import AssessmentError, safe_repr


def _span(window: ObservationWindow) -> str:
    return f"{window.start.isoformat()}..{window.end.isoformat()}"


def require_profiles(labelled: Sequence[tuple[str, object]]) -> None:
    """Refuse anything but a :class:`~neglect_protocol.profile.Profile` (an assessment, say).

    Raises:
        AssessmentError: Naming the first value that is not a profile.
    """
    for label, value in labelled:
        if not isinstance(value, Profile):
            raise AssessmentError(
                label,
                f"expected a Profile (score an assessment first), got a {type(value).__name__}",
            )


def check_history(labelled: Sequence[tuple[str, Profile]]) -> None:
    """Check that ``labelled`` profiles are one child's, oldest first, windows apart.

    Each profile comes with the label an error names it by (``"history[2]"``).
    Every profile must be of the same child as the first: the same reference, and
    the same date of birth wherever two records give one. (An unborn child's
    record gains a date of birth, and an expected delivery date may be revised,
    so those may differ.) Each observation window must start after the previous
    one ended: the same window twice, overlapping windows and a history in the
    wrong order are all refused.

    Args:
        labelled: Pairs of a label and a profile, oldest first (at least one).

    Raises:
        AssessmentError: Naming the first profile at fault.
    """
    require_profiles(labelled)
    first_label, first = labelled[0]
    birth: tuple[str, dt.date] | None = None
    for position, (label, profile) in enumerate(labelled):
        if profile.child.reference != first.child.reference:
            raise AssessmentError(
                f"{label}.child",
                f"expected child {safe_repr(first.child.reference)} like {first_label}, "
                f"got {safe_repr(profile.child.reference)}",
            )
        born = profile.child.date_of_birth
        if born is not None and birth is None:
            birth = (label, born)
        elif born is not None and birth is not None and born != birth[1]:
            raise AssessmentError(
                f"{label}.child",
                f"expected child {safe_repr(first.child.reference)}"
                f" born on {birth[1].isoformat()} as "
                f"{birth[0]} records, got a date of birth of {born.isoformat()}",
            )
        if position == 0:
            continue
        previous_label, previous = labelled[position - 1]
        if profile.window == previous.window:
            raise AssessmentError(
                f"{label}.window",
                f"expected each observation window once, got {_span(profile.window)} again "
                f"(also {previous_label})",
            )
        if profile.window.start <= previous.window.end:
            raise AssessmentError(
                f"{label}.window",
                f"expected a window starting after {previous_label} ended on "
                f"{previous.window.end.isoformat()}, got {_span(profile.window)} "
                f"(histories run oldest first and windows may not overlap)",
            )
