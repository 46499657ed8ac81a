//! Distinctive terms: what a document or group of documents says that the
//! rest of the corpus (or a chosen set of documents) does not.
//!
//! # Evidence: an exact test
//!
//! A term written `c_i` times in the group (of `n_i` words) and `c_j` times
//! in the rest (of `n_j`) is tested by the exact conditional binomial test
//! of two rates: were the group no different, each of its `c = c_i + c_j`
//! occurrences would fall in the group with probability `π = n_i / (n_i + n_j)`,
//! so with `X ~ Binomial(c, π)` the one-sided mid-p-value (Lancaster 1961)
//! is `p = P(X > c_i) + P(X = c_i) / 2`, summed exactly. `z` is that p-value
//! on the standard normal scale (`P(Z ≥ z) = p`), so [`MIN_Z`] = 1.96 means
//! p ≤ 0.025 (one-sided), for each term. Small counts are judged by what
//! they are, not by a normal approximation: a name written 3 times in a
//! document of a third of the corpus and nowhere else has
//! `p = (1/3)³ / 2 ≈ 0.019`, `z ≈ 2.1`, and passes; written twice it has
//! `p ≈ 0.056` and does not; once, never; in three short texts nothing
//! does. With large counts the test agrees with the usual z-test of two
//! proportions.
//!
//! An earlier version took `z` from the weighted log-odds ratio with an
//! informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
//! "Fightin' Words"), with the whole corpus as prior; its prior, as strong as
//! the corpus itself, halves the evidence of counts of 3 to 5, and no term of
//! a short article ever passed 1.96. That log-odds ratio (eq. 16, prior
//! strength `a0`, by default the corpus size) is still reported as `delta`,
//! the size of the difference, and breaks ties in `z`, then the count, and
//! only then the term.
//!
//! Spelling variants are folded before counting: typography (`’` and `'`,
//! dashes) by the corpus's normalization, and abbreviations written in
//! capitals with or without periods (`U.S.`, `US`) to one term, which is
//! never taken for a stopword (`US` is not `us`). Each term is shown as most
//! often written in the group.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::{Corpus, StemCache, TermOptions};
use crate::error::{Error, Result};
use crate::tokenize::TokenKind;
use crate::tokenizer::for_each_ngram_range;

/// The default evidence a term needs: z ≥ 1.96 (one-sided p ≤ 0.025, see the module docs).
pub const MIN_Z: f64 = 1.96;

/// A term over-represented in a group of documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Distinctive {
    /// The term as most often written in the group (`U.S.`, `Kyiv`).
    pub term: String,
    /// The exact test's p-value on the normal scale (see the module docs).
    pub z: f64,
    /// Log-odds ratio (group vs rest) with the informative Dirichlet prior.
    pub delta: f64,
    /// Count in the group.
    pub count: u64,
    /// Count in the rest of the corpus.
    pub count_rest: u64,
}

/// Per-document counts of folded terms (see the module docs), kept by the corpus.
pub struct FoldedCounts {
    terms: Vec<String>,
    rows: Vec<Vec<(u32, u32)>>,
    total: Vec<u64>,
}

impl crate::cache::HeapSize for FoldedCounts {
    fn heap_size(&self) -> usize {
        self.terms.heap_size()
            + self.rows.iter().map(|r| r.capacity() * 8).sum::<usize>()
            + self.rows.capacity() * std::mem::size_of::<Vec<(u32, u32)>>()
            + self.total.capacity() * 8
    }
}

/// The folded key of a written word: capitals with or without periods
/// (`U.S.`, `US`, `NATO`) become the capitals alone; `None` for anything else.
fn abbreviation(raw: &str) -> Option<String> {
    let letters: String = raw.chars().filter(|&c| c != '.').collect();
    let n = letters.chars().count();
    if (2..=6).contains(&n) && letters.chars().all(|c| c.is_uppercase()) {
        Some(letters)
    } else {
        None
    }
}

/// Whether a word tagged `t` is a content word a term may be made of:
/// nouns, proper nouns, adjectives and numbers (and words the tagger could
/// not place), not verbs, adverbs, pronouns or function words.
#[inline]
fn content_tag(t: crate::tag::Upos) -> bool {
    use crate::tag::Upos;
    matches!(t, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num | Upos::X)
}

/// Calls `f(key, written)` for each term of document `d` (kept sentences),
/// reading each token's form, stopword flag and stem from the corpus lexicon.
fn folded_terms(corpus: &Corpus, d: usize, opts: &TermOptions, stems: &mut StemCache, mut f: impl FnMut(&str, &str)) {
    let _ = stems;
    let Ok(lex) = corpus.lexicon() else {
        return; // asked to stop: the result is thrown away
    };
    let stemmed = opts.stem.as_ref().map(|s| lex.stems(s));
    let doc = &corpus.docs()[d];
    let (ids, tokens) = (lex.doc(d), doc.tokens());
    // Without stopwords, only content words count (see the module docs).
    let pos: &[crate::tag::Upos] = if opts.drop_stopwords { doc.pos() } else { &[] };
    let (lo, hi) = opts.ngram;
    let mut seq: Vec<(std::borrow::Cow<str>, &str)> = Vec::new();
    let mut key = String::new();
    let mut written = String::new();
    for run in doc.kept() {
        seq.clear();
        for i in run.first as usize..run.last as usize {
            let t = &tokens[i];
            if !t.kind.is_content() || (!opts.numbers && t.kind == TokenKind::Number) {
                continue;
            }
            let raw = t.text(&doc.text);
            let k = match abbreviation(raw) {
                Some(a) => a.into(),
                None => {
                    if opts.drop_stopwords && (lex.is_stop(ids[i]) || !content_tag(pos[i])) {
                        continue;
                    }
                    match &stemmed {
                        Some(s) => s.of(ids[i]).into(),
                        None => lex.form(ids[i]).into(),
                    }
                }
            };
            seq.push((k, raw));
        }
        for_each_ngram_range(seq.len(), lo, hi, |r| {
            key.clear();
            written.clear();
            for (i, (k, raw)) in seq[r].iter().enumerate() {
                if i > 0 {
                    key.push(' ');
                    written.push(' ');
                }
                key.push_str(k);
                written.push_str(raw);
            }
            f(&key, &written);
        });
    }
}

impl FoldedCounts {
    /// The folded term counts of every document of `corpus` under `opts`.
    pub fn compute(corpus: &Corpus, opts: &TermOptions) -> FoldedCounts {
        let per_doc: Vec<FxHashMap<String, u32>> = (0..corpus.len())
            .into_par_iter()
            .map_init(StemCache::default, |stems, d| {
                let mut m: FxHashMap<String, u32> = FxHashMap::default();
                folded_terms(corpus, d, opts, stems, |k, _| *m.entry(k.to_string()).or_insert(0) += 1);
                m
            })
            .collect();
        // Interned in document order, each document's terms sorted: the same for any number of threads.
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        let mut terms: Vec<String> = Vec::new();
        let mut total: Vec<u64> = Vec::new();
        let mut rows = Vec::with_capacity(per_doc.len());
        for m in per_doc {
            let mut items: Vec<(String, u32)> = m.into_iter().collect();
            items.sort_unstable();
            let mut row = Vec::with_capacity(items.len());
            for (k, c) in items {
                let id = *index.entry(k).or_insert_with_key(|k| {
                    terms.push(k.clone());
                    total.push(0);
                    (terms.len() - 1) as u32
                });
                total[id as usize] += c as u64;
                row.push((id, c));
            }
            rows.push(row);
        }
        FoldedCounts { terms, rows, total }
    }
}

/// Terms over-represented in the documents `group` against `rest` (by
/// default the rest of the corpus), whose z-score reaches `min_z`, best
/// `top` first (see the module docs).
#[allow(clippy::too_many_arguments, reason = "one parameter per option of the method")]
pub fn distinctive(
    corpus: &Corpus,
    group: &[usize],
    rest: Option<&[usize]>,
    opts: &TermOptions,
    prior_strength: Option<f64>,
    min_z: f64,
    top: usize,
) -> Result<Vec<Distinctive>> {
    distinctive_in(corpus, group, rest, opts, prior_strength, min_z, top, "en")
}

/// [`distinctive`] for a corpus in `language`: English words get the
/// general-English floor on their count in the rest (see the module docs).
#[allow(clippy::too_many_arguments, reason = "one parameter per option of the method")]
pub fn distinctive_in(
    corpus: &Corpus,
    group: &[usize],
    rest: Option<&[usize]>,
    opts: &TermOptions,
    prior_strength: Option<f64>,
    min_z: f64,
    top: usize,
    language: &str,
) -> Result<Vec<Distinctive>> {
    let in_group: FxHashSet<usize> = group.iter().copied().collect();
    if in_group.is_empty() {
        return Err(Error::InvalidArgument("the group of documents is empty".into()));
    }
    let in_rest: FxHashSet<usize> = match rest {
        Some(r) => r.iter().copied().filter(|d| !in_group.contains(d)).collect(),
        None => (0..corpus.len()).filter(|d| !in_group.contains(d)).collect(),
    };
    if in_rest.is_empty() {
        return Err(Error::InvalidArgument(
            "the group holds every document: there is no rest of the corpus to compare with".into(),
        ));
    }
    let table = corpus.folded_counts(opts)?;
    let sum_rows = |docs: &FxHashSet<usize>| -> FxHashMap<u32, u64> {
        let mut acc: FxHashMap<u32, u64> = FxHashMap::default();
        for &d in docs {
            for &(t, c) in &table.rows[d] {
                *acc.entry(t).or_insert(0) += c as u64;
            }
        }
        acc
    };
    let yi = sum_rows(&in_group);
    let yj = if rest.is_none() {
        // The rest of the corpus: its totals less the group's.
        let mut all: FxHashMap<u32, u64> = FxHashMap::default();
        for (k, &c) in table.total.iter().enumerate() {
            let c = c - yi.get(&(k as u32)).copied().unwrap_or(0);
            if c > 0 {
                all.insert(k as u32, c);
            }
        }
        all
    } else {
        sum_rows(&in_rest)
    };
    let ni: f64 = yi.values().sum::<u64>() as f64;
    let nj: f64 = yj.values().sum::<u64>() as f64;
    let n = ni + nj;
    if n == 0.0 {
        return Ok(Vec::new());
    }
    let a0 = prior_strength.unwrap_or(n);
    // Under "no difference", each of a term's occurrences falls in the group
    // with the group's share of all words.
    let share = ni / n;
    // General English as a floor on what the rest would hold (see the module docs).
    let english_stems = opts.stem.as_ref().is_none_or(|st| super::background::has_background(st.language()));
    let background = (super::background::has_background(language) && english_stems).then(super::background::english);
    let stemmer = match (background, &opts.stem) {
        (Some(_), None) => Some(crate::normalize::Stem::new("english")?),
        _ => None,
    };
    let rest_docs = in_rest.len() as f64;
    let floor = |term: &str| -> f64 {
        let Some(bg) = background else { return 0.0 };
        // Abbreviations (`US`) and n-grams have no entry of their own.
        if term.contains(' ') || term.chars().any(char::is_uppercase) {
            return 0.0;
        }
        let q = match &stemmer {
            Some(st) => bg.share(&st.stem(term)),
            None => bg.share(term),
        };
        q * rest_docs
    };
    let mut out: Vec<(u32, Distinctive)> = yi
        .iter()
        .filter_map(|(&k, &ci)| {
            let cj = *yj.get(&k).unwrap_or(&0);
            let alpha = a0 * (ci + cj) as f64 / n;
            let (ci_f, cj_f) = (ci as f64, cj as f64);
            let li = ((ci_f + alpha) / (ni + a0 - ci_f - alpha)).ln();
            let lj = ((cj_f + alpha) / (nj + a0 - cj_f - alpha)).ln();
            let delta = li - lj;
            let z = upper_normal_quantile(ln_mid_p_with_floor(ci, cj, floor(&table.terms[k as usize]), share));
            (z >= min_z).then(|| {
                let term = table.terms[k as usize].clone();
                (k, Distinctive { term, z, delta, count: ci, count_rest: cj })
            })
        })
        .collect();
    out.sort_by(|(_, a), (_, b)| {
        b.z.total_cmp(&a.z)
            .then_with(|| b.delta.total_cmp(&a.delta))
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(top);
    // Show each term as most often written in the group (ties: the smaller string).
    let wanted: FxHashMap<&str, usize> = out.iter().enumerate().map(|(i, (_, d))| (d.term.as_str(), i)).collect();
    let mut forms: Vec<FxHashMap<String, u32>> = vec![FxHashMap::default(); out.len()];
    let mut stems = StemCache::default();
    let mut docs: Vec<usize> = in_group.iter().copied().collect();
    docs.sort_unstable();
    for d in docs {
        folded_terms(corpus, d, opts, &mut stems, |k, w| {
            if let Some(&i) = wanted.get(k) {
                *forms[i].entry(w.to_string()).or_insert(0) += 1;
            }
        });
    }
    Ok(out
        .into_iter()
        .zip(forms)
        .map(|((_, mut d), f)| {
            if let Some((w, _)) = f.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))) {
                d.term = w;
            }
            d
        })
        .collect())
}

/// `ln` of the mid-p-value of `ci` occurrences in the group against `cj`
/// in the rest, the rest's count raised to at least `floor` (the general
/// English expectation; see the module docs). A fractional count is
/// interpolated linearly between the p-values of the counts either side.
fn ln_mid_p_with_floor(ci: u64, cj: u64, floor: f64, share: f64) -> f64 {
    if floor <= cj as f64 {
        return ln_binomial_mid_p(ci, ci + cj, share);
    }
    let lo = floor.floor() as u64;
    let f = floor - lo as f64;
    let a = ln_binomial_mid_p(ci, ci + lo, share);
    if f == 0.0 {
        return a;
    }
    let b = ln_binomial_mid_p(ci, ci + lo + 1, share);
    // In log space (tiny p-values do not underflow); more in the rest, a larger p.
    let m = a.max(b);
    m + ((1.0 - f) * (a - m).exp() + f * (b - m).exp()).ln()
}

/// `ln n!`: summed for small `n`, Stirling's series (to `n⁻⁵`) above.
fn ln_factorial(n: u64) -> f64 {
    if n < 64 {
        return (2..=n).map(|i| (i as f64).ln()).sum();
    }
    let x = n as f64;
    let x2 = x * x;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x) - 1.0 / (360.0 * x * x2)
        + 1.0 / (1260.0 * x * x2 * x2)
}

/// `ln` of the one-sided mid-p-value `P(X > k) + P(X = k) / 2` for
/// `X ~ Binomial(n, p)` (Lancaster 1961), exact: the terms of the tail are
/// summed from the one nearest the mode outward, in log space (no underflow
/// for overwhelming evidence). Half the probability of the observed count
/// is counted, so that a discrete test is not conservative: a count above
/// its expectation has a mid-p below one half.
pub fn ln_binomial_mid_p(k: u64, n: u64, p: f64) -> f64 {
    if p >= 1.0 || n == 0 {
        return (0.5f64).ln(); // every occurrence is where it must be: no evidence either way
    }
    if k > n || p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let ln_pmf = |i: u64| ln_factorial(n) - ln_factorial(i) - ln_factorial(n - i) + i as f64 * lp + (n - i) as f64 * lq;
    let odds = p / (1.0 - p);
    if k as f64 >= n as f64 * p {
        // Above the mean the terms fall as i grows: P(X ≥ k) = pmf(k) · (1 + t1 + t2 + ...).
        let mut sum = 1.0;
        let mut term = 1.0;
        for i in k..n {
            term *= (n - i) as f64 / (i + 1) as f64 * odds;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
        }
        ln_pmf(k) + (sum - 0.5).ln()
    } else {
        // Below it: one less the lower tail P(X ≤ k), summed down from k, plus half of P(X = k).
        let mut sum = 1.0;
        let mut term = 1.0;
        let mut i = k;
        while i > 0 {
            term *= i as f64 / (n - i + 1) as f64 / odds;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
            i -= 1;
        }
        let at_k = ln_pmf(k).exp();
        let lower = (at_k * sum).min(1.0);
        (1.0 - lower + 0.5 * at_k).clamp(f64::MIN_POSITIVE, 1.0).ln()
    }
}

/// The `z` whose standard normal upper tail is `exp(ln_p)`: the rational
/// approximation of Abramowitz and Stegun 26.2.23 (error below 4.5·10⁻⁴),
/// from `ln p` so that tiny p-values keep their size.
pub fn upper_normal_quantile(ln_p: f64) -> f64 {
    let q = |ln_p: f64| {
        let t = (-2.0 * ln_p).sqrt();
        t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
    };
    if ln_p >= 0.0 {
        return f64::NEG_INFINITY;
    }
    if ln_p == f64::NEG_INFINITY {
        return f64::INFINITY;
    }
    if ln_p < -std::f64::consts::LN_2 {
        q(ln_p)
    } else {
        // p above one half: minus the quantile of 1 - p.
        -q((-ln_p.exp()).ln_1p())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::test_corpus as corpus;

    #[test]
    fn distinctive_terms() {
        let c = corpus(&[
            "The earthquake hit the coast. The earthquake damaged roads.",
            "The election was held. Voters chose a mayor.",
            "The election results came in late.",
        ]);
        let d = distinctive(&c, &[0], None, &TermOptions::default(), None, 0.0, 3).unwrap();
        assert_eq!(d[0].term, "earthquake");
        assert!(d[0].z > 0.0);
        // Three short texts are no evidence: nothing passes the default threshold.
        assert!(distinctive(&c, &[0], None, &TermOptions::default(), None, MIN_Z, 3).unwrap().is_empty());
        assert!(distinctive(&c, &[0, 1, 2], None, &TermOptions::default(), None, 0.0, 3).is_err());
    }

    #[test]
    fn threshold_variants_and_surface_forms() {
        let quake = "The U.S. sent aid after the earthquake. US teams and the earthquake’s survivors met. \
                     The earthquake’s toll rose as US aid arrived. Earthquake relief from the U.S. grew. ";
        let mut texts = vec![quake.repeat(3)];
        for i in 0..12 {
            texts.push(format!("The council met on day {i}. The budget was discussed by the council and us."));
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let d = distinctive(&c, &[0], None, &TermOptions::default(), None, MIN_Z, 10).unwrap();
        let terms: Vec<&str> = d.iter().map(|t| t.term.as_str()).collect();
        assert!(d.iter().all(|t| t.z >= MIN_Z), "{d:?}");
        assert!(terms.contains(&"earthquake") && !terms.contains(&"council"), "{terms:?}");
        // `U.S.` and `US` are one term (shown as most often written), never the stopword `us`.
        let us: Vec<&Distinctive> = d.iter().filter(|t| t.term == "U.S." || t.term == "US").collect();
        assert_eq!(us.len(), 1, "{terms:?}");
        assert_eq!(us[0].count, 12);
        for w in d.windows(2) {
            assert!(w[0].z > w[1].z || (w[0].z == w[1].z && w[0].delta >= w[1].delta), "{d:?}");
        }
    }

    #[test]
    fn exact_test_and_normal_scale() {
        // The mid-p-value against a direct sum of the binomial terms.
        let choose = |n: u64, k: u64| (0..k).fold(1.0, |a, i| a * (n - i) as f64 / (i + 1) as f64);
        let pmf = |n: u64, i: u64, p: f64| choose(n, i) * p.powi(i as i32) * (1.0 - p).powi((n - i) as i32);
        for (n, p) in [(1u64, 0.3f64), (7, 0.2), (20, 0.5), (40, 0.05), (100, 0.5)] {
            for k in 0..=n {
                let want: f64 = (k + 1..=n).map(|i| pmf(n, i, p)).sum::<f64>() + 0.5 * pmf(n, k, p);
                let got = ln_binomial_mid_p(k, n, p).exp();
                assert!((got - want).abs() < 1e-9 * want.max(1e-3), "n={n} k={k} p={p}: {got} vs {want}");
            }
        }
        let summed: f64 = (2..=64u64).map(|i| (i as f64).ln()).sum();
        assert!((ln_factorial(64) - summed).abs() < 1e-9);
        // Tiny p-values do not underflow.
        assert!(ln_binomial_mid_p(5000, 5000, 0.1) < -11000.0);
        let z = |p: f64| upper_normal_quantile(p.ln());
        assert!((z(0.025) - 1.96).abs() < 1e-3 && z(0.5).abs() < 1e-3 && (z(0.975) + 1.96).abs() < 1e-3);
        assert!((z(1e-10) - 6.3613).abs() < 1e-3);
        assert!(upper_normal_quantile(-12000.0) > 100.0);
    }

    #[test]
    fn small_counts_that_are_real_evidence_pass() {
        // A name three times in one of six equal articles, nowhere else: p = (1/6)³, z ≈ 2.6.
        let body = "officials met again and talks went on about aid and roads";
        let mut texts = vec![format!("Kherson was shelled. Kherson burned. Crimea and Kherson. {body}.")];
        for i in 0..5 {
            texts.push(format!("The council met on day {i}. People spoke. Crimea was named. {body}."));
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let d = distinctive(&c, &[0], None, &TermOptions::default(), None, MIN_Z, 10).unwrap();
        let terms: Vec<&str> = d.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["Kherson"], "{d:?}");
        assert!(d[0].z > 2.0 && d[0].z < 3.5, "{d:?}");
        // Twice is not enough at the default threshold.
        let d = distinctive(&c, &[1], None, &TermOptions::default(), None, MIN_Z, 10).unwrap();
        assert!(d.is_empty(), "{d:?}");
    }
}
