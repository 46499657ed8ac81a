"""A child made by fork after parallel work neither hangs nor crashes
(src/parallel.rs keeps thread pools per process; a forked child starts its
own). Every wait has a timeout, so a hang fails the test instead of blocking it."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading

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


# -- interrupt counters after a fork (src/interrupt.rs) -------------------------


class Stop(Exception):
    pass


BIG = TEXTS * 100  # long enough for the progress callback to be called while the work runs


def stop(done, total):
    """A progress callback that raises while the work runs: the call asks the core to stop."""
    if done:
        raise Stop


def fork_and_check(check) -> None:
    """Runs `check()` in an `os.fork` child; fails unless it returns True in time."""
    import select

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(w, b"1" if check() else b"0")
        except BaseException as e:  # noqa: BLE001 - report anything, then leave
            os.write(w, f"E{type(e).__name__}: {e}".encode()[:200])
        finally:
            os._exit(0)
    os.close(w)
    ready, _, _ = select.select([r], [], [], TIMEOUT)
    try:
        assert ready, "the forked child hung"
        out = os.read(r, 300)
        assert out == b"1", out.decode(errors="replace")
    finally:
        os.close(r)
        if not ready:
            os.kill(pid, 9)
        os.waitpid(pid, 0)


def in_child_stop_is_withdrawn() -> bool:
    """A call stopped in the child (its progress callback raises) leaves later calls working."""
    try:
        lx.Corpus(BIG, n_threads=2, progress=stop)
    except Stop:
        pass
    else:
        return False
    return lx.Corpus(TEXTS, n_threads=2).terms(top=1, as_dict=True)["count"] == [300]


def blocked_call(started: threading.Event, release: threading.Event) -> threading.Thread:
    """A call that stays running (its progress callback waits) until `release` is set."""

    def wait(done, total):
        started.set()
        release.wait(TIMEOUT)

    def target():
        try:
            lx.Corpus(TEXTS, n_threads=2, progress=wait)
        except KeyboardInterrupt:  # a stop requested while it ran stops it too
            pass

    t = threading.Thread(target=target)
    t.start()
    assert started.wait(TIMEOUT), "the call did not start"
    return t


def test_child_forked_during_a_call_starts_clean() -> None:
    # The parent has a call running when it forks: the child must not count
    # it as running (it never ends there), or a stop requested in the child
    # would never be withdrawn and every later call would be interrupted.
    started, release = threading.Event(), threading.Event()
    t = blocked_call(started, release)
    try:
        fork_and_check(in_child_stop_is_withdrawn)
    finally:
        release.set()
        t.join(TIMEOUT)
    assert lx.Corpus(TEXTS, n_threads=2).terms(top=1, as_dict=True)["count"] == [300]


def test_child_forked_during_a_stop_starts_clean() -> None:
    # A stop was requested in the parent (and is still in force: a call is
    # running) when it forks: the child's calls must not see it.
    started, release = threading.Event(), threading.Event()
    t = blocked_call(started, release)
    try:
        with pytest.raises(Stop):
            lx.Corpus(BIG, n_threads=2, progress=stop)  # requests a stop; the blocked call keeps it in force
        fork_and_check(lambda: lx.Corpus(TEXTS, n_threads=2).terms(top=1, as_dict=True)["count"] == [300])
    finally:
        release.set()
        t.join(TIMEOUT)
    assert lx.Corpus(TEXTS, n_threads=2).terms(top=1, as_dict=True)["count"] == [300]
