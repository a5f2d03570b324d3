"""Errors that end in a one-line message and exit code 2, never a traceback.

Every error carries its message in English and in Chinese: `InputError(en, zh=…)`. Whoever knows
the language picks one with `error.message(lang)` (the CLI, the language server, `Linter` for
`RunReport.input_errors`). `str(error)` is the message in `error.lang`, which is None (Chinese, the
project's default) unless set by whoever knew the language when the error went by: `Linter` sets it
to its own language, `load_config` to the config file's `lang` when the file could be read that far.
An error raised with English only (an older plugin's) reads the same in both languages.
"""

from __future__ import annotations

LANGS = ("zh", "en")


class SummarylintError(Exception):
    """Base class: usage, config or input problems reported to the user."""

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(en, zh)  # both in args, so that the error survives pickling (worker processes)
        self.en = en
        self.zh = zh or en
        self.lang: str | None = None  # what str() uses; None: Chinese

    def message(self, lang: str | None = None) -> str:
        """The one-line message in lang ("zh" or "en"; None: the error's own language, else Chinese)."""
        return self.en if (lang or self.lang) == "en" else self.zh

    def __str__(self) -> str:
        return self.message()


class InputError(SummarylintError):
    """A file that cannot be read as text: binary, undecodable, too large, missing."""


class ConfigError(SummarylintError):
    """A broken config file or rule pack; the message names the file and line."""


class RuleError(SummarylintError):
    """A rule that raised on one file: reported as a message (FileReport.errors), the other rules go on."""
