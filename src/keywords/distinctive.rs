//! Distinctive terms: what a document or group of documents says that the
//! rest of the corpus (or a chosen set of documents) does not.
//!
//! Weighted log-odds ratios with an informative Dirichlet prior (Monroe,
//! Colaresi and Quinn 2008, "Fightin' Words", eq. 16 and 22), with the whole
//! corpus as prior: `α_w = a0 · y_w / n` for corpus counts `y_w`, `n`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::{Corpus, TermOptions};
use crate::error::{Error, Result};

/// A term over-represented in a group of documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Distinctive {
    /// The term.
    pub term: String,
    /// z-score of the log-odds ratio.
    pub z: f64,
    /// Log-odds ratio (group vs rest).
    pub delta: f64,
    /// Count in the group.
    pub count: u64,
    /// Count in the rest of the corpus.
    pub count_rest: u64,
}

/// Terms over-represented in the documents `group` against `rest` (by
/// default the rest of the corpus; see the module docs), best `top` by z-score.
pub fn distinctive(
    corpus: &Corpus,
    group: &[usize],
    rest: Option<&[usize]>,
    opts: &TermOptions,
    prior_strength: Option<f64>,
    top: usize,
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
    // From the corpus's kept term counts: summing the rows of the two groups
    // costs a pass over their entries, not a new count of the corpus.
    let table = corpus.counts(opts)?;
    let sum_rows = |docs: &FxHashSet<usize>| -> FxHashMap<u32, u64> {
        let mut acc: FxHashMap<u32, u64> = FxHashMap::default();
        for &d in docs {
            for e in table.row(d) {
                *acc.entry(e.term).or_insert(0) += e.count as u64;
            }
        }
        acc
    };
    let yi = sum_rows(&in_group);
    let yj = if rest.is_none() {
        // The rest of the corpus: its totals less the group's.
        let mut all: FxHashMap<u32, u64> = FxHashMap::default();
        for (k, &c) in table.count.iter().enumerate() {
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
    let mut out: Vec<Distinctive> = yi
        .iter()
        .map(|(&k, &ci)| {
            let t = table.terms.get(k as usize);
            let cj = *yj.get(&k).unwrap_or(&0);
            let alpha = a0 * (ci + cj) as f64 / n;
            let (ci_f, cj_f) = (ci as f64, cj as f64);
            let li = ((ci_f + alpha) / (ni + a0 - ci_f - alpha)).ln();
            let lj = ((cj_f + alpha) / (nj + a0 - cj_f - alpha)).ln();
            let delta = li - lj;
            let var = 1.0 / (ci_f + alpha) + 1.0 / (cj_f + alpha);
            Distinctive { term: t.to_string(), z: delta / var.sqrt(), delta, count: ci, count_rest: cj }
        })
        .collect();
    out.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
    out.truncate(top);
    Ok(out)
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
        let d = distinctive(&c, &[0], None, &TermOptions::default(), None, 3).unwrap();
        assert_eq!(d[0].term, "earthquake");
        assert!(d[0].z > 0.0);
        assert!(distinctive(&c, &[0, 1, 2], None, &TermOptions::default(), None, 3).is_err());
    }
}
