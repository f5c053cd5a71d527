"""Peer de-identifiers for the benchmark, from the optional extra `pip install -e .[deid-peers]`.

Each factory returns a function text -> de-identified text, or raises ImportError when its package is
missing. philter-lite runs its bundled default filter set (`philter_delta.toml`) with the asterisk
writer; it needs NLTK's `averaged_perceptron_tagger_eng` data, a GitHub download (LookupError without it).
Presidio needs a spaCy pipeline; spaCy's models are GitHub downloads too, so it runs with the pipeline
named by MEDREPRO_PRESIDIO_SPACY (an installed package such as en_core_web_sm, or a path; a blank
`spacy.blank("en")` saved to disk gives Presidio's pattern recognizers without NER) and raises OSError
without one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.resources import files


def philter_system() -> Callable[[str], str]:
    import philter_lite

    config = files("philter_lite") / "configs" / "philter_delta.toml"
    filters = philter_lite.load_filters(str(config))

    def run(text: str) -> str:
        include_map, _exclude_map, _tracker = philter_lite.detect_phi(text, patterns=filters)
        return philter_lite.transform_text_asterisk(text, include_map)

    run("Seen by Dr. Smith on 01/02/2003.")  # fails here, not mid-benchmark, when NLTK data is missing
    return run


def presidio_label() -> str:
    return "presidio[" + os.path.basename(os.environ.get("MEDREPRO_PRESIDIO_SPACY", "").rstrip("/")) + "]"


def presidio_system() -> Callable[[str], str]:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    model = os.environ.get("MEDREPRO_PRESIDIO_SPACY")
    if not model:
        raise OSError("no spaCy model: set MEDREPRO_PRESIDIO_SPACY to an installed spaCy pipeline")
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    anonymizer = AnonymizerEngine()

    def run(text: str) -> str:
        results = analyzer.analyze(text=text, language="en")
        return anonymizer.anonymize(text=text, analyzer_results=results).text

    return run
