"""The `arcsynth` command line: one module per command (each with `add_parser` and `run`); main.py puts them
together, options.py defines the task-selection and solver options that `solve` and `eval` share."""
