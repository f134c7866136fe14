"""Helpers shared by the notebook tests."""

from __future__ import annotations

import json


def outputs_text(nb) -> str:
    """Every output of an executed notebook as one text; a cell error fails the test."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise AssertionError(f"{out['ename']}: {out['evalue']}")
            parts.append(json.dumps(out.get("data", {}), ensure_ascii=False))
            parts.append(out.get("text", ""))
    return "\n".join(parts)
