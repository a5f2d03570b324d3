"""Errors that end in a one-line message and exit code 2, never a traceback."""


class SummarylintError(Exception):
    """Base class: usage, config or input problems reported to the user."""


class InputError(SummarylintError):
    """A file that cannot be read as text: binary, undecodable, too large, missing."""


class ConfigError(SummarylintError):
    """A broken config file or rule pack; the message names the file and line."""
