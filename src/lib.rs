//! lexiscope: tokenize news text, count keywords and entities, score topical overlap.
//!
//! The core is plain Rust; the Python bindings live in `src/python/` behind the
//! `python` feature, so `cargo test` needs no Python.

// The pipeline, in the order a text goes through it (one comment per line
// keeps `cargo fmt` from sorting the list).
// Texts from files and JSONL.
pub mod io;
// One document: its text, the lines set aside, its tokens and sentences.
pub mod document;
// Boilerplate lines to set aside.
pub mod clean;
// Words with byte offsets.
pub mod tokenize;
// Sentence bounds and their corrections.
pub mod sentences;
// Part-of-speech tags.
pub mod tag;
// Tokens with their normal forms, stopword flags, stems and n-grams.
pub mod tokenizer;
// Normal forms of words.
pub mod normalize;
// Stopword lists.
pub mod stopwords;
// Term counts of every document over one table of terms.
pub mod count;
// Document-term matrices: counts, TF-IDF, BM25.
pub mod weight;
// Keyphrases and distinctive terms.
pub mod keywords;
// Named entities, linked across documents.
pub mod entities;
// Quotations, their speakers, and the documents that share them.
pub mod quotes;
// Topical overlap, same-story groups, near duplicates.
pub mod overlap;
// Overlap scores as a corpus keeps them, with neighbours and stories.
pub mod scores;
// Many documents analysed once, and the results above for them.
pub mod corpus;
// What a corpus keeps: each derived result computed once.
pub mod cache;
// A corpus saved with what it has computed.
pub mod persist;
// A JSONL collection read in chunks: counts, matrix blocks, entities and near duplicates in bounded memory.
pub mod stream;

// Support.
pub mod alloc;
pub mod error;
pub mod hash;
mod hint;
pub mod interrupt;
pub mod offsets;
pub mod parallel;
mod wordlist;

#[cfg(feature = "python")]
mod python;
