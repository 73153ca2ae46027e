#!/usr/bin/env python3
"""Object selection: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/objects.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["be94b721", "1f85a75f", "23b5c85d", "0b148d64", "39a8645d", "1c786137", "d5d6de2d", "a87f7484"]

if __name__ == "__main__":
    raise SystemExit(run_family("Object selection", TASKS))
