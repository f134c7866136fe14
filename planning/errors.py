"""The one error hierarchy users meet.

Every error a user can cause (bad data, a bad scenario, a bad command line) is a
:class:`PlanningError`. Each carries a list of :class:`Problem` records so that a
loader can report *every* problem at once instead of stopping at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem found in user input.

    Parameters
    ----------
    where : str
        Location as a user counts it, e.g. ``"villages.csv:14"`` or ``"baseline.yaml:7"``.
    what : str
        What is wrong: column or key, what was found and what is allowed.
    key : str, optional
        Dotted scenario key the problem is about (``"talent.attrition_rate.returnee"``), so
        that a form can show the message beside its control; None for data problems and for
        problems about a whole file.
    """

    where: str
    what: str
    key: str | None = field(default=None, kw_only=True)

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


class PlanningError(Exception):
    """Base class of every error caused by user input.

    Parameters
    ----------
    message : str
        Headline, e.g. ``"data/example_city has 3 problems"``.
    problems : list of Problem, optional
        Every individual problem found.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        self.headline = message
        super().__init__(self._render())

    def _render(self) -> str:
        if not self.problems:
            return self.headline
        lines = [self.headline] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class DataError(PlanningError):
    """The baseline data (CSV folder or Excel workbook) is missing or malformed."""


class ScenarioError(PlanningError):
    """A scenario file, override or parameter is unknown or out of range."""


class UsageError(PlanningError):
    """The command line or an API call was used wrongly."""


class OutputError(PlanningError):
    """An output cannot be written: a read-only or full disk, a file in the way, a folder
    planning did not write, or a name that would leave the output folder.

    Rendered on one line (``headline; where: what``): it ends a command, alone.
    """

    def _render(self) -> str:
        return self.headline + "".join(f"; {p}" for p in self.problems)
