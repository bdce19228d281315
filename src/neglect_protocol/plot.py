"""Plots of profiles and of one child's grades over time (extra ``plot``: matplotlib).

matplotlib is imported when a function is called, never at ``import
neglect_protocol``. Each function returns the matplotlib axes it drew on.
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._plot import GRADE_AXIS_LABEL, plot_history, plot_profile

__all__ = ["GRADE_AXIS_LABEL", "plot_history", "plot_profile"]

publish(__name__, plot_history, plot_profile)


def __dir__() -> list[str]:
    return __all__
