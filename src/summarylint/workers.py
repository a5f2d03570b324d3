"""Check many files at once in worker processes (a team lead's folder, a CI job over a repository).

Workers are forked from the process that has already loaded the rules, so each starts warm and
nothing but a path goes in and a report comes out. Where fork is not available (Windows, or a
platform whose multiprocessing lacks it) files are checked one after another, with the same result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# multiprocessing and concurrent.futures are imported only when there are files to share out: they
# cost ~10 ms, and most runs (a pre-commit hook, an editor) check one file.

# Fewer files than this per worker and forking costs more than it saves (a typical summary is
# checked in 10-30 ms; starting a worker and sending its results back costs a few ms).
FILES_PER_WORKER = 4

# The task of the pool being run. Set before the workers are forked, so they inherit it: a bound
# method of a Linter is not sent through a pipe (its rules hold compiled patterns and functions).
_task: Callable[[Any], Any] | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def worker_count(jobs: int | None, files: int) -> int:
    """How many processes to use: jobs (None or 0: one per CPU, as long as each gets a few files)."""
    if files < 2 or jobs == 1 or (not jobs and files < 2 * FILES_PER_WORKER) or not can_fork():
        return 1
    if not jobs:
        jobs = min(available_cpus(), files // FILES_PER_WORKER)
    return max(1, min(jobs, files))


def run_all(task: Callable[[Any], Any], items: Sequence[Any], workers: int) -> Iterator[Any]:
    """task(item) for every item, in order; in `workers` forked processes when that is more than one."""
    if workers <= 1:
        yield from map(task, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _task
    _task = task
    try:
        chunk = max(1, len(items) // (workers * 8))  # small chunks keep both workers busy to the end
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_run, items, chunksize=chunk)
    finally:
        _task = None


def _run(item: Any) -> Any:
    assert _task is not None, "workers.run_all sets the task before forking"
    return _task(item)
