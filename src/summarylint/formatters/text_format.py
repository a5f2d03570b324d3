"""Human output in the style of ruff/eslint: path:line:col: RULE message, the suggestion under it."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..report import FileReport, RunReport

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "score": "得分",
           "found": "共发现 {n} 个问题（{e} 个错误，{w} 个警告，{i} 个提示），{f} 个文件",
           "clean": "{f} 个文件，没有发现问题", "mean": "平均分 {m}", "kinds": "章节"},
    "en": {"error": "error", "warning": "warning", "info": "info", "score": "score",
           "found": "Found {n} problems ({e} errors, {w} warnings, {i} infos) in {f} files",
           "clean": "{f} files, no problems found", "mean": "mean score {m}", "kinds": "sections"},
}


def format_text(report: RunReport, *, lang: str = "zh", color: bool = False) -> str:
    words = _WORDS[lang]

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    for file in report.files:
        out.extend(_file_lines(file, words, style))
    n = report.count()
    summary = words["found"] if n else words["clean"]
    line = summary.format(n=n, e=report.count("error"), w=report.count("warning"), i=report.count("info"),
                          f=len(report.files))
    if report.files:
        line += "；" if lang == "zh" else "; "
        line += words["mean"].format(m=report.mean_score())
    out.append(style(line, bold=True))
    return "\n".join(out)


def _file_lines(file: FileReport, words: dict[str, str], style: Callable[..., str]) -> list[str]:
    lines = []
    for d in file.diagnostics:
        where = style(f"{file.path}:{d.line}:{d.column}:", bold=True)
        sev = style(words[d.severity], fg=_COLORS[d.severity])
        rule = style(d.rule, fg=_COLORS[d.severity], bold=True)
        lines.append(f"{where} {rule} {sev} {d.message}")
        if d.suggestion:
            lines.append(f"    → {d.suggestion}")
    kinds = "/".join(dict.fromkeys(s.kind for s in file.document.sections() if s.level <= 2))
    score = f"{file.path}: {words['score']} {file.score.score}/100 ({file.score.grade})"
    lines.append(style(score, bold=True) + (f"  {words['kinds']}: {kinds}" if kinds else ""))
    lines.append("")
    return lines
