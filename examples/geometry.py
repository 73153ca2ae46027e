#!/usr/bin/env python3
"""Geometry (rotations, mirrors, crops): real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

Run: python examples/geometry.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["3c9b0459", "6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "9dfd6313", "ed36ccf7", "1cf80156", "7468f01a"]

if __name__ == "__main__":
    raise SystemExit(run_family("Geometry (rotations, mirrors, crops)", TASKS))
