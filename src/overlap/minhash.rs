//! The word-shingle path of overlap, apart from the vectors: hashed word
//! shingle sets of each document, their Jaccard similarity (the `jaccard`
//! method), and near duplicates by MinHash with LSH banding, checked exactly.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::{Corpus, Scratch};
use crate::count::NO_FORM;
use crate::hash::{fnv1a, mix_all, splitmix};
use crate::normalize::normalize_cow;

/// Word 3-shingle sets (hashed) of every document, for `jaccard`.
///
/// When the corpus lexicon is made already ([`Corpus::lexicon_if_ready`]),
/// each form is hashed once and every token's hash is read through its form
/// id; otherwise the documents are tokenized and normalized on the fly, and
/// nothing is kept (shingles are cheap to make again; making the lexicon
/// only for them would cost more than it saves). Both give the same sets.
pub fn shingle_sets(corpus: &Corpus, k: usize) -> Vec<Vec<u64>> {
    let opts = &corpus.options().tokenizer.normalize;
    let lex = corpus.lexicon_if_ready();
    let hashes: Vec<u64> = match &lex {
        Some(lex) => (0..lex.len() as u32).into_par_iter().map(|f| fnv1a(lex.form(f).as_bytes())).collect(),
        None => Vec::new(),
    };
    corpus
        .docs()
        .par_iter()
        .enumerate()
        .map_init(Scratch::default, |scratch, (d, doc)| {
            let mut buf = String::new();
            let mut words: Vec<u64> = Vec::new();
            if crate::interrupt::requested() {
                return words;
            }
            match &lex {
                Some(lex) => {
                    let ids = lex.doc(d);
                    for run in doc.kept() {
                        words.extend(
                            ids[run.first as usize..run.last as usize]
                                .iter()
                                .filter(|&&f| f != NO_FORM)
                                .map(|&f| hashes[f as usize]),
                        );
                    }
                }
                None => doc.for_each_run(false, scratch, |run| {
                    words.extend(
                        run.iter()
                            .filter(|t| t.kind.is_content())
                            .map(|t| fnv1a(normalize_cow(t.text(&doc.text), opts, &mut buf).as_bytes())),
                    );
                }),
            }
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

// Near duplicates: MinHash with LSH banding, and containment.

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

/// [`minhash_plain`] compiled for AVX2.
///
/// # Safety
///
/// The CPU must support AVX2.
// SAFETY: the body is safe code; the only requirement, AVX2 support, is the
// caller's (see `# Safety`).
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
/// threshold is missed with probability at most `MAX_MISS` (1e-3), i.e.
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
    let sigs = signatures(sets, num_perm, seed);
    near_duplicates_with(sets, &sigs, threshold, containment)
}

/// The MinHash signature of each set, `num_perm` values each (in parallel).
pub fn signatures(sets: &[Vec<u64>], num_perm: usize, seed: u64) -> Vec<Vec<u32>> {
    let (pa, pb) = minhash_params(num_perm, seed);
    sets.par_iter().map(|s| minhash_with(s, &pa, &pb)).collect()
}

/// The LSH bucket of one band of a signature (`mix_all` over u32s).
#[inline]
pub fn band_key(band: &[u32]) -> u64 {
    band.iter().fold(0x243F_6A88_85A3_08D3u64, |h, &v| splitmix(h ^ v as u64))
}

/// [`near_duplicates`] from signatures already made ([`signatures`], all of
/// one length and seed), so signatures made in several places can be put
/// together: the same pairs as [`near_duplicates`] over the same sets.
pub fn near_duplicates_with(
    sets: &[Vec<u64>],
    sigs: &[Vec<u32>],
    threshold: f64,
    containment: Option<f64>,
) -> Vec<NearDuplicate> {
    let num_perm = sigs.first().map_or(1, Vec::len);
    let (bands, rows) = lsh_params(threshold, num_perm);
    let mut candidates: FxHashSet<(u32, u32)> = FxHashSet::default();
    for band in 0..bands {
        let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (d, sig) in sigs.iter().enumerate() {
            if sets[d].is_empty() {
                continue;
            }
            buckets.entry(band_key(&sig[band * rows..(band + 1) * rows])).or_default().push(d as u32);
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
    check_pairs(&pairs, |d| &sets[d as usize], threshold, containment)
}

/// The candidate `pairs` (sorted) that are near duplicates, checked exactly
/// on the shingle sets `set(d)`, best first.
pub fn check_pairs<'s>(
    pairs: &[(u32, u32)],
    set: impl Fn(u32) -> &'s [u64] + Sync,
    threshold: f64,
    containment: Option<f64>,
) -> Vec<NearDuplicate> {
    let mut out: Vec<NearDuplicate> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let (sa, sb) = (set(a), set(b));
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
    fn shingles_through_the_lexicon_equal_streamed_shingles() {
        let texts = [
            "Menu | Home\nThe BAHIA crop. the bahia Crop! Élan élan.\n\nShare this",
            "Menu | Home\nStraße STRASSE; ﬁle file, don’t don't.",
            "one",
            "",
        ];
        let c = crate::corpus::test_corpus(&texts);
        let streamed = shingle_sets(&c, 3);
        assert!(c.lexicon_if_ready().is_none());
        c.lexicon().unwrap();
        assert_eq!(shingle_sets(&c, 3), streamed);
        assert!(!streamed[0].is_empty() && !streamed[2].is_empty());
    }

    #[test]
    fn signatures_made_in_parts_find_the_same_pairs() {
        let sets: Vec<Vec<u64>> = (0..12u64).map(|d| ((d % 4) * 50..(d % 4) * 50 + 80 + d).collect()).collect();
        let whole = near_duplicates(&sets, 0.8, 64, 7, Some(0.9));
        let mut sigs = signatures(&sets[..5], 64, 7);
        sigs.extend(signatures(&sets[5..], 64, 7));
        assert_eq!(near_duplicates_with(&sets, &sigs, 0.8, Some(0.9)), whole);
        assert!(!whole.is_empty());
    }

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
}
