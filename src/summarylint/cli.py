"""Command line: `summarylint check PATHS…`, `summarylint rules`, `summarylint rule ID`.

Exit codes: 0 clean; 1 findings at or above the failing level, or a score below --min-score;
2 usage, config or input error (a one-line message on stderr).

Error messages are in the message language, as findings are: --lang, else the config's `lang`, else
Chinese. A broken config file is reported in its own `lang` when it parsed far enough to have a
valid one (errors.py, config.load_config), else in Chinese (unless --lang).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from .config import Config
from .errors import SummarylintError
from .registry import Rule

_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


_LANG_KEY = "summarylint.lang"  # in click's ctx.meta: the message language once a command knows it


def _fail(message: str) -> None:
    click.echo(f"summarylint: {message}", err=True)


def _set_lang(lang: str | None) -> None:
    click.get_current_context().meta[_LANG_KEY] = lang


def _error_exit(error: SummarylintError, lang: str | None = None) -> NoReturn:
    """Print a usage, config or input error in lang (else the error's own language, else Chinese); exit 2."""
    _fail(error.message(lang))
    sys.exit(2)


class _Group(click.Group):
    """Turns an unexpected exception into a one-line message and exit code 2 (SUMMARYLINT_DEBUG=1: traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("SUMMARYLINT_DEBUG"):
                raise
            detail = f"{type(exc).__name__}: {exc}"
            _error_exit(SummarylintError(f"internal error: {detail} (run with SUMMARYLINT_DEBUG=1 for details)",
                                         zh=f"内部错误：{detail}（设置 SUMMARYLINT_DEBUG=1 运行可查看详情）"),
                        ctx.meta.get(_LANG_KEY))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarylint")
def main() -> None:
    """Lint and score Chinese work summaries (工作总结, 述职报告, 周报, 项目复盘)."""


def _load_config(config_path: str | None, paths: tuple[str, ...]) -> Config:
    from .config import find_config, load_config

    if config_path:
        return load_config(Path(config_path))
    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = find_config(start if start.exists() else Path.cwd())
    return load_config(found) if found else Config()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default zh).")
@click.option("--no-color", is_flag=True, help="No ANSI colours (default: colours only on a terminal).")
@click.option("--stdin-filename", default=None, help="Name (and so format) for text read from '-'.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: nearest summarylint.toml / pyproject.toml).")
@click.option("--select", default=None, help="Comma-separated rule ids or prefixes to run.")
@click.option("--ignore", default=None, help="Comma-separated rule ids or prefixes to skip.")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--min-score", type=click.IntRange(0, 100), default=None, help="Exit 1 when a file scores below N.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (atomically), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, also apply fixes marked unsafe.")
@click.option("--profile", type=click.Choice(["auto", "kpi", "project", "methodology", "weekly", "annual"]),
              default=None, help="Genre to score as (default auto: detected per file from title, headings, content).")
@click.option("-j", "--jobs", type=click.IntRange(0), default=0, show_default=True,
              help="Worker processes for many files (0: one per CPU when there are enough files; 1: none).")
def check(paths: tuple[str, ...], fmt: str, lang: str | None, no_color: bool, stdin_filename: str | None,
          config_path: str | None, select: str | None, ignore: str | None, fail_level: str | None,
          min_score: int | None, fix: bool, unsafe_fixes: bool, profile: str | None, jobs: int) -> None:
    """Check summaries: files, directories (recursing into .md/.markdown/.txt/.docx) or - for stdin."""
    from .api import Linter
    from .formatters import get_formatter

    _set_lang(lang)
    try:
        config = _load_config(config_path, paths)
        _set_lang(lang or config.lang)
        if select:
            config.select = [s.strip() for s in select.split(",") if s.strip()]
        if ignore:
            config.ignore += [s.strip() for s in ignore.split(",") if s.strip()]
        linter = Linter(config, lang=lang, profile=profile)
        report = linter.lint_paths(paths, stdin_filename, fix=fix, unsafe_fixes=unsafe_fixes, jobs=jobs)
    except SummarylintError as exc:  # --lang, else the config's lang (set on the error), else Chinese
        _error_exit(exc, lang)
    color = not no_color and fmt == "text" and sys.stdout.isatty()
    output = get_formatter(fmt)(report, lang=linter.lang, color=color)
    click.echo(output)
    for error in [*report.input_errors, *(e for f in report.files for e in f.errors)]:
        _fail(error)
    if report.input_errors or any(f.errors for f in report.files):
        sys.exit(2)
    level = _SEVERITY_ORDER[fail_level or config.fail_level or "error"]
    failing = any(_SEVERITY_ORDER[d.severity] >= level for f in report.files for d in f.diagnostics)
    floor = min_score if min_score is not None else config.min_score
    if floor is not None and any(f.score.score < floor for f in report.files):
        failing = True
    sys.exit(1 if failing else 0)


@main.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def list_rules(lang: str) -> None:
    """List every rule: id, name, category, severity, fixable."""
    from .registry import all_rules

    _set_lang(lang)
    try:
        rules = all_rules()
    except SummarylintError as exc:
        _error_exit(exc, lang)
    for rule in rules:
        fixable = "fix" if rule.fixable else "   "
        click.echo(f"{rule.id:<6} {rule.name:<28} {rule.category:<15} {rule.severity:<8} {fixable}")


@main.command("rule")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def show_rule(rule_id: str, lang: str) -> None:
    """Explain one rule (by id or name): what it finds, why, a bad and a good example, the fix."""
    from .registry import all_rules, find_rule

    _set_lang(lang)
    try:
        rule = find_rule(all_rules(), rule_id)
    except SummarylintError as exc:
        _error_exit(exc, lang)
    if rule is None:
        _error_exit(SummarylintError(f"unknown rule: {rule_id} (see `summarylint rules`)",
                                     zh=f"未知的规则：{rule_id}（见 `summarylint rules`）"), lang)
    click.echo(rule_doc(rule, lang))


def rule_doc(rule: Rule, lang: str) -> str:
    """Markdown documentation of one rule, as `summarylint rule ID` prints it."""
    def text(key: str) -> str:
        value = rule.text.get(key) or {}
        return str(value.get(lang) or value.get("zh") or "")

    heads = {"zh": ("原因", "反例", "正例", "修复"), "en": ("Why", "Bad", "Good", "Fix")}[lang]
    parts = [f"# {rule.id} {rule.name}", "",
             f"{rule.category} · {rule.severity}" + (" · fixable" if rule.fixable else ""), "",
             text("message"), ""]
    if text("why"):
        parts += [f"## {heads[0]}", text("why"), ""]
    if rule.bad:
        parts += [f"## {heads[1]}", "```", rule.bad, "```", ""]
    if rule.good:
        parts += [f"## {heads[2]}", "```", rule.good, "```", ""]
    if text("fix"):
        parts += [f"## {heads[3]}", text("fix"), ""]
    return "\n".join(parts).rstrip()


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Use stdin/stdout (the default and only transport; accepted for clients "
              "that always pass it).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Message language (default: the client's initializationOptions, the config's, else zh).")
def lsp(stdio: bool, lang: str | None) -> None:
    """Run the language server (LSP over stdio) for editors; needs pygls: pip install 'summarylint[lsp]'."""
    _set_lang(lang)
    try:
        from .lsp import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        _error_exit(SummarylintError("the language server needs pygls: pip install 'summarylint[lsp]'",
                                     zh="语言服务器需要 pygls：pip install 'summarylint[lsp]'"), lang)
    serve(lang)
