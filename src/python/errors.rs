//! The one mapping from core errors to Python exceptions. The exception
//! classes are defined in `lexiscope/errors.py` so that each can derive from
//! both `LexiscopeError` and the built-in a user would catch.

use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::error::Error;

fn class<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyType>>, name: &str) -> PyResult<Bound<'py, PyType>> {
    cell.import(py, "lexiscope.errors", name).cloned()
}

macro_rules! error_class {
    ($fn_name:ident, $py_name:literal) => {
        pub fn $fn_name(py: Python<'_>, msg: impl Into<String>) -> PyErr {
            static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
            match class(py, &CELL, $py_name) {
                Ok(cls) => PyErr::from_type(cls, msg.into()),
                Err(e) => e,
            }
        }
    };
}

error_class!(invalid_argument, "InvalidArgumentError");
error_class!(input_type, "InputTypeError");
error_class!(document_error, "DocumentError");
error_class!(read_error, "ReadError");
error_class!(state_error, "StateError");

/// Converts a core error into the matching Python exception.
pub fn to_py(err: Error) -> PyErr {
    Python::attach(|py| match &err {
        Error::InvalidArgument(_) => invalid_argument(py, err.to_string()),
        Error::Document { .. } => document_error(py, err.to_string()),
        Error::Io { .. } => read_error(py, err.to_string()),
        Error::State(_) => state_error(py, err.to_string()),
        Error::Interrupted => PyKeyboardInterrupt::new_err("interrupted"),
    })
}
