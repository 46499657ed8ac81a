//! lexiscope: tokenize news text, count keywords and entities, score topical overlap.
//!
//! The core is plain Rust; the Python bindings live in `src/python/` behind the
//! `python` feature, so `cargo test` needs no Python.

// Python-facing functions take many keyword options and return tuples of columns.
#![allow(clippy::too_many_arguments, clippy::type_complexity)]

// The pipeline, in order: read, parse, clean, tokenize, normalize, count,
// weight; then what is built on counts and tokens.
pub mod clean;
pub mod corpus;
pub mod count;
pub mod document;
pub mod entities;
pub mod io;
pub mod keywords;
pub mod normalize;
pub mod overlap;
pub mod stopwords;
pub mod tokenize;
pub mod tokenizer;
pub mod weight;

// Support.
pub mod dense;
pub mod error;
pub mod offsets;
pub mod parallel;

#[cfg(feature = "python")]
mod python;
