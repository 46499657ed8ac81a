//! Overlap scores as a corpus keeps them: the document vectors (or shingle
//! sets) of one method, with each document's nearest neighbours and the
//! same-story groups computed at most once per `k` and threshold.

use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{HeapSize, Memo};
use crate::error::{Error, Result};
use crate::overlap::{jaccard, jaccard_matrix, mutual, stories_within, top_k_in_place, Channel, Method, Vectors};

/// What the scores are made from.
pub enum Scores {
    /// Unit document vectors (the default, `tfidf` and `entities` methods).
    Vectors(Vectors),
    /// Hashed word-shingle sets (the `jaccard` method).
    Jaccard(Vec<Vec<u64>>),
}

/// Groups of documents telling the same story, each with a short label.
#[derive(Debug)]
pub struct Stories {
    /// Positions of each group's documents, ascending; groups ordered by their first document.
    pub groups: Vec<Vec<u32>>,
    /// Per group: the features its label is chosen from (see [`OverlapScores::label_candidates`]).
    pub candidates: Vec<Vec<u32>>,
    /// Per group: its label in written forms, made once on first need
    /// (it reads the documents: see [`crate::overlap::Vectors::label`]).
    pub labels: std::sync::OnceLock<Vec<String>>,
}

impl Method {
    /// The method called `name` in Python (`"default"`, `"tfidf"`,
    /// `"entities"`, `"jaccard"`), with channel `weights` (terms, phrases,
    /// entities) for the default method only.
    pub fn parse(name: &str, weights: Option<(f64, f64, f64)>) -> Result<Method> {
        Ok(match (name, weights) {
            ("default", None) => crate::overlap::DEFAULT_METHOD,
            ("default", Some((terms, phrases, entities))) => Method::Default { terms, phrases, entities },
            ("tfidf" | "entities" | "jaccard", Some(_)) => {
                return Err(Error::InvalidArgument("weights are only for method=\"default\"".into()))
            }
            ("tfidf", None) => Method::TfIdf,
            ("entities", None) => Method::Entities,
            ("jaccard", None) => Method::Jaccard,
            (other, _) => {
                return Err(Error::InvalidArgument(format!(
                    "method must be \"default\", \"tfidf\", \"entities\" or \"jaccard\", got {other:?}"
                )))
            }
        })
    }
}

/// The most documents an exact all-pairs result is made for: the dense
/// n × n matrix ([`OverlapScores::matrix`], 8 bytes a pair; 40,000 documents
/// are 12.8 GB in double precision) and the `jaccard` method's neighbours
/// (every pair compared). Above it these fail at once with
/// [`Error::InvalidArgument`] instead of exhausting memory or running for
/// days; `top_k` of the vector methods and near duplicates scale past it.
pub const MAX_ALL_PAIRS: usize = 40_000;

/// An error unless `n` documents are within [`MAX_ALL_PAIRS`].
fn check_all_pairs(what: &str, n: usize) -> Result<()> {
    if n > MAX_ALL_PAIRS {
        return Err(Error::InvalidArgument(format!(
            "{what} compares every pair of documents and is refused above {MAX_ALL_PAIRS} documents \
             (this corpus has {n}; the dense matrix alone would take {:.0} GB): use top_k(k), \
             stories() or near_duplicates(), which scale to millions",
            (n as f64).powi(2) * 8.0 / 1e9
        )));
    }
    Ok(())
}

/// Neighbour lists: per document, (neighbour, score), best first.
pub type Neighbors = Vec<Vec<(u32, f64)>>;

/// The overlap of a corpus's documents by one method, with what was derived
/// from it so far.
pub struct OverlapScores {
    /// The vectors or sets the scores come from.
    pub scores: Scores,
    pub(crate) neighbors: Memo<usize, Neighbors>,
    pub(crate) direct: Memo<usize, Neighbors>,
    pub(crate) stories: Memo<(u64, usize), Stories>,
}

impl OverlapScores {
    /// Scores with nothing derived yet.
    pub fn new(scores: Scores) -> OverlapScores {
        OverlapScores { scores, neighbors: Memo::default(), direct: Memo::default(), stories: Memo::default() }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        match &self.scores {
            Scores::Vectors(v) => v.len(),
            Scores::Jaccard(s) => s.len(),
        }
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check(&self, i: usize) -> Result<()> {
        if i >= self.len() {
            return Err(Error::InvalidArgument(format!(
                "document position {i} out of range for {} documents",
                self.len()
            )));
        }
        Ok(())
    }

    /// The score of documents `a` and `b` (positions).
    pub fn score(&self, a: usize, b: usize) -> Result<f64> {
        self.check(a)?;
        self.check(b)?;
        Ok(match &self.scores {
            Scores::Vectors(v) => v.score(a, b),
            Scores::Jaccard(s) if a == b => {
                if s[a].is_empty() {
                    0.0
                } else {
                    1.0
                }
            }
            Scores::Jaccard(s) => jaccard(&s[a], &s[b]),
        })
    }

    /// The dense n × n matrix of scores (row-major, double precision);
    /// refused above [`MAX_ALL_PAIRS`] documents.
    pub fn matrix(&self) -> Result<Vec<f64>> {
        check_all_pairs("the dense score matrix", self.len())?;
        Ok(match &self.scores {
            Scores::Vectors(v) => v.matrix(),
            Scores::Jaccard(s) => jaccard_matrix(s),
        })
    }

    /// The dense matrix in single precision (see [`Vectors::matrix_f32`]);
    /// refused above [`MAX_ALL_PAIRS`] documents.
    pub fn matrix_f32(&self) -> Result<Vec<f32>> {
        check_all_pairs("the dense score matrix", self.len())?;
        Ok(match &self.scores {
            Scores::Vectors(v) => v.matrix_f32(),
            Scores::Jaccard(s) => jaccard_matrix(s).into_iter().map(|x| x as f32).collect(),
        })
    }

    /// Each document's `k` most similar others (score > 0), best first;
    /// computed once per `k`, or cut from a larger `k` already kept (the
    /// order, by score then position, makes the first `k` of a longer list
    /// the list for `k`).
    pub fn neighbors(&self, k: usize) -> Result<Arc<Neighbors>> {
        if k == 0 {
            return Err(Error::InvalidArgument("k must be at least 1".into()));
        }
        self.neighbors.get_or_try_init(&k, || {
            if let Some(longer) = self.neighbors.find(|&kept| kept > k) {
                return Ok(longer.iter().map(|r| r[..k.min(r.len())].to_vec()).collect());
            }
            Ok(match &self.scores {
                Scores::Vectors(v) => v.top_k(k),
                Scores::Jaccard(sets) => {
                    check_all_pairs("method=\"jaccard\" neighbours", sets.len())?;
                    jaccard_top_k(sets, k)
                }
            })
        })
    }

    /// Among each document's `k` nearest neighbours, its closest by the
    /// direct score (without the shared-neighbour refinement): at most `k`,
    /// and at most half the other documents, since a list that holds nearly
    /// every document says nothing about which are close. Two groups of a
    /// story merge only through a pair that lists each other here. Computed
    /// once per `k` (the memo key), from the neighbour lists (one dot product per listed pair).
    pub fn direct_neighbors(&self, k: usize) -> Result<Arc<Neighbors>> {
        let kc = k.min(self.len().saturating_sub(1) / 2).max(1);
        match &self.scores {
            Scores::Vectors(v) if v.context.is_some() => self.direct.get_or_try_init(&k, || {
                let nb = self.neighbors(k)?;
                Ok(nb
                    .par_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let mut d: Vec<(u32, f64)> = row.iter().map(|&(j, _)| (j, v.direct(i, j as usize))).collect();
                        d.retain(|&(_, s)| s > 0.0);
                        top_k_in_place(&mut d, kc);
                        d
                    })
                    .collect())
            }),
            _ => self.neighbors(kc),
        }
    }

    /// Same-story groups by average linkage over each document's `k` nearest
    /// neighbours, merging while the mean score is at least `threshold`, and
    /// only through a pair of mutual direct neighbours (see
    /// [`OverlapScores::direct_neighbors`] and [`crate::overlap::stories_within`]).
    pub fn stories(&self, threshold: f64, k: usize) -> Result<Arc<Stories>> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(Error::InvalidArgument(format!("threshold must be in [0, 1], got {threshold}")));
        }
        let k = k.max(1);
        self.stories.get_or_try_init(&(threshold.to_bits(), k), || {
            let nb = self.neighbors(k)?;
            let links = mutual(&self.direct_neighbors(k)?);
            let groups = stories_within(&nb, Some(&links), threshold);
            let candidates = groups.iter().map(|g| self.label_candidates(g)).collect();
            Ok(Stories { groups, candidates, labels: Default::default() })
        })
    }

    /// The positions in the same story as `d` (`d` included).
    pub fn story_of(&self, d: usize, threshold: f64, k: usize) -> Result<Vec<u32>> {
        self.check(d)?;
        let s = self.stories(threshold, k)?;
        Ok(s.groups.iter().find(|g| g.contains(&(d as u32))).cloned().unwrap_or_else(|| vec![d as u32]))
    }

    /// The features a group's label is chosen from, strongest first within
    /// each channel: up to 2 entities, 3 phrases and 4 terms, by the sum of
    /// their values over the group's documents (none for `jaccard`).
    pub fn label_candidates(&self, group: &[u32]) -> Vec<u32> {
        let Scores::Vectors(v) = &self.scores else { return Vec::new() };
        let mut sums: std::collections::HashMap<u32, f64> = std::collections::HashMap::new();
        for &d in group {
            for &(f, x) in &v.rows[d as usize] {
                *sums.entry(f).or_insert(0.0) += x;
            }
        }
        let mut best: Vec<(u32, f64)> = sums.into_iter().collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let pick =
            |c: Channel, n: usize| best.iter().filter(move |(f, _)| v.features[*f as usize].channel == c).take(n);
        let mut out: Vec<u32> = pick(Channel::Entities, 2).map(|&(f, _)| f).collect();
        out.extend(pick(Channel::Phrases, 3).map(|&(f, _)| f));
        out.extend(pick(Channel::Terms, 4).map(|&(f, _)| f));
        out
    }
}

/// Each set's `k` most similar others by Jaccard similarity (score > 0).
fn jaccard_top_k(sets: &[Vec<u64>], k: usize) -> Neighbors {
    (0..sets.len())
        .into_par_iter()
        .map(|i| {
            if crate::interrupt::requested() {
                return Vec::new();
            }
            let mut row: Vec<(u32, f64)> = (0..sets.len())
                .filter(|&j| j != i)
                .map(|j| (j as u32, jaccard(&sets[i], &sets[j])))
                .filter(|&(_, s)| s > 0.0)
                .collect();
            top_k_in_place(&mut row, k);
            row
        })
        .collect()
}

impl HeapSize for Vectors {
    fn heap_size(&self) -> usize {
        let features = self.features.capacity() * std::mem::size_of::<crate::overlap::Feature>()
            + self.features.iter().map(|f| f.name.capacity()).sum::<usize>();
        let ctx = self.context.as_ref().map_or(0, |c| c.profiles.heap_size() + c.reverse.heap_size());
        features + self.rows.heap_size() + self.postings.heap_size() + ctx
    }
}

impl HeapSize for Stories {
    fn heap_size(&self) -> usize {
        let labels = self.labels.get().map_or(0, |l| l.heap_size());
        self.groups.iter().chain(&self.candidates).map(|g| g.capacity() * 4 + 24).sum::<usize>() + labels
    }
}

impl HeapSize for OverlapScores {
    fn heap_size(&self) -> usize {
        let scores = match &self.scores {
            Scores::Vectors(v) => v.heap_size(),
            Scores::Jaccard(s) => s.iter().map(|x| x.capacity() * 8 + 24).sum(),
        };
        scores + self.neighbors.heap_size() + self.direct.heap_size() + self.stories.heap_size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact all pairs is refused above the documented size, with a message
    /// naming the limit and what to use instead; nothing is allocated first.
    #[test]
    fn all_pairs_refused_above_the_limit() {
        let big = OverlapScores::new(Scores::Jaccard(vec![Vec::new(); MAX_ALL_PAIRS + 1]));
        let e = big.matrix().unwrap_err().to_string();
        assert!(e.contains("40000") && e.contains("top_k"), "{e}");
        assert!(big.matrix_f32().is_err());
        assert!(big.neighbors(10).unwrap_err().to_string().contains("jaccard"));
        let small = OverlapScores::new(Scores::Jaccard(vec![vec![1, 2, 3], vec![2, 3, 4]]));
        assert_eq!(small.matrix().unwrap(), vec![1.0, 0.5, 0.5, 1.0]);
        assert_eq!(small.neighbors(1).unwrap()[0], vec![(1, 0.5)]);
    }
}
