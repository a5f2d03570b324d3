"""Built-in Python checks. Importing this package registers them all by name (registry.check)."""

from . import placeholders  # noqa: F401
