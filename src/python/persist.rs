//! Saving a corpus with its kept results and loading it back
//! (``Corpus.save`` / ``Corpus.load``; the format is in [`crate::persist`]).

use pyo3::prelude::*;

use super::corpus::PyCorpus;
use super::enter;
use super::errors::read_error;
use crate::error::Error;

/// Writes ``corpus``, every result it keeps and ``meta`` (a string kept for
/// the caller) to ``path``: to a temporary file beside it, then renamed, so
/// an interrupted save leaves any earlier file whole.
#[pyfunction]
fn save_corpus(py: Python<'_>, corpus: &PyCorpus, path: std::path::PathBuf, meta: &str) -> PyResult<()> {
    let bytes = corpus.run(py, || crate::persist::save(&corpus.inner, meta))?;
    let mut tmp = path.clone().into_os_string();
    tmp.push(".partial");
    let written = py.detach(|| std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, &path)));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        read_error(py, format!("cannot write {}: {e}", path.display()))
    })
}

/// The corpus saved at ``path`` by ``save_corpus`` and its ``meta``.
#[pyfunction]
#[pyo3(signature = (path, n_threads=None))]
fn load_corpus(py: Python<'_>, path: std::path::PathBuf, n_threads: Option<usize>) -> PyResult<(PyCorpus, String)> {
    let bytes = py
        .detach(|| std::fs::read(&path))
        .map_err(|e| read_error(py, format!("cannot read {}: {e}", path.display())))?;
    let shown = path.display().to_string();
    let (inner, meta) = enter::run(py, n_threads, None, |_| {
        crate::persist::load(&bytes).map_err(|e| match e {
            Error::State(m) => Error::State(format!("{shown}: {m}")),
            e => e,
        })
    })?;
    Ok((PyCorpus { inner, n_threads }, meta))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(save_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(load_corpus, m)?)?;
    Ok(())
}
