//! Step 4 of quotation finding: the same words carried by several documents.
//!
//! Each quotation becomes the sequence of its words after normalization
//! (case folded, curly and straight apostrophes alike, punctuation and marks
//! dropped). Two quotations of different documents match when they share a
//! run of at least [`MIN_RUN`] words (or all the words of the shorter one,
//! when it has more than [`MIN_WORDS`]), when their words are the same (at
//! least [`MIN_WORDS`]), or when the shorter one (at least
//! [`MIN_PARAPHRASE`] words) is the longer one, or a part of it, with one
//! word changed, added or dropped (a close paraphrase, trimmed at either end). Candidate pairs come from an index of word trigrams (word
//! pairs for short quotations), so the corpus is never compared pair by pair.

use rustc_hash::FxHashMap;

use crate::hash::{fnv1a, mix_all};

/// Words a shared run must have for two quotations to match.
pub const MIN_RUN: usize = 8;

/// Words a quotation must have to match anything.
pub const MIN_WORDS: usize = 4;

/// Words the shorter quotation must have to match with one word changed.
pub const MIN_PARAPHRASE: usize = 6;

/// N-grams shared by more quotations than this do not propose candidates
/// (`of the`, `we are going to`).
const MAX_POSTINGS: usize = 64;

/// A word's hash after normalization (lowercase, `’` as `'`).
pub fn word_hash(word: &str) -> u64 {
    if word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return fnv1a(word.as_bytes());
    }
    let w: String =
        word.chars().flat_map(char::to_lowercase).map(|c| if c == '’' || c == '‘' { '\'' } else { c }).collect();
    fnv1a(w.as_bytes())
}

/// Whether `a` and `b` share a run of at least `need` words (the longest
/// common run, stopped as soon as it reaches `need`).
fn shares_run(a: &[u64], b: &[u64], need: usize) -> bool {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            if cur[j + 1] >= need {
                return true;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    need == 0
}

/// Whether at most one word edit turns `short` into some part of `long`.
fn at_most_one_edit(short: &[u64], long: &[u64]) -> bool {
    // Semi-global alignment: free start and end in `long`. A row's smallest
    // cost never falls in the rows below it, so a row above one settles it.
    let mut prev = vec![0usize; long.len() + 1];
    let mut cur = vec![0usize; long.len() + 1];
    for (i, x) in short.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, y) in long.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > 1 {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.into_iter().min().unwrap_or(short.len()) <= 1
}

/// Whether two word sequences carry the same quotation (see the module docs).
pub fn same_words(a: &[u64], b: &[u64]) -> bool {
    if a.len() < MIN_WORDS || b.len() < MIN_WORDS {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() > MIN_WORDS && shares_run(short, long, MIN_RUN.min(short.len())) {
        return true;
    }
    short.len() >= MIN_PARAPHRASE && at_most_one_edit(short, long)
}

/// The quotations each quotation matches in other documents. `quotes` holds,
/// per quotation, its document and its word hashes; the result holds, per
/// quotation, the indices of the quotations it matches (sorted).
pub fn matches(quotes: &[(u32, Vec<u64>)]) -> Vec<Vec<u32>> {
    let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let grams = |words: &[u64]| -> Vec<u64> {
        let n = if words.len() >= MIN_RUN { 3 } else { 2 };
        let mut g: Vec<u64> = words.windows(n).map(mix_all).collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let all: Vec<Vec<u64>> =
        quotes.iter().map(|(_, w)| if w.len() >= MIN_WORDS { grams(w) } else { Vec::new() }).collect();
    for (q, g) in all.iter().enumerate() {
        for &h in g {
            index.entry(h).or_default().push(q as u32);
        }
    }
    // Short quotations also look up the word pairs of the long ones.
    let mut pairs_index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    if quotes.iter().any(|(_, w)| (MIN_WORDS..MIN_RUN).contains(&w.len())) {
        for (q, (_, w)) in quotes.iter().enumerate() {
            if w.len() >= MIN_RUN {
                let mut g: Vec<u64> = w.windows(2).map(mix_all).collect();
                g.sort_unstable();
                g.dedup();
                for h in g {
                    pairs_index.entry(h).or_default().push(q as u32);
                }
            }
        }
    }
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); quotes.len()];
    let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
    for (q, g) in all.iter().enumerate() {
        shared.clear();
        for h in g {
            for idx in [&index, &pairs_index] {
                if let Some(list) = idx.get(h).filter(|l| l.len() <= MAX_POSTINGS) {
                    for &o in list {
                        if quotes[o as usize].0 != quotes[q].0 {
                            *shared.entry(o).or_insert(0) += 1;
                        }
                    }
                }
            }
        }
        // Both long: a shared run of MIN_RUN words shares MIN_RUN - 2
        // trigrams, one word changed in the shorter one of n words leaves
        // n - 5 of them; a short one needs one shared word pair.
        let n = quotes[q].1.len();
        let need = |o: u32| {
            let m = n.min(quotes[o as usize].1.len());
            if m >= MIN_RUN {
                (m - 5).clamp(1, MIN_RUN - 2) as u32
            } else {
                1
            }
        };
        let mut cands: Vec<u32> = shared.iter().filter(|&(&o, &k)| k >= need(o)).map(|(&o, _)| o).collect();
        cands.sort_unstable();
        for o in cands {
            if same_words(&quotes[q].1, &quotes[o as usize].1) {
                out[q].push(o);
            }
        }
    }
    // Symmetric: keep a pair found from either side.
    let mut sym: Vec<Vec<u32>> = out.clone();
    for (q, list) in out.iter().enumerate() {
        for &o in list {
            sym[o as usize].push(q as u32);
        }
    }
    for l in &mut sym {
        l.sort_unstable();
        l.dedup();
    }
    sym
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<u64> {
        s.split_whitespace().map(word_hash).collect()
    }

    /// The longest common run, in full.
    fn longest_run(a: &[u64], b: &[u64]) -> usize {
        let mut best = 0;
        for i in 0..a.len() {
            for j in 0..b.len() {
                let k = a[i..].iter().zip(&b[j..]).take_while(|(x, y)| x == y).count();
                best = best.max(k);
            }
        }
        best
    }

    /// The fewest edits turning `short` into a part of `long`, in full.
    fn edits_into(short: &[u64], long: &[u64]) -> usize {
        let mut prev = vec![0usize; long.len() + 1];
        for (i, x) in short.iter().enumerate() {
            let mut cur = vec![i + 1; long.len() + 1];
            for (j, y) in long.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev.into_iter().min().unwrap_or(short.len())
    }

    #[test]
    fn the_stopped_searches_agree_with_the_full_ones() {
        // Small alphabets, so that runs and near matches are common.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..3000 {
            let alphabet = 2 + next(4);
            let a: Vec<u64> = (0..next(12)).map(|_| next(alphabet)).collect();
            let b: Vec<u64> = (0..next(12)).map(|_| next(alphabet)).collect();
            for need in 0..10 {
                assert_eq!(shares_run(&a, &b, need), longest_run(&a, &b) >= need, "{a:?} {b:?} {need}");
            }
            assert_eq!(at_most_one_edit(&a, &b), edits_into(&a, &b) <= 1, "{a:?} {b:?}");
        }
    }

    #[test]
    fn runs_paraphrases_and_misses() {
        let a = words("i think the russians have made significant concessions to president trump");
        let b = words("The Russians have made significant concessions to President Trump for the first time");
        assert!(same_words(&a, &b));
        // One word changed in a short quotation.
        assert!(same_words(&words("we will not back down now"), &words("we shall not back down now")));
        assert!(same_words(&words("we will not back down"), &words("yes we will not back down today")));
        // A common phrase is not a shared quotation.
        assert!(!same_words(
            &words("he should be president of the united states next year"),
            &words("who will be president of the united states is open")
        ));
        assert!(!same_words(&words("we will not back down"), &words("they will never give up")));
        assert!(!same_words(&words("no comment"), &words("no comment")));
        assert_eq!(word_hash("Don’t"), word_hash("don't"));
        let m = matches(&[(0, a.clone()), (1, b.clone()), (1, a.clone()), (2, words("something else entirely here"))]);
        assert_eq!(m, vec![vec![1, 2], vec![0], vec![0], vec![]]);
    }
}
