"""All primitive families; importing this package registers every primitive.

Every module in this package whose name does not start with `_` is imported (sorted by name), so a new
family file needs no edit here.
"""
import importlib
import pkgutil

for _m in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
    importlib.import_module(f"{__name__}.{_m}")
