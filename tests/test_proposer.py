"""The grammar-constrained LLM proposer: prompts, generated training data, training, constrained sampling
(every finished proposal parses and type-checks) and its use inside the solver."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from arcsynth.core.task import load_dataset
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import run_program
from arcsynth.dsl.sampler import sample_programs
from arcsynth.dsl.typecheck import check
from arcsynth.lm.proposer import PromptFormat, Proposer, default_model_present, grid_rows, task_prompt


def test_prompt_lists_every_size_and_crops_grids() -> None:
    big = Grid([[c % 10 for c in range(r, r + 12)] for r in range(12)])
    small = Grid([[1, 2], [3, 4]])
    text = task_prompt([(big, small), (small, small), (small, big), (big, big)], PromptFormat(max_pairs=2, max_side=3))
    lines = text.split("\n")
    assert lines[0] == "12x12>2x2 2x2>2x2 2x2>12x12 12x12>12x12"
    assert lines[1] == "i 012/123/234" and lines[2] == "o 12/34"
    assert len(lines) == 6 and lines[-1] == "="
    assert grid_rows(small, 10) == "12/34"
    ex = task_prompt([(small, small)], PromptFormat(exemplars=1), exemplars=["rot90(I)", "I"])
    assert ex.startswith("e rot90(I)\n2x2>2x2")


def test_enumerated_examples_are_programs_that_map_the_prompted_pairs() -> None:
    from arcsynth.lm_training.data import enumerated_examples
    task = {t.id: t for t in load_dataset("arc1-training")}["3c9b0459"]
    exs = enumerated_examples(task, seconds=0.3, per_task=20, seed=1)
    kinds = [e.kind for e in exs]
    assert 10 <= kinds.count("enumerated") <= 20 and 1 <= kinds.count("composed") <= 20 // 3
    for e in exs:
        node = parse(e.program)
        check(node)
        pairs = [(p.input, run_program(node, p.input)) for p in task.train]
        assert e.prompt == task_prompt(pairs)
        assert any(o != i for i, o in pairs)   # the identity is never a generated task


def test_mutated_references_are_new_well_typed_programs_on_the_task_inputs() -> None:
    from arcsynth.lm_training.data import mutated_examples
    from arcsynth.lm_training.mutate import bank_of, positions, replace
    task = {t.id: t for t in load_dataset("arc1-training")}["0520fde7"]
    ref = parse("grid_and(lefthalf(I), righthalf(I), 2)")
    other = parse("paint_cells(I, dmirror(cell_summary(I)))")
    bank = bank_of([ref, other])
    # slots are typed: the Grid arguments of grid_and can take any Grid expression of the bank, the colour a colour
    assert {str(n) for n in bank[("Grid", None)]} >= {"lefthalf(I)", "righthalf(I)", "dmirror(cell_summary(I))"}
    assert [str(n) for _p, n, _s in positions(ref)] == ["lefthalf(I)", "righthalf(I)", "2"]
    assert str(replace(ref, (0,), parse("dmirror(I)"))) == "grid_and(dmirror(I), righthalf(I), 2)"
    exs = mutated_examples(task, ref, bank, per_reference=12, seed=0)
    assert 4 <= len(exs) <= 12 and all(e.kind == "mutated" for e in exs)
    ref_out = [run_program(ref, p.input) for p in task.train]
    outs = set()
    for e in exs:
        node = parse(e.program)
        check(node)
        got = [run_program(node, p.input) for p in task.train]
        assert got != ref_out and tuple(got) not in outs   # new outputs: neither the reference's nor a repeat
        outs.add(tuple(got))
        assert e.prompt == task_prompt([(p.input, o) for p, o in zip(task.train, got)])


def test_rearc_examples_run_the_reference_on_fresh_inputs_of_its_task() -> None:
    from arcsynth.lm_training import rearc
    from arcsynth.lm_training.data import rearc_examples
    from arcsynth.lm_training.mutate import bank_of
    if not rearc.available():
        pytest.skip("reasoning-gym is not installed")
    task = {t.id: t for t in load_dataset("arc1-training")}["a416b8f3"]
    ref = parse("hconcat(I, I)")
    inputs, outputs = zip(*rearc.pairs(task.id, 6, random.Random(0)))
    assert [run_program(ref, i) for i in inputs] == list(outputs)   # the generator draws this task's concept
    assert len({i for i in inputs}) == 6 and not set(inputs) & {p.input for p in task.train}
    exs = rearc_examples(task, ref, bank_of([ref, parse("dmirror(I)"), parse("vconcat(I, I)")]),
                         per_reference=5, seed=0)
    refs = [e for e in exs if e.kind == "rearc"]
    assert len(refs) == 5 and all(e.program == str(ref) for e in refs)
    for e in exs:
        assert e.kind in ("rearc", "rearc-mutated")
        check(parse(e.program))
        sizes = [pair.split(">") for pair in e.prompt.split("\n")[0].split()]
        assert 3 <= len(sizes) <= 4
        if e.kind == "rearc":   # hconcat(I, I): every output twice as wide as its input
            assert all(o == f"{i.split('x')[0]}x{2 * int(i.split('x')[1])}" for i, o in sizes)
        else:
            assert e.program != str(ref)
    assert len({e.prompt for e in exs}) == len(exs)


def test_rearc_data_without_reasoning_gym_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import importlib.util

    from arcsynth.cli.main import main
    from arcsynth.lm_training import rearc
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "reasoning_gym" else real(name, *a))
    rearc.generators.cache_clear()
    try:
        assert main(["proposer", "data", "--data", str(tmp_path / "d.jsonl"), "--limit", "1", "--quiet"]) == 2
    finally:
        rearc.generators.cache_clear()
    err = capsys.readouterr().err
    assert "reasoning-gym is not installed" in err and "pip install --no-deps reasoning-gym==0.1.25" in err
    assert not (tmp_path / "d.jsonl").exists()


def test_exemplar_lines_hold_a_mutants_reference_among_others() -> None:
    from arcsynth.lm.proposer import MAX_EXEMPLAR_CHARS
    from arcsynth.lm_training.data import Example, with_exemplars
    refs = {"a": "rot90(I)", "b": "hmirror(I)", "c": "vmirror(I)", "d": "fill_enclosed(I, 4)",
            "long": "rot90(" * 50 + "I" + ")" * 50}
    assert len(refs["long"]) > MAX_EXEMPLAR_CHARS
    mut = Example("a", "mutated", "rot270(I)", "2x2>2x2\ni 01/00\no 00/10\n=")
    for seed in range(20):
        got = with_exemplars(mut, refs, 2, random.Random(seed))
        lines = got.prompt.split("\n")
        assert lines[2:] == mut.prompt.split("\n") and "e rot90(I)" in lines[:2]   # the program to edit
        assert all(line.startswith("e ") and len(line) - 2 <= MAX_EXEMPLAR_CHARS for line in lines[:2])
        enum = with_exemplars(Example("a", "enumerated", "rot270(I)", mut.prompt), refs, 2, random.Random(seed))
        assert "e rot90(I)" not in enum.prompt.split("\n")[:2]                       # other tasks' programs only
    fmt = PromptFormat(exemplars=1)
    g = Grid([[1]])
    assert task_prompt([(g, g)], fmt, [refs["long"], "rot90(I)", "hmirror(I)"]).startswith("e rot90(I)\n1x1>1x1")


def _tiny_model(tmp_path: Path) -> Proposer:
    """A randomly initialised small Llama with a BPE tokenizer trained on sampled programs (no training)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from arcsynth.lm.tokenizer import build_tokenizer
    torch.manual_seed(0)
    tok = build_tokenizer(sample_programs(300, seed=2) + ["12x12>3x3\ni 0012/3000\no 11\n="], vocab_size=300)
    cfg = LlamaConfig(vocab_size=len(tok) + 7, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                      num_key_value_heads=2, intermediate_size=64, max_position_embeddings=1024,
                      eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    model = LlamaForCausalLM(cfg)
    # An untrained head that leans towards closing the program (so sequences finish), and that puts its highest
    # logits on the 7 ids beyond the tokenizer's vocabulary: the proposer must never sample those.
    head = torch.nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=True)
    with torch.no_grad():
        head.weight.normal_(0, 0.02)
        head.bias.zero_()
        for i in range(len(tok)):
            if tok.decode([i]).strip() in {")", "I", "0", "1"}:
                head.bias[i] = 3.0
        head.bias[tok.eos_token_id] = 4.0
        head.bias[len(tok):] = 50.0
    model.lm_head = head
    return Proposer(model, tok)


def test_untrained_model_proposals_are_all_valid(tmp_path: Path) -> None:
    """An untrained model whose best logits lie outside the vocabulary yields only parseable, well-typed programs."""
    prop = _tiny_model(tmp_path)
    g = Grid([[0, 1], [1, 0]])
    props, st = prop.propose([(g, g)], n=48, temperature=1.0, max_new_tokens=60, seed=3)
    assert st.finished >= 10 and st.valid == st.finished and not st.invalid
    for p in props:
        check(parse(p.text))
    assert [p.logp for p in props] == sorted((p.logp for p in props), reverse=True)


def test_training_writes_a_loadable_model(tmp_path: Path) -> None:
    from arcsynth.lm_training.data import Example
    from arcsynth.lm_training.train import TrainConfig, train
    g, h = Grid([[1, 0], [0, 0]]), Grid([[0, 0], [0, 1]])
    exs = [Example(f"t{k}", "enumerated", prog, task_prompt([(g, h)]))
           for k, prog in enumerate(["rot180(I)", "rot90(rot90(I))", "hmirror(vmirror(I))"] * 4)]
    figs = train(exs, tmp_path / "m", TrainConfig(vocab_size=300, hidden=32, layers=1, heads=2, intermediate=64,
                                                  minutes=0.05, threads=1), log=lambda s: None)
    assert figs["steps"] >= 1 and (tmp_path / "m" / "config.json").exists()
    prop = Proposer.load(tmp_path / "m", device="cpu")
    props, st = prop.propose([(g, h)], n=8, max_new_tokens=40, seed=0)
    assert st.valid == st.finished


def test_fast_decoder_gives_the_logits_of_the_transformers_forward() -> None:
    """engine/lm/fast_decode.py on a Llama with grouped-query attention and biases: the logits of the full forward
    after the prompt and after every decoded token, also once rows are dropped."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from arcsynth.lm.fast_decode import LlamaDecoder
    torch.manual_seed(1)
    cfg = LlamaConfig(vocab_size=97, hidden_size=48, num_hidden_layers=2, num_attention_heads=6,
                      num_key_value_heads=2, intermediate_size=80, max_position_embeddings=128,
                      attention_bias=True, mlp_bias=True, tie_word_embeddings=False)
    model = LlamaForCausalLM(cfg).eval()
    assert LlamaDecoder.supports(model)
    dec = LlamaDecoder(model)
    prompt = torch.randint(0, 97, (20,)).tolist()
    toks = torch.randint(0, 97, (3, 4))
    got = [dec.prefill(prompt, 3, 6).expand(3, -1)]
    for j in range(2):
        got.append(dec.step(toks[:, j]))
    dec.select(torch.tensor([2, 0]))           # row 1 finished: rows 2 and 0 go on
    for j in range(2, 4):
        got.append(torch.cat((torch.zeros(1, 97), dec.step(toks[[2, 0], j]))))  # keep row indices 1, 2 -> 2, 0
    with torch.no_grad():
        for r in range(3):
            full = model(input_ids=torch.tensor([prompt + toks[r].tolist()])).logits[0]
            for j in range(5 if r != 1 else 3):
                mine = got[j][r] if j < 3 else got[j][{2: 1, 0: 2}[r]]
                assert torch.allclose(full[19 + j], mine, atol=1e-4), (r, j)


def test_fast_and_transformers_decoding_sample_the_same_proposals(tmp_path: Path) -> None:
    prop = _tiny_model(tmp_path)
    g = Grid([[0, 1], [1, 0]])
    a, _ = prop.propose([(g, g)], n=16, max_new_tokens=40, seed=5)
    prop.fast = False
    b, _ = prop.propose([(g, g)], n=16, max_new_tokens=40, seed=5)
    assert [p.text for p in a] == [p.text for p in b] and len(a) >= 3


needs_default = pytest.mark.skipif(not default_model_present(), reason="no shipped proposer model")


@needs_default
def test_thousand_proposals_of_the_default_model_are_all_valid() -> None:
    """1,000 finished proposals sampled from the shipped model on real training tasks all parse and type-check."""
    from arcsynth.lm.proposer import load_proposer
    prop = load_proposer(None)
    tasks = load_dataset("arc1-training")
    rng = random.Random(0)
    finished = valid = 0
    k = 0
    while finished < 1000:
        t = rng.choice(tasks)
        props, st = prop.propose([(p.input, p.output) for p in t.train], n=50, temperature=1.2, seed=k)
        k += 1
        finished += st.finished
        valid += st.valid
        assert not st.invalid, st.invalid[:3]
        for p in props:
            check(parse(p.text))
        assert k < 100, "the model finishes too few proposals"
    assert valid == finished >= 1000


@needs_default
def test_solver_uses_the_proposer() -> None:
    from arcsynth.solver import Solver, SolverConfig
    task = {t.id: t for t in load_dataset("arc1-training")}["3c9b0459"]
    res = Solver(SolverConfig(budget=2.0).disable("memory", "maxsat")).solve(task)
    llm = res.trace["llm"]
    assert llm["sampled"] > 0 and llm["valid"] == llm["finished"] and "tried" in llm
    off = Solver(SolverConfig(budget=1.0).disable("memory", "maxsat", "propose")).solve(task)
    assert "llm" not in off.trace


def test_train_command_takes_the_model_size(tmp_path: Path) -> None:
    """`arcsynth proposer train --hidden/--layers/--heads/--intermediate` builds a model of that shape."""
    import json

    from arcsynth.cli.main import main
    from arcsynth.lm_training.data import Example
    g, h = Grid([[1, 0], [0, 0]]), Grid([[0, 0], [0, 1]])
    data = tmp_path / "data.jsonl"
    data.write_text("".join(Example(f"t{k}", "enumerated", prog, task_prompt([(g, h)])).to_json() + "\n"
                            for k, prog in enumerate(["rot180(I)", "rot90(rot90(I))", "hmirror(vmirror(I))"] * 8)))
    out = tmp_path / "m"
    assert main(["proposer", "train", "--data", str(data), "--minutes", "0.05", "--hidden", "32", "--layers", "1",
                 "--heads", "2", "--intermediate", "64", "--workers", "1", "--out", str(out), "--quiet"]) == 0
    cfg = json.loads((out / "config.json").read_text())
    assert (cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["intermediate_size"]) \
        == (32, 1, 2, 64)
    props, st = Proposer.load(out, device="cpu").propose([(g, h)], n=4, max_new_tokens=40, seed=0)
    assert st.valid == st.finished
