//! The one way a long call enters the core: inputs are already extracted;
//! the GIL is released; the work runs in the rayon pool of the requested
//! size on a worker thread while the calling thread waits, checking for
//! Ctrl-C and reporting progress every few tens of milliseconds; core errors
//! are mapped to Python exceptions; outputs are built by the caller after.
//!
//! On Ctrl-C the core is asked to stop ([`crate::interrupt`]): its loops skip
//! the rest of their work, nothing half-made is cached, and the call raises
//! `KeyboardInterrupt` as soon as the worker returns (well within a second).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;

use super::errors::to_py;
use crate::interrupt::{self, Call};
use crate::parallel::{pool, resolve_threads};

/// How often the waiting thread checks for Ctrl-C and reports progress.
const POLL: Duration = Duration::from_millis(40);

/// Progress reporting: a Python callable `callback(done, total)`.
pub struct Progress<'a, 'py> {
    /// The callable.
    pub callback: &'a Bound<'py, PyAny>,
    /// The number of items, if known.
    pub total: Option<usize>,
}

thread_local! {
    /// The progress callback that calls without one of their own report to
    /// (set by ``lexiscope`` around one of its methods, on the thread that
    /// runs it), with the item count when it was set.
    static AMBIENT: RefCell<Option<(Py<PyAny>, usize)>> = const { RefCell::new(None) };
}

/// Sets (or, with None, clears) the progress callback of this thread: until
/// cleared, every call into the core from this thread that has no progress
/// of its own reports ``callback(items, None)``, the items (documents, rows,
/// chunks of pairs) the core's loops have started since it was set.
#[pyfunction]
#[pyo3(signature = (callback=None))]
fn _report_progress(callback: Option<Py<PyAny>>) {
    AMBIENT.with(|a| *a.borrow_mut() = callback.map(|c| (c, interrupt::items())));
}

/// Registers [`_report_progress`].
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_report_progress, m)?)
}

/// Runs `f` with the GIL released in a pool of `n_threads` (see the module
/// docs). `f` gets a counter of items done, which it may advance for progress.
/// Without `progress`, the callback set by [`_report_progress`] (if any) is
/// told the items the core's loops start (see [`interrupt::requested`]).
pub fn run<R, F>(py: Python<'_>, n_threads: Option<usize>, progress: Option<Progress<'_, '_>>, f: F) -> PyResult<R>
where
    R: Send,
    F: FnOnce(&AtomicUsize) -> crate::error::Result<R> + Send,
{
    let pool = resolve_threads(n_threads).and_then(pool).map_err(to_py)?;
    let call = Call::begin();
    let done = AtomicUsize::new(0);
    let total = progress.as_ref().and_then(|p| p.total);
    let (callback, base): (Option<Py<PyAny>>, Option<usize>) = match progress {
        Some(p) => (Some(p.callback.clone().unbind()), None),
        None => AMBIENT.with(|a| match &*a.borrow() {
            Some((cb, base)) => (Some(cb.clone_ref(py)), Some(*base)),
            None => (None, None),
        }),
    };
    // Items done: the call's own count, or for the ambient callback the
    // loops' items since it was set (which go on growing over several calls).
    let count = |done: &AtomicUsize| match base {
        Some(b) => interrupt::items().wrapping_sub(b),
        None => done.load(Ordering::Relaxed),
    };
    if let Some(cb) = &callback {
        // The start (a bar appears at once), then while the work runs, then the end.
        cb.bind(py).call1((count(&done), total))?;
    }
    let mut stop: Option<PyErr> = None;
    let out = py.detach(|| {
        std::thread::scope(|s| {
            let (tx, rx) = mpsc::channel();
            let (pool, done) = (&pool, &done);
            s.spawn(move || {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(|| f(done))));
                let _ = tx.send(r);
            });
            let mut reported = 0usize;
            loop {
                match rx.recv_timeout(POLL) {
                    Ok(r) => return r,
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => unreachable!("the worker always sends"),
                }
                if stop.is_some() {
                    continue;
                }
                Python::attach(|py| {
                    let r = py.check_signals().and_then(|()| match &callback {
                        Some(cb) if count(done) != reported => {
                            reported = count(done);
                            cb.bind(py).call1((reported, total)).map(drop)
                        }
                        _ => Ok(()),
                    });
                    if let Err(e) = r {
                        interrupt::request();
                        stop = Some(e);
                    }
                });
            }
        })
    });
    let out = out.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if let Some(e) = stop {
        return Err(e);
    }
    if call.interrupted() {
        return Err(PyKeyboardInterrupt::new_err("interrupted (Ctrl-C during another lexiscope call)"));
    }
    drop(call);
    let r = out.map_err(to_py)?;
    if let Some(cb) = &callback {
        cb.bind(py).call1((count(&done), total))?;
    }
    Ok(r)
}

/// [`run`] of `f` over every item, in parallel, in input order, with the
/// progress counted in items and a check for a stop request before each.
pub fn par_map<T, R, F>(
    py: Python<'_>,
    items: &[T],
    n_threads: Option<usize>,
    progress: Option<&Bound<'_, PyAny>>,
    f: F,
) -> PyResult<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    use rayon::prelude::*;
    let progress = progress.map(|callback| Progress { callback, total: Some(items.len()) });
    run(py, n_threads, progress, |done| {
        items
            .par_iter()
            .map(|x| {
                interrupt::check()?;
                let r = f(x);
                done.fetch_add(1, Ordering::Relaxed);
                Ok(r)
            })
            .collect()
    })
}
