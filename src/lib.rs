//! lexiscope: tokenize news text, count keywords and entities, score topical overlap.
//!
//! The core is plain Rust; the Python bindings live in `src/python/` behind the
//! `python` feature, so `cargo test` needs no Python.

// Python-facing functions take many keyword options and return tuples of columns.
#![allow(clippy::too_many_arguments, clippy::type_complexity)]

pub mod clean;
pub mod corpus;
pub mod dense;
pub mod entities;
pub mod error;
pub mod keywords;
pub mod normalize;
pub mod offsets;
pub mod overlap;
pub mod parallel;
pub mod sentences;
pub mod stopwords;
pub mod tokenize;
pub mod tokenizer;

#[cfg(feature = "python")]
mod python;
