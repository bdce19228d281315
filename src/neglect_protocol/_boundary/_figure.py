"""A matplotlib figure that a notebook shows as a picture, with no pyplot state.

Imported only by the plotting functions, so ``import neglect_protocol`` never
imports matplotlib.

Why a subclass: IPython shows an object as a picture when the object has a
``_repr_png_`` method, or when a PNG printer is registered for its type. A plain
:class:`matplotlib.figure.Figure` has neither until pyplot loads the notebook's
inline backend (that backend registers the printer), so a figure made without
pyplot shows as its text ``<Figure size 800x650 with 1 Axes>``. Rendering through
:meth:`~matplotlib.figure.Figure.savefig` needs no backend: matplotlib picks its
Agg canvas for PNG by itself.
"""

from __future__ import annotations

from io import BytesIO

from matplotlib.figure import Figure


class NotebookFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` that Jupyter shows as a PNG picture."""

    def _repr_png_(self) -> bytes:
        """The figure as PNG bytes, trimmed to what is drawn (legends outside included)."""
        buffer = BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
