//! A corpus: many documents analysed in one parallel pass, with compact
//! per-document results (tokens, sentences, lines set aside) and corpus
//! statistics that are an order-independent merge of per-document counts.
//!
//! Where the pipeline is put together: a corpus holds the documents
//! ([`crate::document`], read by [`crate::io`]) and the tokenizer, sets
//! aside the lines repeated across documents (the corpus-wide part of
//! [`crate::clean`]), and its methods run the later stages over all of them:
//! [`crate::count`] for count tables and statistics, [`crate::weight`] for
//! matrices (keywords, entities and overlap take a corpus as input).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::clean;
use crate::count::{self, Lexicon, NO_FORM};
use crate::error::{Error, Result};
use crate::tokenize;
use crate::tokenizer::{for_each_ngram, Tokenizer, TokenizerSpec};
use crate::weight;

// The stages a corpus is made of, under the paths they had when they lived here.
pub use crate::count::{CountTable, Entry, TermOptions, TermStat, TermTotals, Terms};
pub use crate::document::{DocText, Document, KeptSentence, Parsed, Scratch};
pub use crate::io::{decode, read_file, read_jsonl, OnDecodeError};
pub use crate::weight::{Csr, DfLimits, Weight};

/// Records of a JSONL file read before they are analysed together (see
/// [`Corpus::from_jsonl`]).
pub const JSONL_CHUNK: usize = 2048;

/// How a corpus analyses its documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusOptions {
    /// Set boilerplate lines aside (see [`crate::clean`]).
    pub clean: bool,
    /// Tokenizer options (normalization, stopword list).
    pub tokenizer: TokenizerSpec,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions { clean: true, tokenizer: TokenizerSpec::default() }
    }
}

impl CorpusOptions {
    /// Options checked once: the stopword language must be known.
    pub fn new(clean: bool, tokenizer: TokenizerSpec) -> Result<CorpusOptions> {
        Tokenizer::new(tokenizer.clone())?;
        Ok(CorpusOptions { clean, tokenizer })
    }
}

/// Stems already computed: normalized word → stem.
pub type StemCache = FxHashMap<String, String>;

/// Many documents, analysed once.
#[derive(Clone, Debug)]
pub struct Corpus {
    options: CorpusOptions,
    tokenizer: Tokenizer,
    docs: Vec<Document>,
    /// Results derived from the documents, each computed once (see [`crate::cache`]).
    pub(crate) cache: crate::cache::Caches,
}

impl Corpus {
    /// Analyses `texts` (with `ids`, which must be unique) in parallel.
    pub fn new(ids: Vec<String>, texts: Vec<String>, options: CorpusOptions) -> Result<Corpus> {
        if ids.len() != texts.len() {
            return Err(Error::InvalidArgument(format!("{} ids for {} texts", ids.len(), texts.len())));
        }
        check_unique(ids.iter().map(String::as_str))?;
        let tokenizer = Tokenizer::new(options.tokenizer.clone())?;
        let clean = options.clean;
        let docs: Vec<Document> = ids
            .into_par_iter()
            .zip(texts.into_par_iter())
            .map(|(id, text)| Document::analyse_one(id, text, clean))
            .collect();
        let mut corpus = Corpus { options, tokenizer, docs, cache: Default::default() };
        corpus.apply_repeated();
        Ok(corpus)
    }

    /// Analyses documents without the corpus-wide step (for callers that
    /// analyse in chunks, check for interruption, then [`Corpus::from_documents`]).
    pub fn analyse_documents(items: Vec<(String, String)>, clean: bool) -> Vec<Document> {
        items.into_par_iter().map(|(id, text)| Document::analyse_one(id, text, clean)).collect()
    }

    /// The records of a JSONL file (see [`read_jsonl`]) analysed
    /// `JSONL_CHUNK` at a time while the file is read, so no more than one
    /// chunk of records is held besides the documents; `done` counts the
    /// documents analysed, and a stop request is checked after each chunk.
    /// Equal to [`Corpus::new`] over the same ids and texts.
    pub fn from_jsonl(
        path: &std::path::Path,
        text_field: &str,
        id_field: Option<&str>,
        options: CorpusOptions,
        done: &std::sync::atomic::AtomicUsize,
    ) -> Result<Corpus> {
        use std::sync::atomic::Ordering::Relaxed;
        let clean = options.clean;
        let mut docs: Vec<Document> = Vec::new();
        let mut pending: Vec<(String, String)> = Vec::with_capacity(JSONL_CHUNK);
        read_jsonl(path, text_field, id_field, |id, text| {
            pending.push((id, text));
            if pending.len() >= JSONL_CHUNK {
                docs.extend(Corpus::analyse_documents(std::mem::take(&mut pending), clean));
                pending.reserve(JSONL_CHUNK);
                done.store(docs.len(), Relaxed);
                crate::interrupt::check()?;
            }
            Ok(())
        })?;
        docs.extend(Corpus::analyse_documents(pending, clean));
        docs.shrink_to_fit();
        done.store(docs.len(), Relaxed);
        let corpus = Corpus::from_documents(docs, options);
        release_free_memory();
        corpus
    }

    /// A corpus of already analysed documents (ids must be unique).
    pub fn from_documents(docs: Vec<Document>, options: CorpusOptions) -> Result<Corpus> {
        check_unique(docs.iter().map(|d| d.id.as_str()))?;
        let tokenizer = Tokenizer::new(options.tokenizer.clone())?;
        let mut corpus = Corpus { options, tokenizer, docs, cache: Default::default() };
        corpus.apply_repeated();
        Ok(corpus)
    }

    /// A corpus of already analysed documents whose ids are `"0"`, `"1"`, ...
    /// in order (the caller made them so): as [`Corpus::from_documents`],
    /// without hashing every id to find a duplicate there cannot be.
    pub fn from_numbered_documents(docs: Vec<Document>, options: CorpusOptions) -> Result<Corpus> {
        debug_assert!(docs.iter().enumerate().all(|(i, d)| d.id == i.to_string()), "ids not numbered in order");
        let tokenizer = Tokenizer::new(options.tokenizer.clone())?;
        let mut corpus = Corpus { options, tokenizer, docs, cache: Default::default() };
        corpus.apply_repeated();
        Ok(corpus)
    }

    /// The documents of `self` followed by those of `other` (same options
    /// required). Cleaning is redone for the whole, so the result equals a
    /// corpus built from all the texts at once.
    pub fn merge(&self, other: &Corpus) -> Result<Corpus> {
        if self.options != other.options {
            return Err(Error::InvalidArgument("cannot merge corpora built with different options".into()));
        }
        let docs: Vec<Document> = self.docs.iter().chain(other.docs.iter()).cloned().collect();
        Corpus::from_documents(docs, self.options.clone())
    }

    /// A corpus of already analysed documents (ids must be unique) that sets
    /// aside the lines whose key is in `repeated` (which must hold every key
    /// repeated within `docs`): as [`Corpus::from_documents`] followed by
    /// [`Corpus::with_repeated`], without cleaning twice.
    pub fn from_documents_with_repeated(
        docs: Vec<Document>,
        options: CorpusOptions,
        repeated: &FxHashSet<u64>,
    ) -> Result<Corpus> {
        check_unique(docs.iter().map(|d| d.id.as_str()))?;
        let tokenizer = Tokenizer::new(options.tokenizer.clone())?;
        let mut corpus = Corpus { options, tokenizer, docs, cache: Default::default() };
        if corpus.options.clean {
            corpus.docs.par_iter_mut().for_each(|d| d.restore_lines());
            set_aside(&mut corpus.docs, repeated);
        }
        Ok(corpus)
    }

    /// Sets aside lines repeated across documents (the only corpus-wide cleaning rule).
    fn apply_repeated(&mut self) {
        if !self.options.clean {
            return;
        }
        // Documents of a corpus already cleaned (a merge) hold no lines.
        self.docs.par_iter_mut().for_each(|d| d.restore_lines());
        let keys: Vec<Vec<u64>> = self.docs.par_iter().map(|d| clean::repeat_keys(&d.lines)).collect();
        // Serial: one hash update per non-sentence line (a few per document),
        // small next to reading the lines in parallel above.
        let mut df: FxHashMap<u64, u32> =
            FxHashMap::with_capacity_and_hasher(keys.iter().map(Vec::len).sum(), Default::default());
        for k in keys.into_iter().flatten() {
            *df.entry(k).or_insert(0) += 1;
        }
        let repeated: FxHashSet<u64> = df.into_iter().filter(|&(_, n)| n >= 2).map(|(k, _)| k).collect();
        set_aside(&mut self.docs, &repeated);
    }

    /// The distinct keys of each document's non-sentence lines: what counts
    /// toward repetition across documents. A caller that analyses a collection
    /// in parts counts, over all parts, the documents holding each key and
    /// gives the keys held by two or more to [`Corpus::with_repeated`].
    pub fn repeat_keys(&self) -> Vec<Vec<u64>> {
        if !self.options.clean {
            return vec![Vec::new(); self.docs.len()];
        }
        self.docs.par_iter().map(|d| clean::repeat_keys(&d.cleaning().0)).collect()
    }

    /// This corpus with the non-sentence lines whose key is in `repeated` set
    /// aside as repeated (besides what each document set aside itself), as a
    /// corpus holding the whole collection would set them aside. `repeated`
    /// must hold every key repeated within this corpus too (keys counted over
    /// all parts include them). Without cleaning, a copy of the corpus.
    pub fn with_repeated(&self, repeated: &FxHashSet<u64>) -> Corpus {
        let mut docs = self.docs.clone();
        if self.options.clean {
            docs.par_iter_mut().for_each(|d| {
                let removed = {
                    let (lines, local) = d.cleaning();
                    clean::with_repeated(&lines, &local, |k| repeated.contains(&k))
                };
                d.set_removed(removed);
            });
        }
        Corpus { options: self.options.clone(), tokenizer: self.tokenizer.clone(), docs, cache: Default::default() }
    }

    /// The options.
    pub fn options(&self) -> &CorpusOptions {
        &self.options
    }

    /// The tokenizer (normalization and stopwords).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The documents, in order.
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// Forgets every document's tokens and sentences.
    pub(crate) fn drop_analysis(&mut self) {
        self.cache.clear_analysis();
        self.docs.par_iter_mut().for_each(Document::drop_analysis);
    }

    /// Tokenizes and splits every document not yet parsed, in parallel (see
    /// [`Document::parsed`]); call it before a sequential pass over tokens.
    pub fn parse_all(&self) {
        self.docs.par_iter().for_each(|d| {
            d.parsed();
        });
    }

    /// Tags every document not yet tagged, in parallel (see [`Document::pos`]),
    /// checking for a stop request before each document.
    pub fn tag_all(&self) {
        self.docs.par_iter().for_each(|d| {
            if !crate::interrupt::requested() {
                d.pos();
            }
        });
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Position of the document with id `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.cache.position(&self.docs, id)
    }

    /// Calls `f` with each term of document `d` (kept sentences only).
    pub fn doc_terms(&self, d: usize, opts: &TermOptions, f: impl FnMut(&str)) {
        self.doc_terms_with(d, opts, &mut StemCache::default(), f)
    }

    /// [`Corpus::doc_terms`], as it was called when each thread kept its own
    /// stem cache (`stems` is no longer needed: stems are kept once for the
    /// corpus in its lexicon).
    pub fn doc_terms_with(&self, d: usize, opts: &TermOptions, stems: &mut StemCache, f: impl FnMut(&str)) {
        let _ = stems;
        let Ok(lex) = self.lexicon() else {
            // Asked to stop: the caller's result is thrown away.
            return;
        };
        self.doc_terms_in(&lex, d, opts, f)
    }

    /// [`Corpus::doc_terms`] through `lex` (this corpus's [`Corpus::lexicon`]):
    /// each token's form, stopword flag and stem are read, not made again.
    pub fn doc_terms_in(&self, lex: &Lexicon, d: usize, opts: &TermOptions, mut f: impl FnMut(&str)) {
        let doc = &self.docs[d];
        let ids = lex.doc(d);
        let tokens = doc.tokens();
        let stems = opts.stem.as_ref().map(|s| lex.stems(s));
        let mut seq: Vec<&str> = Vec::new();
        for k in doc.kept() {
            seq.clear();
            for i in k.first as usize..k.last as usize {
                let form = ids[i];
                if form == NO_FORM || (!opts.numbers && tokens[i].kind == tokenize::TokenKind::Number) {
                    continue;
                }
                if opts.drop_stopwords && lex.is_stop(form) {
                    continue;
                }
                seq.push(match &stems {
                    Some(s) => s.of(form),
                    None => lex.form(form),
                });
            }
            for_each_ngram(&seq, opts.ngram.0, opts.ngram.1, &mut f);
        }
    }

    /// Term counts of document `d`.
    pub fn doc_counts(&self, d: usize, opts: &TermOptions) -> FxHashMap<String, u32> {
        let mut counts: FxHashMap<String, u32> = FxHashMap::default();
        self.doc_terms(d, opts, |t| {
            if let Some(c) = counts.get_mut(t) {
                *c += 1;
            } else {
                counts.insert(t.to_string(), 1);
            }
        });
        counts
    }

    /// Term counts of every document, in parallel.
    pub fn all_counts(&self, opts: &TermOptions) -> Vec<FxHashMap<String, u32>> {
        (0..self.docs.len()).into_par_iter().map(|d| self.doc_counts(d, opts)).collect()
    }

    /// Corpus statistics of every term: a commutative merge of per-document counts.
    pub fn term_stats(counts: &[FxHashMap<String, u32>]) -> Vec<TermStat> {
        count::term_stats(counts)
    }

    /// Term counts of every document over one table of terms, sorted.
    ///
    /// Documents are counted in parallel parts, each interning its own terms
    /// (words by their text, n-grams as a pair of their prefix n-gram and last
    /// word, so no string is built per occurrence), and the parts are merged
    /// in document order. The table is then put in the order of the terms'
    /// text, so it is the same for any number of threads.
    pub fn count_table(&self, opts: &TermOptions) -> CountTable {
        self.count_table_in(opts, true)
    }

    /// [`Corpus::count_table`], with each document's entries sorted by term
    /// when `sorted` is set and otherwise in the order the document first
    /// uses its terms (which saves sorting every row).
    pub fn count_table_in(&self, opts: &TermOptions, sorted: bool) -> CountTable {
        count::count_table(&self.docs, &self.tokenizer, opts, sorted)
    }

    /// Corpus statistics of every term, most frequent first (ties: more
    /// documents, then alphabetical).
    pub fn stats(&self, opts: &TermOptions) -> Vec<TermStat> {
        self.term_totals(opts).stats()
    }

    /// The totals of [`Corpus::count_table`] (terms, occurrences, document
    /// frequencies) without its rows: counted document by document, so only
    /// the vocabulary is held, not every document's counts.
    pub fn term_totals(&self, opts: &TermOptions) -> TermTotals {
        count::term_totals(&self.docs, &self.tokenizer, opts)
    }

    /// The vocabulary (sorted, as scikit-learn sorts it) and the document-term matrix.
    pub fn matrix(&self, opts: &TermOptions, limits: DfLimits, weight: Weight) -> (Terms, Csr) {
        self.matrix_in(opts, limits, weight, true)
    }

    /// [`Corpus::matrix`], with the column indices of each row sorted when
    /// `sorted` is set, and otherwise in the order the document first uses
    /// the terms (how scikit-learn's vectorizers leave them): a valid CSR
    /// matrix, made without sorting every row.
    pub fn matrix_in(&self, opts: &TermOptions, limits: DfLimits, weight: Weight, sorted: bool) -> (Terms, Csr) {
        weight::matrix(self.count_table_in(opts, sorted), limits, weight)
    }
}

/// Sets aside in each document the lines whose key is in `repeated`,
/// besides what the document set aside itself, then drops its lines (see
/// [`Document::drop_lines`]): its `removed` is all results read.
fn set_aside(docs: &mut [Document], repeated: &FxHashSet<u64>) {
    docs.par_iter_mut().for_each(|d| {
        let removed = clean::with_repeated(&d.lines, &d.local, |k| repeated.contains(&k));
        d.set_removed(removed);
        d.drop_lines();
    });
}

/// Gives glibc's freed pages back to the system: reading a file frees each
/// record's parsed form and the analysis its scratch, in the memory pools of
/// the threads that made them, where glibc would otherwise keep them
/// resident. This is the plain library's allocator (examples, `cargo test`,
/// other Rust users); the Python module allocates through jemalloc
/// (`src/python/mod.rs`), which returns pages by its own decay and which this
/// call does not touch, so there it only trims the interpreter's heap. A no-op
/// off glibc.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's own
    // pools to the system; it takes no pointer and touches no live block.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn check_unique<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Result<()> {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::with_capacity_and_hasher(ids.len(), Default::default());
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            return Err(Error::Document {
                index: i,
                message: format!("duplicate id {id:?} (first used by document {first})"),
            });
        }
    }
    Ok(())
}

/// A corpus of `texts` with ids `0..n` and default options, for tests.
#[cfg(test)]
pub(crate) fn test_corpus(texts: &[&str]) -> Corpus {
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    Corpus::new(ids, texts.iter().map(|t| t.to_string()).collect(), CorpusOptions::default()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_corpus as corpus;

    #[test]
    fn counts_merge_and_clean() {
        let a = "Subscribe now\nThe sanctions on Russia were extended by the council on Monday.";
        let b = "Subscribe now\nSanctions relief was not discussed at the meeting in Geneva today.";
        let c = corpus(&[a, b]);
        let stats = Corpus::term_stats(&c.all_counts(&TermOptions::default()));
        assert_eq!(stats[0], TermStat { term: "sanctions".into(), count: 2, df: 2 });
        // The interned count table agrees with the plain per-document merge.
        assert_eq!(c.stats(&TermOptions::default()), stats);
        let bigrams = TermOptions { ngram: (1, 2), ..Default::default() };
        assert_eq!(c.stats(&bigrams), Corpus::term_stats(&c.all_counts(&bigrams)));
        assert!(!stats.iter().any(|s| s.term == "subscribe"));
        let merged = corpus(&[a]).merge(&corpus(&[b]).renamed("1")).unwrap();
        assert_eq!(Corpus::term_stats(&merged.all_counts(&TermOptions::default())), stats);
        assert!(corpus(&[a, a]).merge(&corpus(&[b])).is_err());
    }

    #[test]
    fn parts_cleaned_with_keys_counted_over_all_parts() {
        let a = "The sanctions on Russia were extended by the council on Monday.\nRead more from our partners\n\
            Officials said the talks would continue next week in Geneva.";
        let b = "Sanctions relief was not discussed at the meeting in Geneva today.\nRead more from our partners\n\
            The ministers will meet again before the summer recess.";
        let whole = corpus(&[a, b]);
        let (pa, pb) = (corpus(&[a]), corpus(&[b]).renamed("1"));
        assert!(pa.docs[0].removed.is_empty(), "alone, the line is not repeated");
        assert_eq!(whole.docs[0].removed.len(), 1);
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for k in pa.repeat_keys().into_iter().chain(pb.repeat_keys()).flatten() {
            *df.entry(k).or_insert(0) += 1;
        }
        let repeated: FxHashSet<u64> = df.into_iter().filter(|&(_, n)| n >= 2).map(|(k, _)| k).collect();
        let (ca, cb) = (pa.with_repeated(&repeated), pb.with_repeated(&repeated));
        assert_eq!(ca.docs[0].removed, whole.docs[0].removed);
        assert_eq!(cb.docs[0].removed, whole.docs[1].removed);
        let opts = TermOptions::default();
        let mut parts = ca.all_counts(&opts);
        parts.extend(cb.all_counts(&opts));
        assert_eq!(Corpus::term_stats(&parts), whole.stats(&opts));
    }

    /// Reading a JSONL file gives the corpus of its parsed records, in
    /// chunks or not (more records than a chunk, lines set aside across chunks).
    #[test]
    fn from_jsonl_equals_the_parsed_records() {
        let dir = std::env::temp_dir().join(format!("lexiscope-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("docs.jsonl");
        let n = JSONL_CHUNK + 7;
        let texts: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "Subscribe now\nThe council met on day {i} in Geneva. \"Quoted\", said é{}.\n\nRead more",
                    i % 13
                )
            })
            .collect();
        let ids: Vec<String> = (0..n).map(|i| format!("d{i}")).collect();
        let mut file = String::new();
        for (id, text) in ids.iter().zip(&texts) {
            file.push_str(&serde_json::json!({ "id": id, "body": text, "x": [1, {"y": null}] }).to_string());
            file.push('\n');
        }
        std::fs::write(&path, file).unwrap();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let read = Corpus::from_jsonl(&path, "body", Some("id"), CorpusOptions::default(), &done).unwrap();
        assert_eq!(done.into_inner(), n);
        let built = Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).unwrap();
        assert_eq!(read.len(), built.len());
        for (a, b) in read.docs().iter().zip(built.docs()) {
            assert_eq!(
                (&a.id, &*a.text, &a.removed, &a.lines, &a.local),
                (&b.id, &*b.text, &b.removed, &b.lines, &b.local)
            );
        }
        assert!(!read.docs()[0].removed.is_empty());
        let opts = TermOptions::default();
        assert_eq!(read.stats(&opts), built.stats(&opts));
        let numbered = Corpus::from_jsonl(&path, "body", None, CorpusOptions::default(), &Default::default()).unwrap();
        assert_eq!(numbered.docs()[n - 1].id, (n - 1).to_string());
        // The text field read as the id too.
        let same = Corpus::from_jsonl(&path, "id", Some("id"), CorpusOptions::default(), &Default::default()).unwrap();
        assert_eq!((&same.docs()[3].id, &*same.docs()[3].text), (&"d3".to_string(), "d3"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Cleaned documents keep no lines; merges, parts and metadata make
    /// them again from the text and get what kept lines gave.
    #[test]
    fn lines_dropped_once_cleaned() {
        let a = "Subscribe now\nBy Jane Doe\nThe council met on Monday in Geneva to extend the sanctions.\nRead more";
        let b = "Subscribe now\nOfficials said the talks would continue next week in Geneva.\n";
        let c = "World news\nOfficials said the talks would continue next week in Geneva.\nWorld news";
        let whole = corpus(&[a, b, c]);
        assert!(whole.docs.iter().all(|d| d.lines.is_empty() && d.local.is_empty()));
        let merged = corpus(&[a]).merge(&corpus(&[b, c]).renamed_all(1)).unwrap();
        for (x, y) in merged.docs.iter().zip(&whole.docs) {
            assert_eq!(x.removed, y.removed);
        }
        for (d, text) in whole.docs.iter().zip([a, b, c]) {
            let lines = clean::lines(text);
            assert_eq!(d.cleaning().0.as_ref(), lines.as_slice());
            assert_eq!(d.meta(), clean::meta(text, &lines, &d.removed));
        }
        let plain = CorpusOptions { clean: false, ..Default::default() };
        let raw = Corpus::new(vec!["0".into()], vec![a.into()], plain).unwrap();
        assert!(raw.docs[0].removed.is_empty() && raw.repeat_keys() == vec![Vec::<u64>::new()]);
        let lines = clean::lines(a);
        assert_eq!(raw.docs[0].meta(), clean::meta(a, &lines, &clean::local_furniture(a, &lines)));
    }

    #[test]
    fn duplicate_ids() {
        let err = Corpus::new(vec!["x".into(), "x".into()], vec!["a".into(), "b".into()], CorpusOptions::default());
        assert!(matches!(err, Err(Error::Document { index: 1, .. })));
    }

    impl Corpus {
        fn renamed(mut self, id: &str) -> Corpus {
            self.docs[0].id = id.to_string();
            self
        }

        fn renamed_all(mut self, from: usize) -> Corpus {
            for (i, d) in self.docs.iter_mut().enumerate() {
                d.id = (from + i).to_string();
            }
            self
        }
    }
}
