"""`python -m arcsynth.cli`: the `arcsynth` command."""
import sys

from arcsynth.cli.main import main

sys.exit(main())
