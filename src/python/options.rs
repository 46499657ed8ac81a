//! `Options`: how a corpus analyses its documents, as one frozen, picklable
//! value, checked once by the core ([`crate::corpus::CorpusOptions::new`]).

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::errors::{state_error, to_py};
use super::tokenize::StopwordsArg;
use crate::corpus::CorpusOptions;
use crate::normalize::NormalizeOptions;
use crate::tokenizer::TokenizerSpec;

/// How a corpus analyses its documents: cleaning and normalization.
///
/// Parameters
/// ----------
/// clean : bool, default True
///     Set aside site furniture (menus, share prompts, bylines, lines
///     repeated across documents).
/// lowercase, fold_typography, nfkc, strip_accents : bool
///     Normalization, as for :class:`lexiscope.Tokenizer` (defaults True,
///     True, False, False).
/// stopwords : str, list of str or None, default "en"
///     A built-in list by language, your own words, or none.
///
/// Examples
/// --------
/// >>> import lexiscope
/// >>> o = lexiscope.Options(clean=False, strip_accents=True)
/// >>> o.strip_accents, o.clean
/// (True, False)
/// >>> lexiscope.Corpus(["Café talks resumed."], options=o).terms(as_dict=True)["term"]
/// ['cafe', 'resumed', 'talks']
#[pyclass(frozen, eq, module = "lexiscope", name = "Options")]
#[derive(PartialEq)]
pub struct PyOptions {
    pub inner: CorpusOptions,
}

#[pymethods]
impl PyOptions {
    #[new]
    #[pyo3(signature = (*, clean=true, lowercase=true, fold_typography=true, nfkc=false, strip_accents=false, stopwords=StopwordsArg::english()))]
    fn new(
        clean: bool,
        lowercase: bool,
        fold_typography: bool,
        nfkc: bool,
        strip_accents: bool,
        stopwords: StopwordsArg,
    ) -> PyResult<Self> {
        let (builtin, extra) = stopwords.into_parts();
        let tokenizer = TokenizerSpec {
            normalize: NormalizeOptions { lowercase, fold_typography, nfkc, strip_accents },
            stopwords: builtin,
            extra_stopwords: extra,
            ..TokenizerSpec::default()
        };
        Ok(PyOptions { inner: CorpusOptions::new(clean, tokenizer).map_err(to_py)? })
    }

    /// Whether furniture is set aside.
    #[getter]
    fn clean(&self) -> bool {
        self.inner.clean
    }

    /// Case folding.
    #[getter]
    fn lowercase(&self) -> bool {
        self.inner.tokenizer.normalize.lowercase
    }

    /// Typographic folding (curly quotes, dashes).
    #[getter]
    fn fold_typography(&self) -> bool {
        self.inner.tokenizer.normalize.fold_typography
    }

    /// NFKC normalization.
    #[getter]
    fn nfkc(&self) -> bool {
        self.inner.tokenizer.normalize.nfkc
    }

    /// Accent removal.
    #[getter]
    fn strip_accents(&self) -> bool {
        self.inner.tokenizer.normalize.strip_accents
    }

    /// The built-in stopword list's language, your words, or None.
    #[getter]
    fn stopwords(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let t = &self.inner.tokenizer;
        Ok(match (&t.stopwords, t.extra_stopwords.is_empty()) {
            (Some(l), _) => l.into_pyobject(py)?.into_any().unbind(),
            (None, false) => t.extra_stopwords.clone().into_pyobject(py)?.into_any().unbind(),
            (None, true) => py.None(),
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let n = &self.inner.tokenizer.normalize;
        let b = |x: bool| if x { "True" } else { "False" };
        Ok(format!(
            "Options(clean={}, lowercase={}, fold_typography={}, nfkc={}, strip_accents={}, stopwords={})",
            b(self.inner.clean),
            b(n.lowercase),
            b(n.fold_typography),
            b(n.nfkc),
            b(n.strip_accents),
            self.stopwords(py)?.bind(py).repr()?
        ))
    }

    fn __hash__(&self) -> u64 {
        let mut h = crate::hash::StableHasher::new(0x6f70);
        h.write_str(&serde_json::to_string(&self.inner).unwrap_or_default());
        h.finish()
    }

    #[classmethod]
    fn _from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, state: &str) -> PyResult<Self> {
        let o: CorpusOptions = serde_json::from_str(state).map_err(|e| state_error(py, e.to_string()))?;
        Ok(PyOptions { inner: CorpusOptions::new(o.clean, o.tokenizer).map_err(to_py)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = serde_json::to_string(&slf.get().inner).map_err(|e| state_error(slf.py(), e.to_string()))?;
        Ok((slf.get_type().getattr("_from_json")?, (json,)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOptions>()?;
    Ok(())
}
