//! Counting terms: every document's term counts over one table of terms
//! ([`CountTable`]), in parallel parts merged in document order, so the result
//! does not depend on the number of threads. Sits after tokenizing and
//! normalizing (it reads the tokens of kept sentences and normalizes each
//! distinct surface form once) and before [`crate::weight`], which turns the
//! table into a matrix.
//!
//! (Some 760 lines, 120 of them tests: the row-producing pass and the
//! totals-only pass share one part counter, generic over `ROWS`, and its
//! merges; keeping them in one file keeps the two paths visibly the same. The
//! interner, the table and the lexicon are in their own files.)

mod intern;
pub mod lexicon;
mod table;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::document::Scratch;
use crate::error::Result;
use crate::normalize::normalize_cow;
use crate::normalize::Stem;
use crate::tokenize;
use crate::tokenizer::Tokenizer;
pub use intern::Terms;
use intern::{is_fixed_point, Interner, STOP};
pub use lexicon::{Lexicon, Stems, NO_FORM};
use table::StrMap;

/// What counts as a term.
#[derive(Clone, Debug)]
pub struct TermOptions {
    /// Smallest and largest n-gram (n-grams never cross a sentence boundary).
    pub ngram: (usize, usize),
    /// Leave stopwords out (before n-grams are formed, as scikit-learn does).
    pub drop_stopwords: bool,
    /// Snowball stemming.
    pub stem: Option<Stem>,
    /// Keep number tokens as terms.
    pub numbers: bool,
}

impl TermOptions {
    /// Term options, checked: `ngram` within [`crate::tokenizer::MAX_NGRAM`],
    /// `stem` a language the Snowball stemmers know.
    pub fn new(ngram: (usize, usize), drop_stopwords: bool, stem: Option<&str>, numbers: bool) -> Result<TermOptions> {
        crate::tokenizer::check_ngram("ngram", ngram)?;
        let stem = stem.map(Stem::new).transpose()?;
        Ok(TermOptions { ngram, drop_stopwords, stem, numbers })
    }
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions { ngram: (1, 1), drop_stopwords: true, stem: None, numbers: true }
    }
}

/// Corpus-wide count of a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermStat {
    /// The term.
    pub term: String,
    /// Occurrences in the corpus.
    pub count: u64,
    /// Documents that contain it.
    pub df: u32,
}

/// Corpus statistics of every term: a commutative merge of per-document counts.
pub fn term_stats(counts: &[FxHashMap<String, u32>]) -> Vec<TermStat> {
    let merged = counts
        .par_iter()
        .fold(FxHashMap::<&str, (u64, u32)>::default, |mut acc, doc| {
            for (t, &c) in doc {
                let e = acc.entry(t.as_str()).or_insert((0, 0));
                e.0 += c as u64;
                e.1 += 1;
            }
            acc
        })
        .reduce(FxHashMap::default, |mut a, b| {
            if a.len() < b.len() {
                return merge_into(b, a);
            }
            merge_into(std::mem::take(&mut a), b)
        });
    let mut stats: Vec<TermStat> =
        merged.into_iter().map(|(t, (count, df))| TermStat { term: t.to_string(), count, df }).collect();
    stats.par_sort_unstable_by(|a, b| b.count.cmp(&a.count).then(b.df.cmp(&a.df)).then_with(|| a.term.cmp(&b.term)));
    stats
}

fn merge_into<'a>(
    mut into: FxHashMap<&'a str, (u64, u32)>,
    from: FxHashMap<&'a str, (u64, u32)>,
) -> FxHashMap<&'a str, (u64, u32)> {
    for (t, (c, d)) in from {
        let e = into.entry(t).or_insert((0, 0));
        e.0 += c;
        e.1 += d;
    }
    into
}

/// Counts of the terms of one document after another, appended to `row`,
/// without hashing: `at[k]` holds the position of term `k` in `row` when it
/// also holds the current document's `mark`.
#[derive(Default)]
struct RowCounter {
    /// Per term: (mark of the last document that had it, its slot in `row`).
    at: Vec<(u32, u32)>,
    row: Vec<Entry>,
    mark: u32,
}

impl RowCounter {
    /// Asks the processor to bring term `k`'s mark into the cache.
    #[inline]
    fn prefetch(&self, k: u32) {
        crate::hint::prefetch(&self.at, k as usize);
    }

    #[inline(always)]
    fn add(&mut self, k: u32) {
        let k = k as usize;
        if k >= self.at.len() {
            let mut at = crate::alloc::filled((k + 1).max(2 * self.at.len()), (0, 0));
            at[..self.at.len()].copy_from_slice(&self.at);
            self.at = at;
        }
        // Without a branch on whether the term is new to the document (which
        // is about as likely as not): a zero entry is always written past the
        // end and kept only for a new term.
        self.row.reserve(1);
        let len = self.row.len();
        self.row.spare_capacity_mut()[0].write(Entry { term: k as u32, count: 0 });
        let (mark, at) = self.at[k];
        let new = mark != self.mark;
        // A conditional move, not a branch the processor would mispredict.
        let slot = std::hint::select_unpredictable(new, len, at as usize);
        self.at[k] = (self.mark, slot as u32);
        // SAFETY: the entry at `len` was initialized just above.
        unsafe { self.row.set_len(len + new as usize) };
        self.row[slot].count += 1;
    }
}

/// How many terms ahead row marks and pair slots are prefetched.
const AHEAD: usize = 8;

/// A term's count in one document. Aligned like an `f64`, so that a matrix
/// can turn its counts into values without a second buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(8))]
pub struct Entry {
    /// Term index.
    pub term: u32,
    /// Occurrences in the document.
    pub count: u32,
}

/// Renames each entry's term `t` to `column[t]`, then sorts the row by term
/// (which is unique in a row).
fn renumber_and_sort_row(row: &mut [Entry], column: &[u32]) {
    for e in row.iter_mut() {
        e.term = column[e.term as usize];
    }
    row.sort_unstable_by_key(|e| e.term);
}

/// Term counts of every document over one table of terms.
#[derive(Clone, Debug)]
pub struct CountTable {
    /// The terms, sorted (byte order of their text).
    pub terms: Terms,
    /// Document `d`'s counts are `entries[indptr[d]..indptr[d + 1]]`, by term.
    pub indptr: Vec<usize>,
    /// (term index, count), sorted by term index within each document.
    pub entries: Vec<Entry>,
    /// Occurrences of each term in the corpus.
    pub count: Vec<u64>,
    /// Documents containing each term.
    pub df: Vec<u32>,
}

impl CountTable {
    /// Number of documents.
    pub fn n_docs(&self) -> usize {
        self.indptr.len() - 1
    }

    /// (term index, count) of document `d`, by term index.
    pub fn row(&self, d: usize) -> &[Entry] {
        &self.entries[self.indptr[d]..self.indptr[d + 1]]
    }

    /// Every row.
    pub fn rows(&self) -> Vec<&[Entry]> {
        (0..self.n_docs()).map(|d| self.row(d)).collect()
    }
}

/// Term counts of every document of `corpus` over one table of terms sorted
/// by text, each document's entries sorted by term when `sorted` is set and
/// otherwise in the order the document first uses its terms (the body of
/// [`crate::corpus::Corpus::count_table_in`]).
///
/// Documents are counted in parallel parts, each interning its own terms
/// (words by their text, n-grams as a pair of their prefix n-gram and last
/// word, so no string is built per occurrence), and the parts are merged in
/// document order. The table is then put in the order of the terms' text, so
/// it is the same for any number of threads.
pub fn count_table(docs: &[Document], tokenizer: &Tokenizer, opts: &TermOptions, sorted: bool) -> CountTable {
    let n = docs.len();
    let counted = count_parts::<true>(docs, tokenizer, opts);
    let mut interners = Vec::with_capacity(counted.len());
    let mut parts = Vec::with_capacity(counted.len());
    for (part, part_ptr, part_entries, _) in counted {
        interners.push(part);
        parts.push((part_ptr, part_entries));
    }
    // Each part's term numbers mapped to those of one table (the merge in
    // parallel levels, see `merge_terms`).
    let (global, maps) = merge_terms(interners);
    let (lo, hi) = opts.ngram;
    let n_terms = global.nodes.len();
    // Every interned term of a counted length was counted somewhere (a
    // shorter prefix n-gram is interned without being counted, a longer
    // one is never interned), so the columns are the terms of those lengths.
    let counted_terms: Vec<u32> =
        (0..n_terms as u32).filter(|&k| (lo..=hi).contains(&(global.len[k as usize] as usize))).collect();
    let (order, terms) = global.sorted(&counted_terms);
    let mut column = crate::alloc::filled(n_terms, u32::MAX);
    for (j, &i) in order.iter().enumerate() {
        column[counted_terms[i as usize] as usize] = j as u32;
    }
    drop(global);
    // Each part's entries renamed to their columns in place, the parts in
    // parallel (and within a part in parallel chunks): a part's term `t` is
    // column `column[map[t]]`.
    parts.par_iter_mut().zip(maps.par_iter()).for_each(|((part_ptr, part_entries), map)| {
        let to_column: Vec<u32> = match map {
            Some(map) => map.iter().map(|&g| column[g as usize]).collect(),
            None => Vec::new(),
        };
        let to_column: &[u32] = if map.is_some() { &to_column } else { &column };
        if sorted {
            let mut rest: &mut [Entry] = part_entries;
            let mut rows: Vec<&mut [Entry]> = Vec::with_capacity(part_ptr.len().saturating_sub(1));
            for w in part_ptr.windows(2) {
                let (row, tail) = rest.split_at_mut(w[1] - w[0]);
                rows.push(row);
                rest = tail;
            }
            rows.into_par_iter().for_each(|row| renumber_and_sort_row(row, to_column));
        } else {
            part_entries.par_chunks_mut(1 << 14).for_each(|chunk| {
                for e in chunk {
                    e.term = to_column[e.term as usize];
                }
            });
        }
    });
    drop(column);
    // The parts end to end, in document order: a copy, part by part (each
    // freed once copied, so no more than one part is held twice).
    let (indptr, entries) = if parts.len() == 1 {
        parts.pop().unwrap_or_default()
    } else {
        let mut indptr: Vec<usize> = Vec::with_capacity(n + 1);
        indptr.push(0);
        let mut entries: Vec<Entry> = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (part_ptr, part_entries) in parts {
            let base = entries.len();
            entries.extend_from_slice(&part_entries);
            indptr.extend(part_ptr[1..].iter().map(|p| base + p));
        }
        (indptr, entries)
    };
    // Serial: one add per entry into per-term totals; a parallel version
    // would need a copy of both arrays per thread for a pass this cheap.
    let mut count = vec![0u64; terms.len()];
    let mut df = vec![0u32; terms.len()];
    for e in &entries {
        count[e.term as usize] += e.count as u64;
        df[e.term as usize] += 1;
    }
    debug_assert!(df.iter().all(|&d| d > 0), "a column no document counted");
    CountTable { terms, indptr, entries, count, df }
}

/// The documents counted in parallel parts of consecutive documents (one
/// part on one thread, else four per thread), each with its own interner;
/// `ROWS` says whether each document's row is kept (see [`count_part`]).
fn count_parts<const ROWS: bool>(
    docs: &[Document],
    tokenizer: &Tokenizer,
    opts: &TermOptions,
) -> Vec<(Interner, Vec<usize>, Vec<Entry>, Totals)> {
    let threads = rayon::current_num_threads().max(1);
    let parts = if threads == 1 { 1 } else { threads * 4 };
    let size = docs.len().div_ceil(parts).max(1);
    let positions: Vec<usize> = (0..docs.len()).collect();
    positions.par_chunks(size).map(|chunk| count_part::<ROWS>(docs, tokenizer, chunk, opts)).collect()
}

/// The corpus totals of every term of `docs`: what [`count_table`] gives
/// besides the rows (the same terms, occurrences and document frequencies),
/// counted without keeping any document's row, so its memory is that of the
/// vocabulary, not of the corpus (what [`crate::corpus::Corpus::stats`]
/// needs).
pub fn term_totals(docs: &[Document], tokenizer: &Tokenizer, opts: &TermOptions) -> TermTotals {
    // The parts of `count_parts`, counted one wave of `threads` parts at a
    // time and merged in part order after each wave, so at most one wave of
    // part tables is held besides the merged one (all of them at once
    // peaked 64 MiB higher counting a 1 GB file). Same parts, same order.
    // Serial merge in part order (each part's distinct terms looked up once
    // in one table, which then holds the vocabulary once): merging in
    // parallel held two tables of nearly the whole vocabulary at the end, and
    // peaked higher. `count_table` merges in parallel levels instead, for
    // speed; `terms()` alone keeps only totals, and here memory comes first.
    let threads = rayon::current_num_threads().max(1);
    let parts = if threads == 1 { 1 } else { threads * 4 };
    let size = docs.len().div_ceil(parts).max(1);
    let positions: Vec<usize> = (0..docs.len()).collect();
    let mut global = Interner::default();
    let mut totals = Totals::default();
    for wave in positions.chunks(size * threads) {
        let counted: Vec<_> =
            wave.par_chunks(size).map(|chunk| count_part::<false>(docs, tokenizer, chunk, opts)).collect();
        for (part, _, _, part_totals) in counted {
            totals.absorb(&mut global, (part, part_totals));
        }
    }
    let (lo, hi) = opts.ngram;
    let n_terms = global.nodes.len();
    let counted_terms: Vec<u32> =
        (0..n_terms as u32).filter(|&k| (lo..=hi).contains(&(global.len[k as usize] as usize))).collect();
    let (order, terms) = global.sorted(&counted_terms);
    // Every counted term was counted in some part, so it has its totals.
    let count: Vec<u64> = order.iter().map(|&i| totals.count[counted_terms[i as usize] as usize]).collect();
    let df: Vec<u32> = order.iter().map(|&i| totals.df[counted_terms[i as usize] as usize]).collect();
    debug_assert!(df.iter().all(|&d| d > 0), "a term no document counted");
    TermTotals { terms, count, df }
}

/// The parts' terms merged into one table, neighbours two by two, the pairs
/// of a level in parallel (each part's distinct terms looked up once in its
/// left neighbour's table), with, for each part, the map from its
/// term numbers to the merged ones (`None` for the first part, whose numbers
/// stay as they are).
fn merge_terms(parts: Vec<Interner>) -> (Interner, Vec<Option<Vec<u32>>>) {
    let mut level: Vec<(Interner, Vec<Option<Vec<u32>>>)> = parts.into_iter().map(|p| (p, vec![None])).collect();
    while level.len() > 1 {
        let mut pairs = Vec::with_capacity(level.len().div_ceil(2));
        let mut it = level.into_iter();
        while let Some(left) = it.next() {
            pairs.push((left, it.next()));
        }
        level = pairs
            .into_par_iter()
            .map(|((mut terms, mut maps), right)| {
                if let Some((right_terms, right_maps)) = right {
                    let to_left = terms.absorb(&right_terms);
                    drop(right_terms);
                    // Right's other parts through `to_left`; its first part
                    // (numbered as right itself) by `to_left` as it is.
                    let composed: Vec<Option<Vec<u32>>> = right_maps
                        .into_iter()
                        .map(|m| m.map(|m| m.iter().map(|&k| to_left[k as usize]).collect()))
                        .collect();
                    let mut own = Some(to_left);
                    maps.extend(composed.into_iter().map(|m| m.or_else(|| own.take())));
                }
                (terms, maps)
            })
            .collect();
    }
    level.pop().unwrap_or_default()
}

/// Corpus totals of every term, without the documents' rows (see [`term_totals`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermTotals {
    /// The terms, sorted (byte order of their text).
    pub terms: Terms,
    /// Occurrences of each term in the corpus.
    pub count: Vec<u64>,
    /// Documents containing each term.
    pub df: Vec<u32>,
}

impl TermTotals {
    /// The totals of a count table (its rows left out).
    pub fn of_table(table: &CountTable) -> TermTotals {
        TermTotals { terms: table.terms.clone(), count: table.count.clone(), df: table.df.clone() }
    }

    /// Corpus statistics of every term, most frequent first (ties: more
    /// documents, then alphabetical).
    pub fn stats(&self) -> Vec<TermStat> {
        let mut stats: Vec<TermStat> = (0..self.terms.len())
            .map(|k| TermStat { term: self.terms.get(k).to_string(), count: self.count[k], df: self.df[k] })
            .collect();
        stats
            .par_sort_unstable_by(|a, b| b.count.cmp(&a.count).then(b.df.cmp(&a.df)).then_with(|| a.term.cmp(&b.term)));
        stats
    }
}

impl crate::cache::HeapSize for TermTotals {
    fn heap_size(&self) -> usize {
        self.terms.heap_size() + self.count.capacity() * 8 + self.df.capacity() * 4
    }
}

/// Counts the terms of the documents `chunk` over a table of their own.
///
/// With `ROWS` unset, each document's row is added into per-term totals
/// (occurrences, documents) as soon as it is counted and then dropped, so
/// the part keeps its table of terms and two numbers per term, not every
/// document's entries: the indptr and entries returned are empty and the
/// totals filled; with `ROWS` set it is the other way round.
fn count_part<const ROWS: bool>(
    docs: &[Document],
    tokenizer: &Tokenizer,
    chunk: &[usize],
    opts: &TermOptions,
) -> (Interner, Vec<usize>, Vec<Entry>, Totals) {
    let (lo, hi) = opts.ngram;
    let unigrams = lo == 1 && hi == 1;
    let mut terms = Interner::default();
    let mut surfaces = StrMap::default();
    let mut words = StrMap::default();
    let mut buf = String::new();
    let mut buf2 = String::new();
    let mut scratch = Scratch::default();
    let mut seq: Vec<u32> = Vec::new();
    let mut keys: Vec<(u128, u32)> = Vec::new();
    let mut rows = RowCounter::default();
    let mut level: Vec<u32> = Vec::new();
    // Room for the entries and surface forms expected from the text's size
    // (untouched capacity costs no memory), so neither grows by copying.
    let bytes: usize = chunk.iter().map(|&d| docs[d].text.len()).sum();
    if ROWS {
        rows.row.reserve(if unigrams { bytes / 8 } else { bytes / 3 });
    }
    let mut totals = Totals::default();
    let forms = (bytes / 16).min(16 * (bytes as f64).sqrt() as usize);
    surfaces.short.reserve(forms);
    if opts.stem.is_some() {
        words.short.reserve(forms * 4 / 5);
    }
    let mut indptr = Vec::with_capacity(if ROWS { chunk.len() + 1 } else { 1 });
    indptr.push(0);
    for (i, &d) in chunk.iter().enumerate() {
        let doc = &docs[d];
        rows.mark = i as u32 + 1;
        if crate::interrupt::requested() {
            // Asked to stop: the rest of the part is left empty (the whole
            // result is thrown away by the caller).
            if ROWS {
                indptr.push(rows.row.len());
            }
            continue;
        }
        doc.for_each_run(!unigrams, &mut scratch, |run| {
            seq.clear();
            // The packed keys of the run's terms first, each slot
            // prefetched, so the cache misses of rare words overlap.
            keys.clear();
            for (i, t) in run.iter().enumerate() {
                if !t.kind.is_content() || (!opts.numbers && t.kind == tokenize::TokenKind::Number) {
                    continue;
                }
                let key = StrMap::key_at(&doc.text, t.start, t.end).unwrap_or(0);
                if key != 0 {
                    surfaces.short.prefetch(key);
                }
                keys.push((key, i as u32));
            }
            for &(key, i) in &keys {
                let t = &run[i as usize];
                let found =
                    if key != 0 { surfaces.short.get(key) } else { surfaces.long.get(t.text(&doc.text)).copied() };
                let k = match found {
                    Some(k) => k,
                    None => {
                        let surface = t.text(&doc.text);
                        let norm_opts = &tokenizer.spec().normalize;
                        let norm = normalize_cow(surface, norm_opts, &mut buf);
                        let k = if opts.drop_stopwords && tokenizer.is_stop(norm) {
                            STOP
                        } else if opts.stem.is_none() && is_fixed_point(norm, norm_opts, &mut buf2) {
                            // The word is its own surface form, so it is
                            // kept in the surface table under its text,
                            // which saves a second table (and its cache
                            // misses). A surface already in normal form
                            // was just missed there: the word is new.
                            if norm == surface {
                                terms.word(norm)
                            } else {
                                match surfaces.get(norm) {
                                    Some(k) => k,
                                    None => {
                                        let k = terms.word(norm);
                                        surfaces.insert(norm, k);
                                        k
                                    }
                                }
                            }
                        } else {
                            let word = match &opts.stem {
                                Some(s) => s.stem(norm),
                                None => std::borrow::Cow::Borrowed(norm),
                            };
                            match words.get(&word) {
                                Some(k) => k,
                                None => {
                                    let k = terms.word(&word);
                                    words.insert(&word, k);
                                    k
                                }
                            }
                        };
                        if key != 0 {
                            surfaces.short.insert(key, k);
                        } else {
                            surfaces.insert(surface, k);
                        }
                        k
                    }
                };
                if k != STOP {
                    seq.push(k);
                    if unigrams {
                        // Counted `AHEAD` terms later, once its row
                        // mark, prefetched now, is in the cache.
                        rows.prefetch(k);
                        if seq.len() > AHEAD {
                            rows.add(seq[seq.len() - 1 - AHEAD]);
                        }
                    }
                }
            }
            if unigrams {
                for &k in &seq[seq.len().saturating_sub(AHEAD)..] {
                    rows.add(k);
                }
                return;
            }
            // N-grams one length after another: `level[i]` is the m-gram
            // starting at word i, the (m−1)-gram there followed by word
            // i + m − 1, so each lookup is known `AHEAD` of time.
            let add_all = |rows: &mut RowCounter, ids: &[u32]| {
                for j in 0..ids.len() {
                    if let Some(&ahead) = ids.get(j + AHEAD) {
                        rows.prefetch(ahead);
                    }
                    rows.add(ids[j]);
                }
            };
            if lo == 1 {
                add_all(&mut rows, &seq);
            }
            level.clear();
            level.extend_from_slice(&seq);
            for m in 2..=hi.min(seq.len()) {
                let count = seq.len() - m + 1;
                for i in 0..count {
                    if i + AHEAD < count {
                        terms.prefetch_pair(level[i + AHEAD], seq[i + AHEAD + m - 1]);
                    }
                    level[i] = terms.pair(level[i], seq[i + m - 1]);
                }
                level.truncate(count);
                if m >= lo {
                    add_all(&mut rows, &level);
                }
            }
        });
        if ROWS {
            indptr.push(rows.row.len());
        } else {
            totals.add_row(&rows.row);
            rows.row.clear();
        }
    }
    (terms, indptr, rows.row, totals)
}

/// Per-term totals of a part counted without its rows: indexed by the
/// part's term numbers (a prefix n-gram interned but never counted keeps 0).
#[derive(Default)]
struct Totals {
    count: Vec<u64>,
    df: Vec<u32>,
}

impl Totals {
    /// Adds the terms of another part (`from`) to `terms` (this part's) and
    /// their totals to these.
    fn absorb(&mut self, terms: &mut Interner, from: (Interner, Totals)) {
        let (part, part_totals) = from;
        let map: Vec<u32> = terms.absorb(&part);
        drop(part);
        if self.count.len() < terms.nodes.len() {
            self.count.resize(terms.nodes.len(), 0);
            self.df.resize(terms.nodes.len(), 0);
        }
        // The part's totals may run past its terms (room grown ahead), as zeros.
        for ((&g, &c), &d) in map.iter().zip(&part_totals.count).zip(&part_totals.df) {
            self.count[g as usize] += c;
            self.df[g as usize] += d;
        }
    }

    /// Adds one document's row (each term at most once).
    fn add_row(&mut self, row: &[Entry]) {
        for e in row {
            let k = e.term as usize;
            if k >= self.count.len() {
                let n = (k + 1).max(2 * self.count.len());
                self.count.resize(n, 0);
                self.df.resize(n, 0);
            }
            self.count[k] += e.count as u64;
            self.df[k] += 1;
        }
    }
}

impl crate::cache::HeapSize for CountTable {
    fn heap_size(&self) -> usize {
        self.terms.heap_size()
            + self.indptr.capacity() * 8
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.count.capacity() * 8
            + self.df.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::{test_corpus as corpus, Corpus, CorpusOptions};
    use crate::normalize::Stem;

    #[test]
    fn count_table_agrees_with_plain_counts_for_any_threads() {
        let texts = [
            "Sanctions on Russia were extended. The U.S. sanctions stay.",
            "Talks in Geneva: sanctions relief was not discussed, officials said.",
            "Subscribe now\nThe council met on Monday in Geneva to discuss the sanctions.",
            "",
            "Straße STRASSE strasse — 1,000 dlrs on 2025-08-24.",
            "New York news. News agency in Newark, new U.S.-led plan's news; new-york newsy élan e élan é.",
        ];
        let c = corpus(&texts);
        let stem = Some(Stem::new("en").unwrap());
        for opts in [
            TermOptions { ngram: (1, 1), drop_stopwords: false, ..Default::default() },
            TermOptions { ngram: (2, 3), ..Default::default() },
            TermOptions { ngram: (1, 2), drop_stopwords: false, ..Default::default() },
            TermOptions { ngram: (1, 3), drop_stopwords: false, ..Default::default() },
            TermOptions { ngram: (1, 4), stem: stem.clone(), numbers: false, ..Default::default() },
        ] {
            let plain = Corpus::term_stats(&c.all_counts(&opts));
            let mut sorted = plain.clone();
            sorted.sort_by(|a, b| a.term.cmp(&b.term));
            let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| c.count_table(&opts));
            let many = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap().install(|| c.count_table(&opts));
            // Totals counted without rows: the table's, for any threads.
            for n in [1, 2, 3] {
                let totals =
                    rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap().install(|| c.term_totals(&opts));
                assert_eq!(totals, TermTotals::of_table(&one), "{n} threads, {opts:?}");
            }
            assert_eq!(c.stats(&opts), TermTotals::of_table(&one).stats());
            assert_eq!(one.terms, many.terms);
            assert_eq!(one.entries, many.entries);
            assert_eq!(one.indptr, many.indptr);
            let terms: Vec<&str> = one.terms.iter().collect();
            assert_eq!(terms, sorted.iter().map(|s| s.term.as_str()).collect::<Vec<_>>());
            assert_eq!(one.count, sorted.iter().map(|s| s.count).collect::<Vec<_>>());
            assert_eq!(one.df, sorted.iter().map(|s| s.df).collect::<Vec<_>>());
            for d in 0..texts.len() {
                let counts = c.doc_counts(d, &opts);
                let row: FxHashMap<String, u32> =
                    one.row(d).iter().map(|e| (one.terms.get(e.term as usize).to_string(), e.count)).collect();
                assert_eq!(row, counts);
            }
            // Unsorted rows: the same entries, in order of first use, for any threads.
            let loose = |n| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .unwrap()
                    .install(|| c.count_table_in(&opts, false))
            };
            let (loose1, loose3) = (loose(1), loose(3));
            assert_eq!(loose1.entries, loose3.entries);
            assert_eq!((&loose1.terms, &loose1.indptr, &loose1.df), (&one.terms, &one.indptr, &one.df));
            assert_eq!((&loose1.count, &loose3.count, &loose3.df), (&one.count, &one.count, &one.df));
            for d in 0..texts.len() {
                let mut row = loose1.row(d).to_vec();
                if opts.ngram == (1, 1) {
                    let mut firsts: Vec<String> = Vec::new();
                    c.doc_terms(d, &opts, |t| {
                        if !firsts.iter().any(|f| f == t) {
                            firsts.push(t.to_string());
                        }
                    });
                    let order: Vec<&str> = row.iter().map(|e| loose1.terms.get(e.term as usize)).collect();
                    assert_eq!(order, firsts);
                }
                row.sort_by_key(|e| e.term);
                assert_eq!(row, one.row(d));
            }
        }
    }

    #[test]
    fn shared_form_table_agrees_with_plain_counts_for_every_normalization() {
        // Forms seen capitalized first and lowercase first, ASCII and not,
        // typographic apostrophes that fold to ASCII, compatibility forms,
        // accents, and forms of more than 15 bytes.
        let texts = [
            "The BAHIA crop. the bahia Crop! Élan élan ÉLAN. don’t don't DON’T.",
            "élan first, then Élan; ﬁle file FILE; Müller MULLER muller.",
            "Internationalization INTERNATIONALIZATION internationalization internationalizations.",
            "straße STRASSE Strasse; ΣΟΦΙΑ σοφια; the THE The.",
        ];
        let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
        for (lowercase, fold_typography, nfkc, strip_accents) in [
            (true, true, false, false),
            (false, true, false, false),
            (true, false, true, false),
            (true, true, true, true),
            (false, false, false, true),
        ] {
            let mut options = CorpusOptions { clean: false, ..Default::default() };
            options.tokenizer.normalize =
                crate::normalize::NormalizeOptions { lowercase, fold_typography, nfkc, strip_accents };
            let c = Corpus::new(ids.clone(), texts.iter().map(|t| t.to_string()).collect(), options).unwrap();
            for opts in [
                TermOptions { drop_stopwords: false, ..Default::default() },
                TermOptions::default(),
                TermOptions { ngram: (1, 2), drop_stopwords: false, ..Default::default() },
            ] {
                for sorted in [true, false] {
                    let table = c.count_table_in(&opts, sorted);
                    for d in 0..texts.len() {
                        let row: FxHashMap<String, u32> = table
                            .row(d)
                            .iter()
                            .map(|e| (table.terms.get(e.term as usize).to_string(), e.count))
                            .collect();
                        assert_eq!(row, c.doc_counts(d, &opts), "{lowercase} {fold_typography} {nfkc} {strip_accents}");
                    }
                }
            }
        }
    }
}
