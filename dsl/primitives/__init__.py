"""All primitive families; importing this package registers every primitive."""
from . import colour, geometry  # noqa: F401
