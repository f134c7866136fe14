"""Plotly figure builders: frames in, ``go.Figure`` out, never ``.show()``.

One module per topic (``talent``, ``training``, ``venues``); shared look in ``common``.
"""
