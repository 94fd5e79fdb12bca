"""Markdown rendering with a size limit and a time limit, for text from the editor.

Python-Markdown is slow on some input: unmatched brackets and emphasis take time
that grows with the square of the length, and deeply nested lists or quotes run out
of stack. So text from the editor is rendered in a separate worker process, which is
stopped if it takes too long; the caller gets RenderTooComplex and can tell the
editor what to change. One worker is kept per web process and reused, so a normal
page costs only the trip to the worker and back, not a process start.

This module imports no project app: the worker process runs without Django.
"""

import atexit
import multiprocessing
import os
import signal
import sys
import threading

from .markdown import render

# The longest markdown accepted from the editor, in characters (200 kB of plain
# text; the longest page on the site is under 6 000).
MAX_MARKDOWN = 200_000
# Seconds a render may take. A normal page takes milliseconds and 200 000
# characters of ordinary text well under 0.1 s; the time limit leaves room for
# stopping the worker so the editor's requests answer in under 2 s.
TIME_LIMIT = 1.0
# The worker gets this many fewer stack frames than the web process, so text that
# renders in the worker also renders when a save calls render() deep in a request.
_STACK_MARGIN = 250

TOO_COMPLEX = ("This text is too complex to show: simplify it (for example, fewer nested "
               "lists or unmatched brackets).")
TOO_LONG = ("This text is {length:,} characters long: the most the editor accepts is "
            f"{MAX_MARKDOWN:,} characters. Split it into shorter pages.")


class RenderTooComplex(ValueError):
    """The markdown took too long to render, or nested too deeply. str() is for the editor."""


class MarkdownTooLong(RenderTooComplex):
    """The markdown is longer than MAX_MARKDOWN characters."""


def check_length(text):
    length = len(text or "")
    if length > MAX_MARKDOWN:
        raise MarkdownTooLong(TOO_LONG.format(length=length))


def render_bounded(text, glossary=(), sources=None, timeout=TIME_LIMIT):
    """render(text, glossary, sources) within the size and time limits; raises RenderTooComplex."""
    check_length(text)
    sources = None if sources is None else frozenset(sources)
    return run_bounded(render, text or "", tuple(glossary), sources, timeout=timeout)


def check_markdown(text, glossary=(), sources=None, timeout=TIME_LIMIT):
    """For a form's clean(): raises RenderTooComplex (or MarkdownTooLong) if the text
    is too long or too complex to render; returns the Rendered result if not (its
    `unknown` lists the keys cited that are not in `sources`)."""
    return render_bounded(text, glossary, sources, timeout=timeout)


def run_bounded(func, *args, timeout=TIME_LIMIT):
    """func(*args) in the worker process, stopped after `timeout` seconds.

    func must be a module-level function the worker can import without Django, and
    its arguments and result must pickle. RecursionError and MemoryError in func
    become RenderTooComplex; any other error is raised here as it was there.
    """
    # One job at a time: the worker is stopped on a timeout, which would lose the
    # jobs of other threads. A gunicorn sync worker serves one request at a time anyway.
    with _lock:
        pool = _get_pool()
        job = pool.apply_async(_call, (func, args))
        try:
            return job.get(max(timeout, 0))
        except multiprocessing.TimeoutError:
            _discard_pool()
            raise RenderTooComplex(TOO_COMPLEX) from None


_lock = threading.Lock()
_pool = None
_pool_pid = None


def _get_pool():
    global _pool, _pool_pid
    # A pool made before a fork (gunicorn --preload) belongs to the parent.
    if _pool is None or _pool_pid != os.getpid():
        context = multiprocessing.get_context("forkserver")
        # The fork server imports the renderer once, so a worker forked from it
        # after a timeout starts with it loaded. (As with any start method but
        # fork, the worker also imports the main script as __mp_main__: gunicorn's,
        # manage.py and pytest's guard theirs with `if __name__ == "__main__"`.)
        context.set_forkserver_preload([__name__])
        _pool = context.Pool(1, initializer=_start_worker,
                             initargs=(sys.getrecursionlimit() - _STACK_MARGIN,))
        _pool_pid = os.getpid()
    return _pool


def _discard_pool():
    global _pool
    # terminate() kills the worker (SIGTERM) even mid-render; the next call starts another.
    _pool.terminate()
    _pool = None


@atexit.register
def _stop_pool():
    # Otherwise the pool is cleaned up after the modules it needs are gone, with an error.
    if _pool is not None and _pool_pid == os.getpid():
        _discard_pool()


def _start_worker(recursion_limit):
    # The web server may have changed how SIGTERM is handled; terminate() relies on the default.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.setrecursionlimit(recursion_limit)


def _call(func, args):
    try:
        return func(*args)
    except (RecursionError, MemoryError):
        raise RenderTooComplex(TOO_COMPLEX) from None
