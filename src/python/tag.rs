//! `Tagger` (part-of-speech tags) and the training entry point for Python.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyType};

use super::enter::{self, par_map};
use super::errors::{input_type, invalid_argument, read_error};
use crate::tag::train::{read_jsonl, train, TrainOptions};
use crate::tag::Tagger;

/// A part-of-speech tagger over the 17 Universal POS tags.
///
/// Parameters
/// ----------
/// weights : str, os.PathLike or None, default None
///     A weights file written by ``python -m lexiscope.train pos``; None for
///     the built-in English model (trained on UD English EWT, CC BY-SA 4.0).
///
/// Examples
/// --------
/// >>> import lexiscope as lx
/// >>> lx.Tagger().tag(["The", "cat", "sat", "on", "the", "mat", "."])
/// ['DET', 'NOUN', 'VERB', 'ADP', 'DET', 'NOUN', 'PUNCT']
#[pyclass(frozen, module = "lexiscope", name = "Tagger")]
pub struct PyTagger {
    /// The weights file's bytes (None for the built-in model).
    bytes: Option<Arc<Vec<u8>>>,
    inner: TaggerRef,
}

enum TaggerRef {
    English,
    Own(Box<Tagger>),
}

impl PyTagger {
    fn tagger(&self) -> &Tagger {
        match &self.inner {
            TaggerRef::English => Tagger::english(),
            TaggerRef::Own(t) => t,
        }
    }

    fn of_bytes(py: Python<'_>, bytes: Vec<u8>) -> PyResult<PyTagger> {
        let tagger = Tagger::from_bytes(&bytes).map_err(|e| invalid_argument(py, e.to_string()))?;
        Ok(PyTagger { bytes: Some(Arc::new(bytes)), inner: TaggerRef::Own(Box::new(tagger)) })
    }
}

/// The words of one sentence, as a list of str.
fn words_of(py: Python<'_>, words: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if words.is_instance_of::<pyo3::types::PyString>() {
        return Err(input_type(py, "words must be a sequence of str (one sentence's words), not a str"));
    }
    words
        .try_iter()
        .and_then(|it| it.map(|w| w?.extract::<String>()).collect())
        .map_err(|_| input_type(py, "words must be a sequence of str"))
}

#[pymethods]
impl PyTagger {
    #[new]
    #[pyo3(signature = (weights=None))]
    fn new(py: Python<'_>, weights: Option<PathBuf>) -> PyResult<Self> {
        match weights {
            None => Ok(PyTagger { bytes: None, inner: TaggerRef::English }),
            Some(path) => {
                let bytes = std::fs::read(&path).map_err(|e| read_error(py, format!("{}: {e}", path.display())))?;
                PyTagger::of_bytes(py, bytes)
            }
        }
    }

    /// The tags of one sentence's words (``"NOUN"``, ``"VERB"``, ...).
    ///
    /// Examples
    /// --------
    /// >>> lexiscope.Tagger().tag(["Prices", "rose", "sharply", "."])
    /// ['NOUN', 'VERB', 'ADV', 'PUNCT']
    fn tag(&self, py: Python<'_>, words: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
        let words = words_of(py, words)?;
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        py.detach(|| self.tagger().tag(&refs, &mut out));
        Ok(out.into_iter().map(crate::tag::Upos::as_str).collect())
    }

    /// :meth:`tag` of each sentence, in input order, computed in parallel
    /// with the GIL released.
    #[pyo3(signature = (sentences, n_threads=None))]
    fn tag_batch(
        &self,
        py: Python<'_>,
        sentences: &Bound<'_, PyAny>,
        n_threads: Option<usize>,
    ) -> PyResult<Vec<Vec<&'static str>>> {
        let sents: Vec<Vec<String>> = sentences.try_iter()?.map(|s| words_of(py, &s?)).collect::<PyResult<_>>()?;
        let tags = par_map(py, &sents, n_threads, None, |words| {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            self.tagger().tag(&refs, &mut out);
            out
        })?;
        Ok(tags.into_iter().map(|t| t.into_iter().map(crate::tag::Upos::as_str).collect()).collect())
    }

    /// The 17 tags, in the model's order.
    #[staticmethod]
    fn tags() -> Vec<&'static str> {
        crate::tag::Upos::ALL.iter().map(|t| t.as_str()).collect()
    }

    fn __repr__(&self) -> String {
        match &self.bytes {
            None => "Tagger()".into(),
            Some(b) => format!("Tagger(<{} bytes of weights>)", b.len()),
        }
    }

    #[classmethod]
    fn _from_bytes(_cls: &Bound<'_, PyType>, py: Python<'_>, bytes: Vec<u8>) -> PyResult<Self> {
        PyTagger::of_bytes(py, bytes)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = slf.py();
        match &slf.get().bytes {
            None => Ok((slf.get_type().into_any(), ().into_pyobject(py)?.into_any())),
            Some(b) => {
                let ctor = slf.get_type().getattr("_from_bytes")?;
                Ok((ctor, (PyBytes::new(py, b),).into_pyobject(py)?.into_any()))
            }
        }
    }
}

/// Trains a part-of-speech tagger (see ``lexiscope.train``) and writes its
/// weights to ``out``. Returns a dict: ``epochs`` (per epoch: train and dev
/// accuracy), ``features``, ``bytes``, ``sentences``, ``words``.
#[pyfunction]
#[pyo3(signature = (train_files, dev_files, out, *, epochs=8, seed=1, passes=1))]
fn _train_pos<'py>(
    py: Python<'py>,
    train_files: Vec<PathBuf>,
    dev_files: Vec<PathBuf>,
    out: PathBuf,
    epochs: usize,
    seed: u64,
    passes: usize,
) -> PyResult<Bound<'py, PyDict>> {
    if epochs == 0 {
        return Err(invalid_argument(py, "epochs must be at least 1"));
    }
    let result = enter::run(py, Some(1), None, |_| {
        let mut data = Vec::new();
        for p in &train_files {
            data.extend(read_jsonl(p)?);
        }
        let mut dev = Vec::new();
        for p in &dev_files {
            dev.extend(read_jsonl(p)?);
        }
        let opts = TrainOptions { epochs, seed, passes, ..TrainOptions::default() };
        let trained = train(&data, &dev, &opts, |_| {})?;
        std::fs::write(&out, &trained.bytes)
            .map_err(|e| crate::error::Error::Io { path: out.display().to_string(), message: e.to_string() })?;
        let words: usize = data.iter().map(|s| s.words.len()).sum();
        Ok((trained, data.len(), words))
    });
    let (trained, sentences, words) = result?;
    let d = PyDict::new(py);
    let epochs: Vec<(f64, Option<f64>)> =
        trained.epochs.iter().map(|e| (e.train, (!e.dev.is_nan()).then_some(e.dev))).collect();
    d.set_item("epochs", epochs)?;
    d.set_item("features", trained.features)?;
    d.set_item("bytes", trained.bytes.len())?;
    d.set_item("sentences", sentences)?;
    d.set_item("words", words)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTagger>()?;
    m.add_function(wrap_pyfunction!(_train_pos, m)?)?;
    Ok(())
}
