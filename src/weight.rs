//! Weighting counts: the document-term matrix (CSR) of a [`CountTable`], its
//! vocabulary cut by document frequency, its counts raw, TF-IDF (as
//! scikit-learn computes it) or BM25. The stage after [`crate::count`]; the
//! matrices go to Python as they are and to [`crate::overlap`] as vectors.

use rayon::prelude::*;

use crate::count::{CountTable, Terms};

/// A sparse matrix in compressed sparse row form.
#[derive(Clone, Debug, PartialEq)]
pub struct Csr {
    /// Row `i` is `indices[indptr[i]..indptr[i+1]]`.
    pub indptr: Vec<i64>,
    /// Column of each stored value: increasing within a row when the matrix
    /// was made sorted, else in the order the document first used the terms.
    pub indices: Vec<i32>,
    /// The values.
    pub data: Vec<f64>,
    /// Number of columns.
    pub n_cols: usize,
}

/// How the matrix weights a count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weight {
    /// Raw counts.
    Count,
    /// TF-IDF as scikit-learn's TfidfVectorizer computes it.
    TfIdf {
        /// idf = ln((1+n)/(1+df)) + 1 when true, ln(n/df) + 1 otherwise.
        smooth_idf: bool,
        /// tf = 1 + ln(tf).
        sublinear_tf: bool,
        /// Divide each row by its Euclidean norm.
        l2: bool,
    },
    /// Okapi BM25 with idf = ln(1 + (n - df + 0.5)/(df + 0.5)).
    Bm25 {
        /// Term-frequency saturation.
        k1: f64,
        /// Length normalization.
        b: f64,
    },
}

/// Limits on the vocabulary of [`crate::corpus::Corpus::matrix`] and `terms`.
#[derive(Clone, Copy, Debug)]
pub struct DfLimits {
    /// Keep terms in at least this many documents.
    pub min_df: u32,
    /// Keep terms in at most this many documents.
    pub max_df: u32,
    /// Keep at most this many terms, the most frequent (ties by term).
    pub max_features: Option<usize>,
}

/// The vocabulary and the document-term matrix of `table` (the body of
/// [`crate::corpus::Corpus::matrix_in`]): the terms `limits` keep, in the
/// table's order, each row's entries in the table's order (sorted rows stay
/// sorted), weighted by `weight`.
pub fn matrix(table: CountTable, limits: DfLimits, weight: Weight) -> (Terms, Csr) {
    let mut kept: Vec<u32> = (0..table.terms.len() as u32)
        .filter(|&k| table.df[k as usize] >= limits.min_df && table.df[k as usize] <= limits.max_df)
        .collect();
    if let Some(m) = limits.max_features {
        if m < kept.len() {
            kept.par_sort_unstable_by(|&a, &b| {
                let (a, b) = (a as usize, b as usize);
                table.count[b].cmp(&table.count[a]).then(table.df[b].cmp(&table.df[a])).then(a.cmp(&b))
            });
            kept.truncate(m);
            kept.par_sort_unstable();
        }
    }
    let all = kept.len() == table.terms.len();
    let n = table.n_docs() as f64;
    let CountTable { terms, indptr: rows, entries, df: all_df, .. } = table;
    let n_docs = rows.len() - 1;
    // Document length for BM25: all terms of the document, as configured.
    let row = |d: usize| &entries[rows[d]..rows[d + 1]];
    let lens: Vec<f64> = match weight {
        Weight::Bm25 { .. } => (0..n_docs).map(|d| row(d).iter().map(|e| e.count as f64).sum()).collect(),
        _ => Vec::new(),
    };
    let avg_len = if lens.is_empty() { 0.0 } else { lens.iter().sum::<f64>() / lens.len() as f64 };
    let (vocab, df, indptr, indices, mut data) = if all {
        // Every term is a column: the entries' terms are the indices.
        let indptr: Vec<i64> = rows.iter().map(|&p| p as i64).collect();
        let indices: Vec<i32> = entries.iter().map(|e| e.term as i32).collect();
        // The counts become the values in the entries' own buffer (an
        // `Entry` is the size and alignment of an `f64`), so no third array is live.
        let data: Vec<f64> = entries.into_iter().map(|e| e.count as f64).collect();
        (terms, all_df, indptr, indices, data)
    } else {
        let mut column = vec![-1i32; terms.len()];
        for (j, &k) in kept.iter().enumerate() {
            column[k as usize] = j as i32;
        }
        let mut vocab = Terms::default();
        kept.iter().for_each(|&k| vocab.push(terms.get(k as usize)));
        let df: Vec<u32> = kept.iter().map(|&k| all_df[k as usize]).collect();
        let mut indptr = Vec::with_capacity(n_docs + 1);
        indptr.push(0i64);
        for d in 0..n_docs {
            let kept = row(d).iter().filter(|e| column[e.term as usize] >= 0).count();
            indptr.push(indptr[d] + kept as i64);
        }
        // Kept terms keep their order within rows (sorted rows stay sorted).
        let indices: Vec<i32> = entries.iter().map(|e| column[e.term as usize]).filter(|&j| j >= 0).collect();
        let data: Vec<f64> =
            entries.into_iter().filter(|e| column[e.term as usize] >= 0).map(|e| e.count as f64).collect();
        (vocab, df, indptr, indices, data)
    };
    // Inverse document frequency of each column, computed once.
    let idf = idf(&df, n, weight);
    if !matches!(weight, Weight::Count) {
        let mut parts: Vec<(usize, &[i32], &mut [f64])> = Vec::with_capacity(n_docs);
        let mut data_rest = &mut data[..];
        for d in 0..n_docs {
            let (from, to) = (indptr[d] as usize, indptr[d + 1] as usize);
            let (vals, tail) = data_rest.split_at_mut(to - from);
            parts.push((d, &indices[from..to], vals));
            data_rest = tail;
        }
        let len = |d: usize| lens.get(d).copied().unwrap_or(0.0);
        parts.into_par_iter().for_each(|(d, ix, vals)| weight_row(ix, vals, &idf, weight, len(d), avg_len));
    }
    let n_cols = vocab.len();
    (vocab, Csr { indptr, indices, data, n_cols })
}

/// Inverse document frequency of each column for `weight` in a corpus of
/// `n` documents (none for raw counts).
pub fn idf(df: &[u32], n: f64, weight: Weight) -> Vec<f64> {
    match weight {
        Weight::Count => Vec::new(),
        Weight::TfIdf { smooth_idf, .. } => df
            .iter()
            .map(|&d| {
                let d = d as f64;
                if smooth_idf {
                    smoothed_idf(n, d)
                } else {
                    (n / d).ln() + 1.0
                }
            })
            .collect(),
        Weight::Bm25 { .. } => df
            .iter()
            .map(|&d| {
                let d = d as f64;
                (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
            })
            .collect(),
    }
}

/// The smoothed inverse document frequency of a term found in `df` of `n`
/// documents: `ln((1 + n) / (1 + df)) + 1` (as if one more document held
/// every term once; never zero, so a term in every document still counts).
/// The one formula of [`idf`] with `smooth_idf`, of the overlap vectors (through
/// [`idf`]) and of keyphrase scoring.
#[inline]
pub fn smoothed_idf(n: f64, df: f64) -> f64 {
    ((1.0 + n) / (1.0 + df)).ln() + 1.0
}

/// The TF-IDF value of a term counted `count` times in a document: `tf · idf`
/// with `tf = 1 + ln(count)` when `sublinear_tf`, else `count`. Shared by
/// [`matrix`] and the overlap vectors.
#[inline(always)]
pub(crate) fn tfidf(count: f64, idf: f64, sublinear_tf: bool) -> f64 {
    let tf = if sublinear_tf { 1.0 + count.ln() } else { count };
    tf * idf
}

/// The Euclidean norm of `vals`, their squares summed in order. Shared by
/// [`matrix`] and the overlap vectors.
#[inline(always)]
pub(crate) fn l2_norm(vals: impl Iterator<Item = f64>) -> f64 {
    vals.map(|v| v * v).sum::<f64>().sqrt()
}

/// Weights one row's counts `vals` (columns `ix`) in place, as [`matrix`] does.
pub(crate) fn weight_row(ix: &[i32], vals: &mut [f64], idf: &[f64], weight: Weight, len: f64, avg_len: f64) {
    match weight {
        Weight::Count => {}
        Weight::TfIdf { sublinear_tf, l2, .. } => {
            for (&j, v) in ix.iter().zip(vals.iter_mut()) {
                *v = tfidf(*v, idf[j as usize], sublinear_tf);
            }
            if l2 {
                let norm = l2_norm(vals.iter().copied());
                if norm > 0.0 {
                    for v in vals.iter_mut() {
                        *v /= norm;
                    }
                }
            }
        }
        Weight::Bm25 { k1, b } => {
            let norm = if avg_len > 0.0 { 1.0 - b + b * len / avg_len } else { 1.0 };
            for (&j, v) in ix.iter().zip(vals.iter_mut()) {
                *v = idf[j as usize] * (*v * (k1 + 1.0)) / (*v + k1 * norm);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::count::Entry;

    #[test]
    fn counts_become_values_in_place() {
        // `matrix` relies on this to keep one buffer fewer alive at its peak.
        let entries = vec![Entry { term: 1, count: 2 }; 1000];
        let at = entries.as_ptr() as usize;
        let data: Vec<f64> = entries.into_iter().filter(|e| e.term > 0).map(|e| e.count as f64).collect();
        assert_eq!(data.as_ptr() as usize, at);
        assert!(data.iter().all(|&x| x == 2.0));
    }
}
