//! A JSONL collection read in chunks, for files larger than memory: term
//! counts, the document-term matrix in row blocks, entity counts and near
//! duplicates, holding one chunk of documents at a time (plus what each
//! result needs of every document: a vocabulary, 25 four-byte keys per
//! document for near duplicates).
//!
//! Every pass reads the file again; nothing of a chunk outlives it. Cleaning
//! is done as a corpus of the whole file does it: a first pass counts the
//! documents holding each non-sentence line ([`crate::clean::repeat_keys`]),
//! and each chunk then sets aside the lines repeated anywhere in the file
//! ([`Corpus::from_documents_with_repeated`]). So term counts, matrix rows and near
//! duplicates equal those of [`Corpus`] over the same file. Entities are
//! linked within each chunk (a surname alone is merged with a full name of
//! the same chunk) and the chunks' entities are added up by canonical name
//! and label, which equals a whole corpus when the file fits in one chunk.

use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::clean;
use crate::corpus::{Corpus, CorpusOptions, Csr, DfLimits, TermOptions, TermStat, Terms, Weight};
use crate::entities::Label;
use crate::error::Result;
use crate::io::read_jsonl_at;
use crate::overlap::{band_key, check_pairs, lsh_params, minhash_params, minhash_with, shingle_sets, NearDuplicate};
use crate::tokenizer::Tokenizer;

/// Documents analysed at a time unless the caller says otherwise.
pub const DEFAULT_CHUNK: usize = 10_000;

/// A JSONL file to read in chunks of documents.
#[derive(Debug)]
pub struct Scan {
    path: PathBuf,
    text_field: String,
    id_field: Option<String>,
    options: CorpusOptions,
    chunk: usize,
    /// Number of documents and the keys of lines repeated across them (first pass, once).
    first: OnceLock<(usize, FxHashSet<u64>)>,
}

/// Entity counts added up over chunks.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityCount {
    /// Canonical name.
    pub name: String,
    /// Label.
    pub label: Label,
    /// Documents that mention it.
    pub docs: u64,
    /// Mentions.
    pub mentions: u64,
}

/// What the matrix blocks of one vocabulary need: the columns, their idf,
/// the weight and (for BM25) the average document length.
#[derive(Debug)]
pub struct MatrixPlan {
    /// The columns' terms, in the order of their text.
    pub vocab: Terms,
    /// Documents in the file.
    pub n_docs: usize,
    opts: TermOptions,
    weight: Weight,
    idf: Vec<f64>,
    avg_len: f64,
}

impl Scan {
    /// A scan of `path` (records with a string `text_field`, ids from
    /// `id_field` or numbered from 0), `chunk` documents at a time. Options
    /// are checked here; the file is first read by the first result asked.
    pub fn new(
        path: impl Into<PathBuf>,
        text_field: &str,
        id_field: Option<&str>,
        options: CorpusOptions,
        chunk: usize,
    ) -> Result<Scan> {
        Tokenizer::new(options.tokenizer.clone())?;
        Ok(Scan {
            path: path.into(),
            text_field: text_field.to_string(),
            id_field: id_field.map(str::to_string),
            options,
            chunk: chunk.max(1),
            first: OnceLock::new(),
        })
    }

    /// Number of documents in the file.
    pub fn len(&self) -> Result<usize> {
        Ok(self.first()?.0)
    }

    /// Whether the file holds no document.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// The first pass: counts documents and, when cleaning, the documents
    /// holding each non-sentence line.
    fn first(&self) -> Result<&(usize, FxHashSet<u64>)> {
        if let Some(f) = self.first.get() {
            return Ok(f);
        }
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        let mut n = 0usize;
        let mut pending: Vec<(String, String)> = Vec::new();
        let clean = self.options.clean;
        let flush = |pending: &mut Vec<(String, String)>, df: &mut FxHashMap<u64, u32>| {
            if clean {
                // Only the lines' keys count here: no document is analysed.
                let keys: Vec<Vec<u64>> = std::mem::take(pending)
                    .par_iter()
                    .map(|(_, text)| clean::repeat_keys(&clean::lines(text)))
                    .collect();
                for k in keys.into_iter().flatten() {
                    *df.entry(k).or_insert(0) += 1;
                }
            } else {
                pending.clear();
            }
            crate::interrupt::check()
        };
        read_jsonl_at(&self.path, 0, 0, &self.text_field, self.id_field.as_deref(), |id, text| {
            n += 1;
            if clean {
                pending.push((id, text));
            }
            if pending.len() >= self.chunk {
                flush(&mut pending, &mut df)?;
            }
            Ok(true)
        })?;
        flush(&mut pending, &mut df)?;
        let repeated = df.into_iter().filter(|&(_, c)| c >= 2).map(|(k, _)| k).collect();
        Ok(self.first.get_or_init(|| (n, repeated)))
    }

    /// Calls `f(first, corpus)` for each chunk of at most `max_docs`
    /// documents (and at most the chunk size) from byte offset `start`,
    /// `first` being the position of the chunk's first document counted
    /// from `first_doc`; returns the documents read and where they end.
    fn chunks(
        &self,
        start: u64,
        first_doc: usize,
        max_docs: usize,
        mut f: impl FnMut(usize, Corpus) -> Result<()>,
    ) -> Result<(usize, u64)> {
        let repeated = &self.first()?.1;
        let mut pending: Vec<(String, String)> = Vec::new();
        let mut done = 0usize;
        let mut run = |pending: &mut Vec<(String, String)>, done: &mut usize| -> Result<()> {
            if pending.is_empty() {
                return Ok(());
            }
            let k = pending.len();
            let docs = Corpus::analyse_documents(std::mem::take(pending), self.options.clean);
            // The lines repeated anywhere in the file hold those repeated in the chunk.
            let corpus = Corpus::from_documents_with_repeated(docs, self.options.clone(), repeated)?;
            f(first_doc + *done, corpus)?;
            *done += k;
            crate::interrupt::check()
        };
        let mut taken = 0usize;
        let (_, end) =
            read_jsonl_at(&self.path, start, first_doc, &self.text_field, self.id_field.as_deref(), |id, text| {
                pending.push((id, text));
                taken += 1;
                if pending.len() >= self.chunk {
                    run(&mut pending, &mut done)?;
                }
                Ok(taken < max_docs)
            })?;
        run(&mut pending, &mut done)?;
        Ok((done, end))
    }

    /// Corpus statistics of every term, as [`Corpus::stats`] orders them
    /// (most frequent first; ties: more documents, then alphabetical).
    pub fn term_stats(&self, opts: &TermOptions) -> Result<Vec<TermStat>> {
        let mut acc: FxHashMap<Box<str>, (u64, u32)> = FxHashMap::default();
        self.chunks(0, 0, usize::MAX, |_, c| {
            let t = c.term_totals(opts);
            for k in 0..t.terms.len() {
                let term = t.terms.get(k);
                match acc.get_mut(term) {
                    Some(e) => {
                        e.0 += t.count[k];
                        e.1 += t.df[k];
                    }
                    None => {
                        acc.insert(term.into(), (t.count[k], t.df[k]));
                    }
                }
            }
            Ok(())
        })?;
        let mut stats: Vec<TermStat> =
            acc.into_iter().map(|(term, (count, df))| TermStat { term: term.into(), count, df }).collect();
        stats
            .par_sort_unstable_by(|a, b| b.count.cmp(&a.count).then(b.df.cmp(&a.df)).then_with(|| a.term.cmp(&b.term)));
        Ok(stats)
    }

    /// The vocabulary and weights of the matrix [`Corpus::matrix`] would
    /// make of the whole file (one pass), for [`Scan::matrix_block`].
    pub fn matrix_plan(&self, opts: &TermOptions, limits: DfLimits, weight: Weight) -> Result<MatrixPlan> {
        let n_docs = self.len()?;
        let stats = self.term_stats(opts)?;
        let total: u64 = stats.iter().map(|s| s.count).sum();
        let mut kept: Vec<&TermStat> =
            stats.iter().filter(|s| s.df >= limits.min_df && s.df <= limits.max_df).collect();
        if let Some(m) = limits.max_features {
            // `stats` is in the order max_features keeps (count, df, then term).
            kept.truncate(m);
        }
        kept.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
        let mut vocab = Terms::default();
        kept.iter().for_each(|s| vocab.push(&s.term));
        let df: Vec<u32> = kept.iter().map(|s| s.df).collect();
        let idf = crate::weight::idf(&df, n_docs as f64, weight);
        let avg_len = if n_docs == 0 { 0.0 } else { total as f64 / n_docs as f64 };
        Ok(MatrixPlan { vocab, n_docs, opts: opts.clone(), weight, idf, avg_len })
    }

    /// Rows of the matrix of `plan` for the documents from byte offset
    /// `start` (0, or an offset this returned), at most `max_docs` of them:
    /// their ids, the rows (columns sorted), and the offset of the next
    /// block (`None` at the end of the file). `first_doc` numbers the
    /// documents when the file has no id field.
    pub fn matrix_block(
        &self,
        plan: &MatrixPlan,
        start: u64,
        first_doc: usize,
        max_docs: usize,
    ) -> Result<(Vec<String>, Csr, Option<u64>)> {
        let mut ids = Vec::new();
        let mut csr = Csr { indptr: vec![0], indices: Vec::new(), data: Vec::new(), n_cols: plan.vocab.len() };
        let (read, end) = self.chunks(start, first_doc, max_docs.max(1), |_, c| {
            let t = c.count_table_in(&plan.opts, true);
            let column: Vec<i32> = (0..t.terms.len()).into_par_iter().map(|k| plan.column(t.terms.get(k))).collect();
            let rows: Vec<(Vec<i32>, Vec<f64>)> = (0..t.n_docs())
                .into_par_iter()
                .map(|d| {
                    let row = t.row(d);
                    let len: f64 = row.iter().map(|e| e.count as f64).sum();
                    let mut ix = Vec::with_capacity(row.len());
                    let mut vals = Vec::with_capacity(row.len());
                    for e in row {
                        let j = column[e.term as usize];
                        if j >= 0 {
                            ix.push(j);
                            vals.push(e.count as f64);
                        }
                    }
                    crate::weight::weight_row(&ix, &mut vals, &plan.idf, plan.weight, len, plan.avg_len);
                    (ix, vals)
                })
                .collect();
            for (ix, vals) in rows {
                csr.indices.extend(ix);
                csr.data.extend(vals);
                csr.indptr.push(csr.indices.len() as i64);
            }
            ids.extend(c.docs().iter().map(|d| d.id.clone()));
            Ok(())
        })?;
        let more = read == max_docs.max(1) && self.more_after(end)?;
        Ok((ids, csr, more.then_some(end)))
    }

    /// Whether the file holds a record after byte offset `end`.
    fn more_after(&self, end: u64) -> Result<bool> {
        let (n, _) = read_jsonl_at(&self.path, end, 0, &self.text_field, self.id_field.as_deref(), |_, _| Ok(false))?;
        Ok(n > 0)
    }

    /// Entities found in each chunk, linked there, added up by canonical
    /// name and label; most mentioned first (ties: more documents, name).
    pub fn entity_counts(&self) -> Result<Vec<EntityCount>> {
        let mut acc: FxHashMap<(String, Label), (u64, u64)> = FxHashMap::default();
        self.chunks(0, 0, usize::MAX, |_, c| {
            for e in crate::entities::extract(&c, None).entities {
                let slot = acc.entry((e.name, e.label)).or_insert((0, 0));
                slot.0 += e.docs as u64;
                slot.1 += e.mentions as u64;
            }
            Ok(())
        })?;
        let mut out: Vec<EntityCount> = acc
            .into_iter()
            .map(|((name, label), (docs, mentions))| EntityCount { name, label, docs, mentions })
            .collect();
        out.par_sort_unstable_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(b.docs.cmp(&a.docs))
                .then_with(|| a.name.cmp(&b.name))
                .then(a.label.as_str().cmp(b.label.as_str()))
        });
        Ok(out)
    }

    /// The near-duplicate pairs [`crate::overlap::near_duplicates`] finds
    /// over the whole file (Jaccard of word `shingle`-grams ≥ `threshold`;
    /// positions in the file), in two passes: the first keeps 4 bytes per LSH
    /// band of each document's MinHash signature; the second makes the
    /// shingle sets of the documents in a candidate pair only, to check the
    /// pairs whose full band keys agree exactly.
    pub fn near_duplicates(
        &self,
        threshold: f64,
        num_perm: usize,
        seed: u64,
        shingle: usize,
    ) -> Result<Vec<NearDuplicate>> {
        let (bands, rows) = lsh_params(threshold, num_perm);
        let (pa, pb) = minhash_params(num_perm, seed);
        let keys_of = |set: &[u64]| -> Vec<u64> {
            let sig = minhash_with(set, &pa, &pb);
            (0..bands).map(|b| band_key(&sig[b * rows..(b + 1) * rows])).collect()
        };
        // Pass 1: short keys (the low 32 bits of each band key); None for an empty set.
        let mut short: Vec<u32> = Vec::new();
        let mut empty: Vec<bool> = Vec::new();
        self.chunks(0, 0, usize::MAX, |_, c| {
            let sets = shingle_sets(&c, shingle);
            let keys: Vec<Vec<u32>> =
                sets.par_iter().map(|s| keys_of(s).into_iter().map(|k| k as u32).collect()).collect();
            for (s, k) in sets.iter().zip(keys) {
                empty.push(s.is_empty());
                short.extend(k);
            }
            Ok(())
        })?;
        let n = empty.len();
        let mut candidates: FxHashSet<(u32, u32)> = FxHashSet::default();
        let mut bucket: Vec<(u32, u32)> = Vec::with_capacity(n);
        for band in 0..bands {
            bucket.clear();
            bucket.extend((0..n).filter(|&d| !empty[d]).map(|d| (short[d * bands + band], d as u32)));
            bucket.par_sort_unstable();
            for run in bucket.chunk_by(|x, y| x.0 == y.0) {
                for (x, &(_, a)) in run.iter().enumerate() {
                    for &(_, b) in &run[x + 1..] {
                        candidates.insert((a.min(b), a.max(b)));
                    }
                }
            }
        }
        drop((short, empty, bucket));
        // Pass 2: the sets and full keys of the documents in a candidate pair.
        let needed: FxHashSet<u32> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
        let mut sets: FxHashMap<u32, (Vec<u64>, Vec<u64>)> = FxHashMap::default();
        if !needed.is_empty() {
            self.chunks(0, 0, usize::MAX, |first, c| {
                let mine: Vec<usize> = (0..c.len()).filter(|&i| needed.contains(&((first + i) as u32))).collect();
                if mine.is_empty() {
                    return Ok(());
                }
                for (i, s) in shingle_sets(&c, shingle).into_iter().enumerate() {
                    if mine.binary_search(&i).is_ok() {
                        let k = keys_of(&s);
                        sets.insert((first + i) as u32, (s, k));
                    }
                }
                Ok(())
            })?;
        }
        let mut pairs: Vec<(u32, u32)> = candidates
            .into_iter()
            .filter(|(a, b)| {
                let (ka, kb) = (&sets[a].1, &sets[b].1);
                ka.iter().zip(kb).any(|(x, y)| x == y)
            })
            .collect();
        pairs.sort_unstable();
        Ok(check_pairs(&pairs, |d| &sets[&d].0, threshold, None))
    }
}

impl MatrixPlan {
    /// The column of `term` (the vocabulary is sorted), or -1.
    fn column(&self, term: &str) -> i32 {
        let (mut lo, mut hi) = (0usize, self.vocab.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.vocab.get(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return mid as i32,
            }
        }
        -1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overlap::near_duplicates;

    /// A file of `texts` (ids "d0", "d1", ...) and the corpus of the same texts.
    fn fixture(name: &str, texts: &[String]) -> (PathBuf, Corpus) {
        let path = std::env::temp_dir().join(format!("lexiscope-stream-{}-{name}.jsonl", std::process::id()));
        let lines: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "text": t}).to_string())
            .collect();
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let ids = (0..texts.len()).map(|i| format!("d{i}")).collect();
        (path, Corpus::new(ids, texts.to_vec(), CorpusOptions::default()).unwrap())
    }

    fn texts() -> Vec<String> {
        let base = [
            "Subscribe now\nThe council extended the sanctions on Monday after a long debate in Geneva.",
            "Subscribe now\nOfficials in Geneva said the talks on sanctions would continue next week.",
            "President Maria Lopez met Lopez's advisers in Madrid; the advisers backed the plan.",
            "The river Oskel flooded two villages, and aid workers from Lima arrived on Friday.",
        ];
        let mut v: Vec<String> = (0..23).map(|i| format!("{} Story {i} adds detail {}.", base[i % 4], i * 7)).collect();
        v.push(v[3].clone());
        v.push(v[5].replace("detail", "details"));
        v
    }

    #[test]
    fn chunks_give_the_whole_corpus_results() {
        let texts = texts();
        let (path, corpus) = fixture("whole", &texts);
        let opts = TermOptions::default();
        for chunk in [3, 7, 1000] {
            let scan = Scan::new(&path, "text", Some("id"), CorpusOptions::default(), chunk).unwrap();
            assert_eq!(scan.len().unwrap(), texts.len());
            assert_eq!(scan.term_stats(&opts).unwrap(), corpus.stats(&opts));
            let bigrams = TermOptions { ngram: (1, 2), ..Default::default() };
            assert_eq!(scan.term_stats(&bigrams).unwrap(), corpus.stats(&bigrams));
            // Matrix blocks of 5 rows stacked are the matrix, for each weight and limits.
            for (weight, limits) in [
                (Weight::Count, DfLimits { min_df: 1, max_df: u32::MAX, max_features: None }),
                (
                    Weight::TfIdf { smooth_idf: true, sublinear_tf: true, l2: true },
                    DfLimits { min_df: 2, max_df: 20, max_features: Some(30) },
                ),
                (Weight::Bm25 { k1: 1.2, b: 0.75 }, DfLimits { min_df: 1, max_df: u32::MAX, max_features: None }),
            ] {
                let (vocab, whole) = corpus.matrix(&opts, limits, weight);
                let plan = scan.matrix_plan(&opts, limits, weight).unwrap();
                assert_eq!(plan.vocab.iter().collect::<Vec<_>>(), vocab.iter().collect::<Vec<_>>());
                let (mut at, mut first, mut rows, mut ids) = (Some(0u64), 0usize, 0usize, Vec::new());
                while let Some(start) = at {
                    let (block_ids, block, next) = scan.matrix_block(&plan, start, first, 5).unwrap();
                    for d in 0..block_ids.len() {
                        let (a, b) = (block.indptr[d] as usize, block.indptr[d + 1] as usize);
                        let (wa, wb) = (whole.indptr[rows] as usize, whole.indptr[rows + 1] as usize);
                        assert_eq!(block.indices[a..b], whole.indices[wa..wb]);
                        for (x, y) in block.data[a..b].iter().zip(&whole.data[wa..wb]) {
                            assert!((x - y).abs() < 1e-12, "{x} {y}");
                        }
                        rows += 1;
                    }
                    first += block_ids.len();
                    ids.extend(block_ids);
                    at = next;
                }
                assert_eq!(rows, texts.len());
                assert_eq!(ids, corpus.docs().iter().map(|d| d.id.clone()).collect::<Vec<_>>());
            }
            let sets = shingle_sets(&corpus, 5);
            let expected = near_duplicates(&sets, 0.8, 128, 1, None);
            assert!(!expected.is_empty());
            assert_eq!(scan.near_duplicates(0.8, 128, 1, 5).unwrap(), expected);
        }
        // In one chunk, the entities are the corpus's.
        let scan = Scan::new(&path, "text", Some("id"), CorpusOptions::default(), 1000).unwrap();
        let whole = crate::entities::extract(&corpus, None).entities;
        let counted = scan.entity_counts().unwrap();
        assert_eq!(counted.len(), whole.len());
        for e in &whole {
            assert!(counted.iter().any(|c| c.name == e.name
                && c.label == e.label
                && c.docs == e.docs as u64
                && c.mentions == e.mentions as u64));
        }
        std::fs::remove_file(&path).unwrap();
    }
}
