"""Reading thousands of session files at once, on more than one processor where that helps.

A coordinator comparing a year of sessions from many teams reads thousands of files;
parsing and checking them is plain Python work that one processor does one file at a
time. On a machine with several processors, helper processes parse and check part of the
files while this process does the rest; they send back only the valid documents, in
``marshal`` form (several times cheaper to read than JSON, and they are checked already)
or the reason a file was refused. The results come back in the order of the files, so
what is read does not depend on how the work was shared.

Helper processes are started with ``fork`` (Linux only: cheap, and the code is already
loaded), and only from a process without other threads — the command line, never the
app. Anything going wrong with them (no fork, a helper dying) falls back to reading
those files here.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from tui.core.codec import DocumentError, load_document, session_from_valid
from tui.core.model import Session

MIN_FILES_PER_HELPER = 400
"""Below this many files per helper process, starting one costs more than it saves."""

MAX_HELPERS = 3

LOCAL_SHARE_WITH_ONE_HELPER = 0.35
"""With one helper, the share of files this process parses itself. Reading a helper's
result and building its sessions costs about 0.4x of reading a file from scratch, so
with one helper about a third of the files here balances the two; with more helpers,
taking over their results keeps this process busy enough."""

Result = Session | DocumentError
"""What reading one file gives: its session, or why it was refused."""


def _read_here(files: list[Path], lang: str) -> list[Result]:
    results: list[Result] = []
    for file in files:
        try:
            results.append(session_from_valid(load_document(file, lang)))
        except DocumentError as exc:
            results.append(exc)
    return results


def _read_in_helper(files: list[str], lang: str) -> bytes:
    """Runs in a helper process: each file's valid document, or (source, reason) for a refused one."""
    out: list[object] = []
    for name in files:
        try:
            out.append(load_document(Path(name), lang))
        except DocumentError as exc:
            out.append((exc.source, exc.reason))
    return marshal.dumps(out)


def _from_helper(data: bytes) -> list[Result]:
    results: list[Result] = []
    for item in marshal.loads(data):
        results.append(session_from_valid(item) if isinstance(item, dict) else DocumentError(*item))
    return results


def helper_count(files: int) -> int:
    """How many helper processes reading ``files`` files is worth, on this machine, from this process."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 0
    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(processors - 1, MAX_HELPERS, files // MIN_FILES_PER_HELPER))


def read_sessions(files: list[Path], lang: str = "en",
                  progress: Callable[[int, int], None] | None = None) -> list[Result]:
    """Read every file as a session (or the reason it cannot be one), in the order given."""
    helpers = helper_count(len(files)) if progress is None else 0
    if helpers == 0:
        results: list[Result] = []
        for start in range(0, len(files), 100):
            results += _read_here(files[start:start + 100], lang)
            if progress is not None:
                progress(len(results), len(files))
        return results
    return _read_shared(files, lang, helpers)


def _read_shared(files: list[Path], lang: str, helpers: int) -> list[Result]:
    import concurrent.futures
    import multiprocessing

    local = round(len(files) * LOCAL_SHARE_WITH_ONE_HELPER) if helpers == 1 else 0
    rest = files[local:]
    size = -(-len(rest) // helpers)
    parts = [rest[i:i + size] for i in range(0, len(rest), size)]
    try:
        pool = concurrent.futures.ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):
        return _read_here(files, lang)
    with pool:
        try:
            futures = [pool.submit(_read_in_helper, [str(f) for f in part], lang) for part in parts]
        except (OSError, RuntimeError):
            return _read_here(files, lang)
        results = _read_here(files[:local], lang)
        for part, future in zip(parts, futures):
            try:
                results += _from_helper(future.result())
            except Exception:  # noqa: BLE001 - a helper that died (BrokenProcessPool) or failed: read here,
                results += _read_here(part, lang)  # where a real fault shows itself again
    return results
