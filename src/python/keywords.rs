//! The keyword columns of `CorpusCore`: keyphrases of each document, of the
//! collection, and terms distinctive of a group of documents.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::corpus::PyCorpus;
use super::counts::term_options;
use super::errors::invalid_argument;
use crate::offsets::CharOffsets;

/// The columns of `CorpusCore.keywords`.
pub(super) fn keywords<'py>(
    c: &PyCorpus,
    py: Python<'py>,
    top: usize,
    doc: Option<&Bound<'py, PyAny>>,
    language: &str,
    ids: Option<&Bound<'py, PyList>>,
) -> PyResult<Bound<'py, PyDict>> {
    let doc_ids = c.py_ids(py, ids)?;
    let doc = match doc {
        Some(d) if !d.is_none() => Some(c.doc_index(py, d)?),
        _ => None,
    };
    let kept = c.run(py, || c.inner.keyphrases(language, top, doc))?;
    let first = doc.unwrap_or(0);
    let per_doc: Vec<(usize, &[crate::keywords::Keyphrase])> =
        kept.iter().enumerate().map(|(i, k)| (first + i, k.as_slice())).collect();
    let cols = PyDict::new(py);
    let (mut ids, mut rank, mut phrase, mut score, mut count, mut start, mut end) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (d, phrases) in &per_doc {
        let document = &c.inner.docs()[*d];
        let mut conv = CharOffsets::new(&document.text);
        let mut sorted: Vec<_> = phrases.iter().collect();
        sorted.sort_by_key(|k| k.first.start);
        let mut offsets = std::collections::HashMap::new();
        for k in sorted {
            let s = conv.to_char(k.first.start);
            offsets.insert((k.first.start, k.first.end), (s, 0));
        }
        let mut sorted_ends: Vec<_> = phrases.iter().map(|k| k.first.end).collect();
        sorted_ends.sort_unstable();
        let mut conv = CharOffsets::new(&document.text);
        let end_chars: std::collections::HashMap<usize, usize> =
            sorted_ends.into_iter().map(|e| (e, conv.to_char(e))).collect();
        for (r, k) in phrases.iter().enumerate() {
            ids.push(doc_ids[*d].clone());
            rank.push(r + 1);
            phrase.push(k.text.as_str());
            score.push(k.score);
            count.push(k.count);
            start.push(offsets[&(k.first.start, k.first.end)].0);
            end.push(end_chars[&k.first.end]);
        }
    }
    cols.set_item("doc", ids)?;
    cols.set_item("rank", rank)?;
    cols.set_item("keyphrase", phrase)?;
    cols.set_item("score", score)?;
    cols.set_item("count", count)?;
    cols.set_item("start", start)?;
    cols.set_item("end", end)?;
    Ok(cols)
}

/// The columns of `CorpusCore.corpus_keywords`.
pub(super) fn corpus_keywords<'py>(
    c: &PyCorpus,
    py: Python<'py>,
    top: usize,
    per_doc: usize,
    language: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let phrases = c.run(py, || c.inner.corpus_keyphrases(language, top, per_doc))?;
    let cols = PyDict::new(py);
    cols.set_item("keyphrase", phrases.iter().map(|k| k.text.as_str()).collect::<Vec<_>>())?;
    cols.set_item("score", phrases.iter().map(|k| k.score).collect::<Vec<_>>())?;
    cols.set_item("docs", phrases.iter().map(|k| k.docs).collect::<Vec<_>>())?;
    cols.set_item("count", phrases.iter().map(|k| k.count).collect::<Vec<_>>())?;
    Ok(cols)
}

/// The columns of `CorpusCore.distinctive`.
#[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
pub(super) fn distinctive<'py>(
    c: &PyCorpus,
    py: Python<'py>,
    group: Vec<Bound<'py, PyAny>>,
    top: usize,
    ngram: (usize, usize),
    stopwords: bool,
    stem: Option<&str>,
    numbers: bool,
    prior: Option<f64>,
    against: Option<Vec<Bound<'py, PyAny>>>,
    min_z: f64,
    language: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let idx: Vec<usize> = group.iter().map(|g| c.doc_index(py, g)).collect::<PyResult<_>>()?;
    let rest: Option<Vec<usize>> =
        against.map(|a| a.iter().map(|g| c.doc_index(py, g)).collect::<PyResult<_>>()).transpose()?;
    let opts = term_options(ngram, stopwords, stem, numbers)?;
    if prior.is_some_and(|p| p.is_nan() || p <= 0.0) {
        return Err(invalid_argument(py, "prior must be a positive number"));
    }
    if min_z.is_nan() {
        return Err(invalid_argument(py, "min_z must be a number"));
    }
    let out = c.run(py, || {
        crate::keywords::distinctive_in(&c.inner, &idx, rest.as_deref(), &opts, prior, min_z, top, language)
    })?;
    let cols = PyDict::new(py);
    cols.set_item("term", out.iter().map(|d| d.term.as_str()).collect::<Vec<_>>())?;
    cols.set_item("z", out.iter().map(|d| d.z).collect::<Vec<_>>())?;
    cols.set_item("delta", out.iter().map(|d| d.delta).collect::<Vec<_>>())?;
    cols.set_item("count", out.iter().map(|d| d.count).collect::<Vec<_>>())?;
    cols.set_item("count_rest", out.iter().map(|d| d.count_rest).collect::<Vec<_>>())?;
    Ok(cols)
}
