"""Demo steps each app contributes to ``ttdn demo``, run in order after the organisation.

Apps register a step in their ``AppConfig.ready``; core never imports an app. A step takes no
argument, is idempotent (running the demo twice changes nothing) and returns lines to print.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[], list[str]]
    order: int = 100


_steps: dict[str, DemoStep] = {}


def register(step: DemoStep) -> None:
    _steps[step.name] = step


def run_steps() -> list[str]:
    lines = []
    for step in sorted(_steps.values(), key=lambda s: s.order):
        lines.extend(step.run())
    return lines
