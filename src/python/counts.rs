//! The term columns of `CorpusCore`: corpus term statistics and the
//! document-term matrix, with the term options and document-frequency bounds
//! they read from Python arguments.

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::corpus::PyCorpus;
use super::errors::{invalid_argument, to_py};
use super::vocab::PyVocabulary;
use crate::corpus::{DfLimits, TermOptions, Weight};

/// Term options from the Python arguments `ngram`, `stopwords`, `stem`, `numbers`.
pub(super) fn term_options(
    ngram: (usize, usize),
    stopwords: bool,
    stem: Option<&str>,
    numbers: bool,
) -> PyResult<TermOptions> {
    TermOptions::new(ngram, stopwords, stem, numbers).map_err(to_py)
}

/// `min_df`/`max_df` as scikit-learn reads them: an int is a number of
/// documents, a float in [0, 1] a share of them.
pub(super) fn df_bound(py: Python<'_>, v: &Bound<'_, PyAny>, n: usize, name: &str) -> PyResult<u32> {
    if let Ok(i) = v.extract::<i64>() {
        if v.is_instance_of::<pyo3::types::PyBool>() || i < 0 {
            return Err(invalid_argument(py, format!("{name} must be a non-negative int or a float in [0, 1]")));
        }
        return Ok(i.min(u32::MAX as i64) as u32);
    }
    let f: f64 =
        v.extract().map_err(|_| invalid_argument(py, format!("{name} must be an int or a float in [0, 1]")))?;
    if !(0.0..=1.0).contains(&f) {
        return Err(invalid_argument(py, format!("{name} as a float must be in [0, 1], got {f}")));
    }
    Ok(if name == "min_df" { (f * n as f64).ceil() as u32 } else { (f * n as f64).floor() as u32 })
}

/// The document-frequency bounds `min_df` and `max_df` (see [`df_bound`];
/// 1 and no upper bound when not given) over `n` documents, and `max_features`.
pub(super) fn df_limits(
    py: Python<'_>,
    min_df: Option<&Bound<'_, PyAny>>,
    max_df: Option<&Bound<'_, PyAny>>,
    max_features: Option<usize>,
    n: usize,
) -> PyResult<DfLimits> {
    Ok(DfLimits {
        min_df: min_df.map(|v| df_bound(py, v, n, "min_df")).transpose()?.unwrap_or(1),
        max_df: max_df.map(|v| df_bound(py, v, n, "max_df")).transpose()?.unwrap_or(u32::MAX),
        max_features,
    })
}

/// What `CorpusCore.matrix` returns: the vocabulary, then the CSR arrays
/// data, indices and indptr, and the shape.
pub(super) type CsrArrays<'py> = (
    Bound<'py, PyVocabulary>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyArray1<i64>>,
    (usize, usize),
);

/// The columns of `CorpusCore.terms`.
#[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
pub(super) fn terms<'py>(
    c: &PyCorpus,
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
    let n = c.inner.len();
    let DfLimits { min_df: lo, max_df: hi, .. } = df_limits(py, min_df, max_df, None, n)?;
    let stats = c.run(py, || c.inner.cached_stats(&opts))?;
    let kept: Vec<_> = stats.iter().filter(|s| s.df >= lo && s.df <= hi).take(top.unwrap_or(usize::MAX)).collect();
    let cols = PyDict::new(py);
    cols.set_item("term", kept.iter().map(|s| s.term.as_str()).collect::<Vec<_>>())?;
    cols.set_item("count", kept.iter().map(|s| s.count).collect::<Vec<_>>())?;
    cols.set_item("df", kept.iter().map(|s| s.df).collect::<Vec<_>>())?;
    Ok(cols)
}

/// The arrays of `CorpusCore.matrix`.
#[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
pub(super) fn matrix<'py>(
    c: &PyCorpus,
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
    sort_indices: bool,
) -> PyResult<CsrArrays<'py>> {
    let opts = term_options(ngram, stopwords, stem, numbers)?;
    let n = c.inner.len();
    let limits = df_limits(py, min_df, max_df, max_features, n)?;
    let w = weight_of(py, weight, sublinear_tf, smooth_idf, norm, k1, b)?;
    let (vocab, csr) = c.run(py, || Ok(c.inner.matrix_in(&opts, limits, w, sort_indices)))?;
    let shape = (n, csr.n_cols);
    Ok((
        Bound::new(py, PyVocabulary::new(vocab))?,
        csr.data.into_pyarray(py),
        csr.indices.into_pyarray(py),
        csr.indptr.into_pyarray(py),
        shape,
    ))
}

/// The weight the Python arguments `weight`, `sublinear_tf`, `smooth_idf`,
/// `norm`, `k1` and `b` name.
pub(super) fn weight_of(
    py: Python<'_>,
    weight: &str,
    sublinear_tf: bool,
    smooth_idf: bool,
    norm: Option<&str>,
    k1: f64,
    b: f64,
) -> PyResult<Weight> {
    let l2 = match norm {
        Some("l2") => true,
        None => false,
        Some(other) => return Err(invalid_argument(py, format!("norm must be \"l2\" or None, got {other:?}"))),
    };
    Ok(match weight {
        "count" => Weight::Count,
        "tfidf" => Weight::TfIdf { smooth_idf, sublinear_tf, l2 },
        "bm25" => {
            if !(k1 >= 0.0 && (0.0..=1.0).contains(&b)) {
                return Err(invalid_argument(py, "bm25 needs k1 >= 0 and 0 <= b <= 1"));
            }
            Weight::Bm25 { k1, b }
        }
        other => {
            return Err(invalid_argument(py, format!("weight must be \"count\", \"tfidf\" or \"bm25\", got {other:?}")))
        }
    })
}
