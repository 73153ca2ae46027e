#!/usr/bin/env python3
"""Object recolouring by property: real ARC-AGI-1 training tasks where each object (or its holes, or the
ring around it) takes a colour set by its size, rank, colour or shape; solved by search through the
object-wise decomposition (engine/search/objectwise.py); prints the programs found.

Run: python examples/object_recolouring.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["6e82a1ae", "d2abd087", "aedd82e4", "08ed6ac7", "ea32f347", "c0f76784", "913fb3ed"]

if __name__ == "__main__":
    raise SystemExit(run_family("Object recolouring", TASKS))
