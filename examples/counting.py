#!/usr/bin/env python3
"""Counting and sizing: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/counting.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["ac0a08a4", "b91ae062", "d631b094", "5582e5ca", "1fad071e", "44f52bb0"]

if __name__ == "__main__":
    raise SystemExit(run_family("Counting and sizing", TASKS))
