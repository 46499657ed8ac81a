//! `Vocabulary`: the terms of a matrix's columns, kept in one Rust buffer and
//! turned into Python `str`s only when read.
//!
//! A 1–2-gram vocabulary of a news corpus has hundreds of thousands of terms;
//! as a `list` of `str` it takes about five times the memory of the text and
//! a noticeable share of the time of building the matrix. The vocabulary is
//! sorted, so looking a term up is a binary search.

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyString};

use crate::corpus::Terms;

/// The terms of a document-term matrix, column by column (a read-only sequence of str).
#[pyclass(module = "lexiscope._lexiscope", name = "Vocabulary", frozen, sequence)]
pub struct PyVocabulary {
    terms: Terms,
    /// Whether the terms are in increasing order (always, for a matrix's).
    sorted: bool,
}

impl PyVocabulary {
    pub fn new(terms: Terms) -> Self {
        let sorted = terms.iter().zip(terms.iter().skip(1)).all(|(a, b)| a < b);
        PyVocabulary { terms, sorted }
    }

    fn position(&self, term: &str) -> Option<usize> {
        if self.sorted {
            let (mut lo, mut hi) = (0, self.terms.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                match self.terms.get(mid).cmp(term) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return Some(mid),
                }
            }
            None
        } else {
            self.terms.iter().position(|t| t == term)
        }
    }

    fn list<'py>(&self, py: Python<'py>, range: impl Iterator<Item = usize>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, range.map(|i| self.terms.get(i)))
    }
}

#[pymethods]
impl PyVocabulary {
    /// A vocabulary of the given terms (in the given order).
    #[new]
    fn py_new(terms: Vec<String>) -> Self {
        let mut t = Terms::default();
        terms.iter().for_each(|s| t.push(s));
        PyVocabulary::new(t)
    }

    fn __len__(&self) -> usize {
        self.terms.len()
    }

    /// The term of column `i` (negative counts from the end), or a list for a slice.
    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let n = self.terms.len();
        if let Ok(slice) = index.cast::<PySlice>() {
            let ix = slice.indices(n as isize)?;
            let range = (0..ix.slicelength).map(|k| (ix.start + k as isize * ix.step) as usize);
            return Ok(self.list(py, range)?.into_any());
        }
        let i: isize = index.extract()?;
        let j = if i < 0 { i + n as isize } else { i };
        if j < 0 || j >= n as isize {
            return Err(PyIndexError::new_err(format!("vocabulary index {i} out of range for {n} terms")));
        }
        Ok(PyString::new(py, self.terms.get(j as usize)).into_any())
    }

    fn __contains__(&self, term: &Bound<'_, PyAny>) -> bool {
        term.extract::<&str>().ok().is_some_and(|t| self.position(t).is_some())
    }

    /// The column of `term` (a binary search); ValueError if it is not there.
    fn index(&self, term: &str) -> PyResult<usize> {
        self.position(term).ok_or_else(|| PyValueError::new_err(format!("{term:?} is not in the vocabulary")))
    }

    /// 1 if `term` is a column, else 0 (terms are unique).
    fn count(&self, term: &str) -> usize {
        self.position(term).is_some() as usize
    }

    fn __iter__(slf: Bound<'_, Self>) -> VocabularyIter {
        VocabularyIter { vocab: slf.unbind(), next: 0 }
    }

    /// The terms as a list of str.
    fn tolist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.list(py, 0..self.terms.len())
    }

    /// Equal to another vocabulary or to any sequence of the same str in the same order.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        if let Ok(v) = other.cast::<PyVocabulary>() {
            let v = v.get();
            return Ok(v.terms.len() == self.terms.len() && v.terms.iter().eq(self.terms.iter()));
        }
        if other.is_instance_of::<PyString>() {
            return Ok(false);
        }
        let Ok(len) = other.len() else { return Ok(false) };
        if len != self.terms.len() {
            return Ok(false);
        }
        let Ok(iter) = other.try_iter() else { return Ok(false) };
        for (mine, theirs) in self.terms.iter().zip(iter) {
            match theirs?.extract::<&str>() {
                Ok(t) if t == mine => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    fn __repr__(&self) -> String {
        let n = self.terms.len();
        let show =
            |r: std::ops::Range<usize>| r.map(|i| format!("{:?}", self.terms.get(i))).collect::<Vec<_>>().join(", ");
        if n <= 6 {
            format!("Vocabulary([{}])", show(0..n))
        } else {
            format!("Vocabulary([{}, ..., {}], {n} terms)", show(0..3), show(n - 3..n))
        }
    }

    /// Pickles as the list of its terms.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyList>,))> {
        let py = slf.py();
        Ok((slf.get_type().into_any(), (slf.get().tolist(py)?,)))
    }
}

/// Iterator over a vocabulary's terms.
#[pyclass(module = "lexiscope._lexiscope")]
pub struct VocabularyIter {
    vocab: Py<PyVocabulary>,
    next: usize,
}

#[pymethods]
impl VocabularyIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        let v = self.vocab.get();
        if self.next >= v.terms.len() {
            return None;
        }
        self.next += 1;
        Some(PyString::new(py, v.terms.get(self.next - 1)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVocabulary>()?;
    m.add_class::<VocabularyIter>()?;
    Ok(())
}
