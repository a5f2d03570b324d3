"""Warm re-lint latency of the language server on a ~20 KB summary.

A real `summarylint lsp` process is driven over stdio by a pygls client, as an editor would: open
the document, then type one character at a time (incremental didChange, one per keystroke) and time
each change until the matching textDocument/publishDiagnostics arrives. That round trip is what a
writer sees. The server-side share (parse + rules + score + UTF-16 positions) is measured in-process
on the same text for comparison.

    python bench/bench_lsp.py [FILE] [--kb 20] [--edits 40]

Target: median round trip under 50 ms warm. Run it with the venv's interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

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


async def round_trips(text: str, edits: int) -> tuple[list[float], int]:
    from lsprotocol import types
    from pygls.lsp.client import BaseLanguageClient

    client = BaseLanguageClient("bench-lsp", "1")
    arrived: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(params)

    await client.start_io(sys.executable, "-m", "summarylint", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = (ROOT / "bench" / "bench-document.txt").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    first = await asyncio.wait_for(arrived.get(), 60)
    line = text.count("\n") // 2
    times = []
    for n in range(edits):
        version = n + 2
        start = time.perf_counter()
        here = types.Position(line=line, character=n)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=here, end=here),
                                                                     text="字")]))
        while True:
            params = await asyncio.wait_for(arrived.get(), 60)
            if params.version == version:
                break
        times.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, len(first.diagnostics)


def in_process(text: str, runs: int) -> list[float]:
    from summarylint.api import Linter
    from summarylint.lsp import PositionMap, to_lsp

    linter = Linter()
    linter.lint_text(text, "bench.txt")  # warm: rules loaded, lazy imports done
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = linter.lint_text(text, "bench.txt")
        positions = PositionMap(text)
        [to_lsp(d, positions) for d in report.diagnostics]
        times.append(time.perf_counter() - start)
    return times


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
    print(f"in-process lint + LSP conversion: median {statistics.median(server) * 1000:.1f} ms")
    print("target: < 50 ms median round trip:", "OK" if statistics.median(warm) < 0.050 else "MISSED")


if __name__ == "__main__":
    main()
