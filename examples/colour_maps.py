#!/usr/bin/env python3
"""Colour maps: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/colour_maps.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["0d3d703e", "b1948b0a", "c8f0f002", "d511f180", "f76d97a5", "25ff71a9"]

if __name__ == "__main__":
    raise SystemExit(run_family("Colour maps", TASKS))
