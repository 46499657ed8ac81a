//! `ScanCore`: the native half of `lexiscope.scan_jsonl`, a JSONL file read
//! in chunks (see [`crate::stream`]). Methods return plain columns; the
//! matrix comes in blocks of rows, each call reading from a byte offset the
//! previous one returned, so Python drives the iteration and nothing of the
//! file is held between calls but the first pass's counts.

use std::sync::Arc;

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::counts::{df_limits, term_options, weight_of};
use super::enter;
use super::errors::invalid_argument;
use super::options::PyOptions;
use super::vocab::PyVocabulary;
use crate::corpus::DfLimits;
use crate::stream::{MatrixPlan, Scan};

/// The native scan. Use ``lexiscope.scan_jsonl``, which wraps it.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "ScanCore")]
pub struct PyScan {
    inner: Scan,
    n_threads: Option<usize>,
}

/// The vocabulary and weights of one streamed matrix.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "MatrixPlan")]
pub struct PyMatrixPlan {
    inner: Arc<MatrixPlan>,
}

/// What `ScanCore.matrix_block` returns: ids, data, indices, indptr, shape,
/// and the byte offset of the next block (None at the end).
type Block<'py> = (
    Vec<String>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyArray1<i64>>,
    (usize, usize),
    Option<u64>,
);

impl PyScan {
    fn run<R: Send>(&self, py: Python<'_>, f: impl FnOnce() -> crate::error::Result<R> + Send) -> PyResult<R> {
        enter::run(py, self.n_threads, None, |_| f())
    }
}

#[pymethods]
impl PyMatrixPlan {
    /// The columns' terms.
    fn vocabulary(&self) -> PyVocabulary {
        PyVocabulary::new(self.inner.vocab.clone())
    }

    /// Documents in the file.
    #[getter]
    fn n_docs(&self) -> usize {
        self.inner.n_docs
    }
}

#[pymethods]
impl PyScan {
    #[new]
    #[pyo3(signature = (path, text="text", id=None, *, options=None, chunk_size=crate::stream::DEFAULT_CHUNK, n_threads=None))]
    fn new(
        py: Python<'_>,
        path: std::path::PathBuf,
        text: &str,
        id: Option<&str>,
        options: Option<PyRef<'_, PyOptions>>,
        chunk_size: usize,
        n_threads: Option<usize>,
    ) -> PyResult<Self> {
        if chunk_size == 0 {
            return Err(invalid_argument(py, "chunk_size must be at least 1"));
        }
        let opts = options.map(|o| o.inner.clone()).unwrap_or_default();
        let inner = Scan::new(path, text, id, opts, chunk_size).map_err(super::errors::to_py)?;
        Ok(PyScan { inner, n_threads })
    }

    /// Number of documents (the first pass, once).
    fn count(&self, py: Python<'_>) -> PyResult<usize> {
        self.run(py, || self.inner.len())
    }

    /// Corpus term statistics: columns term, count, df.
    #[pyo3(signature = (top=None, ngram=(1, 1), stopwords=true, stem=None, numbers=true, min_df=None, max_df=None))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn terms<'py>(
        &self,
        py: Python<'py>,
        top: Option<usize>,
        ngram: (usize, usize),
        stopwords: bool,
        stem: Option<&str>,
        numbers: bool,
        min_df: Option<&Bound<'py, PyAny>>,
        max_df: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let opts = term_options(ngram, stopwords, stem, numbers)?;
        let n = self.count(py)?;
        let DfLimits { min_df: lo, max_df: hi, .. } = df_limits(py, min_df, max_df, None, n)?;
        let stats = self.run(py, || self.inner.term_stats(&opts))?;
        let kept: Vec<_> = stats.iter().filter(|s| s.df >= lo && s.df <= hi).take(top.unwrap_or(usize::MAX)).collect();
        let cols = PyDict::new(py);
        cols.set_item("term", kept.iter().map(|s| s.term.as_str()).collect::<Vec<_>>())?;
        cols.set_item("count", kept.iter().map(|s| s.count).collect::<Vec<_>>())?;
        cols.set_item("df", kept.iter().map(|s| s.df).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// The vocabulary and weights of the document-term matrix (one pass).
    #[pyo3(signature = (weight="count", ngram=(1, 1), stopwords=true, stem=None, numbers=true, min_df=None, max_df=None, max_features=None, sublinear_tf=false, smooth_idf=true, norm=Some("l2"), k1=1.2, b=0.75))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn matrix_plan<'py>(
        &self,
        py: Python<'py>,
        weight: &str,
        ngram: (usize, usize),
        stopwords: bool,
        stem: Option<&str>,
        numbers: bool,
        min_df: Option<&Bound<'py, PyAny>>,
        max_df: Option<&Bound<'py, PyAny>>,
        max_features: Option<usize>,
        sublinear_tf: bool,
        smooth_idf: bool,
        norm: Option<&str>,
        k1: f64,
        b: f64,
    ) -> PyResult<PyMatrixPlan> {
        let opts = term_options(ngram, stopwords, stem, numbers)?;
        let n = self.count(py)?;
        let limits = df_limits(py, min_df, max_df, max_features, n)?;
        let w = weight_of(py, weight, sublinear_tf, smooth_idf, norm, k1, b)?;
        let plan = self.run(py, || self.inner.matrix_plan(&opts, limits, w))?;
        Ok(PyMatrixPlan { inner: Arc::new(plan) })
    }

    /// Rows of the matrix of ``plan`` for at most ``max_docs`` documents from
    /// byte offset ``start``: (ids, data, indices, indptr, shape, next offset).
    fn matrix_block<'py>(
        &self,
        py: Python<'py>,
        plan: &PyMatrixPlan,
        start: u64,
        first: usize,
        max_docs: usize,
    ) -> PyResult<Block<'py>> {
        let (ids, csr, next) = self.run(py, || self.inner.matrix_block(&plan.inner, start, first, max_docs))?;
        let shape = (ids.len(), csr.n_cols);
        Ok((ids, csr.data.into_pyarray(py), csr.indices.into_pyarray(py), csr.indptr.into_pyarray(py), shape, next))
    }

    /// Entity counts: columns entity, label, docs, mentions.
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let e = self.run(py, || self.inner.entity_counts())?;
        let cols = PyDict::new(py);
        cols.set_item("entity", e.iter().map(|x| x.name.as_str()).collect::<Vec<_>>())?;
        cols.set_item("label", e.iter().map(|x| x.label.as_str()).collect::<Vec<_>>())?;
        cols.set_item("docs", e.iter().map(|x| x.docs).collect::<Vec<_>>())?;
        cols.set_item("mentions", e.iter().map(|x| x.mentions).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// Near-duplicate pairs: columns a, b (positions in the file), jaccard, containment.
    #[pyo3(signature = (threshold=0.8, num_perm=128, seed=1, shingle=5))]
    fn near_duplicates<'py>(
        &self,
        py: Python<'py>,
        threshold: f64,
        num_perm: usize,
        seed: u64,
        shingle: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        if !(0.0 < threshold && threshold <= 1.0) {
            return Err(invalid_argument(py, "threshold must be in (0, 1]"));
        }
        if !(1..=1024).contains(&num_perm) || !(1..=32).contains(&shingle) {
            return Err(invalid_argument(py, "num_perm must be in 1..=1024 and shingle in 1..=32"));
        }
        let pairs = self.run(py, || self.inner.near_duplicates(threshold, num_perm, seed, shingle))?;
        let cols = PyDict::new(py);
        cols.set_item("a", pairs.iter().map(|p| p.a).collect::<Vec<_>>())?;
        cols.set_item("b", pairs.iter().map(|p| p.b).collect::<Vec<_>>())?;
        cols.set_item("jaccard", pairs.iter().map(|p| p.jaccard).collect::<Vec<_>>())?;
        cols.set_item("containment", pairs.iter().map(|p| p.containment).collect::<Vec<_>>())?;
        Ok(cols)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScan>()?;
    m.add_class::<PyMatrixPlan>()?;
    Ok(())
}
