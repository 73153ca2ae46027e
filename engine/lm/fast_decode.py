"""Batched incremental decoding of a Llama-architecture causal LM for the proposer, in a few plain torch ops.

The proposer samples many continuations of one prompt. Through transformers' generic forward every decoding
step copies the whole key/value cache (the prompt repeated once per row) and pays the module machinery's
overhead, which dominates for a small model. Here the prompt's keys and values are computed once and shared
by every row (attention to them is one batched matmul per layer, never a copy), each row's own keys and
values go into preallocated buffers, and the weights of q/k/v and of gate/up are fused into one matmul each.
The arithmetic is the model's own (RMSNorm, rotary embeddings from the model's own rotary module, grouped-query
attention, SiLU MLP, tied or untied head); `LlamaDecoder.supports` says which models qualify, and the proposer
falls back to transformers' forward for any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import torch
import torch.nn.functional as F


def _rms(x: torch.Tensor, w: torch.Tensor, eps: float) -> torch.Tensor:
    """RMSNorm as Llama computes it."""
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotary embedding (rotate-half form) of x [..., d] at the positions cos/sin stand for."""
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), dim=-1) * sin


@dataclass
class _Layer:
    norm1: torch.Tensor
    eps1: float
    wqkv: torch.Tensor
    bqkv: Optional[torch.Tensor]
    wo: torch.Tensor
    bo: Optional[torch.Tensor]
    norm2: torch.Tensor
    eps2: float
    wgu: torch.Tensor
    bgu: Optional[torch.Tensor]
    wd: torch.Tensor
    bd: Optional[torch.Tensor]


def _cat_bias(*mods: Any) -> Optional[torch.Tensor]:
    if all(m.bias is None for m in mods):
        return None
    return torch.cat([m.bias if m.bias is not None else torch.zeros(m.out_features, device=m.weight.device)
                      for m in mods])


class LlamaDecoder:
    """Prefill one prompt, then decode a batch of rows that all continue it, one token per row per step."""

    @staticmethod
    def supports(model: Any) -> bool:
        """Whether a transformers model is a Llama-architecture causal LM this decoder computes exactly."""
        cfg = getattr(model, "config", None)
        rope = getattr(cfg, "rope_parameters", None) or getattr(cfg, "rope_scaling", None) or {}
        # cos/sin come from the model's own rotary module; a rope that rescales with the length decoded so far
        # ("dynamic") would differ from what is precomputed here
        return (getattr(cfg, "model_type", "") == "llama" and getattr(cfg, "hidden_act", "") == "silu"
                and hasattr(model, "model") and hasattr(model, "lm_head")
                and rope.get("rope_type", "default") in ("default", "linear", "llama3"))

    def __init__(self, model: Any):
        m, cfg = model.model, model.config
        self.embed = m.embed_tokens.weight.detach()
        self.layers: list[_Layer] = []
        for L in m.layers:
            a, p = L.self_attn, L.mlp
            self.layers.append(_Layer(
                L.input_layernorm.weight.detach(), L.input_layernorm.variance_epsilon,
                torch.cat([a.q_proj.weight, a.k_proj.weight, a.v_proj.weight]).detach(),
                _cat_bias(a.q_proj, a.k_proj, a.v_proj),
                a.o_proj.weight.detach(), a.o_proj.bias,
                L.post_attention_layernorm.weight.detach(), L.post_attention_layernorm.variance_epsilon,
                torch.cat([p.gate_proj.weight, p.up_proj.weight]).detach(), _cat_bias(p.gate_proj, p.up_proj),
                p.down_proj.weight.detach(), p.down_proj.bias))
        self.norm, self.norm_eps = m.norm.weight.detach(), m.norm.variance_epsilon
        self.head = model.lm_head.weight.detach()
        self.head_bias = model.lm_head.bias
        self.h = cfg.num_attention_heads
        self.hkv = getattr(cfg, "num_key_value_heads", None) or self.h
        self.d = getattr(cfg, "head_dim", None) or cfg.hidden_size // self.h
        self.g = self.h // self.hkv
        self.scale = float(m.layers[0].self_attn.scaling)
        self.inter = self.layers[0].wgu.shape[0] // 2
        self.rotary = m.rotary_emb
        self.device = self.embed.device

    def _cos_sin(self, start: int, n: int) -> tuple[torch.Tensor, torch.Tensor]:
        pos = torch.arange(start, start + n, device=self.device)[None]
        cos, sin = self.rotary(self.embed[:1][None], pos)
        return cos[0], sin[0]  # [n, d]

    @torch.no_grad()
    def prefill(self, ids: list[int], rows: int, max_new: int) -> torch.Tensor:
        """Run the prompt once; set up `rows` rows with room for max_new tokens; the last position's logits [V]."""
        n, h, hkv, d = len(ids), self.h, self.hkv, self.d
        x = self.embed[torch.tensor(ids, device=self.device)]  # [n, D]
        cos, sin = self._cos_sin(0, n)
        self.pk: list[torch.Tensor] = []   # per layer: prompt keys, transposed [hkv, d, n]
        self.pv: list[torch.Tensor] = []   # per layer: prompt values [hkv, n, d]
        for L in self.layers:
            q, k, v = (a.transpose(0, 1) for a in self._qkv(L, x))
            q, k = _rotate(q, cos, sin), _rotate(k, cos, sin)
            self.pk.append(k.transpose(1, 2).contiguous())
            self.pv.append(v.contiguous())
            o = F.scaled_dot_product_attention(q[None], k[None], v[None], is_causal=True, scale=self.scale,
                                               enable_gqa=self.g > 1)[0]
            x = x + F.linear(o.transpose(0, 1).reshape(n, h * d), L.wo, L.bo)
            x = x + self._mlp(L, x)
        self.n_prompt, self.t = n, 0
        self.gk = [torch.zeros(rows, hkv, max_new, d, device=self.device) for _ in self.layers]
        self.gv = [torch.zeros(rows, hkv, max_new, d, device=self.device) for _ in self.layers]
        self.cos, self.sin = self._cos_sin(n, max_new)
        return F.linear(_rms(x[-1], self.norm, self.norm_eps), self.head, self.head_bias)

    def _qkv(self, L: _Layer, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Queries [N, h, d], keys and values [N, hkv, d] of N positions x [N, D] (one fused matmul)."""
        h, hkv, d, n = self.h, self.hkv, self.d, x.shape[0]
        qkv = F.linear(_rms(x, L.norm1, L.eps1), L.wqkv, L.bqkv)
        return (qkv[:, : h * d].view(n, h, d), qkv[:, h * d: (h + hkv) * d].view(n, hkv, d),
                qkv[:, (h + hkv) * d:].view(n, hkv, d))

    def _mlp(self, L: _Layer, x: torch.Tensor) -> torch.Tensor:
        gu = F.linear(_rms(x, L.norm2, L.eps2), L.wgu, L.bgu)
        return F.linear(F.silu(gu[..., : self.inter]) * gu[..., self.inter:], L.wd, L.bd)

    @torch.no_grad()
    def step(self, tokens: torch.Tensor) -> torch.Tensor:
        """Feed one token per live row ([B]); the next-token logits [B, V]."""
        b, h, hkv, d, g, t = tokens.shape[0], self.h, self.hkv, self.d, self.g, self.t
        if t >= self.cos.shape[0]:
            raise ValueError(f"decoded past the {self.cos.shape[0]} new tokens prefill made room for")
        cos, sin = self.cos[t], self.sin[t]
        x = self.embed[tokens]  # [B, D]
        n = self.n_prompt
        for li, L in enumerate(self.layers):
            q, k, v = self._qkv(L, x)
            q, k = _rotate(q, cos, sin), _rotate(k, cos, sin)
            gk, gv = self.gk[li], self.gv[li]
            gk[:, :, t] = k
            gv[:, :, t] = v
            qg = q.view(b, hkv, g, d)
            # attention to the shared prompt: one [hkv, B*g, d] x [hkv, d, n] matmul, no copy of the prompt cache
            sp = torch.bmm(qg.permute(1, 0, 2, 3).reshape(hkv, b * g, d), self.pk[li])
            sg = torch.matmul(qg, gk[:, :, : t + 1].transpose(-1, -2))                  # [B, hkv, g, t+1]
            w = torch.softmax(torch.cat((sp.view(hkv, b, g, n).permute(1, 0, 2, 3), sg), -1) * self.scale, -1)
            wp = w[..., :n].permute(1, 0, 2, 3).reshape(hkv, b * g, n)
            o = torch.bmm(wp, self.pv[li]).view(hkv, b, g, d).permute(1, 0, 2, 3) \
                + torch.matmul(w[..., n:], gv[:, :, : t + 1])
            x = x + F.linear(o.reshape(b, h * d), L.wo, L.bo)
            x = x + self._mlp(L, x)
        self.t += 1
        return F.linear(_rms(x, self.norm, self.norm_eps), self.head, self.head_bias)

    def select(self, keep: torch.Tensor) -> None:
        """Keep only the given rows (indices into the current batch) for the next steps."""
        self.gk = [k.index_select(0, keep) for k in self.gk]
        self.gv = [v.index_select(0, keep) for v in self.gv]
