#!/usr/bin/env python3
"""Tiling and scaling: real ARC-AGI-1 training tasks of this family, solved by search; prints the programs found.

The last five are found through goal inversion (engine/search/inverse.py): the search meets the argument of the
final scaling, tiling or Kronecker step, e.g. `upscale(crop_content(I), 2)`, `upscale(I, count_objs(components(I)))`.

Run: python examples/tiling.py [--budget SECONDS]
"""
from _common import run_family

TASKS = ["a416b8f3", "3af2c5a8", "62c24649", "67e8384a", "9172f3a0", "c59eb873", "007bbfb7", "6d0aefbc", "6fa7a44f", "8be77c9e", "c9e6f938", "4c4377d9",
         "f25fbde4", "28bf18c6", "8f2ea7aa", "ac0a08a4", "b91ae062"]

if __name__ == "__main__":
    raise SystemExit(run_family("Tiling and scaling", TASKS))
