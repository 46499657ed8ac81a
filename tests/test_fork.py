"""A child made by fork after parallel work neither hangs nor crashes
(src/parallel.rs keeps thread pools per process; a forked child starts its
own). Every wait has a timeout, so a hang fails the test instead of blocking it."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys

import pytest

import lexiscope as lx

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32" or "fork" not in mp.get_all_start_methods(), reason="needs fork"),
    # Python 3.12+ warns that forking a threaded process may deadlock: that is what is tested.
    pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning"),
]

TEXTS = [f"Story {i}: President Anna Kovalenko met Li Wei in Geneva. Talks on round {i % 5} went on." for i in range(300)]
TIMEOUT = 60


def work(texts: list[str]) -> tuple:
    c = lx.Corpus(texts, n_threads=2)
    return (
        c.terms(top=5, as_dict=True),
        c.entities(as_dict=True)["entity"],
        c.overlap().matrix().round(12).tolist(),
        lx.Tokenizer().count_batch(texts, n_threads=2),
    )


def child(conn) -> None:  # runs in the forked child
    conn.send(work(TEXTS))
    conn.close()


def run_in_fork() -> tuple:
    ctx = mp.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)
    p = ctx.Process(target=child, args=(child_end,))
    p.start()
    child_end.close()
    try:
        if not parent_end.poll(TIMEOUT):
            pytest.fail(f"the forked child sent nothing in {TIMEOUT} s (deadlock?)")
        out = parent_end.recv()
        p.join(TIMEOUT)
        assert p.exitcode == 0, f"child exit code {p.exitcode}"
        return out
    finally:
        if p.is_alive():
            p.kill()
            p.join()


def test_child_after_parallel_work_gets_the_same_results() -> None:
    expected = work(TEXTS)  # starts the pools in this process
    assert run_in_fork() == expected
    # Twice (a child of a process whose pools were used again), and the parent still works.
    assert run_in_fork() == expected
    assert work(TEXTS) == expected


def test_fork_pool_map() -> None:
    lx.Tokenizer().count_batch(TEXTS, n_threads=2)
    expected = [lx.Tokenizer().count_batch(TEXTS[i::4], n_threads=2) for i in range(4)]
    with mp.get_context("fork").Pool(2) as pool:
        result = pool.map_async(count_part, range(4)).get(TIMEOUT)
    assert result == expected


def count_part(i: int) -> list[int]:
    return lx.Tokenizer().count_batch(TEXTS[i::4], n_threads=2)


def test_os_fork_child_exits_cleanly() -> None:
    lx.Corpus(TEXTS, n_threads=2).overlap()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parallel work, then report and leave at once
        try:
            ok = lx.Corpus(TEXTS, n_threads=2).terms(top=1, as_dict=True)["count"] == [300]
            os.write(w, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(w)
    import select

    ready, _, _ = select.select([r], [], [], TIMEOUT)
    try:
        assert ready, "the os.fork child hung"
        assert os.read(r, 1) == b"1"
    finally:
        os.close(r)
        if not ready:
            os.kill(pid, 9)
        os.waitpid(pid, 0)
