//! The one error type of the core. The Python bindings map each variant to a
//! `lexiscope` exception class (see `src/python/errors.rs`).

/// Errors returned by the lexiscope core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An argument has a value the function cannot use.
    #[error("{0}")]
    InvalidArgument(String),
    /// One document of a batch or corpus is unusable; `index` is its position.
    #[error("document {index}: {message}")]
    Document {
        /// Position of the document in the batch or corpus.
        index: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read or decoded.
    #[error("{path}: {message}")]
    Io {
        /// The file, as given.
        path: String,
        /// Why it could not be read or decoded.
        message: String,
    },
    /// Serialized state could not be read back.
    #[error("cannot restore state: {0}")]
    State(String),
    /// The caller asked the work to stop (Ctrl-C in Python).
    #[error("interrupted")]
    Interrupted,
}

/// Result alias of the core.
pub type Result<T> = std::result::Result<T, Error>;
