"""A small byte-level BPE tokenizer for program text and grids, built offline with `tokenizers`.

Used by the project's own proposer model and by grammar-constraint tests; it needs no model hub.
"""
from __future__ import annotations

from typing import Iterable

SPECIAL = ["<pad>", "<eos>", "<bos>"]


def build_tokenizer(texts: Iterable[str], vocab_size: int = 512):  # type: ignore[no-untyped-def]
    """Train a byte-level BPE tokenizer on texts; return a transformers PreTrainedTokenizerFast."""
    from tokenizers import (  # heavy: only the proposer's tokenizer needs it
        Tokenizer,
        decoders,
        models,
        pre_tokenizers,
        trainers,
    )
    from transformers import PreTrainedTokenizerFast  # heavy: loaded only when a model is used
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(list(texts), trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>", bos_token="<bos>")
