//! Python bindings: type conversion, GIL release and error mapping only.
//! Everything else lives in the plain Rust core.

use pyo3::prelude::*;

mod corpus;
mod counts;
mod enter;
mod entities;
mod errors;
mod keywords;
mod options;
mod overlap;
mod partition;
mod persist;
mod quotes;
mod stream;
mod tag;
mod text;
mod tokenize;
mod vocab;

/// jemalloc keeps freed pages for reuse for a while (ten seconds by default)
/// instead of returning them to the kernel at once, so a notebook that builds
/// one large matrix after another does not pay a page fault per 4 KiB each time.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options: large requests (matrices are tens of MB) stay in the
/// ordinary arenas, whose freed pages are kept for reuse, rather than in the
/// dedicated arena that returns them at once.
// SAFETY: jemalloc (built with the `_rjem_` prefix) defines this symbol
// weakly, null, as `const char *malloc_conf`, so this definition replaces it;
// it reads it as a C string, possibly before `main`: a `&[u8; N]` is one
// pointer, set at compile time, to bytes that end in NUL and live forever,
// and nothing else in the program defines the name.
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 21] = b"oversize_threshold:0\0";

/// The native module `lexiscope._lexiscope`.
#[pymodule]
fn _lexiscope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    tokenize::register(m)?;
    corpus::register(m)?;
    entities::register(m)?;
    options::register(m)?;
    overlap::register(m)?;
    partition::register(m)?;
    persist::register(m)?;
    enter::register(m)?;
    stream::register(m)?;
    tag::register(m)?;
    vocab::register(m)?;
    Ok(())
}
