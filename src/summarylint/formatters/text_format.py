"""Human output in the style of ruff/eslint: path:line:col: RULE message, the suggestion under it."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..report import FileReport, RunReport

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "score": "得分",
           "found": "共发现 {n} 个问题（{e} 个错误，{w} 个警告，{i} 个提示），{f} 个文件",
           "clean": "{f} 个文件，没有发现问题", "mean": "平均分 {m}", "kinds": "章节",
           "none": "没有检查任何文件", "unread": "{u} 个文件无法读取",
           "fixed": "已自动修复 {x} 处（{fx} 个文件），上面是修复后剩下的问题",
           "genre": "体裁", "gains": "提分", "gain_rule": "修复 {rule} {name}（{count} 处）", "now": "（目前 {value}）",
           "cap": "封顶 {max} 分：{label}", "why": "（{reason}）"},
    "en": {"error": "error", "warning": "warning", "info": "info", "score": "score",
           "found": "Found {n} problem{ns} ({e} error{es}, {w} warning{ws}, {i} info) in {f} file{fs}",
           "clean": "{f} file{fs}, no problems found", "mean": "mean score {m}", "kinds": "sections",
           "none": "No files checked", "unread": "{u} could not be read",
           "fixed": "{x} fixed in {fx} file{fxs}; what is listed above remains",
           "genre": "genre", "gains": "to gain", "gain_rule": "fix {rule} {name} ({count}×)", "now": " (now {value})",
           "cap": "capped at {max}: {label}", "why": " ({reason})"},
}


def format_text(report: RunReport, *, lang: str = "zh", color: bool = False) -> str:
    words = _WORDS[lang]

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    for file in report.files:
        out.extend(_file_lines(file, words, style, lang))
    n = report.count()
    summary = words["found"] if n else words["clean"]
    counts = {"n": n, "e": report.count("error"), "w": report.count("warning"), "i": report.count("info"),
              "f": len(report.files)}
    plurals = {f"{key}s": "" if value == 1 else "s" for key, value in counts.items()}  # (the Chinese has none)
    parts = [summary.format(**counts, **plurals)]
    if report.files:
        parts.append(words["mean"].format(m=report.mean_score()))
    elif report.input_errors:  # "0 files, no problems found" would sound like a clean run
        parts = [words["none"]]
    if report.input_errors:  # the messages themselves are on stderr
        parts.append(words["unread"].format(u=len(report.input_errors)))
    fixed = [file.fixed for file in report.files if file.fixed]
    if fixed:  # --fix: say what it did, as `ruff --fix` does
        parts.append(words["fixed"].format(x=sum(fixed), fx=len(fixed), fxs="" if len(fixed) == 1 else "s"))
    out.append(style(("；" if lang == "zh" else "; ").join(parts), bold=True))
    return "\n".join(out)


def _file_lines(file: FileReport, words: dict[str, str], style: Callable[..., str], lang: str = "zh") -> list[str]:
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
    lines.append(style(score, bold=True) + _genre(file, words) + (f"  {words['kinds']}: {kinds}" if kinds else ""))
    lines.extend(_score_lines(file, words, lang))
    lines.append("")
    return lines


def _genre(file: FileReport, words: dict[str, str]) -> str:
    genre = file.score.profile
    return f"  {words['genre']}: {genre.name}" + words["why"].format(reason=genre.reason) if genre else ""


def _score_lines(file: FileReport, words: dict[str, str], lang: str) -> list[str]:
    """Per-sample scores (a file holding 篇一/篇二…) and the fixes that would raise the score most."""
    from ..scoring import gains_shown, grade_for

    lines = []
    several = len(file.score.units) > 1
    for unit in file.score.units:
        binding = min((c for c in unit.caps if c.max < unit.uncapped), key=lambda c: c.max, default=None)
        cap = ""
        if binding is not None:  # the lowest cap below the weighted mean is what holds the score down
            label = binding.label.get(lang) or binding.label.get("zh") or binding.id
            cap = words["cap"].format(max=binding.max, label=label)
        if several:
            score = round(unit.overall)
            lines.append(f"    {unit.title[:30]}: {words['score']} {score}/100 ({grade_for(score)})  "
                         f"{words['genre']}: {unit.profile}" + (f"  {cap}" if cap else ""))
        elif cap:
            lines.append(f"    {cap}")
    shown = [g for g in file.score.gains if g.gain >= 0.5][:gains_shown()]
    for i, gain in enumerate(shown):
        head = f"    {words['gains']}: " if i == 0 else " " * (len(words["gains"]) * (2 if lang == "zh" else 1) + 6)
        if gain.rule:
            what = words["gain_rule"].format(rule=gain.rule, name=gain.name, count=gain.count)
        else:
            advice = gain.advice.get(lang) or gain.advice.get("zh") or gain.signal
            what = advice + (words["now"].format(value=gain.value) if "/" in gain.value else "")
        lines.append(f"{head}+{gain.gain:.1f} {what}")
    return lines
