//! Stopping long work early. The Python bindings poll for Ctrl-C while a call
//! runs and, when it comes, call [`request`]; the parallel loops of the core
//! check [`requested`] once per document (or per chunk of pairs) and skip the
//! rest of their work. The call then discards what it made and raises
//! `KeyboardInterrupt`; caches keep nothing made while a stop was requested
//! (see [`crate::cache::Memo`]), so the corpus stays usable.
//!
//! A request stops every call running at that moment (in a notebook, the one
//! kernel's calls); it is withdrawn when the last of them has returned.
//!
//! A child made by `fork` inherits these counters but none of the threads
//! running the parent's calls: those calls never end there, so the child
//! would count them as running for ever (and a stop requested in the parent,
//! or later in the child, would never be withdrawn). A fork handler
//! (`pthread_atfork`, registered before the first call starts) therefore
//! makes the child start clean: no call running, no stop requested; calls
//! begun before the fork do not count down in the child when they end.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

static FLAG: AtomicBool = AtomicBool::new(false);
static EPOCH: AtomicU64 = AtomicU64::new(0);
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
/// Forks this process descends from since the handler was registered: a
/// call counts down only in the process (generation) it began in.
static FORKS: AtomicU64 = AtomicU64::new(0);

/// Runs in a forked child, which has one thread: the parent's calls are not
/// running here. Only atomic stores, so it is async-signal-safe.
#[cfg(target_os = "linux")]
extern "C" fn forked_child() {
    FORKS.fetch_add(1, Ordering::SeqCst);
    ACTIVE.store(0, Ordering::SeqCst);
    FLAG.store(false, Ordering::SeqCst);
}

/// Registers [`forked_child`] once per process (registrations are inherited
/// by children, so once is enough for every descendant).
#[inline]
fn watch_forks() {
    #[cfg(target_os = "linux")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: `forked_child` is a plain `extern "C" fn()` with no
            // arguments, living for the whole program, and does only atomic
            // stores (allowed in a child of a multi-threaded fork).
            let r = unsafe { libc::pthread_atfork(None, None, Some(forked_child)) };
            debug_assert_eq!(r, 0, "pthread_atfork failed");
        });
    }
}

/// Items the core's loops have started, over all calls (see [`items`]).
static ITEMS: AtomicUsize = AtomicUsize::new(0);

/// Whether a stop was requested: long loops check this and skip their work.
///
/// The loops call it once per item (a document, a row, a chunk of pairs),
/// so each call also counts one item toward [`items`]: that count is the
/// progress the Python bindings show for calls without a count of their own.
#[inline]
pub fn requested() -> bool {
    ITEMS.fetch_add(1, Ordering::Relaxed);
    FLAG.load(Ordering::Relaxed)
}

/// Items started by every loop so far (see [`requested`]): a call's
/// progress is the difference between two readings.
pub fn items() -> usize {
    ITEMS.load(Ordering::Relaxed)
}

/// `Err(Interrupted)` when a stop was requested.
#[inline]
pub fn check() -> crate::error::Result<()> {
    if FLAG.load(Ordering::Relaxed) {
        Err(crate::error::Error::Interrupted)
    } else {
        Ok(())
    }
}

/// Asks every running call to stop.
pub fn request() {
    EPOCH.fetch_add(1, Ordering::SeqCst);
    FLAG.store(true, Ordering::SeqCst);
}

/// One call that may be stopped: made before the work starts, asked after it
/// ends whether the work was cut short.
pub struct Call {
    epoch: u64,
    flagged: bool,
    forks: u64,
}

impl Call {
    /// Starts watching for a stop request.
    pub fn begin() -> Call {
        watch_forks();
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        Call {
            epoch: EPOCH.load(Ordering::SeqCst),
            flagged: FLAG.load(Ordering::SeqCst),
            forks: FORKS.load(Ordering::SeqCst),
        }
    }

    /// Whether a stop was requested while this call ran (its results may be
    /// incomplete and must be thrown away).
    pub fn interrupted(&self) -> bool {
        self.flagged || EPOCH.load(Ordering::SeqCst) != self.epoch
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        // Begun before a fork (this thread forked during the call): the
        // child's count started at zero without it.
        if FORKS.load(Ordering::SeqCst) != self.forks {
            return;
        }
        if ACTIVE.fetch_sub(1, Ordering::SeqCst) == 1 {
            FLAG.store(false, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regression: a child forked while a call ran counted that call as
    /// running for ever, so a stop requested there was never withdrawn.
    /// (No test here calls `request`, which would stop other tests' work.)
    #[cfg(target_os = "linux")]
    #[test]
    fn forked_child_starts_with_no_call_running() {
        let running = Call::begin();
        assert!(ACTIVE.load(Ordering::SeqCst) >= 1);
        // SAFETY: fork has no memory-safety preconditions; the child reads
        // and writes atomics only, then leaves with `_exit`.
        let child = unsafe { libc::fork() };
        assert!(child >= 0, "fork failed");
        if child == 0 {
            let clean = ACTIVE.load(Ordering::SeqCst) == 0 && !requested();
            let own = Call::begin();
            let one = ACTIVE.load(Ordering::SeqCst) == 1;
            // The call begun before the fork ends here too: it must not count down.
            drop(running);
            let still_one = ACTIVE.load(Ordering::SeqCst) == 1;
            drop(own);
            let none = ACTIVE.load(Ordering::SeqCst) == 0;
            let code = [clean, one, still_one, none].iter().position(|ok| !ok).map_or(0, |i| i as i32 + 1);
            // SAFETY: `_exit` ends the child at once, without running the
            // test harness or atexit handlers in it.
            unsafe { libc::_exit(code) };
        }
        let mut status = 0;
        // SAFETY: `child` is our own child's pid and `status` a valid out pointer.
        let r = unsafe { libc::waitpid(child, &mut status, 0) };
        assert_eq!(r, child);
        drop(running);
        assert!(libc::WIFEXITED(status), "child did not exit: status {status}");
        assert_eq!(libc::WEXITSTATUS(status), 0, "child check failed (1 clean, 2 own call, 3 inherited call, 4 end)");
    }
}
