//! Python bindings: type conversion, GIL release and error mapping only.
//! Everything else lives in the plain Rust core.

use pyo3::prelude::*;

mod corpus;
mod entities;
mod errors;
mod overlap;
mod parallel;
mod text;
mod tokenize;
mod vocab;

/// The native module `lexiscope._lexiscope`.
#[pymodule]
fn _lexiscope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    tokenize::register(m)?;
    corpus::register(m)?;
    entities::register(m)?;
    overlap::register(m)?;
    vocab::register(m)?;
    Ok(())
}
