"""Grammar-constrained decoding with llguidance: which next tokens keep the text inside the program grammar.

`GrammarConstraint` wraps an `llguidance.LLMatcher` over the committed grammar for one generation; it
is what the LLM proposer masks logits with, and what the tests drive with random token walks.
"""
from __future__ import annotations

import functools
from typing import Any

import numpy as np

from arcsynth.dsl.grammar import grammar_text


@functools.lru_cache(maxsize=4)
def lark_grammar_for_llguidance() -> str:
    """The committed grammar in llguidance's serialised form (its Lark dialect accepts our file as is)."""
    import llguidance  # optional native library: only for constrained decoding
    return llguidance.LLMatcher.grammar_from_lark(grammar_text())


def validate_grammar() -> str:
    """Empty string when llguidance accepts the committed grammar, otherwise its error text."""
    import llguidance  # optional native library: only for constrained decoding
    return llguidance.LLMatcher.validate_grammar(lark_grammar_for_llguidance())


def ll_tokenizer(hf_tokenizer: Any) -> Any:
    """llguidance's tokenizer view of a Hugging Face tokenizer (cached per tokenizer object)."""
    import llguidance.hf  # optional native library: only for constrained decoding
    key = id(hf_tokenizer)
    cache = _LL_TOK_CACHE
    if key not in cache or cache[key][0] is not hf_tokenizer:
        cache[key] = (hf_tokenizer, llguidance.hf.from_tokenizer(hf_tokenizer))
    return cache[key][1]


_LL_TOK_CACHE: dict[int, tuple[Any, Any]] = {}


class GrammarConstraint:
    """One constrained generation: the set of allowed next tokens, advanced token by token."""

    def __init__(self, hf_tokenizer: Any, max_tokens: int = 512):
        import llguidance  # optional native library: only for constrained decoding
        import llguidance.numpy as lln  # optional native library: only for constrained decoding
        self._lln = lln
        self.tok = ll_tokenizer(hf_tokenizer)
        self.matcher = llguidance.LLMatcher(self.tok, lark_grammar_for_llguidance(), log_level=0,
                                            limits=None)
        self.n_vocab = self.tok.vocab_size
        self.bitmask = lln.allocate_token_bitmask(1, self.n_vocab)
        self.eos = self.tok.eos_token
        self.max_tokens = max_tokens
        self.n = 0

    def allowed(self) -> np.ndarray:
        """Boolean mask over the tokenizer's vocabulary of tokens that may come next."""
        self._lln.fill_next_token_bitmask(self.matcher, self.bitmask, 0)
        bits = np.unpackbits(self.bitmask[0].view(np.uint8), bitorder="little")
        return bits[: self.n_vocab].astype(bool)

    def mask_logits(self, logits: np.ndarray) -> np.ndarray:
        """Logits with every disallowed token, and every id beyond the tokenizer's vocabulary, set to -inf."""
        out = np.full_like(logits, -np.inf)
        allowed = self.allowed()
        n = min(len(allowed), logits.shape[-1])
        out[..., :n] = np.where(allowed[:n], logits[..., :n], -np.inf)
        return out

    def advance(self, token: int) -> None:
        """Consume one token; raises ValueError if the grammar forbids it."""
        if not self.matcher.consume_token(int(token)):
            raise ValueError(f"token {token} rejected by the grammar: {self.matcher.get_error()}")
        self.n += 1

    @property
    def done(self) -> bool:
        """True once the matcher has stopped (program complete) or the token budget is spent."""
        return self.matcher.is_stopped() or self.n >= self.max_tokens

    def accepting(self) -> bool:
        """True when the text so far is a complete program."""
        return self.matcher.is_accepting()

    def error(self) -> str:
        return self.matcher.get_error() if self.matcher.is_error() else ""
