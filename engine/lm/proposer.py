"""The grammar-constrained LLM proposer: a causal LM samples candidate programs for a task, every token masked by
llguidance with the committed grammar, so every finished proposal parses and type-checks.

The prompt is a compact serialisation of the task (sizes of every pair, then the first pairs' grids as digit
rows, cropped), optionally after exemplar programs from memory; the program follows the `=` marker and ends
with the tokenizer's end-of-sequence token. The default model is the small one `arcsynth proposer train`
builds (engine/lm_training/train.py), shipped in engine/data/proposer; `ProposeConfig.model` takes any local
Hugging Face model directory (or a .gguf file), on CPU or GPU.
"""
from __future__ import annotations

import functools
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from arcsynth.core.paths import DATA_DIR
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Node
from arcsynth.dsl.typecheck import check
from arcsynth.lm.constrained import lark_grammar_for_llguidance, ll_tokenizer

DEFAULT_MODEL_DIR = DATA_DIR / "proposer"
PROMPT_FILE = "arcsynth_prompt.json"   # how the model's prompts were built (next to its weights)
MAX_PROMPT_TOKENS = 448                # prompts are cut to this many tokens (training and inference)
MAX_EXEMPLAR_CHARS = 240               # longer exemplar programs are not written into prompts


@dataclass(frozen=True)
class PromptFormat:
    """How a task is serialised for the model (stored with a trained model, so inference matches training)."""

    max_pairs: int = 3       # grids of at most this many train pairs are written out (sizes of all of them)
    max_side: int = 10       # each grid written is cropped to its top-left max_side x max_side cells
    exemplars: int = 0       # exemplar programs from memory written before the task

    @classmethod
    def for_model(cls, path: Path) -> "PromptFormat":
        """The format stored next to a model (the defaults for a model arcsynth did not train)."""
        f = (path if path.is_dir() else path.parent) / PROMPT_FILE
        if not f.exists():
            return cls()
        d = json.loads(f.read_text()).get("prompt", {})
        return cls(**{k: int(v) for k, v in d.items() if k in cls.__dataclass_fields__})


def grid_rows(g: Grid, max_side: int) -> str:
    """A grid's top-left max_side x max_side cells as digit rows joined by '/'."""
    a = g.a[:max_side, :max_side]
    return "/".join("".join(str(int(c)) for c in row) for row in a)


def usable_exemplars(programs: Sequence[str], k: int) -> list[str]:
    """The first k programs short enough for a prompt line (MAX_EXEMPLAR_CHARS)."""
    return [p for p in programs if len(p) <= MAX_EXEMPLAR_CHARS][:k]


def task_prompt(pairs: Sequence[tuple[Grid, Grid]], fmt: PromptFormat = PromptFormat(),
                exemplars: Sequence[str] = ()) -> str:
    """The prompt for a task: exemplar lines, the sizes of every pair, the first pairs' grids, then the marker."""
    lines = [f"e {p}" for p in usable_exemplars(exemplars, fmt.exemplars)]
    lines.append(" ".join(f"{i.h}x{i.w}>{o.h}x{o.w}" for i, o in pairs))
    for i, o in list(pairs)[: fmt.max_pairs]:
        lines.append("i " + grid_rows(i, fmt.max_side))
        lines.append("o " + grid_rows(o, fmt.max_side))
    return "\n".join(lines) + "\n="


def prompt_ids(tok: Any, prompt: str, max_tokens: int) -> list[int]:
    """Token ids of a prompt as the model sees it in training and inference: the text before the final `=`
    marker is cut to its head so the whole fits max_tokens, and the marker is encoded on its own, always last."""
    ids = tok.encode(prompt[:-1], add_special_tokens=False)
    marker = tok.encode(prompt[-1], add_special_tokens=False)
    return ids[: max_tokens - len(marker)] + marker


@dataclass
class Proposal:
    """One finished, parsed and type-checked program with its log-probability under the model."""

    text: str
    node: Node
    logp: float


@dataclass
class ProposalStats:
    """What one sampling call did (for traces and the proposer benchmark)."""

    sampled: int = 0
    finished: int = 0        # ended with the end token on a complete program
    valid: int = 0           # of those, parsed and type-checked (must equal finished)
    distinct: int = 0
    tokens: int = 0          # tokens generated over all rows
    seconds: float = 0.0
    invalid: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"sampled": self.sampled, "finished": self.finished, "valid": self.valid, "distinct": self.distinct,
                "tokens": self.tokens, "seconds": round(self.seconds, 3),
                "tokens_per_s": round(self.tokens / self.seconds) if self.seconds > 0 else 0}


class Proposer:
    """A causal LM with its tokenizer, sampling grammar-constrained programs in batches."""

    def __init__(self, model: Any, tokenizer: Any, fmt: PromptFormat = PromptFormat(), device: str = "cpu",
                 fast: bool = True):
        self.model, self.tok, self.fmt, self.device = model, tokenizer, fmt, device
        self.fast = fast  # decode with engine/lm/fast_decode.py where the architecture allows (same logits, faster)
        self._fast_decoder: Any = None
        self.model.eval()
        self.lltok = ll_tokenizer(tokenizer)
        self.grammar = lark_grammar_for_llguidance()
        self.n_vocab = self.lltok.vocab_size
        self.eos = self.lltok.eos_token
        import llguidance  # optional native library: only for constrained decoding
        # Compiling the grammar into a matcher takes ~25 ms; each sampled row gets a copy of this one (~10 us).
        self._matcher = llguidance.LLMatcher(self.lltok, self.grammar, log_level=0)

    @classmethod
    def load(cls, path: Optional[str | Path] = None, device: Optional[str] = None) -> "Proposer":
        """Load a model directory (config + weights + tokenizer) or a .gguf file; raises ProposerError when absent."""
        import torch  # heavy (seconds): loaded only when a model is used
        from transformers import AutoModelForCausalLM, AutoTokenizer  # heavy: loaded only when a model is used
        from transformers.utils import logging as hf_logging  # heavy: loaded only when a model is used
        hf_logging.disable_progress_bar()
        p = Path(path) if path else DEFAULT_MODEL_DIR
        if not p.exists():
            hint = " (build it with `arcsynth proposer train`)" if path is None else ""
            raise ProposerError(f"no proposer model at {p}{hint}")
        dev = device or ("cuda" if torch.cuda.is_available() else "cpu")
        try:
            if p.suffix == ".gguf":
                tok = AutoTokenizer.from_pretrained(str(p.parent), gguf_file=p.name)
                model = AutoModelForCausalLM.from_pretrained(str(p.parent), gguf_file=p.name, dtype=torch.float32)
            else:
                tok = AutoTokenizer.from_pretrained(str(p))
                model = AutoModelForCausalLM.from_pretrained(str(p), dtype=torch.float32)
        except (OSError, ValueError) as e:
            raise ProposerError(f"cannot load a proposer model from {p}: {e}") from None
        if tok.eos_token_id is None:
            raise ProposerError(f"the tokenizer at {p} has no end-of-sequence token; the proposer needs one")
        return cls(model.to(dev), tok, PromptFormat.for_model(p), dev)

    def _decoder(self) -> Any:
        """The incremental decoder for this model: engine/lm/fast_decode.py's for a Llama-architecture model (the
        shipped one, SmolLM2), else transformers' own forward with its key/value cache."""
        if self.fast:
            from arcsynth.lm.fast_decode import LlamaDecoder  # heavy: imports torch at module level
            if LlamaDecoder.supports(self.model):
                if self._fast_decoder is None:  # fuses the weights once; each prefill starts a fresh batch
                    self._fast_decoder = LlamaDecoder(self.model)
                return self._fast_decoder
        return HFDecoder(self.model, self.device)

    def propose(self, pairs: Sequence[tuple[Grid, Grid]], n: int = 16, temperature: float = 1.0,
                max_new_tokens: int = 72, deadline: Optional[float] = None, seed: int = 0,
                exemplars: Sequence[str] = (), batch: int = 0) -> tuple[list[Proposal], ProposalStats]:
        """Sample n constrained sequences for a task (in batches of `batch`, 0: one); the distinct valid programs,
        most likely first."""
        return self.sample(task_prompt(pairs, self.fmt, exemplars), n, temperature, max_new_tokens, deadline, seed,
                           batch)

    def sample(self, prompt: str, n: int, temperature: float = 1.0, max_new_tokens: int = 72,
               deadline: Optional[float] = None, seed: int = 0, batch: int = 0) -> tuple[list[Proposal], ProposalStats]:
        """Sample n sequences after a prompt, in batches of `batch` rows (0: one batch) while the deadline allows;
        every token is masked by the grammar (and ids beyond the tokenizer's vocabulary are never chosen).
        Returns the distinct valid programs, most likely first."""
        import torch  # heavy (seconds): loaded only when a model is used
        st = ProposalStats()
        t0 = time.monotonic()
        gen = torch.Generator().manual_seed(seed)
        ids = prompt_ids(self.tok, prompt, MAX_PROMPT_TOKENS)
        best: dict[str, Proposal] = {}
        while st.sampled < n and (deadline is None or time.monotonic() < deadline):
            rows = min(batch or n, n - st.sampled)
            st.sampled += rows
            for tokens, lp in self._sample_batch(ids, rows, temperature, max_new_tokens, deadline, gen, st):
                st.finished += 1
                text = self.tok.decode(tokens).strip()
                try:
                    node = parse(text)
                    check(node)
                except DSLError:
                    st.invalid.append(text)
                    continue
                st.valid += 1
                key = str(node)
                if key not in best or lp > best[key].logp:
                    best[key] = Proposal(key, node, lp)
        st.distinct = len(best)
        st.seconds = time.monotonic() - t0
        return sorted(best.values(), key=lambda p: -p.logp), st

    def _sample_batch(self, ids: list[int], n: int, temperature: float, max_new_tokens: int,
                      deadline: Optional[float], gen: Any, st: ProposalStats) -> list[tuple[list[int], float]]:
        """One batch of n rows after the prompt ids: (tokens, log-probability) of every row that finished (ended
        with the end token on a complete program) before max_new_tokens and the deadline."""
        import llguidance.numpy as lln  # optional native library: only for constrained decoding
        import torch  # heavy (seconds): loaded only when a model is used
        matchers = [self._matcher.deep_copy() for _ in range(n)]
        bitmask = lln.allocate_token_bitmask(n, self.n_vocab)
        rows = list(range(n))                 # original row index of each live batch row
        out_tokens: list[list[int]] = [[] for _ in range(n)]
        logp = np.zeros(n)
        finished: list[int] = []
        dec = self._decoder()
        with torch.no_grad():
            logits = dec.prefill(ids, n, max_new_tokens).float().expand(n, -1)
            for _step in range(max_new_tokens):
                for b, r in enumerate(rows):
                    lln.fill_next_token_bitmask(matchers[r], bitmask, b)
                allowed = np.unpackbits(bitmask[: len(rows)].view(np.uint8), axis=1, bitorder="little")
                allowed = torch.from_numpy(allowed[:, : self.n_vocab].astype(bool))
                lg = torch.full((len(rows), logits.shape[-1]), -math.inf)
                k = min(self.n_vocab, logits.shape[-1])
                lg[:, :k] = torch.where(allowed[:, :k], logits[:, :k].cpu(), torch.tensor(-math.inf))
                logprobs = torch.log_softmax(lg / max(temperature, 1e-4), dim=-1)
                choice = torch.multinomial(logprobs.exp(), 1, generator=gen).squeeze(1)
                keep: list[int] = []
                for b, r in enumerate(rows):
                    t = int(choice[b])
                    logp[r] += float(logprobs[b, t])
                    st.tokens += 1
                    if not matchers[r].consume_token(t):
                        st.invalid.append(self.tok.decode(out_tokens[r]))  # the mask forbids this; never expected
                        continue
                    if t != self.eos:
                        out_tokens[r].append(t)
                    if t == self.eos or matchers[r].is_stopped():
                        finished.append(r)
                        continue
                    keep.append(b)
                if not keep or (deadline is not None and time.monotonic() > deadline):
                    break
                if len(keep) < len(rows):
                    dec.select(torch.tensor(keep, device=self.device))
                    choice = choice[keep]
                    rows = [rows[b] for b in keep]
                logits = dec.step(choice.to(self.device)).float()
        return [(out_tokens[r], float(logp[r])) for r in finished]


class HFDecoder:
    """Incremental decoding through transformers' forward and key/value cache (any causal LM): the prompt once,
    its cache repeated for every row, then one token per live row per step."""

    def __init__(self, model: Any, device: str):
        self.model, self.device = model, device

    def prefill(self, ids: list[int], rows: int, max_new: int) -> Any:
        """Run the prompt; the last position's logits [V]."""
        import torch  # heavy (seconds): loaded only when a model is used
        with torch.no_grad():
            out = self.model(input_ids=torch.tensor([ids], device=self.device), use_cache=True, logits_to_keep=1)
        self.cache = out.cache
        self.cache.batch_repeat_interleave(rows)
        return out.logits[0, -1, :]

    def step(self, tokens: Any) -> Any:
        """Feed one token per live row; the next-token logits [B, V]."""
        import torch  # heavy (seconds): loaded only when a model is used
        with torch.no_grad():
            out = self.model(input_ids=tokens[:, None], cache=self.cache, use_cache=True)
        self.cache = out.cache
        return out.logits[:, -1, :]

    def select(self, keep: Any) -> None:
        """Keep only the given rows for the next steps."""
        self.cache.batch_select_indices(keep)


class ProposerError(RuntimeError):
    """No usable proposer model (absent, unreadable, or without an end token)."""


@functools.lru_cache(maxsize=2)
def load_proposer(path: Optional[str] = None) -> Proposer:
    """The proposer for a model path (None: the shipped default), loaded once per process."""
    return Proposer.load(path)


def default_model_present() -> bool:
    """Whether the shipped default model is on disk."""
    return (DEFAULT_MODEL_DIR / "config.json").exists()
