//! `OverlapCore`: pairwise scores, explanations, neighbours and stories of
//! one method, as the corpus keeps them ([`crate::scores::OverlapScores`]).

use std::sync::Arc;

use numpy::ndarray::Array2;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::enter;
use super::errors::{invalid_argument, to_py};
use rayon::prelude::*;

use super::corpus::PyCorpus;
use crate::overlap::{Search, Subject};
use crate::scores::{OverlapScores, Scores};

/// Pairwise overlap of a corpus's documents. Use ``lexiscope.Overlap``.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "OverlapCore")]
pub struct PyOverlap {
    pub scores: Arc<OverlapScores>,
    pub n_threads: Option<usize>,
    pub method: String,
    /// The language of the stems (for showing them as written).
    pub language: String,
}

impl PyOverlap {
    fn run<R: Send>(&self, py: Python<'_>, f: impl FnOnce() -> crate::error::Result<R> + Send) -> PyResult<R> {
        enter::run(py, self.n_threads, None, |_| f())
    }
}

#[pymethods]
impl PyOverlap {
    /// The method's name.
    #[getter]
    fn method(&self) -> &str {
        &self.method
    }

    fn __len__(&self) -> usize {
        self.scores.len()
    }

    /// An id of the scores this object reads: two objects with the same id
    /// share one computation (what the corpus keeps).
    #[getter]
    fn _shared_id(&self) -> usize {
        Arc::as_ptr(&self.scores) as usize
    }

    /// The dense n × n score matrix (float64, handed to numpy without a copy).
    #[pyo3(signature = (dtype="float64"))]
    fn matrix<'py>(&self, py: Python<'py>, dtype: &str) -> PyResult<Bound<'py, PyAny>> {
        let n = self.scores.len();
        match dtype {
            "float64" => {
                let data = self.run(py, || self.scores.matrix())?;
                let arr = Array2::from_shape_vec((n, n), data).map_err(|e| invalid_argument(py, e.to_string()))?;
                Ok(arr.into_pyarray(py).into_any())
            }
            "float32" => {
                let data = self.run(py, || self.scores.matrix_f32())?;
                let arr = Array2::from_shape_vec((n, n), data).map_err(|e| invalid_argument(py, e.to_string()))?;
                Ok(arr.into_pyarray(py).into_any())
            }
            other => Err(invalid_argument(py, format!("dtype must be \"float64\" or \"float32\", got {other:?}"))),
        }
    }

    /// Score of documents at positions ``a`` and ``b``.
    fn score(&self, a: usize, b: usize) -> PyResult<f64> {
        self.scores.score(a, b).map_err(to_py)
    }

    /// Why positions ``a`` and ``b`` overlap, by channel (entity, phrase,
    /// term, context), each cut to ``top`` rows plus one holding the rest:
    /// columns channel, feature (as written), neighbor (a third document's
    /// position, for context rows), contribution (they add up to the score).
    #[pyo3(signature = (corpus, a, b, top=usize::MAX))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        corpus: PyRef<'py, PyCorpus>,
        a: usize,
        b: usize,
        top: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.scores.score(a, b).map_err(to_py)?;
        let Scores::Vectors(v) = &self.scores.scores else {
            return Err(invalid_argument(
                py,
                "explain() needs a vector method (default, tfidf, entities), not jaccard",
            ));
        };
        if corpus.inner.len() != v.len() {
            return Err(invalid_argument(py, "explain() got a corpus other than the overlap's"));
        }
        let inner: &crate::corpus::Corpus = &corpus.inner;
        let rows = self.run(py, || v.explain_readable(inner, &self.language, a, b, top))?;
        let mut features = Vec::with_capacity(rows.len());
        let mut neighbors = Vec::with_capacity(rows.len());
        for r in &rows {
            let (f, nb) = match &r.subject {
                Subject::Feature(name) => (name.clone(), None),
                Subject::Neighbor(d) => (String::new(), Some(*d)),
                Subject::EachOther => ("each other".to_string(), None),
                Subject::More(n) => (format!("{n} more"), None),
            };
            features.push(f);
            neighbors.push(nb);
        }
        let cols = PyDict::new(py);
        cols.set_item("channel", rows.iter().map(|r| r.channel).collect::<Vec<_>>())?;
        cols.set_item("feature", features)?;
        cols.set_item("neighbor", neighbors)?;
        cols.set_item("contribution", rows.iter().map(|r| r.contribution).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// Each document's ``k`` most similar others: columns doc, neighbor, rank,
    /// score (positions). ``exact``: ``None`` exact up to the size of
    /// ``exact_max_docs()`` and pruned candidates above (kept per ``k``);
    /// ``True`` exact, ``False`` pruned, whatever the size (not kept).
    #[pyo3(signature = (k, exact=None))]
    fn top_k<'py>(&self, py: Python<'py>, k: usize, exact: Option<bool>) -> PyResult<Bound<'py, PyDict>> {
        let search = match exact {
            None => Search::Auto,
            Some(true) => Search::Exact,
            Some(false) => Search::Pruned,
        };
        let nb = self.run(py, || match &self.scores.scores {
            // Jaccard neighbours are always all pairs; Auto is what the corpus keeps.
            Scores::Vectors(v)
                if search != Search::Auto && search.is_exact(v.len()) != Search::Auto.is_exact(v.len()) =>
            {
                if k == 0 {
                    return Err(crate::error::Error::InvalidArgument("k must be at least 1".into()));
                }
                Ok(Arc::new(v.top_k_with(k, search)))
            }
            _ => self.scores.neighbors(k),
        })?;
        let (mut doc, mut other, mut rank, mut score) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, row) in nb.iter().enumerate() {
            for (r, &(j, s)) in row.iter().enumerate() {
                doc.push(i);
                other.push(j as usize);
                rank.push(r + 1);
                score.push(s);
            }
        }
        let cols = PyDict::new(py);
        cols.set_item("doc", doc)?;
        cols.set_item("neighbor", other)?;
        cols.set_item("rank", rank)?;
        cols.set_item("score", score)?;
        Ok(cols)
    }

    /// Groups of positions telling the same story (average linkage over each
    /// document's ``k`` nearest neighbours, merging while the mean score is
    /// at least ``threshold``), and a label for each.
    #[pyo3(signature = (corpus, threshold, k=50))]
    fn stories(
        &self,
        py: Python<'_>,
        corpus: PyRef<'_, PyCorpus>,
        threshold: f64,
        k: usize,
    ) -> PyResult<(Vec<Vec<u32>>, Vec<String>)> {
        if corpus.inner.len() != self.scores.len() {
            return Err(invalid_argument(py, "stories() got a corpus other than the overlap's"));
        }
        let inner: &crate::corpus::Corpus = &corpus.inner;
        let labels = self.run(py, || {
            let s = self.scores.stories(threshold, k)?;
            if s.labels.get().is_none() {
                let made: Vec<String> = match &self.scores.scores {
                    Scores::Vectors(v) => s
                        .groups
                        .par_iter()
                        .zip(&s.candidates)
                        .map(|(g, c)| v.label(inner, &self.language, c, g))
                        .collect::<crate::error::Result<_>>()?,
                    Scores::Jaccard(_) => vec![String::new(); s.groups.len()],
                };
                let _ = s.labels.set(made);
            }
            Ok(s)
        })?;
        Ok((labels.groups.clone(), labels.labels.get().cloned().unwrap_or_default()))
    }

    /// The positions in the same story as position ``doc`` (``doc`` included).
    #[pyo3(signature = (doc, threshold, k=50))]
    fn story_of(&self, py: Python<'_>, doc: usize, threshold: f64, k: usize) -> PyResult<Vec<u32>> {
        self.run(py, || self.scores.story_of(doc, threshold, k))
    }
}

/// The largest corpus whose neighbours are found exactly by default (the
/// pruned search above it); with ``n``, sets it for the searches made after
/// it (results a corpus keeps are not made again) and returns the previous
/// value. For benchmarks and tests.
#[pyfunction]
#[pyo3(signature = (n=None))]
fn _overlap_exact_max_docs(n: Option<usize>) -> usize {
    match n {
        Some(n) => crate::overlap::set_exact_max_docs(n),
        None => crate::overlap::exact_max_docs(),
    }
}

/// The candidate budget of the pruned search (postings a document reads);
/// with ``n``, sets it for the searches made after it and returns the
/// previous value. For benchmarks of the pruned search on small corpora.
#[pyfunction]
#[pyo3(signature = (n=None))]
fn _overlap_candidate_budget(n: Option<usize>) -> usize {
    match n {
        Some(n) => crate::overlap::set_candidate_budget(n),
        None => crate::overlap::candidate_budget(),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOverlap>()?;
    m.add_function(wrap_pyfunction!(_overlap_candidate_budget, m)?)?;
    m.add_function(wrap_pyfunction!(_overlap_exact_max_docs, m)?)?;
    Ok(())
}
