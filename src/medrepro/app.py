"""`medrepro serve`: local Gradio demo of the trained image models; research use only, not a medical device.

It shows what `medrepro predict` computes (the same `Predictor`, so the same preprocessing as evaluation):
calibrated class probabilities, the decision for the recorded positive class (threshold.json; melanoma by
default) at the validation-chosen operating threshold with
its test sensitivity/specificity, a Grad-CAM overlay and a model card built from the DVC metrics.
The upload component hands the uploaded file through untouched (Gradio's own image preprocessing would
re-encode it), and every file is decoded by the project's checked decoder; a bad file becomes a
`gr.Error` naming it, and the server goes on serving.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from threading import Lock
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from a clinic or CI machine

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from medrepro.device import describe as describe_device  # noqa: E402
from medrepro.device import pick_device  # noqa: E402
from medrepro.errors import InputError, MedreproError  # noqa: E402

try:
    import gradio as gr
except ImportError as exc:  # the app's stack is optional: requirements-app.txt
    raise MedreproError("gradio is not installed; install the app stack with `.venv/bin/pip install "
                        "--no-deps -r requirements-app.txt` (see docs/app.md)") from exc

from medrepro.predict import (  # noqa: E402
    DEFAULT_MAX_FILE_MB,
    ModelStore,
    Predictor,
)

LOCALHOST = {"127.0.0.1", "localhost", "::1"}
EXAMPLES_PER_CLASS = 2
DISCLAIMER = ("**Research use only — not a medical device.** This demo reproduces a thesis experiment. "
              "It must not be used to diagnose, screen, triage or treat anyone, and its output is not "
              "medical advice.")
SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "sans-serif"]  # no web fonts: the page works offline


def pass_upload_through(component: gr.Image) -> gr.Image:
    """Make an image input hand its uploaded file's path on unchanged.

    With type="filepath" gr.Image opens the file with PIL before our code runs (an undecodable upload then
    fails with PIL's message) and with a colour mode it re-encodes it; this keeps the original bytes, so the
    project decoder sees exactly what `medrepro predict` would. It overrides the one instance's method:
    a gr.Image subclass would make Gradio write a .pyi stub next to this module at import time.
    """
    original = component.preprocess

    def preprocess(payload: Any) -> str | None:
        if payload is not None and getattr(payload, "path", None):
            return str(payload.path)
        return original(payload)

    component.preprocess = preprocess
    return component


class Models:
    """Trained predictors, loaded once per architecture on first use."""

    def __init__(self, store: ModelStore, device: str) -> None:
        self.store = store
        self.device = str(pick_device(device))  # resolved once: every architecture runs on the same device
        self.available = store.trained()
        if not self.available:
            store.default()  # raises the "no trained model" error
        self._loaded: dict[str, Predictor] = {}
        self._lock = Lock()

    def get(self, arch: str) -> Predictor:
        if arch not in self.available:
            raise InputError(f"architecture {arch!r} is not trained here; choose one of {self.available}")
        with self._lock:
            if arch not in self._loaded:
                self._loaded[arch] = Predictor.load(self.store, arch, self.device)
            return self._loaded[arch]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _ci(m: dict[str, Any], key: str) -> str:
    value, low, high = m.get(key), m.get(f"{key}_ci_low"), m.get(f"{key}_ci_high")
    if not isinstance(value, (int, float)):
        return "n/a"
    has_ci = isinstance(low, (int, float)) and isinstance(high, (int, float))
    ci = f" [{low:.3f}–{high:.3f}]" if has_ci else ""
    return f"{value:.3f}{ci}"


def _dataset_line(store: ModelStore) -> str:
    data = _read_json(store.data_json) if store.data_json else {}
    params = store.params_yaml
    source = ""
    if params is not None and params.is_file():
        import yaml

        try:
            source = str(((yaml.safe_load(params.read_text(encoding="utf-8")) or {}).get("data") or {})
                         .get("ham10000", ""))
        except yaml.YAMLError:
            source = ""
    line = f"HAM10000-format dermoscopy images ({source})" if source else "HAM10000-format dermoscopy images"
    if "sample" in source:
        line += (" — **the bundled synthetic sample, not real lesions: the numbers below say nothing about "
                 "clinical performance**")
    if data:
        split = ", ".join(f"{s} {data[s]['images']}" for s in ("train", "val", "test")
                          if isinstance(data.get(s), dict) and "images" in data[s])
        line += (f". {data.get('images')} images of {data.get('lesions')} lesions, split by lesion "
                 f"(no lesion in two splits): {split}.")
    return line


def model_card(predictor: Predictor, store: ModelStore) -> str:
    """Markdown: the model, its data, test metrics with CIs, calibration, intended use and limits."""
    arch, loaded, op = predictor.arch, predictor.loaded, predictor.operating
    positive = op.positive_class
    files = predictor.files
    meta = _read_json(files.model_json)
    comparison = (_read_json(store.comparison_json) if store.comparison_json else {}).get(arch, {})
    calibration = _read_json(files.calibration_json) if files.calibration_json else {}
    threshold = _read_json(files.threshold_json)
    n_params = meta.get("num_parameters")
    size = f", {n_params:,} parameters" if isinstance(n_params, int) else ""
    rows = [("accuracy", _ci(comparison, "accuracy")),
            ("balanced accuracy", _ci(comparison, "balanced_accuracy")),
            ("macro F1", _ci(comparison, "macro_f1")),
            (f"ROC AUC, {positive} vs rest", _ci(threshold, f"auc_{positive}")),
            (f"{positive} sensitivity at the operating threshold",
             f"{op.sensitivity:.3f} [{op.sensitivity_ci_low:.3f}–{op.sensitivity_ci_high:.3f}]"),
            (f"{positive} specificity at the operating threshold",
             f"{op.specificity:.3f} [{op.specificity_ci_low:.3f}–{op.specificity_ci_high:.3f}]")]
    if isinstance(calibration.get("ece_before"), (int, float)) and isinstance(calibration.get("ece_after"),
                                                                               (int, float)):
        rows.append(("expected calibration error (before → after temperature)",
                     f"{calibration['ece_before']:.3f} → {calibration['ece_after']:.3f}"))
    table = "\n".join(["| test metric | value [bootstrap CI] |", "| --- | --- |",
                       *(f"| {k} | {v} |" for k, v in rows)])
    n_test = f" (n = {op.n_test}, {op.n_test_positive} {positive})" if op.n_test is not None else ""
    return f"""### Model card: {arch}

{DISCLAIMER}

**Model.** timm `{meta.get('timm_name', arch)}`{size}; classes {', '.join(loaded.classes)}
(HAM10000 diagnosis labels). Input {loaded.image_size} px; an uploaded image is decoded to
{predictor.cache_size} px exactly like the training cache, then resized and normalised as in evaluation.
Probabilities are temperature-scaled (T = {predictor.temperature:.3g}, fitted on validation).

**Data.** {_dataset_line(store)}

**Test metrics**{n_test}. Held-out test split, never used for training, model selection, calibration or the
threshold.

{table}

**{positive} decision.** {positive} is flagged when p({positive}) ≥ {op.threshold:.4g}, the
threshold chosen on validation for specificity ≥ {op.target_specificity:g}.

**Intended use.** Reproducing and inspecting the thesis results: how the architectures compare, how confident
and how well calibrated they are, and where Grad-CAM says the evidence lies.

**Limitations.** Trained and evaluated on one data set of dermoscopic images; not validated on other cameras,
clinics, skin types or populations. Small test sets give wide confidence intervals. Grad-CAM shows where the
gradient of the predicted class is large, not why the model is right. Not a medical device.
"""


def sample_gallery(samples_dir: Path, per_class: int = EXAMPLES_PER_CLASS) -> list[tuple[str, str]]:
    """(path, "dx: image_id") for the first `per_class` sample images of each class, in class order."""
    from medrepro.data.ham10000 import CLASSES, load_metadata, locate_images

    try:
        meta = load_metadata(samples_dir)
        paths = locate_images(samples_dir, meta["image_id"].tolist())
    except MedreproError:
        return []
    meta = pd.DataFrame({"dx": meta["dx"], "image_id": meta["image_id"], "path": [str(p) for p in paths]})
    chosen = meta.sort_values("image_id").groupby("dx", sort=False).head(per_class)
    chosen = chosen.assign(order=chosen["dx"].map(CLASSES.index)).sort_values(["order", "image_id"])
    return [(p, f"{dx}: {i}")
            for p, dx, i in zip(chosen["path"], chosen["dx"], chosen["image_id"], strict=True)]


def _refusal(exc: MedreproError, path: str) -> gr.Error:
    """The one-line error, naming the uploaded file by its own name rather than Gradio's temp path."""
    name = Path(path).name
    return gr.Error(f"Image refused — {str(exc).replace(str(path), name)}", print_exception=False)


def build_app(store: ModelStore, samples_dir: str | os.PathLike = "data/sample/ham10000", device: str = "auto",
              max_file_mb: float = DEFAULT_MAX_FILE_MB) -> gr.Blocks:
    """The Blocks app; endpoints /predict (image, arch) and /model_card (arch) are its HTTP API."""
    models = Models(store, device)
    default = store.default()
    max_bytes = int(max_file_mb * 1e6)

    def predict(image: str | None, arch: str) -> tuple[dict[str, float], str, np.ndarray, dict[str, Any]]:
        """Classify one dermoscopy image: calibrated probabilities, positive-class decision, Grad-CAM overlay."""
        if not image:
            raise gr.Error("No image: upload a dermoscopy image or pick one of the examples.",
                           print_exception=False)
        try:
            predictor = models.get(arch)
            decoded = predictor.read(image, max_bytes)
        except MedreproError as exc:
            raise _refusal(exc, image) from None
        result = predictor.predict(decoded[None], [Path(image).name])[0]
        cam = predictor.cam_overlays(decoded[None], [predictor.classes.index(result.top_class)])[0]
        op = predictor.operating
        positive = op.positive_class
        verdict = (f"**POSITIVE** — {positive} flagged" if result.positive
                   else f"**negative** — not flagged as {positive}")
        relation = "≥" if result.positive else "<"
        decision = (
            f"### {positive} at the operating threshold: {verdict}\n"
            f"p({positive}) = {result.positive_probability:.4f} {relation} threshold "
            f"{op.threshold:.4g} (chosen on validation for specificity ≥ {op.target_specificity:g}).\n\n"
            f"On the test split this threshold had sensitivity {op.sensitivity:.3f} "
            f"[CI {op.sensitivity_ci_low:.3f}–{op.sensitivity_ci_high:.3f}] and specificity "
            f"{op.specificity:.3f} [CI {op.specificity_ci_low:.3f}–{op.specificity_ci_high:.3f}].\n\n"
            f"Most probable class: **{result.top_class}** ({result.top_probability:.3f}); the Grad-CAM "
            f"overlay explains that class. *Research use only — not a medical device.*")
        details = {"arch": arch, "temperature": predictor.temperature, "threshold": op.threshold,
                   "positive_class": positive, **result.as_dict()}
        details.pop("cam")
        return result.probabilities, decision, cam, details

    def card(arch: str) -> str:
        """The model card (markdown) of one trained architecture."""
        try:
            return model_card(models.get(arch), store)
        except MedreproError as exc:
            raise gr.Error(str(exc), print_exception=False) from None

    samples = sample_gallery(Path(samples_dir))

    def pick(evt: gr.SelectData) -> str:
        return samples[evt.index][0]
    with gr.Blocks(title="medrepro — skin lesion classifier (research use only)") as demo:
        gr.Markdown(f"# medrepro: skin-lesion classifier demo\n{DISCLAIMER}")
        with gr.Row():
            with gr.Column(scale=1):
                image = pass_upload_through(gr.Image(label="Dermoscopy image (JPEG/PNG)", type="filepath",
                                                     image_mode=None, sources=["upload", "clipboard"],
                                                     elem_id="input-image"))
                arch = gr.Dropdown(models.available, value=default, elem_id="arch",
                                   label="Architecture (trained models only)")
                button = gr.Button("Classify", variant="primary", elem_id="classify")
                gallery = gr.Gallery(samples, label="Bundled sample images (diagnosis: image id) — click one",
                                     columns=EXAMPLES_PER_CLASS * 2, height="auto", allow_preview=False,
                                     interactive=False, visible=bool(samples), elem_id="samples")
            with gr.Column(scale=1):
                probabilities = gr.Label(num_top_classes=7, label="Calibrated class probabilities",
                                         elem_id="probabilities")
                decision = gr.Markdown(label="Decision at the operating threshold", elem_id="decision")
                cam = gr.Image(label="Grad-CAM overlay (most probable class)", format="png",
                               interactive=False, elem_id="cam")
        with gr.Accordion("Details (JSON)", open=False):
            details = gr.JSON(label="Details", elem_id="details")
        model_card_md = gr.Markdown(card(default), label="Model card", elem_id="model-card")
        outputs = [probabilities, decision, cam, details]
        # both ways of classifying share one slot: one model call at a time (the decoder's warning filter
        # and Grad-CAM's hooks are process-wide), the rest wait in the queue
        button.click(predict, [image, arch], outputs, api_name="predict", concurrency_id="model")
        gallery.select(pick, None, image, api_visibility="private").then(
            predict, [image, arch], outputs, api_visibility="private", concurrency_id="model")
        arch.change(card, [arch], [model_card_md], api_name="model_card")
    demo.queue(default_concurrency_limit=1, max_size=100)
    return demo


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, *, block: bool = True,
           max_file_mb: float = DEFAULT_MAX_FILE_MB, quiet: bool = False,
           samples_dir: str | os.PathLike | None = None) -> gr.Blocks:
    """Start serving; with block=False return once the server is up (tests). Only the sample folder and
    Gradio's own upload cache are served as files."""
    demo.launch(server_name=host, server_port=port, prevent_thread_lock=not block, share=False,
                allowed_paths=[str(Path(samples_dir).resolve())] if samples_dir else None,
                max_file_size=int(max_file_mb * 1e6), show_error=False, ssr_mode=False, quiet=quiet,
                footer_links=["api"], theme=gr.themes.Default(font=SYSTEM_FONTS, font_mono=["monospace"]))
    return demo


def serve(store: ModelStore, host: str = "127.0.0.1", port: int = 7860, samples_dir: str = "data/sample/ham10000",
          device: str = "auto", max_file_mb: float = DEFAULT_MAX_FILE_MB) -> None:
    """The `medrepro serve` command."""
    print(f"medrepro serve: models run on {describe_device(pick_device(device))}", flush=True)
    if host not in LOCALHOST:
        print(f"warning: serving on {host}: anyone who can reach this address can use the demo; it is a "
              "research tool, not a medical device")
    demo = build_app(store, samples_dir, device, max_file_mb)
    try:
        launch(demo, host, port, block=True, max_file_mb=max_file_mb, samples_dir=samples_dir)
    except OSError as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise InputError(f"cannot serve on {host}:{port} ({first}); choose another --port") from exc
