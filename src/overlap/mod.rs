//! Topical overlap between documents: pairwise scores with explanations,
//! nearest neighbours without all pairs, same-story groups, and near
//! duplicates by MinHash with LSH banding.
//!
//! # The default score
//!
//! Every document becomes one sparse vector made of *channels*, each a unit
//! vector scaled by the square root of its weight:
//!
//! * `terms`: stems of content words (stopwords out, numbers in), TF-IDF with
//!   sublinear tf and smoothed idf;
//! * `phrases`: stem bigrams inside sentences (same weighting), which carry
//!   the story's wording (`security guarantees`, `territorial integrity`);
//! * `entities`: canonical entities (a shared JD Vance counts once, whatever
//!   the spelling), weighted by mentions and idf.
//!
//! The whole vector is then scaled to unit length (so a document without
//! entities is judged on its words), and the score of two documents is the
//! dot product of their vectors: in [0, 1], symmetric, 1 on the diagonal for
//! any non-empty document, and the sum of per-feature contributions, which is
//! what [`Vectors::explain`] lists.
//!
//! Plain methods: `tfidf` (the `terms` channel alone), `entities` (the
//! `entities` channel alone) and `jaccard` (of word 3-shingle sets).
//!
//! # The flow
//!
//! 1. `vectors.rs`: each channel's TF-IDF rows (from the corpus count table,
//!    or from linked entities), merged into one unit row per document over a
//!    shared feature table, with its inverted index; scores, explanations,
//!    the dense matrix and nearest neighbours ([`Vectors::top_k`]) come from
//!    these rows and postings; `search.rs` finds the neighbours, exactly up
//!    to [`EXACT_MAX_DOCS`] documents and with pruned candidates (exact
//!    scores) above.
//! 2. `context.rs`: the optional shared-neighbour refinement of the default
//!    method ([`Vectors::with_context`]), built from the neighbours of step 1.
//! 3. `stories.rs`: average-linkage groups over the neighbour lists.
//!    `explain.rs` turns a score's parts, and a story's strongest features,
//!    into what a reader sees: channels in order, words as written.
//! 4. `minhash.rs`: the separate word-shingle path: shingle sets, Jaccard,
//!    MinHash signatures with LSH banding, and near-duplicate pairs.

mod context;
mod explain;
mod minhash;
mod search;
mod stories;
mod vectors;

pub use crate::weight::smoothed_idf;
pub use context::Context;
pub use explain::{surface_forms, Row, Subject, CONTEXT};
pub use minhash::{
    band_key, check_pairs, jaccard, jaccard_matrix, lsh_params, minhash, minhash_params, minhash_with, near_duplicates,
    near_duplicates_with, shingle_sets, signatures, NearDuplicate,
};
pub use search::{
    candidate_budget, exact_max_docs, pool, set_candidate_budget, set_exact_max_docs, Search, CANDIDATE_BUDGET,
    EXACT_MAX_DOCS,
};
pub use stories::{mutual, stories, stories_within};
pub use vectors::{top_k_in_place, Feature, Vectors};

/// The channels of a document vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Channel {
    /// Content-word stems.
    Terms,
    /// Stem bigrams.
    Phrases,
    /// Canonical entities.
    Entities,
    /// Quotations shared across documents (off unless given a weight).
    Quotes,
}

impl Channel {
    /// The name used in Python.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Terms => "term",
            Channel::Phrases => "phrase",
            Channel::Entities => "entity",
            Channel::Quotes => "quote",
        }
    }
}

/// How documents are compared.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Method {
    /// Weighted channels (see the module docs).
    Default {
        /// Weight of the terms channel.
        terms: f64,
        /// Weight of the phrases channel.
        phrases: f64,
        /// Weight of the entities channel.
        entities: f64,
    },
    /// TF-IDF cosine of content-word stems.
    TfIdf,
    /// Cosine of entity vectors.
    Entities,
    /// Jaccard similarity of word 3-shingle sets.
    Jaccard,
}

/// Neighbours in the shared-neighbour profile of the default method, and the
/// weight of the direct score (chosen on ECB+ dev, see benches/bench_overlap.py).
pub const DEFAULT_CONTEXT: (usize, f64) = (10, 0.3);

/// Weight of the shared-quotation channel in the default method (chosen on
/// ECB+ dev, see benches/bench_overlap.py: 0.05 lifts MAP and story ARI a
/// little, 0.2 lowers them), so that an explanation lists the quotations two
/// reports share.
pub const DEFAULT_QUOTES: f64 = 0.05;

/// Default channel weights (chosen on ECB+ dev, see benches/bench_overlap.py).
pub const DEFAULT_METHOD: Method = Method::Default { terms: 0.45, phrases: 0.2, entities: 0.35 };

/// One part of a score, as [`Vectors::explain`] lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A shared feature (index into [`Vectors::features`]).
    Feature(u32),
    /// A shared neighbour document (its position).
    Neighbor(u32),
}
