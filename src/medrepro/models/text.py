"""Text models for clinical notes: the masked-LM encoder of pretrain_notes, its classifiers, optional LoRA.

The offline default needs no downloads: a WordPiece tokenizer is learnt from the (already
de-identified) training notes only and a small `BertForMaskedLM` is pretrained from random weights.
On a connected GPU box, `model_name` (e.g. ``emilyalsentzer/Bio_ClinicalBERT``) gives the pretrained
tokenizer and encoder that pretraining continues from instead; nothing else changes. Both fine-tuning
methods start from the saved encoder directory.
"""

from __future__ import annotations

import hashlib
import json
import string
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from torch import nn

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def train_wordpiece_tokenizer(
    texts: Iterable[str], vocab_size: int, *, min_frequency: int = 2, max_length: int = 512
):
    """Learn a lower-casing BERT-style WordPiece vocabulary from `texts` and wrap it for transformers.

    Left alone, the `tokenizers` trainer gives the same texts different vocabularies from run to run
    (hash-ordered ids decide ties between equally frequent merges). Continuation pieces are therefore
    reserved in sorted order before training and the result is renumbered (special tokens first, then
    the rest sorted), so the tokenizer, and every model trained on its ids, is reproducible.
    """
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    def fresh(vocab: dict[str, int] | None = None) -> Tokenizer:
        tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]", continuing_subword_prefix="##"))
        tok.normalizer = normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
        )
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok.decoder = decoders.WordPiece(prefix="##")
        return tok

    texts = [t for t in texts if isinstance(t, str)]
    learner = fresh()
    # Merges with equal counts are taken in order of token id, and the trainer numbers the '##c'
    # continuation pieces in hash order; reserving them up front, sorted, makes the merges reproducible.
    reserved = [*SPECIAL_TOKENS, *(f"##{c}" for c in _word_characters(texts, learner.normalizer))]
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size,
        min_frequency=min_frequency,
        special_tokens=reserved,
        continuing_subword_prefix="##",
        show_progress=False,
    )
    learner.train_from_iterator(texts, trainer=trainer)
    learnt = [t for t in learner.get_vocab() if t not in SPECIAL_TOKENS]
    tok = fresh({t: i for i, t in enumerate([*SPECIAL_TOKENS, *sorted(learnt)])})
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=max_length,
    )


def _word_characters(texts: list[str], normalizer) -> list[str]:
    """Sorted characters that can continue a word after BERT normalisation: neither space nor punctuation
    (the pre-tokenizer makes every punctuation character a word of its own). Normalisation is per character,
    so normalising the distinct characters gives the corpus's normalised alphabet."""
    alphabet = {c for raw in set().union(*map(set, texts)) for c in normalizer.normalize_str(raw)}
    return sorted(
        c
        for c in alphabet
        if not c.isspace() and c not in string.punctuation and not unicodedata.category(c).startswith("P")
    )


def vocab_fingerprint(tokenizer) -> str:
    """Hash of the token-to-id map: a checkpoint is only valid for the ids it was trained on."""
    return hashlib.sha256(json.dumps(tokenizer.get_vocab(), sort_keys=True).encode()).hexdigest()


def label_maps(classes: Sequence[str]) -> tuple[dict[int, str], dict[str, int]]:
    return {i: c for i, c in enumerate(classes)}, {c: i for i, c in enumerate(classes)}


def small_bert_config(
    vocab_size: int,
    *,
    hidden_size: int = 64,
    num_layers: int = 2,
    num_heads: int = 2,
    intermediate_size: int = 128,
    max_length: int = 128,
    dropout: float = 0.1,
    pad_token_id: int = 0,
    **extra,
):
    """The `BertConfig` of the small offline BERT; `extra` adds head settings (labels)."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        intermediate_size=intermediate_size,
        max_position_embeddings=max_length,
        hidden_dropout_prob=dropout,
        attention_probs_dropout_prob=dropout,
        type_vocab_size=1,
        pad_token_id=pad_token_id,
        **extra,
    )


def build_small_bert(vocab_size: int, classes: Sequence[str], **sizes) -> nn.Module:
    """A randomly initialised `BertForSequenceClassification` sized by `sizes` (seed torch first)."""
    from transformers import BertForSequenceClassification

    id2label, label2id = label_maps(classes)
    return BertForSequenceClassification(small_bert_config(vocab_size, num_labels=len(classes), id2label=id2label,
                                                           label2id=label2id, **sizes))


def build_small_bert_mlm(vocab_size: int, **sizes) -> nn.Module:
    """A randomly initialised `BertForMaskedLM` (seed torch first): the encoder pretrain_notes learns offline."""
    from transformers import BertForMaskedLM

    return BertForMaskedLM(small_bert_config(vocab_size, **sizes))


def load_hub_mlm(model_name: str):
    """Pretrained tokenizer and masked-LM model to continue pretraining from (downloads unless cached)."""
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    from medrepro.models.weights import resolve_hub_model

    model_name = resolve_hub_model(model_name, "notes_train.model_name")  # offline: one line, not 46 s of retries
    return AutoTokenizer.from_pretrained(model_name), AutoModelForMaskedLM.from_pretrained(model_name)


def hub_revision(model) -> str:
    """The commit of the hub snapshot a model was loaded from ('' when unknown, e.g. built from a config)."""
    return str(getattr(model.config, "_commit_hash", None) or "")


WEIGHTS = "model.safetensors"


def weights_sha256(model_dir: str | Path) -> str:
    """Content hash of a saved encoder's weights: how adapters and checkpoints name their frozen base."""
    from medrepro.errors import InputError

    path = Path(model_dir) / WEIGHTS
    if not path.is_file():
        raise InputError(f"{path}: encoder weights not found; run the pretrain_notes stage first")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_encoder_classifier(encoder_dir: str | Path, classes: Sequence[str], dropout: float | None = None):
    """Tokenizer and a sequence classifier whose encoder comes from a pretrain_notes directory; the pooler and
    classification head are new (seed torch first). `dropout` overrides the encoder's dropout rates."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    id2label, label2id = label_maps(classes)
    extra = {} if dropout is None else {"hidden_dropout_prob": dropout, "attention_probs_dropout_prob": dropout}
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the dropped MLM head and the new classifier are expected, not news
    try:
        model = AutoModelForSequenceClassification.from_pretrained(
            encoder_dir, num_labels=len(classes), id2label=id2label, label2id=label2id, **extra
        )
    finally:
        hf_logging.set_verbosity(verbosity)
    return tokenizer, model


def apply_lora(
    model: nn.Module, r: int, alpha: int, dropout: float, target_modules: Sequence[str]
) -> nn.Module:
    """Freeze `model` and add LoRA adapters; peft's SEQ_CLS task keeps the classifier head trainable, and so
    is BERT's pooler: a pretrained masked-LM encoder has none, so it starts new with the head and is saved
    with the adapter (the frozen base holds only what the encoder directory holds)."""
    from peft import LoraConfig, TaskType, get_peft_model

    config = LoraConfig(
        task_type=TaskType.SEQ_CLS,
        r=r,
        lora_alpha=alpha,
        lora_dropout=dropout,
        target_modules=list(target_modules),
        modules_to_save=["pooler"] if getattr(getattr(model, "bert", None), "pooler", None) is not None else None,
    )
    return get_peft_model(model, config)


def parameter_counts(model: nn.Module) -> dict[str, float]:
    """trainable_parameters, total_parameters and trainable_share (shared tensors counted once)."""
    seen: set[int] = set()
    trainable = total = 0
    for p in model.parameters():
        if id(p) in seen:
            continue
        seen.add(id(p))
        total += p.numel()
        trainable += p.numel() if p.requires_grad else 0
    return {
        "trainable_parameters": trainable,
        "total_parameters": total,
        "trainable_share": trainable / total if total else float("nan"),
    }


def load_text_classifier(model_dir: str | Path):
    """Reload a saved notes model: (model in eval mode, tokenizer, meta) for either method.

    Full fine-tuning directories hold the whole model. LoRA directories hold the adapter only; meta.json
    names the frozen base (the pretrain_notes encoder, by path relative to the model directory and the
    sha256 of its weights), which must still be the one the adapter was trained on.
    """
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from medrepro.errors import InputError

    model_dir = Path(model_dir)
    meta_file = model_dir / "meta.json"
    if not meta_file.is_file():
        raise InputError(f"{meta_file}: not found; train the model first (dvc repro train_notes)")
    meta = json.loads(meta_file.read_text())
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if meta["method"] == "full":
        model = AutoModelForSequenceClassification.from_pretrained(model_dir)
    else:
        from peft import PeftModel

        base = meta["base"]
        base_dir = (model_dir / base["path"]).resolve()
        found = weights_sha256(base_dir)
        if found != base["sha256"]:
            raise InputError(
                f"{base_dir / WEIGHTS}: sha256 {found[:12]} is not the base this adapter was trained on "
                f"({base['sha256'][:12]}); re-run train_notes@lora (dvc repro train_notes)"
            )
        _, base_model = load_encoder_classifier(base_dir, meta["classes"])
        model = PeftModel.from_pretrained(base_model, model_dir)
    model.eval()
    return model, tokenizer, meta
