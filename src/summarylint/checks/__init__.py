"""Built-in Python checks. Importing this package imports every module in it, and each module
registers its check functions by name (registry.check): a new rule family is one new module."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
