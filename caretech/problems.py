"""Mistakes in content files, described for the people who fix them (not programmers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text}\n    How to fix: {self.fix}" if self.fix else text


class ContentError(Exception):
    """Raised with every problem found, so one build reports them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    count = len(problems)
    files = sorted({p.file for p in problems})
    heading = (
        f"Found {count} problem{'s' if count != 1 else ''} "
        f"in {', '.join(files)}."
    )
    return "\n\n".join([heading, *(str(p) for p in problems)])


def build_stopped(problems: list[Problem]) -> str:
    """What a stopped build says: every problem, then that nothing was built and what to do."""
    return format_problems(problems) + "\n\nThe site was not built. Fix the problems above and build again."
