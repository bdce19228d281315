"""Cohen's kappa: behaviour the mutation run (`make mutation`) showed no test pinned.

Each test here failed on at least one surviving mutant of ``_logic/_kappa.py``.
"""

from __future__ import annotations

import pytest

from neglect_protocol.grades import Grade
from neglect_protocol.stats import KappaWeights, cohen_kappa


class TestTheResultSaysHowItWasWorkedOut:
    @pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
    def test_the_result_names_its_weighting(self, weights: KappaWeights | None) -> None:
        """The result records the weighting asked for, so a reader knows which kappa it is."""
        result = cohen_kappa([1, 2, 3], [1, 3, 3], weights=weights)
        assert weights == result.weights

    def test_the_result_names_its_labels_in_scale_order(self) -> None:
        """The result records the labels the table was built on, in scale order."""
        result = cohen_kappa([4, 2, 2], [2, 2, 4], labels=[4, 2])
        assert (Grade(2), Grade(4)) == result.labels
