from __future__ import annotations

import codecs
from pathlib import Path

from .conftest import SAMPLES
from .helpers import run_cli, run_json

DIRTY = "一、工作成果\n本季度新增用户XX万，转化率提升到XX%。\n"
CLEAN = "一、工作成果\n本季度新增用户3.2万，转化率由2.1%提升到2.6%。\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_text_output_is_ruff_style_with_score(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY)
    proc = run_cli("check", "--no-color", "--select", "P", str(f))
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"{f}:2:8: P001 ")
    assert "→ 填入实际的" in proc.stdout
    assert "/100" in proc.stdout
    assert "\x1b[" not in proc.stdout


def test_english_messages(tmp_path: Path) -> None:
    proc = run_cli("check", "--lang", "en", str(write(tmp_path / "a.txt", DIRTY)))
    assert "was never filled in" in proc.stdout and "Fill in the actual" in proc.stdout
    one = run_cli("check", "--lang", "en", "--select", "P001", str(write(tmp_path / "b.txt", "一、成果\n新增用户XX万。\n")))
    assert "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file;" in one.stdout
    clean = run_cli("check", "--lang", "en", "--select", "P001", str(write(tmp_path / "c.txt", CLEAN)),
                    str(write(tmp_path / "d.txt", CLEAN)))
    assert "2 files, no problems found" in clean.stdout


def test_check_help_names_every_suffix_a_folder_gives() -> None:
    from summarylint.inputs import DEFAULT_SUFFIXES

    usage = " ".join(run_cli("check", "--help").stdout.split())
    assert "/".join(DEFAULT_SUFFIXES) in usage


def test_json_matches_the_contract(tmp_path: Path) -> None:
    code, data, _ = run_json(str(write(tmp_path / "a.md", DIRTY)))
    assert code == 1
    diag = next(d for d in data["files"][0]["diagnostics"] if d["rule"] == "P001")
    assert (diag["rule"], diag["category"], diag["severity"]) == ("P001", "placeholder", "error")
    assert (diag["line"], diag["column"], diag["end_line"], diag["end_column"]) == (2, 8, 2, 10)
    assert DIRTY[diag["offset"]:diag["end_offset"]] == "XX"
    assert diag["fix"] is None
    assert data["summary"]["files"] == 1 and data["summary"]["errors"] >= 2


def test_exit_codes(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", CLEAN)
    assert run_cli("check", "--select", "P", str(clean)).returncode == 0
    assert run_cli("check", str(write(tmp_path / "d.txt", DIRTY))).returncode == 1
    assert run_cli("check", "--select", "P", "--min-score", "100", str(clean)).returncode in (0, 1)
    assert run_cli("check", str(tmp_path / "missing.txt")).returncode == 2
    bad = run_cli("check", "--format", "xml", str(clean))
    assert bad.returncode == 2


def test_stdin_with_filename() -> None:
    code, data, _ = run_json("-", "--stdin-filename", "周报.md", stdin=DIRTY.encode())
    assert code == 1
    assert data["files"][0]["path"] == "周报.md"


def test_binary_file_is_a_one_line_error_and_others_still_checked(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    write(folder / "a.txt", DIRTY)
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00")
    write(folder / "c.md", CLEAN)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, data, stderr = run_json(str(folder))
    assert code == 2
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "c.md"]
    assert stderr.strip().splitlines() == [f"summarylint: {folder / 'b.txt'}: 二进制文件（含 NUL 字节），不是文本总结"]
    assert "Traceback" not in stderr
    code, data, stderr = run_json(str(folder), "--lang", "en")
    assert code == 2 and [Path(f["path"]).name for f in data["files"]] == ["a.txt", "c.md"]
    assert stderr.strip().splitlines() == [f"summarylint: {folder / 'b.txt'}: binary file (contains NUL bytes), "
                                           "not a text summary"]


def test_empty_file_is_checked_and_scores_low(tmp_path: Path) -> None:
    _code, data, stderr = run_json(str(write(tmp_path / "empty.md", "")))
    assert "Traceback" not in stderr
    assert data["files"][0]["score"] < 50


def test_gbk_and_utf16_files_give_the_same_findings_as_utf8(tmp_path: Path) -> None:
    results = []
    for name, encoding in [("u8.txt", "utf-8"), ("gbk.txt", "gbk"), ("u16.txt", "utf-16"), ("sig.txt", "utf-8-sig")]:
        _, data, _ = run_json(str(write(tmp_path / name, DIRTY, encoding)))
        results.append([(d["rule"], d["line"], d["column"]) for d in data["files"][0]["diagnostics"]])
    assert all(r == results[0] for r in results)


def test_crlf_copy_keeps_positions() -> None:
    _, lf, _ = run_json(str(SAMPLES / "kpi_placeholders.txt"))
    _, crlf, _ = run_json(str(SAMPLES / "kpi_placeholders_crlf.txt"))
    _, gbk, _ = run_json(str(SAMPLES / "kpi_placeholders_gbk.txt"))

    def where(data):  # type: ignore[no-untyped-def]
        return [(d["rule"], d["line"], d["column"], d["end_column"]) for d in data["files"][0]["diagnostics"]]

    assert where(lf) == where(crlf) == where(gbk)
    assert gbk["files"][0]["encoding"] == "gb18030"


def test_broken_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "summarylint.toml").write_text("select = [\n", encoding="utf-8")
    proc = run_cli("check", str(write(tmp_path / "a.txt", CLEAN)))
    assert proc.returncode == 2
    assert proc.stderr.startswith("summarylint: ") and "summarylint.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "TOML 格式有误" in proc.stderr  # Chinese by default (more in test_error_messages.py)


def test_config_ignore_is_honoured(tmp_path: Path) -> None:
    (tmp_path / "summarylint.toml").write_text('ignore = ["P001"]\n', encoding="utf-8")
    _code, data, _ = run_json(str(write(tmp_path / "a.txt", DIRTY)))
    assert "P001" not in {d["rule"] for d in data["files"][0]["diagnostics"]}


def test_rules_and_rule_commands() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0 and "P001" in listing.stdout and "latin-placeholder" in listing.stdout
    doc = run_cli("rule", "P001")
    assert doc.returncode == 0 and "客户续约率达到XX%" in doc.stdout
    assert run_cli("rule", "latin-placeholder", "--lang", "en").stdout.count("Why") == 1
    assert run_cli("rule", "Z999").returncode == 2


def test_bom_and_encoding_survive_fix(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(codecs.BOM_UTF8 + CLEAN.encode())
    proc = run_cli("check", "--fix", str(f))
    assert proc.returncode in (0, 1)
    assert f.read_bytes().startswith(codecs.BOM_UTF8)


def test_fix_says_how_many_edits_it_wrote(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "一、工作成果\n全年新签客户57家,回款3200万元.\n本文由用户上传分享，如有侵权请联系删除。\n")
    proc = run_cli("check", "--fix", str(f))
    assert "已自动修复 3 处（1 个文件）" in proc.stdout, proc.stdout  # , . and the footer line
    english = run_cli("check", "--fix", "--lang", "en", str(write(tmp_path / "b.txt", "一、成果\n新签客户57家,回款3200万元.\n")))
    assert "2 fixed in 1 file;" in english.stdout, english.stdout
    again = run_cli("check", "--fix", str(f))
    assert "已自动修复" not in again.stdout  # nothing left to fix


def test_fix_refuses_stdin() -> None:
    proc = run_cli("check", "--fix", "-", stdin=DIRTY.encode())
    assert proc.returncode == 2 and "stdin" in proc.stderr


def test_colours_only_when_asked() -> None:
    from summarylint import lint_text
    from summarylint.formatters.text_format import format_text
    from summarylint.report import RunReport

    run = RunReport(files=[lint_text(DIRTY, path="a.txt")])
    coloured = format_text(run, lang="zh", color=True)
    plain = format_text(run, lang="en", color=False)
    assert "\x1b[31m" in coloured  # errors in red
    assert "\x1b[" not in plain and "Found " in plain
