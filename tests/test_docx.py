"""Word documents: a .docx made with python-docx from a text gives the same findings as the text,
with line N = paragraph N; headings come from Word heading styles as well as typed numbering."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from summarylint import lint_paths
from summarylint.decode import decode_bytes
from summarylint.fixes import refuse_reason as refuse_fix_reason
from summarylint.parse_docx import read_docx

from .conftest import SAMPLES
from .helpers import run_cli, run_json

CN_DUN = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]+[、.．]")
CN_PAREN = re.compile(r"^[ \t\u3000]*[（(][一二三四五六七八九十]+[）)]")


def make_docx(path: Path, text: str, *, styled: bool = False) -> Path:
    """One paragraph per line; styled: 一、 lines get Heading 1, （一） lines Heading 2, a short first line Title."""
    document = docx.Document()
    for i, line in enumerate(text.split("\n")):
        style = None
        if styled and CN_DUN.match(line):
            style = "Heading 1"
        elif styled and CN_PAREN.match(line):
            style = "Heading 2"
        elif styled and i == 0 and 0 < len(line.strip()) <= 40:
            style = "Title"
        document.add_paragraph(line, style=style)
    document.save(str(path))
    return path


def findings(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(d["rule"], d["line"], d["column"], d["end_line"], d["end_column"], d["message"])
            for d in report["files"][0]["diagnostics"]]


def sections(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(s["kind"], s["title"], s["level"], s["line"], s["end_line"]) for s in report["files"][0]["sections"]]


def check_json(path: Path) -> dict[str, Any]:
    code, report, _ = run_json(str(path))
    assert code in (0, 1)
    return report


def test_plain_paragraphs_give_exactly_the_text_findings(tmp_path: Path) -> None:
    text = (SAMPLES / "kpi_placeholders.txt").read_text(encoding="utf-8")
    txt = tmp_path / "kpi.txt"
    txt.write_text(text, encoding="utf-8")
    as_text = check_json(txt)
    as_docx = check_json(make_docx(tmp_path / "kpi.docx", text))
    assert findings(as_docx) == findings(as_text)
    assert sections(as_docx) == sections(as_text)
    assert as_docx["files"][0]["score"] == as_text["files"][0]["score"]
    assert as_docx["files"][0]["encoding"] == "docx"
    # Line N is paragraph N: the flagged text sits at that paragraph's columns.
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "kpi.docx")).paragraphs]
    for d in as_docx["files"][0]["diagnostics"]:
        if d["line"] == d["end_line"] and d["rule"] == "P001":
            assert re.fullmatch(r"[Xx]{2,}", paragraphs[d["line"] - 1][d["column"] - 1:d["end_column"] - 1])


def test_heading_styles_give_the_same_tree_and_findings(tmp_path: Path) -> None:
    text = (SAMPLES / "kpi_placeholders.txt").read_text(encoding="utf-8")
    txt = tmp_path / "kpi.txt"
    txt.write_text(text, encoding="utf-8")
    as_text = check_json(txt)
    as_docx = check_json(make_docx(tmp_path / "kpi.docx", text, styled=True))
    assert sorted(d[0] for d in findings(as_docx)) == sorted(d[0] for d in findings(as_text))
    assert [d[:5] for d in findings(as_docx)] == [d[:5] for d in findings(as_text)]
    assert sections(as_docx) == sections(as_text)


TEXT_FIXTURES = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES.parent / "calibration").glob("*.txt"))


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.name)
def test_every_text_fixture_reads_the_same_as_docx(tmp_path: Path, fixture: Path) -> None:
    """The docx reader must stay in step with the plain-text parser (parse_text.py) line by line."""
    text = decode_bytes(fixture.read_bytes(), fixture.name).text.replace("\r\n", "\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    make_docx(tmp_path / "a.docx", text)
    as_text, as_docx = (f.to_json() for f in lint_paths([tmp_path / "a.txt", tmp_path / "a.docx"]).files)
    assert as_docx["diagnostics"] == as_text["diagnostics"]
    assert as_docx["sections"] == as_text["sections"]
    assert as_docx["score"] == as_text["score"]


def test_unnumbered_word_headings_make_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("2024年度工作总结", style="Title")
    document.add_paragraph("工作成果", style="Heading 1")
    document.add_paragraph("报销系统二期", style="Heading 2")
    document.add_paragraph("负责需求梳理和验收，上线后报销周期由7天缩短到3天。")
    document.add_paragraph("问题与不足", style="Heading 1")
    document.add_paragraph("跨部门沟通不够主动，导致需求变更两次。")
    document.add_paragraph("明年计划", style="Heading 1")
    document.add_paragraph("2025年6月前完成三期上线，报销周期缩短到2天。")
    path = tmp_path / "a.docx"
    document.save(str(path))
    got = sections(check_json(path))
    assert [(kind, title, level, line) for kind, title, level, line, _ in got] == [
        ("results", "工作成果", 1, 2), ("results", "报销系统二期", 2, 3),
        ("reflection", "问题与不足", 1, 5), ("plan", "明年计划", 1, 7)]


def test_chinese_style_names_and_outline_levels(tmp_path: Path) -> None:
    document = docx.Document()
    # As WPS writes them: styles named 标题 1 / 标题 2, and a custom style that only has an outline level.
    for name in ("标题 1", "标题 2"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    custom = document.styles.add_style("我的小标题", WD_STYLE_TYPE.PARAGRAPH)
    ppr = custom.element.get_or_add_pPr()
    level = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): "2"})
    ppr.append(level)
    document.add_paragraph("工作成果", style="标题 1")
    document.add_paragraph("项目甲", style="标题 2")
    document.add_paragraph("细节", style="我的小标题")
    document.add_paragraph("用户数XX万。")
    path = tmp_path / "wps.docx"
    document.save(str(path))
    source = read_docx(path.read_bytes(), str(path))
    assert [p.heading_level for p in source.paragraphs] == [1, 2, 3, None]
    report = check_json(path)
    assert [(s[1], s[2]) for s in sections(report)] == [("工作成果", 1), ("项目甲", 2), ("细节", 3)]
    assert [(d[0], d[1], d[2]) for d in findings(report) if d[0] == "P001"] == [("P001", 4, 4)]


def test_tables_soft_breaks_and_content_controls_are_lines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、核心指标")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成值"
    table.cell(1, 0).text = "日活"
    table.cell(1, 1).text = "XX万"
    run = document.add_paragraph("第一行").add_run()
    run.add_break()
    run.add_text("续写XX")
    path = tmp_path / "t.docx"
    document.save(str(path))
    source = read_docx(path.read_bytes(), str(path))
    assert [p.text for p in source.paragraphs] == ["一、核心指标", "指标", "完成值", "日活", "XX万", "第一行 续写XX"]
    assert [p.cell for p in source.paragraphs] == [None, (0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), None]
    placeholders = [(d[1], d[2]) for d in findings(check_json(path)) if d[0] == "P001"]
    assert placeholders == [(5, 1), (6, 7)]


def docx_with_table(path: Path, before: list[str], rows: list[tuple[str, ...]], after: list[str]) -> Path:
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_a_word_table_is_read_by_rows_like_a_markdown_one(tmp_path: Path) -> None:
    # The same table as Markdown and as Word: the 合计 row that does not add up is reported in both,
    # and the rows count as results (the score reads each row as one result with its columns).
    rows = [("渠道", "新增粉丝", "环比"), ("抖音", "1.2万", "+20%"), ("小红书", "0.8万", "+15%"),
            ("公众号", "0.5万", "-5%"), ("合计", "2.8万", "+12%")]
    word = check_json(docx_with_table(tmp_path / "t.docx", ["一、工作成果"], rows, []))
    markdown_text = "一、工作成果\n\n" + "\n".join(
        "| " + " | ".join(row) + " |" + ("\n| --- | --- | --- |" if i == 0 else "") for i, row in enumerate(rows))
    (tmp_path / "t.md").write_text(markdown_text + "\n", encoding="utf-8")
    markdown = check_json(tmp_path / "t.md")
    assert [d[0] for d in findings(word) if d[0].startswith("C")] == ["C006"]
    assert [d[0] for d in findings(markdown) if d[0].startswith("C")] == ["C006"]
    [total] = [d for d in findings(word) if d[0] == "C006"]
    assert total[1:3] == (15, 1)  # the 合计 cell's figure: paragraph 15 is the cell "2.8万"
    for report in (word, markdown):
        signals = report["files"][0]["scoring"]["signals"]
        assert (signals["results_sentences"], signals["results_with_figure"]) == (4, 4)


def test_a_word_plan_table_gives_one_commitment_per_row(tmp_path: Path) -> None:
    rows = [("事项", "目标", "完成时间"), ("上线新版排班系统", "覆盖全部3个班组", "2025年3月31日前"),
            ("降低交接差错", "差错率降到0.5%以下", ""), ("培训新员工", "", "6月底前")]
    report = check_json(docx_with_table(tmp_path / "plan.docx", ["一、工作成果", "全年完成出库186万单，较上年增长12%。",
                                                               "二、存在问题", "夜班交接差错较多，原因是交接单不全。",
                                                               "三、下一步计划"], rows, []))
    found = {(d[0], d[1]) for d in findings(report) if d[0] in ("L001", "L002")}
    # rows start at paragraphs 9, 12 and 15: the second has no date, the third no target
    assert found == {("L002", 12), ("L001", 15)}
    assert report["files"][0]["scoring"]["signals"]["plan_items"] == 3


def test_corrupt_docx_is_a_one_line_input_error(tmp_path: Path) -> None:
    (tmp_path / "garbage.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(tmp_path / "nodoc.docx", "w") as archive:
        archive.writestr("hello.txt", "no word/document.xml here")
    truncated = make_docx(tmp_path / "full.docx", "一、成果\n用户XX万。\n").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(truncated[: len(truncated) // 2])
    for name in ("garbage.docx", "nodoc.docx", "truncated.docx"):
        proc = run_cli("check", str(tmp_path / name))
        assert proc.returncode == 2, name
        [line] = proc.stderr.strip().splitlines()
        assert line.startswith(f"summarylint: {tmp_path / name}: 不是可读取的 Word 文档（.docx）："), line
        assert "Traceback" not in proc.stderr
        proc = run_cli("check", "--lang", "en", str(tmp_path / name))
        assert proc.returncode == 2, name
        [line] = proc.stderr.strip().splitlines()
        assert line.startswith(f"summarylint: {tmp_path / name}: not a readable Word document (.docx): "), line


def test_directories_include_docx_but_not_word_lock_files(tmp_path: Path) -> None:
    make_docx(tmp_path / "周报.docx", "二、工作成果\n新增用户XX万。\n")
    (tmp_path / "~$周报.docx").write_bytes(b"\x00lock")
    (tmp_path / "notes.txt").write_text("二、工作成果\n新增用户3.2万。\n", encoding="utf-8")
    report = lint_paths([tmp_path])
    assert report.input_errors == []
    assert sorted(Path(f.path).name for f in report.files) == ["notes.txt", "周报.docx"]
    [word] = [f for f in report.files if f.path.endswith(".docx")]
    assert word.document.format == "docx" and [d.rule for d in word.diagnostics if d.rule == "P001"] == ["P001"]


def test_fix_refuses_word_documents(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "二、工作成果\n新增用户XX万,转化率XX%.\n")
    before = path.read_bytes()
    assert refuse_fix_reason(str(path)) is not None and refuse_fix_reason("a.md") is None
    proc = run_cli("check", "--fix", "--no-color", str(path))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"summarylint: {path}: --fix 不修改 Word 文档（会丢失其格式）；请按建议在 Word 中修改，或用 --fix 检查它的 .txt/.md 副本"]
    assert path.read_bytes() == before
    # The document was still checked: its findings (the suggestions to apply in Word) are printed, and
    # the summary does not claim a clean run of 0 files.
    assert f"{path}:2:5: P001 错误" in proc.stdout and "没有发现问题" not in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("共发现 ") and "，1 个文件；" in proc.stdout
    english = run_cli("check", "--fix", "--no-color", "--lang", "en", str(path))
    assert english.returncode == 2 and english.stderr.strip().splitlines() == [
        f"summarylint: {path}: --fix does not edit Word documents (it would lose their formatting); "
        "apply the suggestions in Word, or check a .txt/.md copy with --fix"]
    assert "no problems found" not in english.stdout and " in 1 file;" in english.stdout
    code, report, _ = run_json("--fix", str(path))
    assert code == 2 and [d["rule"] for d in report["files"][0]["diagnostics"]].count("P001") == 2
    assert report["errors"] == [proc.stderr.strip().removeprefix("summarylint: ")]
    assert path.read_bytes() == before


def test_stdin_with_a_docx_name(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "a.docx", "二、工作成果\n新增用户XX万。\n").read_bytes()
    code, report, _ = run_json("--stdin-filename", "周报.docx", "-", stdin=data)
    assert code == 1 and report["files"][0]["path"] == "周报.docx"
    assert [(d["rule"], d["line"]) for d in report["files"][0]["diagnostics"] if d["rule"] == "P001"] == [("P001", 2)]


def test_seed_first_sample_as_docx(tmp_path: Path, seed_text: str) -> None:
    first = seed_text[: seed_text.index("篇二")] if "篇二" in seed_text else seed_text
    txt = tmp_path / "seed1.txt"
    txt.write_text(first, encoding="utf-8")
    as_text = check_json(txt)
    for styled in (False, True):
        as_docx = check_json(make_docx(tmp_path / f"seed1-{styled}.docx", first, styled=styled))
        ids = sorted(d[0] for d in findings(as_docx))
        assert ids == sorted(d[0] for d in findings(as_text)), styled
        assert [d[1:3] for d in findings(as_docx)] == [d[1:3] for d in findings(as_text)]
        assert ids.count("P001") >= 20


def test_cold_check_imports_neither_docx_nor_pygls(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("二、工作成果\n新增用户XX万。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "summarylint", "check", str(path)],
                          capture_output=True, text=True, timeout=60)
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}
    assert "summarylint" in modules
    assert not modules & {"docx", "lxml", "pygls", "lsprotocol"}


@pytest.mark.parametrize("name", ["a.DOCX", "b.docx"])
def test_suffix_is_case_insensitive(tmp_path: Path, name: str) -> None:
    path = make_docx(tmp_path / name, "二、工作成果\n新增用户XX万。\n")
    assert [d[0] for d in findings(check_json(path))].count("P001") == 1


def test_without_python_docx_the_error_says_what_to_install(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "二、工作成果\n新增用户XX万。\n")
    code = "import sys; sys.modules['docx'] = None; from summarylint.cli import main; main(['check', sys.argv[1]])"
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"summarylint: {path}: 读取 .docx 需要 python-docx：pip install 'summarylint[docx]'"]
    proc = subprocess.run([sys.executable, "-c", code.replace("'check'", "'check', '--lang', 'en'"), str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"summarylint: {path}: reading .docx needs python-docx: pip install 'summarylint[docx]'"]
