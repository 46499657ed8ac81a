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
//! what [`explain`] lists.
//!
//! Plain methods: `tfidf` (the `terms` channel alone), `entities` (the
//! `entities` channel alone) and `jaccard` (of word 3-shingle sets).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::{Corpus, Entry, Scratch, TermOptions};
use crate::entities::Entities;
use crate::error::{Error, Result};
use crate::normalize::{normalize_cow, Stem};

/// The channels of a document vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Content-word stems.
    Terms,
    /// Stem bigrams.
    Phrases,
    /// Canonical entities.
    Entities,
}

impl Channel {
    /// The name used in Python.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Terms => "term",
            Channel::Phrases => "phrase",
            Channel::Entities => "entity",
        }
    }
}

/// How documents are compared.
#[derive(Clone, Copy, Debug, PartialEq)]
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

/// Default channel weights (chosen on ECB+ dev, see benches/bench_overlap.py).
pub const DEFAULT_METHOD: Method = Method::Default { terms: 0.45, phrases: 0.2, entities: 0.35 };

/// A feature of the document vectors: channel and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Feature {
    /// Its channel.
    pub channel: Channel,
    /// The stem, bigram or entity name.
    pub name: String,
}

/// Unit-length sparse document vectors over a shared feature table.
#[derive(Clone, Debug)]
pub struct Vectors {
    /// The features.
    pub features: Vec<Feature>,
    /// Per document: (feature index, value), sorted by feature index.
    pub rows: Vec<Vec<(u32, f64)>>,
    /// Inverted index: per feature, (document, value), sorted by document.
    pub postings: Vec<Vec<(u32, f64)>>,
    /// Shared-neighbour refinement, if any.
    pub context: Option<Context>,
}

/// Shared-neighbour refinement of the scores: each document's profile is its
/// row of direct scores cut to its `k` nearest neighbours (itself included;
/// `k` at most n − 2) and scaled to unit length; the refined score is
/// `direct · s(a, b) + (1 - direct) · profile(a) · profile(b)`.
/// Two reports of one event that share few words but resemble the same
/// other reports are brought together (on ECB+ dev this lifts within-topic
/// MAP from 0.942 to 0.965). The second part is listed by [`Vectors::explain`]
/// as one contribution per shared neighbour, so contributions still add up.
#[derive(Clone, Debug)]
pub struct Context {
    /// Weight of the direct score.
    pub direct: f64,
    /// Per document: (neighbour, value), sorted by neighbour.
    pub profiles: Vec<Vec<(u32, f64)>>,
    /// Per neighbour: (document, value), sorted by document.
    pub reverse: Vec<Vec<(u32, f64)>>,
}

/// One part of a score, as [`Vectors::explain`] lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A shared feature (index into [`Vectors::features`]).
    Feature(u32),
    /// A shared neighbour document (its position).
    Neighbor(u32),
}

/// One channel: its terms and every document's unit TF-IDF row over them
/// (sublinear tf, smoothed idf), by term id.
struct ChannelRows {
    channel: Channel,
    weight: f64,
    terms: Vec<Box<str>>,
    rows: Vec<Vec<(u32, f64)>>,
}

fn tfidf_rows(rows: &[&[Entry]], df: &[u32]) -> Vec<Vec<(u32, f64)>> {
    let n = rows.len() as f64;
    rows.par_iter()
        .map(|doc| {
            let mut v: Vec<(u32, f64)> = doc
                .iter()
                .map(|e| {
                    let idf = ((1.0 + n) / (1.0 + df[e.term as usize] as f64)).ln() + 1.0;
                    (e.term, (1.0 + (e.count as f64).ln()) * idf)
                })
                .collect();
            unit_sorted(&mut v);
            v
        })
        .collect()
}

/// Scales a sparse row to unit length (if not zero) and sorts it by index.
fn unit_sorted(row: &mut [(u32, f64)]) {
    let norm = row.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        row.iter_mut().for_each(|(_, x)| *x /= norm);
    }
    row.sort_unstable_by_key(|&(i, _)| i);
}

/// An inverted index whose positions are checked once to be below `n`, so
/// that rows scatter into length-`n` buffers without a bounds check per product.
struct CheckedIndex<'a, T> {
    lists: &'a [Vec<(u32, T)>],
    n: usize,
}

impl<'a, T: Copy + std::ops::Mul<Output = T> + std::ops::AddAssign> CheckedIndex<'a, T> {
    fn new(lists: &'a [Vec<(u32, T)>], n: usize) -> Self {
        assert!(lists.iter().flatten().all(|&(j, _)| (j as usize) < n), "posting outside the corpus");
        CheckedIndex { lists, n }
    }

    /// `out[j] += weight(a) · b` for every feature `(f, a)` of `row` and
    /// posting `(j, b)` of `f`.
    #[inline]
    fn scatter(&self, row: &[(u32, f64)], weight: impl Fn(f64) -> T, out: &mut [T]) {
        assert_eq!(out.len(), self.n);
        for &(f, a) in row {
            let a = weight(a);
            for &(j, b) in &self.lists[f as usize] {
                // SAFETY: `new` checked every position is < n, and out.len() == n.
                unsafe { *out.get_unchecked_mut(j as usize) += a * b };
            }
        }
    }
}

/// The inverted index of sparse rows: per column, (row, value) by row.
fn invert(rows: &[Vec<(u32, f64)>], n_cols: usize) -> Vec<Vec<(u32, f64)>> {
    let mut len = vec![0usize; n_cols];
    for row in rows {
        for &(c, _) in row {
            len[c as usize] += 1;
        }
    }
    let mut out: Vec<Vec<(u32, f64)>> = len.into_iter().map(Vec::with_capacity).collect();
    for (r, row) in rows.iter().enumerate() {
        for &(c, x) in row {
            out[c as usize].push((r as u32, x));
        }
    }
    out
}

fn text_channel(corpus: &Corpus, channel: Channel, weight: f64, opts: &TermOptions) -> ChannelRows {
    let table = corpus.count_table(opts);
    let rows = tfidf_rows(&table.rows(), &table.df);
    ChannelRows { channel, weight, terms: table.terms.iter().map(Box::from).collect(), rows }
}

fn entity_channel(ents: &Entities, weight: f64) -> ChannelRows {
    let terms: Vec<Box<str>> = ents.entities.iter().map(|e| e.name.as_str().into()).collect();
    let counts: Vec<Vec<Entry>> = ents
        .mentions
        .iter()
        .map(|ms| {
            let mut m: FxHashMap<u32, u32> = FxHashMap::default();
            for (_, e) in ms {
                *m.entry(*e).or_insert(0) += 1;
            }
            let mut v: Vec<Entry> = m.into_iter().map(|(term, count)| Entry { term, count }).collect();
            v.sort_unstable_by_key(|e| e.term);
            v
        })
        .collect();
    let mut df = vec![0u32; terms.len()];
    for r in &counts {
        for e in r {
            df[e.term as usize] += 1;
        }
    }
    ChannelRows {
        channel: Channel::Entities,
        weight,
        terms,
        rows: tfidf_rows(&counts.iter().map(Vec::as_slice).collect::<Vec<_>>(), &df),
    }
}

impl Vectors {
    /// Document vectors of `corpus` for `method` (not for `Jaccard`).
    pub fn build(corpus: &Corpus, method: Method, entities: Option<&Entities>, language: &str) -> Result<Vectors> {
        let stem = Stem::new(language)?;
        let mut channels: Vec<ChannelRows> = Vec::new();
        let (wt, wp, we) = match method {
            Method::Default { terms, phrases, entities } => (terms, phrases, entities),
            Method::TfIdf => (1.0, 0.0, 0.0),
            Method::Entities => (0.0, 0.0, 1.0),
            Method::Jaccard => return Err(Error::InvalidArgument("jaccard has no vectors".into())),
        };
        if [wt, wp, we].iter().any(|w| !w.is_finite() || *w < 0.0) || wt + wp + we <= 0.0 {
            return Err(Error::InvalidArgument("channel weights must be non-negative and not all zero".into()));
        }
        if wt > 0.0 {
            let opts = TermOptions { stem: Some(stem.clone()), ..Default::default() };
            channels.push(text_channel(corpus, Channel::Terms, wt, &opts));
        }
        if wp > 0.0 {
            let opts = TermOptions { stem: Some(stem.clone()), ngram: (2, 2), numbers: false, ..Default::default() };
            channels.push(text_channel(corpus, Channel::Phrases, wp, &opts));
        }
        if we > 0.0 {
            let ents = entities.ok_or_else(|| Error::InvalidArgument("entity vectors need entities".into()))?;
            channels.push(entity_channel(ents, we));
        }
        // Feature table sorted by channel then name (for determinism); each
        // channel's term ids map to feature ids.
        let mut names: Vec<Feature> = Vec::new();
        let mut maps: Vec<Vec<u32>> = Vec::new();
        let mut ordered: Vec<&ChannelRows> = channels.iter().collect();
        ordered.sort_by_key(|c| c.channel);
        for ch in &ordered {
            let mut ids: Vec<u32> = (0..ch.terms.len() as u32).collect();
            ids.par_sort_unstable_by(|&a, &b| ch.terms[a as usize].cmp(&ch.terms[b as usize]));
            let mut map = vec![0u32; ch.terms.len()];
            for &t in &ids {
                map[t as usize] = names.len() as u32;
                names.push(Feature { channel: ch.channel, name: ch.terms[t as usize].to_string() });
            }
            maps.push(map);
        }
        let n = corpus.len();
        let rows: Vec<Vec<(u32, f64)>> = (0..n)
            .into_par_iter()
            .map(|d| {
                let mut row: Vec<(u32, f64)> = Vec::new();
                for (ch, map) in ordered.iter().zip(&maps) {
                    let s = ch.weight.sqrt();
                    for &(t, x) in &ch.rows[d] {
                        row.push((map[t as usize], s * x));
                    }
                }
                unit_sorted(&mut row);
                row
            })
            .collect();
        let postings = invert(&rows, names.len());
        Ok(Vectors { features: names, rows, postings, context: None })
    }

    /// Adds the shared-neighbour refinement with `k` neighbours and weight
    /// `direct` for the direct score (see [`Context`]).
    pub fn with_context(mut self, k: usize, direct: f64) -> Result<Vectors> {
        if !(0.0..=1.0).contains(&direct) {
            return Err(Error::InvalidArgument(format!("direct weight must be in [0, 1], got {direct}")));
        }
        // A neighbourhood holding every other document says nothing: in a
        // small corpus the profile leaves out at least one document.
        let k = k.min(self.len().saturating_sub(2));
        if k == 0 || direct == 1.0 {
            self.context = None;
            return Ok(self);
        }
        self.context = None;
        let near = self.top_k(k);
        let profiles: Vec<Vec<(u32, f64)>> = near
            .into_par_iter()
            .enumerate()
            .map(|(i, mut row)| {
                if !self.rows[i].is_empty() {
                    row.push((i as u32, 1.0));
                }
                unit_sorted(&mut row);
                row
            })
            .collect();
        let reverse = invert(&profiles, profiles.len());
        self.context = Some(Context { direct, profiles, reverse });
        Ok(self)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds the scores of document `i` against every document to `out`
    /// (length n, zeros on entry) before clamping to [0, 1]; `second` is
    /// scratch space.
    fn accumulate_row(&self, index: &CheckedIndex<f64>, i: usize, out: &mut [f64], second: &mut Vec<f64>) {
        index.scatter(&self.rows[i], |a| a, out);
        if let Some(ctx) = &self.context {
            second.clear();
            second.resize(out.len(), 0.0);
            for &(nb, a) in &ctx.profiles[i] {
                for &(j, b) in &ctx.reverse[nb as usize] {
                    second[j as usize] += a * b;
                }
            }
            for (x, y) in out.iter_mut().zip(second.iter()) {
                *x = ctx.direct * *x + (1.0 - ctx.direct) * y;
            }
        }
        if !self.rows[i].is_empty() {
            out[i] = 1.0;
        }
    }

    /// The dense n × n matrix of scores (row-major).
    pub fn matrix(&self) -> Vec<f64> {
        self.dense(|x| x.clamp(0.0, 1.0))
    }

    /// The dense matrix in single precision (half the memory). Without the
    /// shared-neighbour refinement, scores are also summed in single
    /// precision (relative error about 1e-7 per term), which halves the
    /// memory traffic of the inner loop; with it, in double precision.
    pub fn matrix_f32(&self) -> Vec<f32> {
        if self.context.is_some() {
            return self.dense(|x| x.clamp(0.0, 1.0) as f32);
        }
        let postings: Vec<Vec<(u32, f32)>> =
            self.postings.par_iter().map(|p| p.iter().map(|&(j, b)| (j, b as f32)).collect()).collect();
        let n = self.len();
        let index = CheckedIndex::new(&postings, n);
        crate::dense::fill_rows(
            n,
            n,
            || (),
            |i, out: &mut [f32], _| {
                index.scatter(&self.rows[i], |a| a as f32, out);
                if !self.rows[i].is_empty() {
                    out[i] = 1.0;
                }
            },
            |x| x.clamp(0.0, 1.0),
        )
    }

    fn dense<T: Copy + Send + Sync>(&self, conv: impl Fn(f64) -> T + Sync) -> Vec<T> {
        let n = self.len();
        let index = CheckedIndex::new(&self.postings, n);
        crate::dense::fill_rows(
            n,
            n,
            Vec::new,
            |i, row: &mut [f64], second: &mut Vec<f64>| self.accumulate_row(&index, i, row, second),
            conv,
        )
    }

    /// Score of one pair.
    pub fn score(&self, a: usize, b: usize) -> f64 {
        if a == b {
            return if self.rows[a].is_empty() { 0.0 } else { 1.0 };
        }
        self.explain(a, b).iter().map(|(_, c)| c).sum::<f64>().clamp(0.0, 1.0)
    }

    /// Every part of the score of `a` and `b` (shared features, and shared
    /// neighbours when refined), largest first; they add up to the score.
    pub fn explain(&self, a: usize, b: usize) -> Vec<(Part, f64)> {
        let direct = self.context.as_ref().map_or(1.0, |c| c.direct);
        let mut out: Vec<(Part, f64)> = if a == b {
            self.rows[a].iter().map(|&(f, x)| (Part::Feature(f), direct * x * x)).collect()
        } else {
            self.contributions(a, b).into_iter().map(|(f, c)| (Part::Feature(f), direct * c)).collect()
        };
        if let Some(ctx) = &self.context {
            out.extend(
                merge_join(&ctx.profiles[a], &ctx.profiles[b])
                    .into_iter()
                    .map(|(nb, c)| (Part::Neighbor(nb), (1.0 - direct) * c)),
            );
        }
        out.sort_by(|x, y| y.1.total_cmp(&x.1));
        out
    }

    /// Per shared feature, its contribution to the score of `a` and `b`
    /// (they add up to the score), largest first.
    pub fn contributions(&self, a: usize, b: usize) -> Vec<(u32, f64)> {
        let mut out = merge_join(&self.rows[a], &self.rows[b]);
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }

    /// Each document's `k` most similar other documents (score > 0), best
    /// first, found through the inverted index: memory grows with n·k.
    pub fn top_k(&self, k: usize) -> Vec<Vec<(u32, f64)>> {
        let n = self.len();
        (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0.0f64; n], Vec::<u32>::new()),
                |(acc, touched), i| {
                    for &(f, a) in &self.rows[i] {
                        for &(j, b) in &self.postings[f as usize] {
                            if j as usize != i {
                                if acc[j as usize] == 0.0 {
                                    touched.push(j);
                                }
                                acc[j as usize] += a * b;
                            }
                        }
                    }
                    if let Some(ctx) = &self.context {
                        // Refined scores: direct part scaled, shared-neighbour part added.
                        for &j in touched.iter() {
                            acc[j as usize] *= ctx.direct;
                        }
                        for &(nb, a) in &ctx.profiles[i] {
                            for &(j, b) in &ctx.reverse[nb as usize] {
                                if j as usize != i {
                                    if acc[j as usize] == 0.0 {
                                        touched.push(j);
                                    }
                                    acc[j as usize] += (1.0 - ctx.direct) * a * b;
                                }
                            }
                        }
                    }
                    let mut best: Vec<(u32, f64)> = touched
                        .iter()
                        .map(|&j| (j, acc[j as usize].clamp(0.0, 1.0)))
                        .filter(|&(_, s)| s > 0.0)
                        .collect();
                    for &j in touched.iter() {
                        acc[j as usize] = 0.0;
                    }
                    touched.clear();
                    top_k_in_place(&mut best, k);
                    best
                },
            )
            .collect()
    }
}

/// Keeps the `k` best (highest score, ties by lower index) of `v`, sorted,
/// in linear time plus k log k, and frees the rest.
pub fn top_k_in_place(v: &mut Vec<(u32, f64)>, k: usize) {
    let order = |x: &(u32, f64), y: &(u32, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
    if k == 0 {
        v.clear();
    } else if v.len() > k {
        v.select_nth_unstable_by(k - 1, order);
        v.truncate(k);
    }
    v.sort_by(order);
    v.shrink_to_fit();
}

/// Products of the values two sorted sparse rows share.
fn merge_join(ra: &[(u32, f64)], rb: &[(u32, f64)]) -> Vec<(u32, f64)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < ra.len() && j < rb.len() {
        match ra[i].0.cmp(&rb[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                out.push((ra[i].0, ra[i].1 * rb[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Word 3-shingle sets (hashed) of every document, for `jaccard`.
pub fn shingle_sets(corpus: &Corpus, k: usize) -> Vec<Vec<u64>> {
    let opts = &corpus.options().tokenizer.normalize;
    corpus
        .docs()
        .par_iter()
        .map_init(Scratch::default, |scratch, doc| {
            let mut buf = String::new();
            let mut words: Vec<u64> = Vec::new();
            doc.for_each_run(false, scratch, |run| {
                words.extend(
                    run.iter()
                        .filter(|t| t.kind.is_content())
                        .map(|t| fnv1a(normalize_cow(t.text(&doc.text), opts, &mut buf).as_bytes())),
                );
            });
            let mut set: Vec<u64> = if words.len() < k {
                if words.is_empty() {
                    Vec::new()
                } else {
                    vec![mix_all(&words)]
                }
            } else {
                words.windows(k).map(mix_all).collect()
            };
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect()
}

/// Jaccard similarity of two sorted sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = intersection(a, b);
    inter as f64 / (a.len() + b.len() - inter) as f64
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The dense Jaccard matrix of shingle sets.
pub fn jaccard_matrix(sets: &[Vec<u64>]) -> Vec<f64> {
    let n = sets.len();
    let mut m = vec![0.0; n * n];
    if n == 0 {
        return m;
    }
    m.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
        for j in 0..n {
            row[j] = if i == j {
                if sets[i].is_empty() {
                    0.0
                } else {
                    1.0
                }
            } else {
                jaccard(&sets[i], &sets[j])
            };
        }
    });
    m
}

// ---------------------------------------------------------------------------
// Stories: average-linkage grouping over neighbour edges.

#[derive(PartialEq)]
struct Candidate(f64, u32, u32);

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then_with(|| other.1.cmp(&self.1)).then_with(|| other.2.cmp(&self.2))
    }
}

/// Groups of documents, by average linkage: two groups merge while the mean
/// score over all their cross pairs (pairs that are not among each other's
/// `k` nearest neighbours count as 0) is at least `threshold`. Deterministic;
/// groups are listed by their first document.
pub fn stories(neighbors: &[Vec<(u32, f64)>], threshold: f64) -> Vec<Vec<u32>> {
    let n = neighbors.len();
    // Symmetric edge sums between clusters.
    let mut links: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n];
    for (i, row) in neighbors.iter().enumerate() {
        for &(j, s) in row {
            let (a, b) = (i as u32, j);
            if a == b {
                continue;
            }
            // The score is symmetric; keep the larger if only one side saw it.
            let e = links[a as usize].entry(b).or_insert(0.0);
            *e = e.max(s);
            let e = links[b as usize].entry(a).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut size: Vec<u32> = vec![1; n];
    let mut alive: Vec<bool> = vec![true; n];
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let mut heap = BinaryHeap::new();
    for (a, l) in links.iter().enumerate() {
        for (&b, &s) in l {
            if (a as u32) < b && s >= threshold {
                heap.push(Candidate(s, a as u32, b));
            }
        }
    }
    while let Some(Candidate(avg, a, b)) = heap.pop() {
        if !alive[a as usize] || !alive[b as usize] {
            continue;
        }
        let current = links[a as usize].get(&b).copied().unwrap_or(0.0) / (size[a as usize] * size[b as usize]) as f64;
        if (current - avg).abs() > 1e-12 {
            continue; // stale
        }
        // Merge b into a.
        alive[b as usize] = false;
        let lb = std::mem::take(&mut links[b as usize]);
        for (c, s) in lb {
            if c == a {
                continue;
            }
            *links[a as usize].entry(c).or_insert(0.0) += s;
            let lc = &mut links[c as usize];
            lc.remove(&b);
            *lc.entry(a).or_insert(0.0) += s;
        }
        links[a as usize].remove(&b);
        size[a as usize] += size[b as usize];
        let mb = std::mem::take(&mut members[b as usize]);
        members[a as usize].extend(mb);
        let mut next: Vec<(u32, f64)> = links[a as usize].iter().map(|(&c, &s)| (c, s)).collect();
        next.sort_by_key(|&(c, _)| c);
        for (c, s) in next {
            let avg = s / (size[a as usize] * size[c as usize]) as f64;
            if avg >= threshold {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push(Candidate(avg, x, y));
            }
        }
    }
    let mut groups: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    groups.sort_by_key(|g| g[0]);
    groups
}

// ---------------------------------------------------------------------------
// Near duplicates: MinHash with LSH banding, and containment.

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[inline]
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn mix_all(words: &[u64]) -> u64 {
    words.iter().fold(0x243F_6A88_85A3_08D3u64, |h, &w| splitmix(h ^ w))
}

/// The seeded permutations of MinHash: `h ↦ a·h + b (mod 2^32)` with odd `a`,
/// each a bijection of 32-bit values (shingle hashes are mixed 64-bit values,
/// folded to 32 bits).
pub fn minhash_params(num_perm: usize, seed: u64) -> (Vec<u32>, Vec<u32>) {
    let a = (0..num_perm as u64).map(|i| (splitmix(seed ^ splitmix(2 * i)) as u32) | 1).collect();
    let b = (0..num_perm as u64).map(|i| splitmix(seed ^ splitmix(2 * i + 1)) as u32).collect();
    (a, b)
}

/// MinHash signature of a shingle set under the permutations `(a, b)` of
/// [`minhash_params`]: one 32-bit multiply-add and min per value, which the
/// compiler vectorises (eight lanes with AVX2, chosen at run time; the
/// arithmetic, and so the result, is the same on every path).
pub fn minhash_with(set: &[u64], a: &[u32], b: &[u32]) -> Vec<u32> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { minhash_avx2(set, a, b) };
        }
    }
    minhash_plain(set, a, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_avx2(set: &[u64], a: &[u32], b: &[u32]) -> Vec<u32> {
    minhash_plain(set, a, b)
}

#[inline(always)]
fn minhash_plain(set: &[u64], a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut sig = vec![u32::MAX; a.len()];
    for &h in set {
        let h = (h ^ (h >> 32)) as u32;
        for ((slot, &x), &y) in sig.iter_mut().zip(a).zip(b) {
            *slot = (*slot).min(x.wrapping_mul(h).wrapping_add(y));
        }
    }
    sig
}

/// MinHash signature of a shingle set with `num_perm` seeded permutations.
pub fn minhash(set: &[u64], num_perm: usize, seed: u64) -> Vec<u32> {
    let (a, b) = minhash_params(num_perm, seed);
    minhash_with(set, &a, &b)
}

/// Largest chance that LSH misses a pair whose similarity is exactly the
/// threshold (pairs above it are missed less often).
const MAX_MISS: f64 = 1e-3;

/// The (bands, rows) of LSH banding for `threshold` and `num_perm`: the most
/// rows per band (so the fewest dissimilar candidates) for which a pair at the
/// threshold is missed with probability at most [`MAX_MISS`], i.e.
/// `(1 - threshold^rows)^bands <= MAX_MISS`. Candidates are then checked
/// exactly, so a false positive costs one comparison while a miss loses a
/// pair: the banding is chosen for recall. If no banding reaches `MAX_MISS`
/// (very low thresholds or few permutations), one row per band.
pub fn lsh_params(threshold: f64, num_perm: usize) -> (usize, usize) {
    let num_perm = num_perm.max(1);
    let t = threshold.clamp(0.0, 1.0);
    for r in (1..=num_perm).rev() {
        let b = num_perm / r;
        if (1.0 - t.powi(r as i32)).powi(b as i32) <= MAX_MISS {
            return (b, r);
        }
    }
    (num_perm, 1)
}

/// A pair of near-duplicate documents.
#[derive(Clone, Debug, PartialEq)]
pub struct NearDuplicate {
    /// First document (the smaller index).
    pub a: u32,
    /// Second document.
    pub b: u32,
    /// Jaccard similarity of the shingle sets (exact, checked after LSH).
    pub jaccard: f64,
    /// Share of the smaller document's shingles found in the other.
    pub containment: f64,
}

/// Near-duplicate pairs: Jaccard ≥ `threshold` (candidates from MinHash LSH
/// with `num_perm` permutations, then checked exactly), or, when
/// `containment` is given, pairs where that share of the smaller document's
/// shingles is in the larger (candidates from an index of sampled shingles).
pub fn near_duplicates(
    sets: &[Vec<u64>],
    threshold: f64,
    num_perm: usize,
    seed: u64,
    containment: Option<f64>,
) -> Vec<NearDuplicate> {
    let (bands, rows) = lsh_params(threshold, num_perm);
    let (pa, pb) = minhash_params(num_perm, seed);
    let sigs: Vec<Vec<u32>> = sets.par_iter().map(|s| minhash_with(s, &pa, &pb)).collect();
    let mut candidates: FxHashSet<(u32, u32)> = FxHashSet::default();
    for band in 0..bands {
        let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (d, sig) in sigs.iter().enumerate() {
            if sets[d].is_empty() {
                continue;
            }
            let key = sig[band * rows..(band + 1) * rows]
                .iter()
                .fold(0x243F_6A88_85A3_08D3u64, |h, &v| splitmix(h ^ v as u64));
            buckets.entry(key).or_default().push(d as u32);
        }
        for docs in buckets.values() {
            for (x, &a) in docs.iter().enumerate() {
                for &b in &docs[x + 1..] {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    if let Some(c) = containment {
        // Sampled shingles (a fixed quarter of hash space) in an inverted index.
        let sample: Vec<Vec<u64>> = sets.iter().map(|s| s.iter().copied().filter(|h| h % 4 == 0).collect()).collect();
        let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (d, s) in sample.iter().enumerate() {
            for &h in s {
                index.entry(h).or_default().push(d as u32);
            }
        }
        let found: Vec<Vec<(u32, u32)>> = (0..sets.len())
            .into_par_iter()
            .map(|d| {
                let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
                for h in &sample[d] {
                    let docs = &index[h];
                    if docs.len() > 1000 {
                        continue; // boilerplate shingles say nothing
                    }
                    for &o in docs {
                        if o as usize != d {
                            *shared.entry(o).or_insert(0) += 1;
                        }
                    }
                }
                let need = (c * sample[d].len() as f64 * 0.8).ceil() as u32;
                let mut v: Vec<(u32, u32)> = shared
                    .into_iter()
                    .filter(|&(_, k)| k >= need.max(1))
                    .map(|(o, _)| ((d as u32).min(o), (d as u32).max(o)))
                    .collect();
                v.sort_unstable();
                v
            })
            .collect();
        candidates.extend(found.into_iter().flatten());
    }
    let mut pairs: Vec<(u32, u32)> = candidates.into_iter().collect();
    pairs.sort_unstable();
    let mut out: Vec<NearDuplicate> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let (sa, sb) = (&sets[a as usize], &sets[b as usize]);
            let inter = intersection(sa, sb);
            let j = inter as f64 / (sa.len() + sb.len() - inter).max(1) as f64;
            let cont = inter as f64 / sa.len().min(sb.len()).max(1) as f64;
            let keep = j >= threshold || containment.is_some_and(|c| cont >= c);
            keep.then_some(NearDuplicate { a, b, jaccard: j, containment: cont })
        })
        .collect();
    out.sort_by(|x, y| y.jaccard.total_cmp(&x.jaccard).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsh_parameters_fit_threshold() {
        for (t, perms) in [(0.8, 128), (0.5, 128), (0.9, 64), (0.95, 256)] {
            let (b, r) = lsh_params(t, perms);
            assert!(b * r <= perms);
            let miss = |s: f64| (1.0 - s.powi(r as i32)).powi(b as i32);
            assert!(miss(t) <= MAX_MISS, "{t} {b} {r}");
            // One more row per band would miss too much.
            let b2 = perms / (r + 1);
            assert!((1.0 - t.powi(r as i32 + 1)).powi(b2 as i32) > MAX_MISS, "{t} {b} {r}");
        }
        assert_eq!(lsh_params(0.8, 128), (25, 5));
    }

    #[test]
    fn minhash_estimates_jaccard() {
        let a: Vec<u64> = (0..1000).collect();
        let b: Vec<u64> = (200..1200).collect();
        let (sa, sb) = (minhash(&a, 256, 1), minhash(&b, 256, 1));
        let est = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / 256.0;
        assert!((est - jaccard(&a, &b)).abs() < 0.1, "{est}");
    }

    #[test]
    fn average_linkage() {
        let nb = vec![
            vec![(1, 0.9), (2, 0.1)],
            vec![(0, 0.9), (2, 0.2)],
            vec![(0, 0.1), (1, 0.2), (3, 0.8)],
            vec![(2, 0.8)],
        ];
        assert_eq!(stories(&nb, 0.5), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(stories(&nb, 0.95), vec![vec![0], vec![1], vec![2], vec![3]]);
    }
}
