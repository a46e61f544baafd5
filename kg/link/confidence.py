"""Calibrated confidence: every assertion's evidence gets the measured precision of its rule
and attribution kind (:mod:`kg.link.calibration`) times the certainty of its arguments; for
an argument reached through a pronoun, the rule's precision with named arguments times the
pronoun's certainty (itself a calibrated probability, so the doubt is not counted twice).

An argument is reached through a name written out (``via`` ``name``), a pronoun or a title
(``reference``: the mention's ``origin``) or a letter's I/you (``voice``); the assertion's
``via`` is the least direct of its arguments' (reference, then voice, then name), its
``certainty`` the product of theirs (``Mention.certainty``, below 1 when the attribution
is unsure).

>>> from kg.model import Evidence, Mention
>>> from kg.link.calibration import Calibration
>>> cal = Calibration("c", 0.5, Estimate(8, 2, 0.75), {"reference": 0.8}, {}, {}, {})
>>> he = Mention("d", "d.txt", 0, 2, "he", "PERSON", 0, origin="reference", name="Ivan Petrov", certainty=0.5)
>>> a = Assertion(he, "born_in", Mention("d", "d.txt", 20, 24, "Kiev", "PLACE", 0, name="Kiev"), "entity",
...               Evidence("d", "d.txt", "He was born in Kiev.", 0, 20, "born_in.verb.v1", 0.8))
>>> attribution(a)
('reference', 0.5)
>>> calibrated([a], cal)[0].evidence.confidence  # 0.75 (prior, as with names) x 0.5 (certainty)
0.375
"""

from __future__ import annotations

import math
from dataclasses import replace

from kg.link.calibration import Calibration, Estimate
from kg.model import Assertion, Mention

__all__ = ["Estimate", "attribution", "calibrated", "evidence_confidence", "shifted"]

ORIGIN_VIA = {"reference": "reference", "voice": "voice"}  # every other origin: a name
VIA_ORDER = ("reference", "voice", "name")  # the least direct wins


def attribution(a: Assertion) -> tuple[str, float]:
    """``(via, certainty)`` of an assertion's arguments."""
    args = [a.subject] + ([a.object] if isinstance(a.object, Mention) else [])
    vias = {ORIGIN_VIA.get(m.origin, "name") for m in args}
    certainty = 1.0
    for m in args:
        certainty *= m.certainty
    return next(v for v in VIA_ORDER if v in vias), round(certainty, 4)


def calibrated(assertions: list[Assertion], calibration: Calibration) -> list[Assertion]:
    """The same assertions, each with its own evidence carrying via, certainty and the
    calibrated confidence (evidence objects shared by assertions are not changed)."""
    for a in assertions:
        via, certainty = attribution(a)
        a.evidence = replace(a.evidence, via=via, certainty=certainty,
                             confidence=evidence_confidence(calibration, a.evidence.rule, a.predicate,
                                                            via, certainty))
    return assertions


def evidence_confidence(calibration: Calibration, rule: str, predicate: str, via: str,
                        certainty: float) -> float:
    """The confidence of one piece of evidence. A pronoun's certainty is already the
    probability that its choice is right: the rule's precision with named arguments times
    that certainty, recalibrated to the gold sets' prose (``reference_shift``, a shift of
    its log-odds fitted by ``python -m kg.evaluate.calibrate``); other kinds: the precision
    of (rule, via) times the certainty."""
    if via == "reference":
        return round(calibration.precision(rule, predicate, "name")
                     * shifted(certainty, calibration.reference_shift), 4)
    return round(calibration.precision(rule, predicate, via) * certainty, 4)


def shifted(certainty: float, shift: float) -> float:
    """``certainty`` with its log-odds moved by ``shift`` (0 and 1 stay where they are)."""
    if certainty <= 0.0 or certainty >= 1.0 or not shift:
        return certainty
    return 1.0 / (1.0 + math.exp(-(math.log(certainty / (1.0 - certainty)) + shift)))
