#!/usr/bin/env python3
"""Pattern and symmetry completion: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/completion.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["05269061", "0dfd9992", "29ec7d0e", "484b58aa", "c3f564a4", "11852cab", "3631a71a", "b8825c91"]

if __name__ == "__main__":
    raise SystemExit(run_family("Pattern and symmetry completion", TASKS))
