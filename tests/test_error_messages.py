"""Errors (bad input, config, usage, a rule that fails) speak the message language, as findings do:
Chinese by default, English with --lang en (or the config's `lang`). The one-line format
`summarylint: <path>: <message>` and exit code 2 are the same in both."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from summarylint import lint_paths
from summarylint.api import Linter
from summarylint.config import Config, load_config
from summarylint.errors import ConfigError, InputError, SummarylintError

from .helpers import run_cli, run_json

SUMMARY = "一、工作成果\n本季度新增用户XX万。\n"

# The real CLI with one extra check that always raises, for a rule pack that uses it.
WITH_BOOM = textwrap.dedent('''
    import sys
    from summarylint.registry import check

    @check("test-boom")
    def boom(doc, ctx):
        raise RuntimeError("kaputt")

    from summarylint.cli import main
    main(sys.argv[1:])
''')
BOOM_PACK = """\
- id: X950
  name: boom
  category: style
  severity: info
  check: test-boom
  message: {zh: "不会出现", en: "never shown"}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stderr_lines(*args: str, cwd: Path | None = None) -> tuple[int, list[str], str]:
    proc = run_cli("check", "--no-color", *args, cwd=cwd)
    return proc.returncode, proc.stderr.strip().splitlines(), proc.stdout


# -- input errors -----------------------------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "没有这个文件.md"
    code, lines, stdout = stderr_lines(str(missing))
    assert code == 2 and lines == [f"summarylint: {missing}: 找不到文件或目录"]
    assert stdout.strip() == "没有检查任何文件；1 个文件无法读取"  # not "0 个文件，没有发现问题"
    code, lines, stdout = stderr_lines("--lang", "en", str(missing))
    assert code == 2 and lines == [f"summarylint: {missing}: no such file or directory"]
    assert stdout.strip() == "No files checked; 1 could not be read"


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "pic.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    ok = write(tmp_path / "ok.txt", SUMMARY)
    code, lines, stdout = stderr_lines(str(binary), str(ok))
    assert code == 2 and lines == [f"summarylint: {binary}: 二进制文件（含 NUL 字节），不是文本总结"]
    assert stdout.strip().splitlines()[-1].endswith("；1 个文件无法读取")  # and ok.txt was checked
    assert f"{ok}:2:" in stdout
    code, lines, stdout = stderr_lines("--lang", "en", str(binary), str(ok))
    assert code == 2 and lines == [f"summarylint: {binary}: binary file (contains NUL bytes), not a text summary"]
    assert stdout.strip().splitlines()[-1].endswith("; 1 could not be read")


def test_undecodable_bytes_keep_the_technical_details(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe" + "一、成果".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    _code, [zh], _ = stderr_lines(str(bad))
    _code, [en], _ = stderr_lines("--lang", "en", str(bad))
    assert en == f"summarylint: {bad}: not valid utf-16-le at byte 8"
    assert zh == f"summarylint: {bad}: 第 8 字节处不是有效的 utf-16-le 编码"


def test_corrupt_docx(tmp_path: Path) -> None:
    broken = tmp_path / "述职报告.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("hello.txt", "no word/document.xml here")
    code, [zh], _ = stderr_lines(str(broken))
    assert code == 2 and zh.startswith(f"summarylint: {broken}: 不是可读取的 Word 文档（.docx）：")
    code, [en], _ = stderr_lines("--lang", "en", str(broken))
    assert code == 2 and en.startswith(f"summarylint: {broken}: not a readable Word document (.docx): ")
    # The reason (python-docx's own words) is the same in both.
    assert zh.split("（.docx）：", 1)[1] == en.split("(.docx): ", 1)[1]


# -- config errors ----------------------------------------------------------------------------------------
def test_broken_config(tmp_path: Path) -> None:
    config = write(tmp_path / "summarylint.toml", "select = [\n")
    target = write(tmp_path / "a.txt", SUMMARY)
    code, [zh], _ = stderr_lines(str(target))
    assert code == 2 and zh.startswith(f"summarylint: {config}: TOML 格式有误：")
    code, [en], _ = stderr_lines("--lang", "en", str(target))
    assert code == 2 and en.startswith(f"summarylint: {config}: invalid TOML: ")
    assert zh.split("：", 1)[1] == en.split("invalid TOML: ", 1)[1]  # tomllib's position, as it gave it


def test_a_config_error_speaks_the_config_language_when_it_has_one(tmp_path: Path) -> None:
    config = write(tmp_path / "summarylint.toml", 'lang = "en"\nfail_levle = "warning"\n')
    target = write(tmp_path / "a.txt", SUMMARY)
    code, lines, _ = stderr_lines(str(target))
    assert code == 2 and lines == [f"summarylint: {config}: unknown setting(s): fail_levle"]
    code, lines, _ = stderr_lines("--lang", "zh", str(target))  # --lang wins
    assert code == 2 and lines == [f"summarylint: {config}: 未知的设置项：fail_levle"]
    write(config, 'lang = "fr"\n')  # no valid language to go by: Chinese
    code, lines, _ = stderr_lines(str(target))
    assert code == 2 and lines == [f"summarylint: {config}: `lang` 应为 zh 或 en"]


def test_broken_rule_pack(tmp_path: Path) -> None:
    write(tmp_path / "team.yaml", "- id: X1\n  name: [unclosed\n")
    config = write(tmp_path / "summarylint.toml", 'rule_packs = ["team.yaml", "missing.yaml"]\n')
    target = write(tmp_path / "a.txt", SUMMARY)
    code, lines, _ = stderr_lines(str(target))
    assert code == 2 and lines == [f"summarylint: {config}: 找不到规则包：{tmp_path / 'missing.yaml'}"]
    write(config, 'rule_packs = ["team.yaml"]\n')
    code, [zh], _ = stderr_lines(str(target))
    assert code == 2 and zh.startswith(f"summarylint: {tmp_path / 'team.yaml'}:3: YAML 格式有误：")
    code, [en], _ = stderr_lines("--lang", "en", str(target))
    assert en.startswith(f"summarylint: {tmp_path / 'team.yaml'}:3: invalid YAML: ")
    write(config, 'rule_packs = ["team.yaml"]\nlang = "en"\n')  # the config's language, once it is read
    code, [en_by_config], _ = stderr_lines(str(target))
    assert en_by_config == en


# -- a rule that raises -----------------------------------------------------------------------------------
def test_a_rule_that_raises(tmp_path: Path) -> None:
    write(tmp_path / "boom.yaml", BOOM_PACK)
    config = write(tmp_path / "summarylint.toml", 'rule_packs = ["boom.yaml"]\n')
    target = write(tmp_path / "a.txt", SUMMARY)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", WITH_BOOM, "check", "--no-color", *args, str(target)],
                              capture_output=True, text=True, timeout=120)

    zh = run()
    assert zh.returncode == 2
    assert zh.stderr.strip().splitlines() == [f"summarylint: {target}: 规则 X950（boom）运行出错：RuntimeError: kaputt"]
    assert f"{target}:2:" in zh.stdout  # the other rules still ran
    en = run("--lang", "en")
    assert en.returncode == 2
    assert en.stderr.strip().splitlines() == [f"summarylint: {target}: rule X950 (boom) failed: RuntimeError: kaputt"]
    write(config, 'rule_packs = ["boom.yaml"]\nlang = "en"\n')
    assert run().stderr == en.stderr


# -- usage errors -----------------------------------------------------------------------------------------
def test_fix_refuses_stdin_in_both_languages() -> None:
    proc = run_cli("check", "--fix", "--no-color", "-", stdin=SUMMARY.encode())
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["summarylint: --fix 只能修改文件；从标准输入（stdin）读入的文本只检查，不修改"]
    assert "-:2:" in proc.stdout and "没有发现问题" not in proc.stdout  # checked, not fixed
    proc = run_cli("check", "--fix", "--lang", "en", "-", stdin=SUMMARY.encode())
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["summarylint: --fix needs files; text from stdin is only checked"]


def test_unknown_rule() -> None:
    assert run_cli("rule", "Z999").stderr.strip() == "summarylint: 未知的规则：Z999（见 `summarylint rules`）"
    english = run_cli("rule", "Z999", "--lang", "en")
    assert english.returncode == 2
    assert english.stderr.strip() == "summarylint: unknown rule: Z999 (see `summarylint rules`)"


def test_an_internal_error_is_one_line_in_the_message_language(tmp_path: Path) -> None:
    target = write(tmp_path / "a.txt", SUMMARY)
    code = ("import sys; import summarylint.api as api\n"
            "def broken(*a, **k): raise ValueError('oops')\n"
            "api.Linter.lint_paths = broken\n"
            "from summarylint.cli import main; main(sys.argv[1:])")
    for lang, expected in [(None, "summarylint: 内部错误：ValueError: oops（设置 SUMMARYLINT_DEBUG=1 运行可查看详情）"),
                           ("en", "summarylint: internal error: ValueError: oops "
                                  "(run with SUMMARYLINT_DEBUG=1 for details)")]:
        args = ["check", str(target), *(["--lang", lang] if lang else [])]
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                              env={k: v for k, v in os.environ.items() if k != "SUMMARYLINT_DEBUG"})
        assert proc.returncode == 2 and proc.stderr.strip() == expected


# -- the error objects and the API ------------------------------------------------------------------------
def test_errors_carry_both_texts_and_str_is_chinese_unless_told() -> None:
    error = InputError("a.txt: no such file or directory", zh="a.txt: 找不到文件或目录")
    assert str(error) == error.message() == error.message("zh") == "a.txt: 找不到文件或目录"
    assert error.message("en") == "a.txt: no such file or directory"
    error.lang = "en"
    assert str(error) == "a.txt: no such file or directory" and error.message("zh") == "a.txt: 找不到文件或目录"
    copy = pickle.loads(pickle.dumps(error))  # errors come back from worker processes
    assert (type(copy), copy.en, copy.zh, copy.lang) == (InputError, error.en, error.zh, "en")
    only_english = ConfigError("plugin x: something broke")  # an older plugin's, say
    assert str(only_english) == only_english.message("en") == "plugin x: something broke"
    assert isinstance(only_english, SummarylintError)


def test_load_config_and_linter_set_the_language_of_str(tmp_path: Path) -> None:
    config = write(tmp_path / "summarylint.toml", 'lang = "en"\nmin_score = "high"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert str(raised.value) == f"{config}: `min_score` must be a whole number"
    assert raised.value.message("zh") == f"{config}: `min_score` 应为整数"
    with pytest.raises(ConfigError, match="未知的体裁 'daily'"):
        Linter(Config(profile="daily"), plugins=False)
    with pytest.raises(ConfigError, match="unknown profile 'daily'"):
        Linter(Config(profile="daily", lang="en"), plugins=False)


@pytest.mark.parametrize("jobs", [1, 2])
def test_api_input_errors_are_in_the_linters_language(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    for name in ("a.txt", "c.txt", "d.txt"):
        write(tmp_path / name, SUMMARY)
    missing = tmp_path / "missing.md"
    zh = lint_paths([tmp_path, missing], jobs=jobs)
    assert zh.input_errors == [f"{tmp_path / 'b.txt'}: 二进制文件（含 NUL 字节），不是文本总结", f"{missing}: 找不到文件或目录"]
    en = lint_paths([tmp_path, missing], lang="en", jobs=jobs)
    assert en.input_errors == [f"{tmp_path / 'b.txt'}: binary file (contains NUL bytes), not a text summary",
                               f"{missing}: no such file or directory"]
    assert len(en.files) == 3


def test_json_errors_follow_the_language(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    code, data, _ = run_json(str(missing))
    assert code == 2 and data["errors"] == [f"{missing}: 找不到文件或目录"]
    code, data, _ = run_json("--lang", "en", str(missing))
    assert code == 2 and data["errors"] == [f"{missing}: no such file or directory"]
