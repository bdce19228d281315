"""Histories carried forward: the trail against a deliberately plain reading of the history.

``decide(..., history=...)`` and ``chronology.review`` carry what a history says
forward in a :class:`~neglect_protocol._logic._trends.Trail` (first and latest
grading per code, gradings in order, where a run of concerns began) instead of
re-reading every prefix. The reference model here re-reads the whole history
every time, in the plainest way, as the trail's semantics are written in
DOMAIN.md section 4 and the module docstring of ``_trends``: an assessment that
did not grade a code is skipped, never taken as a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import Assessment, ChildRef, ObservationWindow, Profile, Rating, score

# The trail is private: that carrying it forward equals re-deciding every prefix is the
# internal law that makes histories linear, checked here directly.
from neglect_protocol._logic._trends import Grading, Trail, graded
from neglect_protocol.chronology import Chronology, DriftFinding, review
from neglect_protocol.escalation import DEFAULT_POLICY, decide
from neglect_protocol.grades import Grade
from neglect_protocol.strategies import concern_histories, policies


def plain_first(grades: Sequence[dict[str, Grade]]) -> dict[str, Grading]:
    """Each code's first grading, found by looking at every profile from the oldest."""
    first: dict[str, Grading] = {}
    for code in {code for by_code in grades for code in by_code}:
        for position, by_code in enumerate(grades):
            if code in by_code:
                first[code] = Grading(position, by_code[code])
                break
    return first


def plain_latest(grades: Sequence[dict[str, Grade]]) -> dict[str, Grading]:
    """Each code's latest grading, found by looking back from the newest profile."""
    latest: dict[str, Grading] = {}
    for code in {code for by_code in grades for code in by_code}:
        for position in range(len(grades) - 1, -1, -1):
            if code in grades[position]:
                latest[code] = Grading(position, grades[position][code])
                break
    return latest


def plain_drift(profiles: Sequence[Profile], period_days: int, grade: Grade) -> DriftFinding:
    """Drift for the latest profile, walking back over the whole history for each concern."""
    grades = [graded(profile) for profile in profiles]
    end = profiles[-1].window.end
    spells: list[tuple[str, int]] = []
    not_graded: list[tuple[str, dt.date]] = []
    for entry in profiles[-1]:
        if entry.grade is None or entry.grade < grade:
            continue
        start = len(profiles) - 1
        gaps: list[int] = []
        pending: list[int] = []
        for position in range(len(profiles) - 2, -1, -1):
            given_grade = grades[position].get(entry.code)
            if given_grade is None:
                pending.append(position)
            elif given_grade < grade:
                break
            else:
                start = position
                gaps += pending
                pending = []
        spells.append((entry.code, start))
        not_graded += [(entry.code, profiles[at].window.end) for at in sorted(gaps)]
    drifted = [
        code for code, start in spells if (end - profiles[start].window.end).days > period_days
    ]
    longest = min((start for _, start in spells), default=None)
    since = None if longest is None else profiles[longest].window.end
    return DriftFinding(
        drifting=bool(drifted),
        codes=tuple(drifted),
        open_concerns=tuple(code for code, _ in spells),
        since=since,
        days=0 if since is None else (end - since).days,
        period_days=period_days,
        grade=grade,
        not_graded=tuple(not_graded),
    )


def scored(history: Sequence[Assessment]) -> tuple[Profile, ...]:
    return tuple(score(assessment) for assessment in history)


class TestTrailAgainstReferenceModel:
    """The trail, grown one profile at a time, says what a plain re-reading says."""

    @given(history=concern_histories(max_size=7), grade=st.integers(2, 5))
    def test_gradings_match_a_plain_reading(
        self, history: tuple[Assessment, ...], grade: int
    ) -> None:
        """After every profile: each code's baseline, latest grading and gradings in order."""
        profiles = scored(history)
        trail = Trail(Grade(grade))
        for count, profile in enumerate(profiles, start=1):
            trail.add(profile, graded(profile))
            grades = [graded(each) for each in profiles[:count]]
            codes = {code for by_code in grades for code in by_code} | {"Z9"}
            assert plain_first(grades) == trail.first
            assert plain_latest(grades) == {
                code: latest for code in codes if (latest := trail.latest(code)) is not None
            }
            assert {
                code: [
                    Grading(at, by_code[code])
                    for at, by_code in enumerate(grades)
                    if code in by_code
                ]
                for code in codes
            } == {code: trail.gradings(code) for code in codes}
            assert [each.window.end for each in profiles[:count]] == trail.ends

    @given(
        history=concern_histories(max_size=7),
        grade=st.integers(2, 5),
        period=st.integers(1, 400),
    )
    def test_drift_matches_a_plain_reading(
        self, history: tuple[Assessment, ...], grade: int, period: int
    ) -> None:
        """Drift for each profile from the trail of those before it, as the plain walk back finds it."""
        profiles = scored(history)
        trail = Trail(Grade(grade))
        for count, profile in enumerate(profiles, start=1):
            assert plain_drift(profiles[:count], period, Grade(grade)) == trail.drift(
                profile, period
            )
            trail.add(profile, graded(profile))

    @given(history=concern_histories(max_size=7), count=st.integers(2, 4))
    def test_last_gradings_match_a_plain_reading(
        self, history: tuple[Assessment, ...], count: int
    ) -> None:
        """The last gradings of a code, the next profile's included, as a plain filter gives them."""
        profiles = scored(history)
        *earlier, latest = profiles
        trail = Trail.of(earlier, Grade(3))
        grades = [graded(each) for each in profiles]
        for code, grade in graded(latest).items():
            every = [
                Grading(at, by_code[code]) for at, by_code in enumerate(grades) if code in by_code
            ]
            assert every[-count:] == trail.last_gradings(code, grade, count)


class TestReviewAgainstReferenceModel:
    """A review carries one trail forward; each decision is the one its prefix gives."""

    @given(history=concern_histories(max_size=6), policy=policies())
    def test_review_decides_each_prefix_alike(
        self, history: tuple[Assessment, ...], policy: object
    ) -> None:
        """Every decision of a review (levels, reasons and their text, in order) is
        ``decide(profile, history=the profiles before it)``, and the review's drift is what
        the plain walk back finds for the latest profile."""
        profiles = scored(history)
        assert isinstance(policy, type(DEFAULT_POLICY))
        reviewed = review(Chronology(profiles), policy=policy)
        expected = [
            decide(profile, policy=policy, history=profiles[:index])
            for index, profile in enumerate(profiles)
        ]
        assert expected == list(reviewed.decisions)
        assert [[str(reason) for reason in each.reasons] for each in expected] == [
            [str(reason) for reason in each.reasons] for each in reviewed.decisions
        ]
        assert (
            plain_drift(profiles, policy.drift_period_days, policy.concern_grade) == reviewed.drift
        )

    def test_a_long_history_is_read_once(self) -> None:
        """A review of a hundred assessments gives the same decisions as deciding each prefix
        (the linear path and the per-prefix path agree on a history long enough for drift,
        persistence and gaps)."""
        child = ChildRef("C-0900", date_of_birth=dt.date(2010, 1, 1))
        profiles = []
        start = dt.date(2015, 1, 5)
        for number in range(100):
            window = ObservationWindow(start, start + dt.timedelta(days=4))
            ratings = tuple(
                Rating(code, 3 + (number * (index + 1)) % 3)
                for index, code in enumerate(("A1", "A4", "B2", "C1", "D1"))
                if (number + index) % 4
            )
            profiles.append(score(Assessment(child, window, ratings)))
            start += dt.timedelta(days=14)
        reviewed = review(Chronology(profiles))
        assert [
            decide(profile, history=profiles[:index]) for index, profile in enumerate(profiles)
        ] == list(reviewed.decisions)
        assert plain_drift(profiles, 182, Grade(3)) == reviewed.drift
        assert reviewed.drift.drifting
        assert reviewed.drift.not_graded
