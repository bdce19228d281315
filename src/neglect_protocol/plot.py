"""Plots of profiles and of one child's grades over time (extra ``plot``: matplotlib).

matplotlib is imported when a function is called, never at ``import
neglect_protocol``. Each function returns a :class:`matplotlib.figure.Figure`
made without pyplot: nothing is left in pyplot's global state, and a Jupyter
notebook shows the returned figure as a picture (the figure has a ``_repr_png_``
method, so no ``%matplotlib`` magic or ``plt.show()`` is needed). Save it with
``figure.savefig("profile.png")``. To compose, pass ``ax=`` axes of your own: the
plot is drawn there and the figure holding those axes is returned.
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._plot import GRADE_AXIS_LABEL, plot_history, plot_profile

__all__ = ["GRADE_AXIS_LABEL", "plot_history", "plot_profile"]

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__
