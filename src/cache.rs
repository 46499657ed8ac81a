//! What a corpus keeps: every result derived from it (term counts, keyphrase
//! statistics, linked entities, overlap scores, neighbours, stories) is
//! computed at most once, on first need, and kept until the corpus is dropped
//! or its caches are cleared.
//!
//! A [`Memo`] maps a key (the options of the result) to a slot that is filled
//! once. Two threads asking for the same key get the same value: the second
//! waits for the first to finish instead of computing it again; threads asking
//! for different keys do not wait for each other. A computation that fails or
//! is interrupted leaves its slot empty, so the next call tries again.
//!
//! (Some 660 lines, 80 of them tests of the [`Memo`]: the memo, the keys of
//! each kept result, the memory report and the `Corpus` methods that read
//! through the caches are one place, so that what is kept and what it costs
//! can be read together.)

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::corpus::{Corpus, CountTable, StemCache, TermOptions, TermStat, TermTotals};
use crate::count::Lexicon;
use crate::entities::{Entities, Gazetteer};
use crate::error::{Error, Result};
use crate::keywords::{CorpusKeyphrase, FoldedCounts, Keyphrase, KeyphraseExtractor, KeyphraseStats};
use crate::overlap::Method;
use crate::quotes::Quotes;
use crate::scores::{OverlapScores, Scores};
use rayon::prelude::*;

/// Locks `m`, recovering the data if a thread panicked while holding it (a
/// slot is only ever written with a finished value, so the data is sound).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The state of one slot of a [`Memo`].
enum State<V> {
    Empty,
    /// Being computed by this thread.
    Computing(std::thread::ThreadId),
    Ready(Arc<V>),
}

struct Slot<V> {
    state: Mutex<State<V>>,
    ready: Condvar,
}

impl<V> Slot<V> {
    fn value(&self) -> Option<Arc<V>> {
        match &*lock(&self.state) {
            State::Ready(v) => Some(v.clone()),
            _ => None,
        }
    }
}

/// Puts a slot back to empty if its computation ends without a value (an
/// error, an interruption or a panic), waking the threads waiting for it.
struct Reset<'a, V>(&'a Slot<V>);

impl<V> Drop for Reset<'_, V> {
    fn drop(&mut self) {
        let mut st = lock(&self.0.state);
        if matches!(*st, State::Computing(_)) {
            *st = State::Empty;
        }
        drop(st);
        self.0.ready.notify_all();
    }
}

/// Results of one kind, by key, each computed once.
///
/// No lock is held while a value is computed. A thread that finds its key
/// being computed by another thread sleeps until the value is ready, unless
/// it is a rayon worker: a worker must not block (the thread computing the
/// value may need it, or need a job that sits below the waiting one on its
/// stack), so it computes the value too, and the first value finished is the
/// one kept and returned to both. A thread that finds its key being computed
/// by itself (a job stolen while its own computation waits for its parallel
/// parts) does the same.
pub struct Memo<K, V> {
    slots: Mutex<Vec<(K, Arc<Slot<V>>)>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { slots: Mutex::new(Vec::new()) }
    }
}

impl<K: PartialEq + Clone, V> Memo<K, V> {
    /// The value for `key`, computed by `f` if it is not kept yet. An error
    /// (or an interruption seen when `f` returns) is passed on and nothing is kept.
    pub fn get_or_try_init(&self, key: &K, f: impl FnOnce() -> Result<V>) -> Result<Arc<V>> {
        let slot = {
            let mut slots = lock(&self.slots);
            match slots.iter().find(|(k, _)| k == key) {
                Some((_, s)) => s.clone(),
                None => {
                    let s = Arc::new(Slot { state: Mutex::new(State::Empty), ready: Condvar::new() });
                    slots.push((key.clone(), s.clone()));
                    s
                }
            }
        };
        let me = std::thread::current().id();
        let mut st = lock(&slot.state);
        loop {
            match &*st {
                State::Ready(v) => return Ok(v.clone()),
                State::Empty => break,
                State::Computing(id) if *id == me || rayon::current_thread_index().is_some() => {
                    drop(st);
                    let v = f()?;
                    crate::interrupt::check()?;
                    let mut st = lock(&slot.state);
                    return Ok(match &*st {
                        State::Ready(kept) => kept.clone(),
                        _ => {
                            let v = Arc::new(v);
                            *st = State::Ready(v.clone());
                            drop(st);
                            slot.ready.notify_all();
                            v
                        }
                    });
                }
                State::Computing(_) => st = slot.ready.wait(st).unwrap_or_else(|e| e.into_inner()),
            }
        }
        *st = State::Computing(me);
        drop(st);
        let reset = Reset(&slot);
        let v = f()?;
        crate::interrupt::check()?;
        let mut st = lock(&slot.state);
        let v = match &*st {
            // Another worker finished first (see above): keep its value.
            State::Ready(kept) => kept.clone(),
            _ => {
                let v = Arc::new(v);
                *st = State::Ready(v.clone());
                v
            }
        };
        drop(st);
        drop(reset);
        Ok(v)
    }

    /// The value for `key` if it is kept.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let slots = lock(&self.slots);
        let (_, s) = slots.iter().find(|(k, _)| k == key)?;
        s.value()
    }

    /// A kept value whose key satisfies `pred`, if any.
    pub fn find(&self, pred: impl Fn(&K) -> bool) -> Option<Arc<V>> {
        let slots: Vec<_> = lock(&self.slots).iter().filter(|(k, _)| pred(k)).map(|(_, s)| s.clone()).collect();
        slots.iter().find_map(|s| s.value())
    }

    /// Every kept value.
    pub fn values(&self) -> Vec<Arc<V>> {
        let slots: Vec<_> = lock(&self.slots).iter().map(|(_, s)| s.clone()).collect();
        slots.iter().filter_map(|s| s.value()).collect()
    }

    /// Forgets every kept value (results already handed out stay valid).
    pub fn clear(&self) {
        lock(&self.slots).clear();
    }

    /// Every kept value with its key (what [`crate::persist`] saves).
    pub fn entries(&self) -> Vec<(K, Arc<V>)> {
        let slots: Vec<_> = lock(&self.slots).iter().map(|(k, s)| (k.clone(), s.clone())).collect();
        slots.into_iter().filter_map(|(k, s)| s.value().map(|v| (k, v))).collect()
    }

    /// Keeps `value` for `key`, unless a value is kept or being computed for
    /// it already (what [`crate::persist`] loads).
    pub fn insert(&self, key: K, value: V) {
        let mut slots = lock(&self.slots);
        if slots.iter().any(|(k, _)| *k == key) {
            return;
        }
        let state = Mutex::new(State::Ready(Arc::new(value)));
        slots.push((key, Arc::new(Slot { state, ready: Condvar::new() })));
    }
}

/// Approximate heap bytes held by a value, for [`crate::corpus::Corpus::memory`].
pub trait HeapSize {
    /// Bytes on the heap (capacity, not length), not counting `self`.
    fn heap_size(&self) -> usize;
}

impl<T: HeapSize> HeapSize for Vec<T> {
    fn heap_size(&self) -> usize {
        self.capacity() * std::mem::size_of::<T>() + self.iter().map(HeapSize::heap_size).sum::<usize>()
    }
}

impl HeapSize for String {
    fn heap_size(&self) -> usize {
        self.capacity()
    }
}

impl HeapSize for Box<str> {
    fn heap_size(&self) -> usize {
        self.len()
    }
}

macro_rules! flat {
    ($($t:ty),*) => { $(impl HeapSize for $t { fn heap_size(&self) -> usize { 0 } })* };
}
flat!(u8, u32, u64, usize, f64);

impl<A: HeapSize, B: HeapSize> HeapSize for (A, B) {
    fn heap_size(&self) -> usize {
        self.0.heap_size() + self.1.heap_size()
    }
}

impl<T: HeapSize> HeapSize for Option<T> {
    fn heap_size(&self) -> usize {
        self.as_ref().map_or(0, HeapSize::heap_size)
    }
}

impl<K, V: HeapSize> Memo<K, V> {
    /// Heap bytes of every kept value.
    pub fn heap_size(&self) -> usize {
        let slots: Vec<_> = lock(&self.slots).iter().map(|(_, s)| s.clone()).collect();
        slots.iter().filter_map(|s| s.value()).map(|v| std::mem::size_of::<V>() + v.heap_size()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn each_key_is_computed_once_across_threads() {
        let memo: Memo<u32, u64> = Memo::default();
        let calls = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for t in 0..8u64 {
                let (memo, calls) = (&memo, &calls);
                s.spawn(move || {
                    for key in 0..4u32 {
                        let v = memo
                            .get_or_try_init(&key, || {
                                calls.fetch_add(1, Ordering::SeqCst);
                                std::thread::sleep(std::time::Duration::from_millis(5));
                                Ok(key as u64 * 10)
                            })
                            .unwrap();
                        assert_eq!(*v, key as u64 * 10, "thread {t}");
                    }
                });
            }
        });
        assert_eq!(calls.load(Ordering::SeqCst), 4);
        assert_eq!(memo.values().len(), 4);
    }

    #[test]
    fn pool_threads_waiting_for_one_key_do_not_deadlock() {
        // More callers than workers, each asking (from inside the pool) for a
        // value whose computation itself runs in parallel in that pool.
        let memo: Memo<u8, u64> = Memo::default();
        let calls = AtomicUsize::new(0);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        std::thread::scope(|s| {
            for _ in 0..6 {
                let (memo, calls, pool) = (&memo, &calls, &pool);
                s.spawn(move || {
                    let v = pool.install(|| {
                        memo.get_or_try_init(&1, || {
                            calls.fetch_add(1, Ordering::SeqCst);
                            use rayon::prelude::*;
                            Ok((0..200_000u64).into_par_iter().map(|x| x % 7).sum())
                        })
                    });
                    assert_eq!(*v.unwrap(), (0..200_000u64).map(|x| x % 7).sum::<u64>());
                });
            }
        });
        assert!(calls.load(Ordering::SeqCst) >= 1);
        let kept = memo.get(&1).unwrap();
        // Every later caller gets the one value kept.
        let again = pool.install(|| memo.get_or_try_init(&1, || unreachable!())).unwrap();
        assert!(Arc::ptr_eq(&kept, &again));
    }

    #[test]
    fn errors_are_not_kept() {
        let memo: Memo<&str, u32> = Memo::default();
        assert!(memo.get_or_try_init(&"a", || Err(Error::InvalidArgument("no".into()))).is_err());
        assert!(memo.get(&"a").is_none());
        assert_eq!(*memo.get_or_try_init(&"a", || Ok(7)).unwrap(), 7);
        assert_eq!(*memo.get_or_try_init(&"a", || Ok(8)).unwrap(), 7);
        memo.clear();
        assert_eq!(*memo.get_or_try_init(&"a", || Ok(9)).unwrap(), 9);
    }

    #[test]
    fn heap_size_counts_capacity() {
        let memo: Memo<u8, Vec<String>> = Memo::default();
        memo.get_or_try_init(&0, || Ok(vec![String::with_capacity(100)])).unwrap();
        assert!(memo.heap_size() >= 100 + std::mem::size_of::<String>());
    }
}

// ---------------------------------------------------------------------------
// What a corpus keeps, and the methods that read it.

/// The term options as a cache key (the stemmer by its language).
#[derive(Clone, Debug, PartialEq, Eq)]
struct TermKey {
    ngram: (usize, usize),
    drop_stopwords: bool,
    stem: Option<String>,
    numbers: bool,
}

impl TermKey {
    fn of(o: &TermOptions) -> TermKey {
        TermKey {
            ngram: o.ngram,
            drop_stopwords: o.drop_stopwords,
            stem: o.stem.as_ref().map(|s| s.language().to_string()),
            numbers: o.numbers,
        }
    }
}

/// What makes one overlap differ from another.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OverlapKey {
    /// The method, with its channel weights.
    pub method: Method,
    /// The stemming language.
    pub language: String,
    /// The user's gazetteer, by fingerprint.
    pub gazetteer: Option<u64>,
    /// Neighbours of the shared-neighbour refinement (0: none).
    pub context: usize,
    /// Weight of the direct score in the refinement.
    pub direct: f64,
    /// Weight of the shared-quotation channel (0: none).
    pub quotes: f64,
}

/// The results a corpus keeps (see the module docs). Cloning a corpus
/// starts with nothing kept.
#[derive(Default)]
pub struct Caches {
    /// The corpus lexicon and each token's form: part of the per-document
    /// analysis, so [`Corpus::clear_results`] keeps it.
    lexicon: Memo<(), Lexicon>,
    counts: Memo<TermKey, CountTable>,
    /// Term totals without rows (what `terms()` needs).
    totals: Memo<TermKey, TermTotals>,
    keyphrase_stats: Memo<String, KeyphraseStats>,
    folded: Memo<TermKey, FoldedCounts>,
    pub(crate) keyphrases: Memo<(String, usize), Vec<Vec<Keyphrase>>>,
    pub(crate) corpus_keyphrases: Memo<(String, usize, usize), Vec<CorpusKeyphrase>>,
    pub(crate) entities: Memo<Option<u64>, Entities>,
    pub(crate) overlaps: Memo<OverlapKey, OverlapScores>,
    pub(crate) quotes: Memo<Option<u64>, Quotes>,
    /// Document id → position, built on first lookup.
    ids: std::sync::OnceLock<rustc_hash::FxHashMap<Box<str>, u32>>,
}

impl Caches {
    /// The position of the document with id `id`, through an index of the
    /// ids built on the first lookup.
    pub(crate) fn position(&self, docs: &[crate::document::Document], id: &str) -> Option<usize> {
        let ids = self
            .ids
            .get_or_init(|| docs.iter().enumerate().map(|(i, d)| (Box::from(d.id.as_str()), i as u32)).collect());
        ids.get(id).map(|&i| i as usize)
    }
}

impl Caches {
    /// Forgets the lexicon (with the documents' tokens, see [`Corpus::without_analysis`]).
    pub(crate) fn clear_analysis(&self) {
        self.lexicon.clear();
    }
}

impl Clone for Caches {
    fn clone(&self) -> Caches {
        Caches::default()
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Caches")
    }
}

/// Bytes a corpus holds, by part (see [`Corpus::memory`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    /// The texts (shared with Python, not copied, when built from Python strings).
    pub texts: usize,
    /// Per document: lines, what cleaning set aside, ids.
    pub documents: usize,
    /// Per document: tokens, sentences and kept sentences, once parsed.
    pub analysis: usize,
    /// Per document: part-of-speech tags, once tagged.
    pub pos: usize,
    /// The lexicon (normalized forms, stopword flags, stems) and each token's form, once made.
    pub lexicon: usize,
    /// Term count tables (per term options).
    pub counts: usize,
    /// Keyphrase statistics (per language).
    pub keyphrases: usize,
    /// Linked entities (per gazetteer).
    pub entities: usize,
    /// Overlap scores, neighbours and stories (per method and options).
    pub overlap: usize,
    /// Quotations (per gazetteer).
    pub quotes: usize,
}

impl Corpus {
    /// The corpus lexicon: every distinct normalized form with its stopword
    /// flag and stems, and the form of each token of each document (see
    /// [`crate::count::lexicon`]); made once, on first need, and kept with the
    /// per-document analysis (so [`Corpus::clear_results`] keeps it).
    pub fn lexicon(&self) -> Result<Arc<Lexicon>> {
        crate::interrupt::check()?;
        self.cache.lexicon.get_or_try_init(&(), || Lexicon::build(self.docs(), self.tokenizer()))
    }

    /// The lexicon if a result has needed it already.
    pub fn lexicon_if_ready(&self) -> Option<Arc<Lexicon>> {
        self.cache.lexicon.get(&())
    }

    /// The term counts of every document under `opts`, counted once and kept
    /// (use [`Corpus::count_table`] for a count that keeps nothing).
    pub fn counts(&self, opts: &TermOptions) -> Result<Arc<CountTable>> {
        crate::interrupt::check()?;
        self.cache.counts.get_or_try_init(&TermKey::of(opts), || Ok(self.count_table(opts)))
    }

    /// Term counts with spelling variants folded (for distinctive terms,
    /// see [`crate::keywords::distinctive`]), counted once per options and kept.
    pub fn folded_counts(&self, opts: &TermOptions) -> Result<Arc<FoldedCounts>> {
        crate::interrupt::check()?;
        self.cache.folded.get_or_try_init(&TermKey::of(opts), || Ok(FoldedCounts::compute(self, opts)))
    }

    /// The keyphrase statistics for stemming `language`, computed once and kept.
    pub fn keyphrase_stats(&self, language: &str) -> Result<Arc<KeyphraseStats>> {
        crate::interrupt::check()?;
        self.cache.keyphrase_stats.get_or_try_init(&language.to_string(), || KeyphraseStats::compute(self, language))
    }

    /// Corpus statistics of every term under `opts` (most frequent first),
    /// from the kept count table.
    pub fn cached_stats(&self, opts: &TermOptions) -> Result<Vec<TermStat>> {
        crate::interrupt::check()?;
        let key = TermKey::of(opts);
        if let Some(table) = self.cache.counts.get(&key) {
            return Ok(TermTotals::of_table(&table).stats());
        }
        // Totals only: the per-document rows are not kept for this.
        Ok(self.cache.totals.get_or_try_init(&key, || Ok(self.term_totals(opts)))?.stats())
    }

    /// The best `top` keyphrases of every document (`doc: None`), computed
    /// once per language and `top` and kept; or of one document, read from
    /// what is kept or computed for it alone.
    pub fn keyphrases(&self, language: &str, top: usize, doc: Option<usize>) -> Result<Arc<Vec<Vec<Keyphrase>>>> {
        crate::interrupt::check()?;
        let key = (language.to_string(), top);
        if let Some(d) = doc {
            if d >= self.len() {
                return Err(Error::InvalidArgument(format!("document position {d} out of range")));
            }
            if let Some(all) = self.cache.keyphrases.get(&key) {
                return Ok(Arc::new(vec![all[d].clone()]));
            }
            let ex = KeyphraseExtractor::new(self, language)?;
            return Ok(Arc::new(vec![ex.document(d, top)]));
        }
        self.cache.keyphrases.get_or_try_init(&key, || {
            let ex = KeyphraseExtractor::new(self, language)?;
            Ok((0..self.len())
                .into_par_iter()
                .map_init(StemCache::default, |c, d| {
                    if crate::interrupt::requested() {
                        return Vec::new();
                    }
                    ex.document_with(d, top, c)
                })
                .collect())
        })
    }

    /// The collection's best `top` keyphrases (see [`KeyphraseExtractor::corpus`]), kept.
    pub fn corpus_keyphrases(&self, language: &str, top: usize, per_doc: usize) -> Result<Arc<Vec<CorpusKeyphrase>>> {
        crate::interrupt::check()?;
        self.cache.corpus_keyphrases.get_or_try_init(&(language.to_string(), top, per_doc), || {
            Ok(KeyphraseExtractor::new(self, language)?.corpus(top, per_doc))
        })
    }

    /// Entity mentions linked to entities, with the built-in dictionary and
    /// `user`'s names; computed once per gazetteer and kept.
    pub fn entities(&self, user: Option<&Gazetteer>) -> Result<Arc<Entities>> {
        crate::interrupt::check()?;
        let key = user.map(Gazetteer::fingerprint);
        self.cache.entities.get_or_try_init(&key, || Ok(crate::entities::extract(self, user)))
    }

    /// The quotations of every document, their speakers resolved against the
    /// entities linked with `user`'s names, and the documents sharing each;
    /// computed once per gazetteer and kept.
    pub fn quotes(&self, user: Option<&Gazetteer>) -> Result<Arc<Quotes>> {
        crate::interrupt::check()?;
        let key = user.map(Gazetteer::fingerprint);
        self.cache.quotes.get_or_try_init(&key, || {
            let ents = self.entities(user)?;
            Ok(crate::quotes::extract(self, &ents))
        })
    }

    /// Pairwise overlap by `method`, computed once per method and options
    /// and kept. `context` and `direct` (the shared-neighbour refinement) are
    /// for the default method only; their defaults are
    /// [`crate::overlap::DEFAULT_CONTEXT`], and the default method carries
    /// shared quotations at [`crate::overlap::DEFAULT_QUOTES`].
    pub fn overlap(
        &self,
        method: Method,
        language: &str,
        user: Option<&Gazetteer>,
        context: Option<usize>,
        direct: Option<f64>,
    ) -> Result<Arc<OverlapScores>> {
        self.overlap_with_quotes(method, language, user, context, direct, None)
    }

    /// [`Corpus::overlap`] with a channel of quotations shared across
    /// documents ([`Corpus::quotes`]) of weight `quotes` (default method
    /// only; 0 leaves it out; `None` is [`crate::overlap::DEFAULT_QUOTES`] for
    /// the default method and 0 for the others).
    pub fn overlap_with_quotes(
        &self,
        method: Method,
        language: &str,
        user: Option<&Gazetteer>,
        context: Option<usize>,
        direct: Option<f64>,
        quotes: Option<f64>,
    ) -> Result<Arc<OverlapScores>> {
        crate::interrupt::check()?;
        let quotes = quotes.unwrap_or(match method {
            Method::Default { .. } => crate::overlap::DEFAULT_QUOTES,
            _ => 0.0,
        });
        if quotes != 0.0 && (!quotes.is_finite() || quotes < 0.0 || !matches!(method, Method::Default { .. })) {
            return Err(Error::InvalidArgument(
                "quotes must be a non-negative weight, for method=\"default\" only".into(),
            ));
        }
        let (context, direct) = match method {
            Method::Default { .. } => (
                context.unwrap_or(crate::overlap::DEFAULT_CONTEXT.0),
                direct.unwrap_or(crate::overlap::DEFAULT_CONTEXT.1),
            ),
            _ if context.is_some() || direct.is_some() => {
                return Err(Error::InvalidArgument("context and direct are only for method=\"default\"".into()))
            }
            _ => (0, 1.0),
        };
        let needs_entities = match method {
            Method::Default { entities, .. } => entities != 0.0,
            Method::Entities => true,
            Method::TfIdf | Method::Jaccard => false,
        };
        let key = OverlapKey {
            method,
            language: language.to_string(),
            gazetteer: if needs_entities || quotes > 0.0 { user.map(Gazetteer::fingerprint) } else { None },
            context,
            direct,
            quotes,
        };
        self.cache.overlaps.get_or_try_init(&key, || {
            let scores = if method == Method::Jaccard {
                Scores::Jaccard(crate::overlap::shingle_sets(self, 3))
            } else {
                let ents = if needs_entities || quotes > 0.0 { Some(self.entities(user)?) } else { None };
                let q = if quotes > 0.0 { Some(self.quotes(user)?) } else { None };
                let v = crate::overlap::Vectors::build_with_quotes(
                    self,
                    method,
                    ents.as_deref().filter(|_| needs_entities),
                    q.as_deref().map(|q| (q, quotes)),
                    language,
                )?;
                Scores::Vectors(v.with_context(context, direct)?)
            };
            Ok(OverlapScores::new(scores))
        })
    }

    /// What the corpus holds, in bytes, by part.
    pub fn memory(&self) -> Memory {
        let mut m = Memory::default();
        for d in self.docs() {
            m.texts += d.text.len();
            m.documents += std::mem::size_of_val(d) + d.heap_size_without_analysis();
            m.analysis += d.parsed_if_ready().map_or(0, HeapSize::heap_size);
            m.pos += d.pos_heap_size();
        }
        m.lexicon = self.cache.lexicon.heap_size();
        m.counts = self.cache.counts.heap_size() + self.cache.totals.heap_size() + self.cache.folded.heap_size();
        m.keyphrases = self.cache.keyphrase_stats.heap_size();
        m.keyphrases += self.cache.keyphrases.heap_size() + self.cache.corpus_keyphrases.heap_size();
        m.entities = self.cache.entities.heap_size();
        m.overlap = self.cache.overlaps.heap_size();
        m.quotes = self.cache.quotes.heap_size();
        m
    }

    /// The same documents (texts shared when they came from Python, lines
    /// set aside kept) with nothing computed yet: no tokens, no results.
    pub fn without_analysis(&self) -> Corpus {
        let mut c = self.clone();
        c.drop_analysis();
        c
    }

    /// Forgets every kept corpus-wide result (counts, keyphrase statistics,
    /// entities, overlaps). Per-document analyses are kept; a corpus without
    /// them is [`Corpus::without_analysis`]. Results already handed out stay valid.
    pub fn clear_results(&self) {
        self.cache.counts.clear();
        self.cache.totals.clear();
        self.cache.folded.clear();
        self.cache.keyphrase_stats.clear();
        self.cache.keyphrases.clear();
        self.cache.corpus_keyphrases.clear();
        self.cache.entities.clear();
        self.cache.overlaps.clear();
        self.cache.quotes.clear();
    }
}
