"""The certainty of a pronoun's resolution: a logistic model over what the discourse saw.

The features (:class:`kg.link.reference.Discourse`): how close the runner-up's salience is
(``ratio``) and that of the best person the text does not name (``unnamed_ratio``), whether
the winner's sex is known, whether it is the subject the passage opens with, how often it was named lately, how many sentences back it was last
mentioned, whether the pronoun stands inside a quotation, how many candidates there were,
and whether pronoun and antecedent are both subjects. The weights in
``kg/data/link/reference_model.toml`` are fitted on coreference gold by
``python benchmarks/litbank_refs.py --fit`` (its header records the data and the held-out
figures), so a certainty of 0.8 means about 8 in 10 such pronouns were resolved right.

>>> round(certainty({"ratio": 0.0, "sex_known": 1.0, "back": 1.0, "quoted": 0.0,
...                  "candidates": 1.0, "subject": 1.0, "antecedent_subject": 1.0}), 2) > 0.6
True
"""

from __future__ import annotations

import math
from functools import lru_cache

from kg.data_files import load_toml
from kg.errors import DataFileError

FILE = "link/reference_model.toml"
FEATURES = ("ratio", "sex_known", "back", "quoted", "candidates", "subject", "antecedent_subject",
            "unnamed_ratio", "named", "topic")


@lru_cache(maxsize=1)
def weights() -> tuple[float, dict[str, float]]:
    """(bias, weight per feature), checked: every feature has a number."""
    data = load_toml(FILE)
    try:
        bias = float(data["bias"])
        table = {f: float(data["weights"][f]) for f in FEATURES}
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(FILE, f"missing or malformed weight {exc}") from None
    return bias, table


def certainty(features: dict[str, float]) -> float:
    """The probability that the resolution is right, rounded to two places."""
    bias, table = weights()
    z = bias + sum(table[f] * features.get(f, 0.0) for f in FEATURES)
    return round(1.0 / (1.0 + math.exp(-z)), 2)
