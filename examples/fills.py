#!/usr/bin/env python3
"""Fills, enclosures and neighbourhoods: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/fills.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["00d62c1b", "a5313dff", "4258a5f9", "dc1df850", "ce22a75a", "6d75e8bb", "32597951"]

if __name__ == "__main__":
    raise SystemExit(run_family("Fills, enclosures and neighbourhoods", TASKS))
