"""Tokenizer trained offline on the training split, the small BERT, LoRA wrapping and parameter counts."""

import re

import pytest
import torch

from medrepro.models import text as text_models

pytestmark = pytest.mark.usefixtures("one_torch_thread")

TRAIN_TEXTS = [
    "The patient reports chest pain and a loud heart murmur.",
    "Knee fracture repaired; the tendon was intact after surgery.",
    "Chest film shows a small lesion in the left lung.",
    "Heart rate normal, murmur heard at the apex, plan echocardiogram.",
] * 5
HELD_OUT_TEXTS = ["Quokka jazz quiz with zebu", "Hippopotamus gazette"]  # q, z, j never occur in training
CLASSES = ["Cardiology", "Orthopedic", "Radiology"]


def _train_words() -> set[str]:
    return {w for t in TRAIN_TEXTS for w in re.findall(r"\w+|[^\w\s]", t.lower())}


def test_tokenizer_vocabulary_comes_from_the_training_split_only():
    tok = text_models.train_wordpiece_tokenizer(TRAIN_TEXTS, vocab_size=200, min_frequency=1)
    words = _train_words()
    vocab = set(tok.get_vocab())
    assert set(text_models.SPECIAL_TOKENS) <= vocab
    for token in vocab - set(text_models.SPECIAL_TOKENS):
        piece = token.removeprefix("##")
        assert any(piece in w for w in words), f"{token!r} is not part of any training word"
    assert {"murmur", "fracture", "heart"} <= vocab  # frequent training words become whole tokens
    assert not any(c in "".join(vocab - set(text_models.SPECIAL_TOKENS)) for c in "qzj")
    held_out = tok(HELD_OUT_TEXTS[0])["input_ids"]
    assert tok.unk_token_id in held_out
    for word in re.findall(r"\w+", " ".join(HELD_OUT_TEXTS).lower()):
        assert word not in vocab


def test_tokenizer_is_reproducible_and_bert_shaped(tmp_path):
    first = text_models.train_wordpiece_tokenizer(TRAIN_TEXTS, vocab_size=200, min_frequency=1, max_length=16)
    second = text_models.train_wordpiece_tokenizer(
        TRAIN_TEXTS, vocab_size=200, min_frequency=1, max_length=16
    )
    # the raw trainer numbers the alphabet in hash order; the renumbered vocabulary must not depend on it
    assert first.get_vocab() == second.get_vocab()
    assert text_models.vocab_fingerprint(first) == text_models.vocab_fingerprint(second)
    assert [first.convert_ids_to_tokens(i) for i in range(5)] == list(text_models.SPECIAL_TOKENS)
    assert first.pad_token_id == 0
    ids = first("Heart MURMUR. Zebu!")["input_ids"]
    assert first.convert_ids_to_tokens(ids) == ["[CLS]", "heart", "murmur", ".", "[UNK]", "[UNK]", "[SEP]"]
    long_ids = first(" ".join(["heart"] * 50), truncation=True, max_length=16)["input_ids"]
    assert len(long_ids) == 16 and long_ids[-1] == first.sep_token_id

    first.save_pretrained(tmp_path)
    from transformers import AutoTokenizer

    again = AutoTokenizer.from_pretrained(tmp_path)
    for text in TRAIN_TEXTS[:4] + HELD_OUT_TEXTS:
        assert again(text)["input_ids"] == first(text)["input_ids"]


def _small_model(vocab_size=100, hidden=32, layers=2):
    torch.manual_seed(0)
    return text_models.build_small_bert(
        vocab_size,
        CLASSES,
        hidden_size=hidden,
        num_layers=layers,
        num_heads=2,
        intermediate_size=64,
        max_length=32,
    )


def test_small_bert_shapes_and_label_names():
    model = _small_model()
    assert model.config.num_labels == 3 and model.config.id2label == {
        0: "Cardiology",
        1: "Orthopedic",
        2: "Radiology",
    }
    ids = torch.randint(5, 100, (4, 10))
    assert model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits.shape == (4, 3)
    counts = text_models.parameter_counts(model)
    assert (
        counts["trainable_parameters"]
        == counts["total_parameters"]
        == sum(p.numel() for p in model.parameters())
    )
    assert counts["trainable_share"] == 1.0


def test_lora_trains_only_adapters_and_classifier():
    hidden, layers, r, k = 32, 2, 4, len(CLASSES)
    base = _small_model(hidden=hidden, layers=layers)
    full = text_models.parameter_counts(base)
    model = text_models.apply_lora(base, r=r, alpha=8, dropout=0.0, target_modules=["query", "value"])
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert trainable and all(
        ".lora_A." in n or ".lora_B." in n or "classifier.modules_to_save." in n or "pooler.modules_to_save." in n
        for n in trainable
    ), trainable
    assert any("classifier.modules_to_save" in n for n in trainable)
    assert any("pooler.modules_to_save" in n for n in trainable), "a masked-LM encoder brings no pooler"
    counts = text_models.parameter_counts(model)
    adapters = layers * 2 * r * (hidden + hidden)  # A: r x in, B: out x r, for query and value per layer
    head = hidden * k + k + hidden * hidden + hidden  # classifier and pooler
    assert counts["trainable_parameters"] == adapters + head
    # peft keeps the frozen original head and pooler next to their trainable copies
    assert counts["total_parameters"] == full["total_parameters"] + adapters + head
    assert counts["trainable_parameters"] * 10 < full["trainable_parameters"]
    assert counts["trainable_share"] < 0.1
    reference_trainable, reference_total = model.get_nb_trainable_parameters()
    assert (counts["trainable_parameters"], counts["total_parameters"]) == (
        reference_trainable,
        reference_total,
    )


def test_lora_starts_as_the_base_model():
    """LoRA's B matrices start at zero, so before training the adapted model computes the base function."""
    base = _small_model().eval()
    ids = torch.randint(5, 100, (3, 12))
    mask = torch.ones_like(ids)
    mask[0, 8:] = 0
    with torch.no_grad():
        expected = base(input_ids=ids, attention_mask=mask).logits.clone()
        adapted = text_models.apply_lora(
            base, r=4, alpha=8, dropout=0.0, target_modules=["query", "value"]
        ).eval()
        assert torch.allclose(adapted(input_ids=ids, attention_mask=mask).logits, expected, atol=1e-6)


def test_reload_of_a_missing_model_names_the_file(tmp_path):
    from medrepro.errors import InputError

    with pytest.raises(InputError, match="meta.json"):
        text_models.load_text_classifier(tmp_path / "nothing")
