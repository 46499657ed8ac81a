//! `OverlapCore`: pairwise scores, explanations, neighbours and stories of
//! one method, as the corpus keeps them ([`crate::scores::OverlapScores`]).

use std::sync::Arc;

use numpy::ndarray::Array2;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::enter;
use super::errors::{invalid_argument, to_py};
use crate::overlap::Part;
use crate::scores::{OverlapScores, Scores};

/// Pairwise overlap of a corpus's documents. Use ``lexiscope.Overlap``.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "OverlapCore")]
pub struct PyOverlap {
    pub scores: Arc<OverlapScores>,
    pub n_threads: Option<usize>,
    pub method: String,
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
                let data = self.run(py, || Ok(self.scores.matrix()))?;
                let arr = Array2::from_shape_vec((n, n), data).map_err(|e| invalid_argument(py, e.to_string()))?;
                Ok(arr.into_pyarray(py).into_any())
            }
            "float32" => {
                let data = self.run(py, || Ok(self.scores.matrix_f32()))?;
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

    /// Shared features and their contributions (which add up to the score):
    /// columns kind, feature, contribution.
    fn explain<'py>(&self, py: Python<'py>, a: usize, b: usize) -> PyResult<Bound<'py, PyDict>> {
        self.scores.score(a, b).map_err(to_py)?;
        let Scores::Vectors(v) = &self.scores.scores else {
            return Err(invalid_argument(
                py,
                "explain() needs a vector method (default, tfidf, entities), not jaccard",
            ));
        };
        let parts = v.explain(a, b);
        let cols = PyDict::new(py);
        let kinds: Vec<&str> = parts
            .iter()
            .map(|(p, _)| match p {
                Part::Feature(f) => v.features[*f as usize].channel.as_str(),
                Part::Neighbor(_) => "neighbor",
            })
            .collect();
        let features: Vec<Py<PyAny>> = parts
            .iter()
            .map(|(p, _)| -> PyResult<Py<PyAny>> {
                Ok(match p {
                    Part::Feature(f) => v.features[*f as usize].name.as_str().into_pyobject(py)?.into_any().unbind(),
                    Part::Neighbor(d) => (*d as usize).into_pyobject(py)?.into_any().unbind(),
                })
            })
            .collect::<PyResult<_>>()?;
        cols.set_item("kind", kinds)?;
        cols.set_item("feature", features)?;
        cols.set_item("contribution", parts.iter().map(|(_, c)| *c).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// Each document's ``k`` most similar others: columns doc, neighbor, rank, score (positions).
    fn top_k<'py>(&self, py: Python<'py>, k: usize) -> PyResult<Bound<'py, PyDict>> {
        let nb = self.run(py, || self.scores.neighbors(k))?;
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
    #[pyo3(signature = (threshold, k=50))]
    fn stories(&self, py: Python<'_>, threshold: f64, k: usize) -> PyResult<(Vec<Vec<u32>>, Vec<String>)> {
        let s = self.run(py, || self.scores.stories(threshold, k))?;
        Ok((s.groups.clone(), s.labels.clone()))
    }

    /// The positions in the same story as position ``doc`` (``doc`` included).
    #[pyo3(signature = (doc, threshold, k=50))]
    fn story_of(&self, py: Python<'_>, doc: usize, threshold: f64, k: usize) -> PyResult<Vec<u32>> {
        self.run(py, || self.scores.story_of(doc, threshold, k))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOverlap>()?;
    Ok(())
}
