"""Train the default proposer from scratch: a small Llama-architecture causal LM with the project's own
byte-level BPE tokenizer, on the (task -> program) examples of engine/lm_training/data.py. The loss is taken on
the program tokens only (the prompt is context). Training stops at a wall-clock cap, with a cosine learning
rate over that time, so `arcsynth proposer train --minutes M` fits a stated budget on any machine.
"""
from __future__ import annotations

import json
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from arcsynth.lm.proposer import MAX_PROMPT_TOKENS, PROMPT_FILE, PromptFormat, prompt_ids
from arcsynth.lm.tokenizer import build_tokenizer
from arcsynth.lm_training.data import Example, held_out

REPEAT = {"reference": 4, "mutated": 2}  # examples of these kinds appear this many times per epoch (few of them)


@dataclass
class TrainConfig:
    """Model size and optimisation; the defaults train in well under an hour on 2 CPU cores."""

    vocab_size: int = 1024
    hidden: int = 192
    layers: int = 4
    heads: int = 6
    intermediate: int = 512
    max_prompt_tokens: int = MAX_PROMPT_TOKENS
    max_program_tokens: int = 72
    batch_tokens: int = 6144        # padded tokens per optimiser step
    lr: float = 2e-3
    warmup_steps: int = 50
    weight_decay: float = 0.01
    minutes: float = 35.0
    seed: int = 0
    threads: int = 2
    device: str = "cpu"             # "cuda" trains on a GPU (the saved model loads on either)


def _encode(tok, ex: Example, cfg: TrainConfig) -> Optional[tuple[list[int], int]]:  # type: ignore[no-untyped-def]
    """(token ids, number of prompt tokens) for an example; None when the program is longer than the cap."""
    prog = tok.encode(ex.program, add_special_tokens=False) + [tok.eos_token_id]
    if len(prog) > cfg.max_program_tokens:
        return None
    p = prompt_ids(tok, ex.prompt, cfg.max_prompt_tokens)
    return p + prog, len(p)


def _batches(items: list[tuple[list[int], int]], batch_tokens: int, rng: random.Random) -> list[list[int]]:
    """Index batches of similar length (sorted within shuffled chunks), each at most batch_tokens padded tokens."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunk = 512
    batches: list[list[int]] = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s: s + chunk], key=lambda i: len(items[i][0]))
        cur: list[int] = []
        longest = 0
        for i in part:
            n = len(items[i][0])
            if cur and max(longest, n) * (len(cur) + 1) > batch_tokens:
                batches.append(cur)
                cur, longest = [], 0
            cur.append(i)
            longest = max(longest, n)
        if cur:
            batches.append(cur)
    rng.shuffle(batches)
    return batches


def train(examples: Sequence[Example], out_dir: Path, cfg: TrainConfig = TrainConfig(),
          fmt: PromptFormat = PromptFormat(), log: Callable[[str], None] = print) -> dict:
    """Train on the non-held-out examples, save model + tokenizer + prompt format to out_dir; returns figures."""
    import torch  # heavy (seconds): loaded only when a model is used
    from transformers import LlamaConfig, LlamaForCausalLM  # heavy: loaded only when a model is used

    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    rng = random.Random(cfg.seed)
    train_ex = [e for e in examples if not held_out(e.task)]
    train_ex = [e for e in train_ex for _ in range(REPEAT.get(e.kind, 1))]
    t_tok = time.monotonic()
    texts = [e.prompt for e in train_ex[::3]] + [e.program for e in train_ex]
    tok = build_tokenizer(texts, vocab_size=cfg.vocab_size)
    items = [x for x in (_encode(tok, e, cfg) for e in train_ex) if x is not None]
    log(f"{len(items)} training sequences ({len(train_ex) - len(items)} too long), tokenizer "
        f"{len(tok)} tokens in {time.monotonic() - t_tok:.0f} s")
    mcfg = LlamaConfig(vocab_size=len(tok), hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
                       num_attention_heads=cfg.heads, num_key_value_heads=cfg.heads,
                       intermediate_size=cfg.intermediate,
                       max_position_embeddings=cfg.max_prompt_tokens + cfg.max_program_tokens + 8,
                       bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
                       tie_word_embeddings=True)
    dev = torch.device(cfg.device)
    model = LlamaForCausalLM(mcfg).to(dev)
    n_params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=(0.9, 0.98))
    total = cfg.minutes * 60.0
    t0 = time.monotonic()
    step = epoch = 0
    seen_tokens = 0
    losses: list[float] = []
    pad = tok.pad_token_id
    model.train()
    done = False
    while not done:
        epoch += 1
        for batch in _batches(items, cfg.batch_tokens, rng):
            elapsed = time.monotonic() - t0
            if elapsed >= total:
                done = True
                break
            lr = cfg.lr * min(1.0, (step + 1) / cfg.warmup_steps) * 0.5 * (1 + math.cos(math.pi * elapsed / total))
            for g in opt.param_groups:
                g["lr"] = lr
            n = max(len(items[i][0]) for i in batch)
            ids = torch.full((len(batch), n), pad, dtype=torch.long)
            labels = torch.full((len(batch), n), -100, dtype=torch.long)
            att = torch.zeros((len(batch), n), dtype=torch.long)
            for r, i in enumerate(batch):
                seq, np_ = items[i]
                ids[r, : len(seq)] = torch.tensor(seq)
                labels[r, np_: len(seq)] = torch.tensor(seq[np_:])
                att[r, : len(seq)] = 1
            loss = model(input_ids=ids.to(dev), attention_mask=att.to(dev), labels=labels.to(dev)).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            seen_tokens += int(att.sum())
            losses.append(float(loss.detach()))
            if step % 50 == 0:
                log(f"step {step}  epoch {epoch}  loss {sum(losses[-50:]) / 50:.3f}  lr {lr:.2e}  "
                    f"{seen_tokens / (time.monotonic() - t0):.0f} tok/s  {elapsed / 60:.1f} min")
    model.eval()
    from transformers.utils import logging as hf_logging  # heavy: loaded only when a model is used
    hf_logging.disable_progress_bar()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.cpu().half().save_pretrained(str(out_dir))
    tok.save_pretrained(str(out_dir))
    figures = {"parameters": n_params, "steps": step, "epochs": epoch, "sequences": len(items),
               "tokens_seen": seen_tokens, "minutes": round((time.monotonic() - t0) / 60, 2),
               "final_loss": round(sum(losses[-50:]) / max(1, len(losses[-50:])), 4) if losses else None}
    (out_dir / PROMPT_FILE).write_text(json.dumps({"prompt": asdict(fmt), "train": asdict(cfg),
                                                   "figures": figures}, indent=1) + "\n")
    return figures
