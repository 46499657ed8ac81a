//! Step 1b of overlap: the search for each document's nearest neighbours
//! ([`Vectors::top_k`]), exact or with pruned candidates.
//!
//! # Exact
//!
//! Each document's row is scattered through the inverted index: every
//! document sharing a feature with it is scored. The work is the sum over
//! features of the square of their document frequency, so a term found in
//! most documents makes every row touch most others: quadratic in n.
//!
//! # Pruned (above [`exact_max_docs`] documents)
//!
//! Which pairs are *considered* changes; the score of a pair that is
//! returned does not (the same sums in the same order as the exact search,
//! so the same bits). Per document:
//!
//! 1. **Sources.** Its features' postings and, with the shared-neighbour
//!    refinement, the reverse lists of its profile's neighbours. If they
//!    hold at most [`candidate_budget`] entries together, the document is
//!    searched exactly as above (its list is the exact one).
//! 2. **Rarest first.** Otherwise the sources are read from the shortest
//!    up (leaving out those holding this document alone), whole, while they fit in the budget ([`CANDIDATE_BUDGET`],
//!    20,000 entries); the longer ones (the commonest terms, which weigh least in
//!    TF-IDF) are left out of candidate generation. A document whose
//!    shortest source alone is over the budget reads an even sample of it.
//!    This is the prefix idea of all-pairs similarity search (Bayardo,
//!    Ma and Srikant, 2007): rare features find the pairs that matter.
//! 3. **Pool.** Each document touched gets a partial score (the products
//!    read, direct and shared-neighbour parts weighted as in the score);
//!    the best [`pool`]`(k)` of them by it are scored exactly (a merge of
//!    the two rows, and of the two profiles), and the `k` best kept.
//!
//! The work per document is at most the budget plus the pool times two rows:
//! linear in n. A pair is missed only if neither document's rarest features
//! bring the other in, or its partial score ranks it below the pool while its
//! full score would rank it in the top `k`.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::vectors::top_k_in_place;
use super::{Context, Vectors};

/// The largest corpus whose neighbours [`Search::Auto`] finds exactly, by
/// default (the shared-neighbour refinement of the default method included).
pub const EXACT_MAX_DOCS: usize = 20_000;

/// Postings (and reverse-list entries) a document reads for its candidates
/// in the pruned search.
pub const CANDIDATE_BUDGET: usize = 20_000;

static EXACT_MAX: AtomicUsize = AtomicUsize::new(EXACT_MAX_DOCS);
static BUDGET: AtomicUsize = AtomicUsize::new(CANDIDATE_BUDGET);

/// The candidate budget of the pruned search in this process
/// ([`CANDIDATE_BUDGET`] unless changed by [`set_candidate_budget`]).
pub fn candidate_budget() -> usize {
    BUDGET.load(Ordering::Relaxed)
}

/// Sets [`candidate_budget`] for the searches made after it and returns
/// the previous value: for benchmarks of the pruned search on small
/// corpora, whose documents would otherwise fit in the budget whole.
pub fn set_candidate_budget(n: usize) -> usize {
    BUDGET.swap(n, Ordering::Relaxed)
}

/// The largest corpus searched exactly by [`Search::Auto`] in this process
/// ([`EXACT_MAX_DOCS`] unless changed by [`set_exact_max_docs`]).
pub fn exact_max_docs() -> usize {
    EXACT_MAX.load(Ordering::Relaxed)
}

/// Sets [`exact_max_docs`] for the searches made after it (0: always
/// pruned; `usize::MAX`: always exact) and returns the previous value.
/// Results already kept by a corpus are not made again. For benchmarks
/// and tests of the pruned search on small corpora.
pub fn set_exact_max_docs(n: usize) -> usize {
    EXACT_MAX.swap(n, Ordering::Relaxed)
}

/// Candidates scored exactly per document for `k` neighbours.
pub fn pool(k: usize) -> usize {
    2 * k + 30
}

/// How [`Vectors::top_k_with`] chooses the pairs it scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    /// Exact up to [`exact_max_docs`] documents, pruned above.
    Auto,
    /// Every pair sharing a feature (and, with the refinement, exact
    /// profiles: made again if the kept ones came from the pruned search).
    Exact,
    /// Pruned candidates whatever the size (see the module docs).
    Pruned,
}

impl Search {
    /// Whether a corpus of `n` documents is searched exactly.
    pub fn is_exact(self, n: usize) -> bool {
        match self {
            Search::Auto => n <= exact_max_docs(),
            Search::Exact => true,
            Search::Pruned => false,
        }
    }
}

impl Vectors {
    /// Each document's `k` most similar other documents (score > 0), best
    /// first, found by `search`.
    pub fn top_k_with(&self, k: usize, search: Search) -> Vec<Vec<(u32, f64)>> {
        if !search.is_exact(self.len()) {
            return self.top_k_pruned(k, candidate_budget(), pool(k));
        }
        match &self.context {
            // Profiles made by the pruned search (the corpus was above the
            // size at build time): the exact search makes exact ones.
            Some(ctx) if search == Search::Exact && !Search::Auto.is_exact(self.len()) => {
                let exact = self.exact_context(ctx);
                self.top_k_exact_in(k, exact.as_ref())
            }
            ctx => self.top_k_exact_in(k, ctx.as_ref()),
        }
    }

    /// The refinement `ctx` made again from the exact neighbours, with its
    /// number of neighbours (in a loaded corpus, as many as its longest
    /// profile holds).
    fn exact_context(&self, ctx: &Context) -> Option<Context> {
        let k = match ctx.k {
            0 => ctx.profiles.iter().map(Vec::len).max().unwrap_or(0).saturating_sub(1),
            k => k,
        };
        if k == 0 {
            return None;
        }
        let near = self.top_k_exact_in(k, None);
        Some(self.context_from(near, k, ctx.direct))
    }

    /// The score of `i` and `j` (`i != j`), refined by `context`, summed
    /// in the order of the exact search (row features in order, then
    /// profile neighbours in order), so with the same result.
    #[inline]
    fn exact_score(&self, i: usize, j: usize, context: Option<&Context>) -> f64 {
        let mut s = self.direct(i, j);
        if let Some(ctx) = context {
            s *= ctx.direct;
            let (pa, pb) = (&ctx.profiles[i], &ctx.profiles[j]);
            let (mut x, mut y) = (0, 0);
            while x < pa.len() && y < pb.len() {
                match pa[x].0.cmp(&pb[y].0) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        // As the exact search adds it: `(1 - direct) · a · b`.
                        s += (1.0 - ctx.direct) * pa[x].1 * pb[y].1;
                        x += 1;
                        y += 1;
                    }
                }
            }
        }
        s.clamp(0.0, 1.0)
    }

    /// The pruned search (module docs) with a candidate budget of `budget`
    /// entries and `pool` candidates scored exactly per document.
    pub fn top_k_pruned(&self, k: usize, budget: usize, pool: usize) -> Vec<Vec<(u32, f64)>> {
        let n = self.len();
        let context = self.context.as_ref();
        let direct = context.map_or(1.0, |c| c.direct);
        (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0.0f64; n], Vec::<u32>::new(), Vec::<(&[(u32, f64)], f64)>::new()),
                |(acc, touched, sources), i| {
                    if crate::interrupt::requested() {
                        return Vec::new();
                    }
                    sources.clear();
                    let mut total = 0usize;
                    for &(f, a) in &self.rows[i] {
                        let p = self.postings[f as usize].as_slice();
                        total += p.len();
                        sources.push((p, direct * a));
                    }
                    if let Some(ctx) = context {
                        for &(nb, a) in &ctx.profiles[i] {
                            let r = ctx.reverse[nb as usize].as_slice();
                            total += r.len();
                            sources.push((r, (1.0 - direct) * a));
                        }
                    }
                    if total <= budget {
                        return self.exact_row(i, k, context, acc, touched);
                    }
                    // A source of one entry holds only this document: nothing to find.
                    sources.retain(|(p, _)| p.len() > 1);
                    sources.sort_by_key(|(p, _)| p.len());
                    let mut left = budget;
                    let mut add = |j: u32, x: f64| {
                        if j as usize != i {
                            if acc[j as usize] == 0.0 {
                                touched.push(j);
                            }
                            // Never 0, so that a document is listed once.
                            acc[j as usize] += x.max(f64::MIN_POSITIVE);
                        }
                    };
                    for (s, &(p, w)) in sources.iter().enumerate() {
                        if p.len() > left {
                            if s == 0 {
                                // Even the rarest source is over the budget: an even sample.
                                let step = p.len().div_ceil(left.max(1));
                                p.iter().step_by(step).for_each(|&(j, b)| add(j, w * b));
                            }
                            break;
                        }
                        left -= p.len();
                        p.iter().for_each(|&(j, b)| add(j, w * b));
                    }
                    let mut partial: Vec<(u32, f64)> = touched.iter().map(|&j| (j, acc[j as usize])).collect();
                    for &j in touched.iter() {
                        acc[j as usize] = 0.0;
                    }
                    touched.clear();
                    top_k_in_place(&mut partial, pool);
                    let mut best: Vec<(u32, f64)> = partial
                        .iter()
                        .map(|&(j, _)| (j, self.exact_score(i, j as usize, context)))
                        .filter(|&(_, s)| s > 0.0)
                        .collect();
                    top_k_in_place(&mut best, k);
                    best
                },
            )
            .collect()
    }
}
