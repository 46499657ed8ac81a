//! Getting text out of Python objects without copying where possible, and
//! without losing character offsets when a string holds lone surrogates.

use std::ops::Deref;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyString};

use super::errors::input_type;
use crate::offsets::decode_surrogatepass;

/// Text borrowed from a Python `str`, or decoded with each lone surrogate
/// replaced by one U+FFFD (so character offsets still match the original).
pub enum Text {
    Backed(PyBackedStr),
    Replaced(String),
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Backed(s) => s,
            Text::Replaced(s) => s,
        }
    }
}

impl Text {
    /// Whether lone surrogates were replaced.
    pub fn is_replaced(&self) -> bool {
        matches!(self, Text::Replaced(_))
    }
}

/// A document text that shares the bytes of a borrowed Python `str` (no
/// copy; the `str` is kept alive with the text) or owns a replaced one.
pub fn doc_text(t: Text) -> crate::corpus::DocText {
    match t {
        Text::Backed(b) => {
            let (ptr, len) = (b.as_ptr(), b.len());
            // SAFETY: `b` keeps the Python str, whose UTF-8 buffer is
            // immutable and never moves, alive as long as the DocText lives;
            // (ptr, len) are that buffer, valid UTF-8.
            unsafe {
                let text = std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len));
                crate::corpus::DocText::shared(text, std::sync::Arc::new(b))
            }
        }
        Text::Replaced(s) => s.into(),
    }
}

/// The text of a Python `str`; `None` if `obj` is not a `str`.
pub fn try_text(obj: &Bound<'_, PyAny>) -> PyResult<Option<Text>> {
    let Ok(s) = obj.cast::<PyString>() else {
        return Ok(None);
    };
    match PyBackedStr::try_from(s.clone()) {
        Ok(b) => Ok(Some(Text::Backed(b))),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let bytes = bytes.cast::<PyBytes>()?;
            Ok(Some(Text::Replaced(decode_surrogatepass(bytes.as_bytes()))))
        }
    }
}

/// The text of `obj`, or an `InputTypeError` naming `what`.
pub fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Text> {
    try_text(obj)?.ok_or_else(|| input_type(obj.py(), format!("{what} must be str, got {}", type_name(obj))))
}

/// The texts of an iterable of `str`; the error names the first bad item.
pub fn texts(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Text>> {
    let py = obj.py();
    if obj.is_instance_of::<PyString>() {
        return Err(input_type(py, "texts must be an iterable of str, got a single str (wrap it in a list)"));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| input_type(py, format!("texts must be an iterable of str, got {}", type_name(obj))))?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        let item = item?;
        match try_text(&item)? {
            Some(t) => out.push(t),
            None => return Err(input_type(py, format!("texts[{i}] must be str, got {}", type_name(&item)))),
        }
    }
    Ok(out)
}

/// The type name of `obj`, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}
