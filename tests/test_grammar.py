"""The generated grammar: in sync with the registry, every sampled string well-typed, accepted by llguidance."""
from __future__ import annotations

import random

import pytest

from arcsynth.dsl import DSLError, check, parse, to_text
from arcsynth.dsl.grammar import GRAMMAR_PATH, generate
from arcsynth.dsl.interpreter import Limits, evaluate
from arcsynth.dsl.sampler import sample_programs


def test_committed_grammar_in_sync_with_registry() -> None:
    assert GRAMMAR_PATH.read_text() == generate(), "run `arcsynth dsl grammar` and commit grammars/program.lark"


def test_2000_sampled_programs_parse_typecheck_roundtrip_and_evaluate(real_inputs) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    programs = sample_programs(2000, seed=11, max_depth=6)
    assert len(set(programs)) > 1500  # a real spread, not one program repeated
    outcomes = {"ok": 0, "dsl_error": 0}
    for text in programs:
        node = parse(text)
        check(node)  # every accepted string is well-typed
        assert to_text(node) == text  # print(parse(s)) == s for canonical text
        assert parse(to_text(node)) == node  # parse(print(t)) == t
        try:
            evaluate(node, rng.choice(real_inputs), Limits(max_seconds=2.0))
            outcomes["ok"] += 1
        except DSLError:
            outcomes["dsl_error"] += 1
    assert outcomes["ok"] > 100, outcomes  # many random programs do run (236 of 2000 at the time of writing)


def test_syntax_errors_are_dsl_errors() -> None:
    for bad in ["", "rot90(", "rot90(I, 3)", "nosuch(I)", "rot90(_)", "I I", "replace(I, 12, 1)", "x" * 200000]:
        with pytest.raises(DSLError):
            check(parse(bad))


def test_llguidance_accepts_grammar() -> None:
    from arcsynth.lm.constrained import validate_grammar
    assert validate_grammar() == ""


@pytest.fixture(scope="module")
def program_tokenizer():  # type: ignore[no-untyped-def]
    from arcsynth.lm.tokenizer import build_tokenizer
    return build_tokenizer(sample_programs(400, seed=3), vocab_size=400)


def test_random_token_walks_only_yield_parseable_programs(program_tokenizer) -> None:  # type: ignore[no-untyped-def]
    """Drive the llguidance matcher with random allowed tokens; every finished text parses and type-checks."""
    from arcsynth.lm.constrained import GrammarConstraint
    tok = program_tokenizer
    texts = {i: tok.decode([i]) for i in range(len(tok))}
    closing = {i for i, s in texts.items() if s.strip() in {")", "I", ",", "0", "1", "2", "true"} and s == s.strip()}
    rng = random.Random(5)
    finished = 0
    for walk in range(60):
        gc = GrammarConstraint(tok, max_tokens=400)
        ids: list[int] = []
        while not gc.done:
            allowed = gc.allowed().nonzero()[0].tolist()
            assert allowed, "the matcher must always allow some token before it stops"
            if gc.eos in allowed and (gc.accepting() and rng.random() < 0.5):
                break
            steer = [t for t in allowed if t in closing] if len(ids) > 25 else []
            choice = rng.choice(steer or [t for t in allowed if t != gc.eos] or allowed)
            gc.advance(choice)
            ids.append(choice)
        text = tok.decode(ids)
        if gc.accepting():
            check(parse(text))
            finished += 1
    assert finished >= 50
