"""summarylint — a linter and scorer for Chinese work summaries."""

from .api import Linter, lint_paths, lint_text
from .config import Config
from .diagnostics import Diagnostic, Edit, Fix
from .report import FileReport, RunReport

__version__ = "0.1.0"
__all__ = ["Config", "Diagnostic", "Edit", "FileReport", "Fix", "Linter", "RunReport", "__version__", "lint_paths",
           "lint_text"]
