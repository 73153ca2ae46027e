"""arcsynth's typed grid DSL: values, primitives, programs, grammar, type checker, interpreter and REPL."""
from . import primitives  # noqa: F401  (registers all primitives)
from .errors import DSLError, DSLLimitError, DSLSyntaxError, DSLTypeError
from .grammar import parse
from .grid import Grid, Indices, Obj
from .interpreter import Limits, compile_program, evaluate, run_program
from .program import Call, Hole, Input, Lit, Node, to_text
from .registry import REGISTRY, Primitive, primitive
from .typecheck import check, infer

__all__ = [
    "DSLError", "DSLLimitError", "DSLSyntaxError", "DSLTypeError", "Grid", "Obj", "Indices",
    "parse", "to_text", "check", "infer", "evaluate", "run_program", "compile_program", "Limits",
    "Call", "Hole", "Input", "Lit", "Node", "REGISTRY", "Primitive", "primitive",
]
