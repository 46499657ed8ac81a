//! Stopping long work early. The Python bindings poll for Ctrl-C while a call
//! runs and, when it comes, call [`request`]; the parallel loops of the core
//! check [`requested`] once per document (or per chunk of pairs) and skip the
//! rest of their work. The call then discards what it made and raises
//! `KeyboardInterrupt`; caches keep nothing made while a stop was requested
//! (see [`crate::cache::Memo`]), so the corpus stays usable.
//!
//! A request stops every call running at that moment (in a notebook, the one
//! kernel's calls); it is withdrawn when the last of them has returned.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

static FLAG: AtomicBool = AtomicBool::new(false);
static EPOCH: AtomicU64 = AtomicU64::new(0);
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

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
}

impl Call {
    /// Starts watching for a stop request.
    pub fn begin() -> Call {
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        Call { epoch: EPOCH.load(Ordering::SeqCst), flagged: FLAG.load(Ordering::SeqCst) }
    }

    /// Whether a stop was requested while this call ran (its results may be
    /// incomplete and must be thrown away).
    pub fn interrupted(&self) -> bool {
        self.flagged || EPOCH.load(Ordering::SeqCst) != self.epoch
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        if ACTIVE.fetch_sub(1, Ordering::SeqCst) == 1 {
            FLAG.store(false, Ordering::SeqCst);
        }
    }
}
