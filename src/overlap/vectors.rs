//! Step 1 of overlap: the document vectors. Per channel, unit TF-IDF rows
//! (sublinear tf, smoothed idf) from the corpus count table or from linked
//! entities; merged into one unit row per document over a shared feature
//! table, with its inverted index; and everything read from them: pair
//! scores, explanations, the dense matrix and nearest neighbours. The
//! shared-neighbour refinement (`context.rs`) is read here too once set.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::search::Search;
use super::{Channel, Context, Method, Part};
use crate::corpus::{Corpus, Entry, TermOptions};
use crate::entities::Entities;
use crate::error::{Error, Result};
use crate::normalize::Stem;
use crate::quotes::Quotes;
use crate::weight::{self, Weight};

/// A feature of the document vectors: channel and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Feature {
    /// Its channel.
    pub channel: Channel,
    /// The stem, bigram or entity name.
    pub name: String,
}

/// Unit-length sparse document vectors over a shared feature table.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
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

/// One channel: its terms and every document's unit TF-IDF row over them
/// (sublinear tf, smoothed idf), by term id.
struct ChannelRows {
    channel: Channel,
    weight: f64,
    terms: Vec<Box<str>>,
    rows: Vec<Vec<(u32, f64)>>,
}

/// How the overlap vectors weight counts: TF-IDF with sublinear tf and
/// smoothed idf, rows of unit length (as [`crate::weight::matrix`] computes
/// it for this weight; [`unit_sorted`] also sorts the rows).
const TFIDF: Weight = Weight::TfIdf { smooth_idf: true, sublinear_tf: true, l2: true };

/// Unit TF-IDF rows ([`TFIDF`]) of count rows whose terms have document
/// frequencies `df`, sorted by term.
fn tfidf_rows(rows: &[&[Entry]], df: &[u32]) -> Vec<Vec<(u32, f64)>> {
    let Weight::TfIdf { sublinear_tf, .. } = TFIDF else { unreachable!() };
    let idf = weight::idf(df, rows.len() as f64, TFIDF);
    rows.par_iter()
        .map(|doc| {
            let mut v: Vec<(u32, f64)> = doc
                .iter()
                .map(|e| (e.term, weight::tfidf(e.count as f64, idf[e.term as usize], sublinear_tf)))
                .collect();
            unit_sorted(&mut v);
            v
        })
        .collect()
}

/// Scales a sparse row to unit length (if not zero) and sorts it by index.
pub(super) fn unit_sorted(row: &mut [(u32, f64)]) {
    let norm = weight::l2_norm(row.iter().map(|&(_, x)| x));
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
pub(super) fn invert(rows: &[Vec<(u32, f64)>], n_cols: usize) -> Vec<Vec<(u32, f64)>> {
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
    let counts = ents.mentions.iter().map(|ms| ms.iter().map(|(_, e)| *e)).map(entries).collect();
    id_channel(Channel::Entities, weight, terms, counts)
}

/// The quotation channel: per document, the shared quotations it carries
/// (sets of quotations matched across documents), weighted like entities.
fn quote_channel(quotes: &Quotes, weight: f64) -> ChannelRows {
    let terms: Vec<Box<str>> = quotes.shared_text.iter().map(|t| t.as_str().into()).collect();
    let counts =
        quotes.shared.iter().map(|sets| sets.iter().copied().filter(|&s| s != u32::MAX)).map(entries).collect();
    id_channel(Channel::Quotes, weight, terms, counts)
}

/// Counts of each id in `ids`, sorted by id.
fn entries(ids: impl Iterator<Item = u32>) -> Vec<Entry> {
    let mut m: FxHashMap<u32, u32> = FxHashMap::default();
    for id in ids {
        *m.entry(id).or_insert(0) += 1;
    }
    let mut v: Vec<Entry> = m.into_iter().map(|(term, count)| Entry { term, count }).collect();
    v.sort_unstable_by_key(|e| e.term);
    v
}

/// A channel over ids counted per document (entities, quotations), TF-IDF weighted.
fn id_channel(channel: Channel, weight: f64, terms: Vec<Box<str>>, counts: Vec<Vec<Entry>>) -> ChannelRows {
    let mut df = vec![0u32; terms.len()];
    for r in &counts {
        for e in r {
            df[e.term as usize] += 1;
        }
    }
    ChannelRows { channel, weight, terms, rows: tfidf_rows(&counts.iter().map(Vec::as_slice).collect::<Vec<_>>(), &df) }
}

impl Vectors {
    /// Document vectors of `corpus` for `method` (not for `Jaccard`).
    pub fn build(corpus: &Corpus, method: Method, entities: Option<&Entities>, language: &str) -> Result<Vectors> {
        Vectors::build_with_quotes(corpus, method, entities, None, language)
    }

    /// [`Vectors::build`] with a channel of shared quotations of weight
    /// `quotes.1` (default method only).
    pub fn build_with_quotes(
        corpus: &Corpus,
        method: Method,
        entities: Option<&Entities>,
        quotes: Option<(&Quotes, f64)>,
        language: &str,
    ) -> Result<Vectors> {
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
        if let Some((q, wq)) = quotes.filter(|&(_, w)| w > 0.0) {
            if !wq.is_finite() || !matches!(method, Method::Default { .. }) {
                return Err(Error::InvalidArgument("a quote weight is finite and for method=\"default\" only".into()));
            }
            channels.push(quote_channel(q, wq));
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
                if crate::interrupt::requested() {
                    return row;
                }
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
        crate::alloc::fill_rows(
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
        crate::alloc::fill_rows(
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

    /// The direct score of `a` and `b` (the dot product of their rows,
    /// without the shared-neighbour refinement), not clamped.
    pub fn direct(&self, a: usize, b: usize) -> f64 {
        let (ra, rb) = (&self.rows[a], &self.rows[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < ra.len() && j < rb.len() {
            match ra[i].0.cmp(&rb[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    sum += ra[i].1 * rb[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Per shared feature, its contribution to the score of `a` and `b`
    /// (they add up to the score), largest first.
    pub fn contributions(&self, a: usize, b: usize) -> Vec<(u32, f64)> {
        let mut out = merge_join(&self.rows[a], &self.rows[b]);
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }

    /// Each document's `k` most similar other documents (score > 0), best
    /// first, by [`Search::Auto`]: exact up to [`super::exact_max_docs`] documents,
    /// pruned candidates above (see `search.rs`). Memory grows with n·k.
    pub fn top_k(&self, k: usize) -> Vec<Vec<(u32, f64)>> {
        self.top_k_with(k, Search::Auto)
    }

    /// [`Vectors::top_k`] through every posting of every feature of each
    /// document (every pair sharing a feature is scored), with the
    /// shared-neighbour refinement `context`: the exact search.
    pub(super) fn top_k_exact_in(&self, k: usize, context: Option<&Context>) -> Vec<Vec<(u32, f64)>> {
        let n = self.len();
        (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0.0f64; n], Vec::<u32>::new()),
                |(acc, touched), i| self.exact_row(i, k, context, acc, touched),
            )
            .collect()
    }

    /// Document `i`'s `k` nearest neighbours by the exact search (see
    /// [`Vectors::top_k_exact_in`]); `acc` (length n, zeros) and `touched`
    /// (empty) are scratch space, left as they came.
    #[inline]
    pub(super) fn exact_row(
        &self,
        i: usize,
        k: usize,
        context: Option<&Context>,
        acc: &mut [f64],
        touched: &mut Vec<u32>,
    ) -> Vec<(u32, f64)> {
        if crate::interrupt::requested() {
            return Vec::new();
        }
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
        if let Some(ctx) = context {
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
        let mut best: Vec<(u32, f64)> =
            touched.iter().map(|&j| (j, acc[j as usize].clamp(0.0, 1.0))).filter(|&(_, s)| s > 0.0).collect();
        for &j in touched.iter() {
            acc[j as usize] = 0.0;
        }
        touched.clear();
        top_k_in_place(&mut best, k);
        best
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
