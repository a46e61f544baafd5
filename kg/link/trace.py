"""An optional trace of the link step: which rule was tried on which trigger token, what
stopped it, which arguments it found and what it made. The :class:`~kg.link.Linker` fills
one when given (``Linker(rules, trace=Trace())``); ``kg rules explain`` reads it, so what
explain says is what the build does. Without a trace the linker records nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token


@dataclass(slots=True)
class Attempt:
    """One rule applied to one trigger token."""

    rule: Any  # kg.link.rules.Rule
    trigger: Token | None
    stopped: str | None = None  # why the rule stopped before looking for arguments
    subjects: list | None = None  # None: not looked for
    objects: list | None = None
    made: list = field(default_factory=list)  # assertions, before guards and fallbacks


class Trace:
    """Collects :class:`Attempt` s in the order the linker makes them, and the discourse of
    the last document linked (who each pronoun was taken to mean, and why)."""

    def __init__(self) -> None:
        self.attempts: list[Attempt] = []
        self.discourse: Any = None  # kg.link.reference.Discourse

    def start(self, rule: Any, trigger: Token) -> Attempt:
        """A new attempt of ``rule`` on ``trigger``."""
        attempt = Attempt(rule, trigger)
        self.attempts.append(attempt)
        return attempt


class NoTrace(Trace):
    """The default: records nothing (one scratch attempt is reused)."""

    def __init__(self) -> None:
        super().__init__()
        self._scratch = Attempt(None, None)

    def start(self, rule: Any, trigger: Token) -> Attempt:
        """The scratch attempt, emptied."""
        self._scratch.stopped = self._scratch.subjects = self._scratch.objects = None
        self._scratch.made = []
        return self._scratch
