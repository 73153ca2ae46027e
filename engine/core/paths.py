"""Where the files arcsynth ships live: the repository it is installed from (editable install)."""
from __future__ import annotations

from pathlib import Path

#: The package folder (engine/, imported as `arcsynth`).
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The repository root: engine/, dsl/, memory/, grammars/ and examples/ sit here.
REPO_ROOT = PACKAGE_DIR.parent
#: Shipped data: the primitive speed table and the proposer model.
DATA_DIR = PACKAGE_DIR / "data"
#: The reference solutions (one `.arc` program per training task): the fitted prior and memory's seed.
SOLUTIONS_DIR = REPO_ROOT / "examples" / "solutions"
