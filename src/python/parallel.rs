//! Running core work on many items: the GIL released, rayon in a pool of the
//! requested size, Ctrl-C checked and progress reported between chunks.

use pyo3::prelude::*;
use rayon::prelude::*;

use super::errors::to_py;
use crate::parallel::{pool, resolve_threads};

/// Items handled between two checks for Ctrl-C.
const CHUNK: usize = 1024;

/// Maps `f` over `items` in parallel, in input order.
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
    let n = resolve_threads(n_threads).map_err(to_py)?;
    let pool = pool(n).map_err(to_py)?;
    let mut out = Vec::with_capacity(items.len());
    let total = items.len();
    for chunk in items.chunks(CHUNK.max(1)) {
        let part: Vec<R> = py.detach(|| pool.install(|| chunk.par_iter().map(&f).collect()));
        out.extend(part);
        py.check_signals()?;
        if let Some(cb) = progress {
            cb.call1((out.len(), total))?;
        }
    }
    Ok(out)
}
