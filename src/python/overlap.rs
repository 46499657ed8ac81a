//! `OverlapCore`: pairwise scores, explanations, neighbours and stories.

use numpy::ndarray::Array2;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::errors::{invalid_argument, to_py};
use crate::overlap::{jaccard, jaccard_matrix, stories, Channel, Part, Vectors};
use crate::parallel::{pool, resolve_threads};

pub enum Kind {
    Vectors(Vectors),
    Jaccard(Vec<Vec<u64>>),
}

/// Pairwise overlap of a corpus's documents. Use ``lexiscope.Overlap``.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "OverlapCore")]
pub struct PyOverlap {
    pub kind: Kind,
    pub n_threads: Option<usize>,
    pub method: String,
}

impl PyOverlap {
    fn run<R: Send>(&self, py: Python<'_>, f: impl FnOnce() -> R + Send) -> PyResult<R> {
        let pool = resolve_threads(self.n_threads).and_then(pool).map_err(to_py)?;
        Ok(py.detach(|| pool.install(f)))
    }

    fn n(&self) -> usize {
        match &self.kind {
            Kind::Vectors(v) => v.len(),
            Kind::Jaccard(s) => s.len(),
        }
    }

    fn check(&self, py: Python<'_>, i: usize) -> PyResult<()> {
        if i >= self.n() {
            return Err(invalid_argument(py, format!("document position {i} out of range for {} documents", self.n())));
        }
        Ok(())
    }

    fn neighbors(&self, py: Python<'_>, k: usize) -> PyResult<Vec<Vec<(u32, f64)>>> {
        match &self.kind {
            Kind::Vectors(v) => self.run(py, || v.top_k(k)),
            Kind::Jaccard(sets) => self.run(py, || {
                use rayon::prelude::*;
                (0..sets.len())
                    .into_par_iter()
                    .map(|i| {
                        let mut row: Vec<(u32, f64)> = (0..sets.len())
                            .filter(|&j| j != i)
                            .map(|j| (j as u32, jaccard(&sets[i], &sets[j])))
                            .filter(|&(_, s)| s > 0.0)
                            .collect();
                        crate::overlap::top_k_in_place(&mut row, k);
                        row
                    })
                    .collect()
            }),
        }
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
        self.n()
    }

    /// The dense n × n score matrix (float64, handed to numpy without a copy).
    #[pyo3(signature = (dtype="float64"))]
    fn matrix<'py>(&self, py: Python<'py>, dtype: &str) -> PyResult<Bound<'py, PyAny>> {
        let n = self.n();
        match dtype {
            "float64" => {
                let data = match &self.kind {
                    Kind::Vectors(v) => self.run(py, || v.matrix())?,
                    Kind::Jaccard(s) => self.run(py, || jaccard_matrix(s))?,
                };
                let arr = Array2::from_shape_vec((n, n), data).map_err(|e| invalid_argument(py, e.to_string()))?;
                Ok(arr.into_pyarray(py).into_any())
            }
            "float32" => {
                let data: Vec<f32> = match &self.kind {
                    Kind::Vectors(v) => self.run(py, || v.matrix_f32())?,
                    Kind::Jaccard(s) => self.run(py, || jaccard_matrix(s).into_iter().map(|x| x as f32).collect())?,
                };
                let arr = Array2::from_shape_vec((n, n), data).map_err(|e| invalid_argument(py, e.to_string()))?;
                Ok(arr.into_pyarray(py).into_any())
            }
            other => Err(invalid_argument(py, format!("dtype must be \"float64\" or \"float32\", got {other:?}"))),
        }
    }

    /// Score of documents at positions ``a`` and ``b``.
    fn score(&self, py: Python<'_>, a: usize, b: usize) -> PyResult<f64> {
        self.check(py, a)?;
        self.check(py, b)?;
        Ok(match &self.kind {
            Kind::Vectors(v) => v.score(a, b),
            Kind::Jaccard(s) => {
                if a == b {
                    if s[a].is_empty() {
                        0.0
                    } else {
                        1.0
                    }
                } else {
                    jaccard(&s[a], &s[b])
                }
            }
        })
    }

    /// Shared features and their contributions (which add up to the score):
    /// columns kind, feature, contribution.
    fn explain<'py>(&self, py: Python<'py>, a: usize, b: usize) -> PyResult<Bound<'py, PyDict>> {
        self.check(py, a)?;
        self.check(py, b)?;
        let Kind::Vectors(v) = &self.kind else {
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
        let nb = self.neighbors(py, k)?;
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
        if !(0.0..=1.0).contains(&threshold) {
            return Err(invalid_argument(py, format!("threshold must be in [0, 1], got {threshold}")));
        }
        let nb = self.neighbors(py, k.max(1))?;
        let groups = self.run(py, || stories(&nb, threshold))?;
        let labels = groups.iter().map(|g| self.label(g)).collect();
        Ok((groups, labels))
    }
}

impl PyOverlap {
    /// A short label for a group: its strongest entities and phrases.
    fn label(&self, group: &[u32]) -> String {
        let Kind::Vectors(v) = &self.kind else { return String::new() };
        let mut sums: std::collections::HashMap<u32, f64> = std::collections::HashMap::new();
        for &d in group {
            for &(f, x) in &v.rows[d as usize] {
                *sums.entry(f).or_insert(0.0) += x;
            }
        }
        let mut best: Vec<(u32, f64)> = sums.into_iter().collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let pick = |c: Channel, n: usize| -> Vec<String> {
            best.iter()
                .filter(|(f, _)| v.features[*f as usize].channel == c)
                .take(n)
                .map(|(f, _)| v.features[*f as usize].name.clone())
                .collect()
        };
        let mut parts = pick(Channel::Entities, 2);
        parts.extend(pick(Channel::Phrases, 1));
        if parts.len() < 3 {
            parts.extend(pick(Channel::Terms, 3 - parts.len()));
        }
        parts.join(" · ")
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOverlap>()?;
    Ok(())
}
