"""GitHub Actions workflow commands (`--format github`): each finding becomes an annotation on
the pull request's diff.

    ::error file=周报.md,line=12,col=8,endLine=12,endColumn=10,title=P001::P001 占位符“XX”未替换%0A→ 填入…

error → `::error`, warning → `::warning`, info → `::notice`. Values are escaped as the runner
expects: `%`, CR and LF in the message; additionally `:` and `,` in properties. Columns are
code points, like every other output. A last plain line sums the run up in the job log.
"""

from __future__ import annotations

from ..report import RunReport

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(report: RunReport, *, lang: str = "zh", **_: object) -> str:
    lines = []
    for file in report.files:
        path = escape_property(file.path)
        for d in file.diagnostics:
            props = (f"file={path},line={d.line},col={d.column},endLine={d.end_line},"
                     f"endColumn={d.end_column},title={escape_property(d.rule)}")
            message = f"{d.rule} {d.message}"
            if d.suggestion:
                message += f"\n→ {d.suggestion}"
            lines.append(f"::{COMMANDS[d.severity]} {props}::{escape_data(message)}")
    n, scores = report.count(), report.mean_score()
    if lang == "zh":
        lines.append(f"summarylint：{len(report.files)} 个文件，{n} 个问题"
                     f"（{report.count('error')} 个错误），平均分 {scores}")
    else:
        lines.append(f"summarylint: {len(report.files)} files, {n} problems ({report.count('error')} errors), "
                     f"mean score {scores}")
    return "\n".join(lines)
