"""Warm re-lint latency of the language server on a ~20 KB summary.

A real `summarylint lsp` process is driven over stdio by a minimal JSON-RPC client, as an editor would: open
the document, then type one character at a time (incremental didChange, one per keystroke) and time
each change until the matching textDocument/publishDiagnostics arrives. That round trip is what a
writer sees. The server's steps (parse; genre and rules — the server computes no score; UTF-16
positions) are also timed in-process on the same text, with the slowest rules, and a full
`Linter.lint_document` (with the score, as `summarylint check` computes it) for comparison.

    python bench/bench_lsp.py [FILE] [--kb 20] [--edits 40]

Target: median round trip under 50 ms warm. Run it with the venv's interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from asyncio.subprocess import PIPE
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"


def document(path: str | None, kb: int) -> str:
    """A summary of about kb KB (UTF-8): the given file, else the seed, else the sample fixtures, repeated."""
    if path:
        sources = [Path(path)]
    elif SEED.exists():
        sources = [SEED]
    else:
        sources = sorted((ROOT / "fixtures" / "samples").glob("*.txt"))[:3]
    base = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sources)
    text = base
    while len(text.encode("utf-8")) < kb * 1024:
        text += "\n" + base
    cut = text.encode("utf-8")[: kb * 1024].decode("utf-8", "ignore")
    return cut[: cut.rfind("\n") + 1] if "\n" in cut else cut


def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def _read(stdout: asyncio.StreamReader) -> dict[str, Any]:
    length = 0
    while True:
        line = await stdout.readline()
        if not line:
            raise EOFError("the server exited")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return dict(json.loads(await stdout.readexactly(length)))


async def round_trips(text: str, edits: int) -> tuple[list[float], int]:
    """A minimal editor: raw JSON-RPC over the server's stdin/stdout (json.loads only, like VS Code), so
    the figure is the server's latency, not a Python client's deserialisation of every diagnostic."""
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "summarylint", "lsp", stdin=PIPE, stdout=PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    async def until(predicate: Any) -> dict[str, Any]:
        while True:
            message = await asyncio.wait_for(_read(stdout), 60)
            if predicate(message):
                return message

    stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                        "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
    await until(lambda m: m.get("id") == 1)
    stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    uri = (ROOT / "bench" / "bench-document.txt").as_uri()
    stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}))
    first = await until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    line = text.count("\n") // 2
    times = []
    for n in range(edits):
        version = n + 2
        here = {"line": line, "character": n}
        start = time.perf_counter()
        stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": here, "end": here}, "text": "字"}]}}))
        await until(lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"].get("version") == v)
        times.append(time.perf_counter() - start)
    stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}))
    await until(lambda m: m.get("id") == 2)
    stdin.write(_frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
    await proc.wait()
    return times, len(first["params"]["diagnostics"])


def in_process(text: str, runs: int) -> dict[str, float]:
    """Medians (ms) of the server's own steps: parse + genre + rules (lsp.diagnose), LSP conversion;
    a full lint with the score for comparison; the slowest rules."""
    from summarylint.api import Linter
    from summarylint.engine import RuleContext
    from summarylint.lsp import PositionMap, diagnose, to_lsp
    from summarylint.parse import parse_document

    linter = Linter()
    linter.lint_text(text, "bench.txt")  # warm: rules loaded, lazy imports done
    steps: dict[str, list[float]] = {"parse, genre, rules": [], "LSP conversion": [], "total": [],
                                     "(check: with the score)": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        diagnostics, _ = diagnose(linter, text, "bench.txt")
        t1 = time.perf_counter()
        positions = PositionMap(text)
        [to_lsp(d, positions) for d in diagnostics]
        t2 = time.perf_counter()
        linter.lint_document(parse_document(text, "bench.txt"))
        t3 = time.perf_counter()
        for key, value in zip(steps, (t1 - t0, t2 - t1, t2 - t0, t3 - t2), strict=True):
            steps[key].append(value)
    out = {key: statistics.median(values) * 1000 for key, values in steps.items()}
    doc = parse_document(text, "bench.txt")
    per_rule = []
    for rule in linter.rules:
        t0 = time.perf_counter()
        list(rule.run(doc, RuleContext(rule, "zh", {}, None)))
        per_rule.append(((time.perf_counter() - t0) * 1000, rule.id))
    for ms, rule_id in sorted(per_rule, reverse=True)[:5]:
        out[f"  rule {rule_id}"] = ms
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?")
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    text = document(args.file, args.kb)
    times, count = asyncio.run(round_trips(text, args.edits))
    warm = times[5:] if len(times) > 10 else times
    server = in_process(text, 20)
    print(f"document: {len(text.encode('utf-8')) / 1024:.1f} KB, {len(text):,} chars, {count} diagnostics")
    p90 = sorted(warm)[int(len(warm) * 0.9) - 1]
    print(f"didChange → publishDiagnostics (real server process), {len(warm)} warm edits: "
          f"median {statistics.median(warm) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, max {max(warm) * 1000:.1f} ms")
    steps = [f"{k} {v:.1f} ms" for k, v in server.items() if not k.startswith(" ")]
    rules = [f"{k.strip()[5:]} {v:.1f} ms" for k, v in server.items() if k.startswith(" ")]
    print("in-process medians: " + ", ".join(steps))
    print("slowest rules (one run): " + ", ".join(rules))
    print("target: < 50 ms median round trip:", "OK" if statistics.median(warm) < 0.050 else "MISSED")


if __name__ == "__main__":
    main()
