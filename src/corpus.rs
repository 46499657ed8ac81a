//! A corpus: many documents analysed in one parallel pass, with compact
//! per-document results (tokens, sentences, lines set aside) and corpus
//! statistics that are an order-independent merge of per-document counts.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::clean;
use crate::error::{Error, Result};
use crate::normalize::{normalize_cow, Stem};
use crate::tokenize;
use crate::tokenizer::{for_each_ngram, Tokenizer, TokenizerSpec};

// The stages a corpus is made of, under the paths they had when they lived here.
pub use crate::document::{DocText, Document, KeptSentence, Parsed, Scratch};
pub use crate::io::{decode, read_file, read_jsonl, OnDecodeError};

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

/// Whether `word` (a normalized form) normalizes to itself, so that it can
/// stand for itself as a surface form. ASCII always does: normalizing ASCII
/// text only lowercases it.
#[inline]
fn is_fixed_point(word: &str, opts: &crate::normalize::NormalizeOptions, buf: &mut String) -> bool {
    word.is_ascii() || {
        crate::normalize::normalize_into(word, opts, buf);
        buf == word
    }
}

/// A map from strings to ids that keeps strings of up to 15 bytes packed in
/// an integer, so that looking up a typical word neither calls `memcmp` nor
/// follows a pointer.
#[derive(Default)]
struct StrMap {
    short: PackedTable,
    long: FxHashMap<Box<str>, u32>,
}

impl StrMap {
    #[inline]
    fn pack(s: &str) -> Option<u128> {
        let b = s.as_bytes();
        if b.is_empty() || b.len() > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        Some(u128::from_le_bytes(buf))
    }

    /// The packed key of `text[start..end]` (a valid, non-empty string of up
    /// to 15 bytes), read straight from the text when 16 bytes are there to read.
    #[inline]
    fn key_at(text: &str, start: usize, end: usize) -> Option<u128> {
        let bytes = text.as_bytes();
        let len = end - start;
        if len == 0 || len > 15 {
            return None;
        }
        if start + 16 <= bytes.len() {
            let mut word = [0u8; 16];
            word.copy_from_slice(&bytes[start..start + 16]);
            // The low `len` bytes, from a table rather than a 128-bit shift.
            const MASKS: [u128; 16] = {
                let mut m = [0u128; 16];
                let mut i = 1;
                while i < 16 {
                    m[i] = (1u128 << (8 * i)) - 1;
                    i += 1;
                }
                m
            };
            return Some((u128::from_le_bytes(word) & MASKS[len]) | ((len as u128) << 120));
        }
        StrMap::pack(&text[start..end])
    }

    /// [`StrMap::get`] of `text[start..end]`.
    #[cfg(test)]
    fn get_at(&self, text: &str, start: usize, end: usize) -> Option<u32> {
        match StrMap::key_at(text, start, end) {
            Some(key) => self.short.get(key),
            None => self.long.get(&text[start..end]).copied(),
        }
    }

    #[inline]
    fn get(&self, s: &str) -> Option<u32> {
        match StrMap::pack(s) {
            Some(key) => self.short.get(key),
            None => self.long.get(s).copied(),
        }
    }

    /// Adds `s`, which the caller knows is not there yet.
    fn insert(&mut self, s: &str, v: u32) {
        match StrMap::pack(s) {
            Some(key) => self.short.insert(key, v),
            None => {
                self.long.insert(s.into(), v);
            }
        }
    }
}

/// An open-addressing hash table (linear probing) from non-zero packed keys
/// to ids: one slot holds a key and its id, so a lookup that finds its key in
/// its first slot reads one cache line.
#[derive(Default)]
struct PackedTable {
    /// (key, id); key 0 marks an empty slot. Empty or a power of two long.
    slots: Vec<(u128, u32)>,
    len: usize,
}

impl PackedTable {
    #[inline]
    fn index(&self, key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The top bits of the product (Fibonacci hashing): only they depend
        // on every bit of the key. (Callers make sure there are slots.)
        let bits = self.slots.len().trailing_zeros();
        h.checked_shr(64 - bits).unwrap_or(0) as usize
    }

    #[inline]
    fn get(&self, key: u128) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks the processor to bring the first slot of `key` into the cache.
    #[inline]
    fn prefetch(&self, key: u128) {
        if self.slots.is_empty() {
            return;
        }
        let i = self.index(key);
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the index is in bounds; prefetching has no other effect.
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(i) as *const i8);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = i;
    }

    fn reserve(&mut self, additional: usize) {
        let want = ((self.len + additional) * 10 / 7 + 1).next_power_of_two();
        if want > self.slots.len() {
            self.rehash(want);
        }
    }

    fn rehash(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, crate::dense::filled(size, (0, 0)));
        for (k, v) in old {
            if k != 0 {
                let mut i = self.index(k);
                while self.slots[i].0 != 0 {
                    i = (i + 1) & (size - 1);
                }
                self.slots[i] = (k, v);
            }
        }
    }

    /// Adds `key` (non-zero, not there yet).
    fn insert(&mut self, key: u128, v: u32) {
        debug_assert!(key != 0);
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.rehash((self.slots.len() * 2).max(16));
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, v);
        self.len += 1;
    }
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
        #[cfg(target_arch = "x86_64")]
        if let Some(at) = self.at.get(k as usize) {
            // SAFETY: prefetching has no effect but on the cache.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at as *const _ as *const i8)
            };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = k;
    }

    #[inline(always)]
    fn add(&mut self, k: u32) {
        let k = k as usize;
        if k >= self.at.len() {
            let mut at = crate::dense::filled((k + 1).max(2 * self.at.len()), (0, 0));
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

/// A term id that stands for a stopword.
const STOP: u32 = u32::MAX;

/// An open-addressing hash table (linear probing) from pairs of term ids to
/// term ids, whose slots can be prefetched: the pairs of a sentence are known
/// before they are looked up, so the cache misses of rare n-grams overlap.
#[derive(Default)]
struct PairTable {
    /// (prefix << 32 | last, id); `EMPTY` marks an empty slot (a prefix is never `STOP`).
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl PairTable {
    const EMPTY: u64 = u64::MAX;

    #[inline]
    fn index(key: u64, slots: usize) -> usize {
        // The top bits of the product, which depend on every bit of the key
        // (`slots` is a power of two, at least 1024).
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - slots.trailing_zeros())) as usize
    }

    #[inline]
    fn prefetch(&self, prefix: u32, last: u32) {
        if self.slots.is_empty() {
            return;
        }
        let i = PairTable::index((prefix as u64) << 32 | last as u64, self.slots.len());
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the index is in bounds; prefetching has no other effect.
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(i) as *const i8);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = i;
    }

    /// The id of the pair, inserting `next` for it if it is new.
    #[inline]
    fn get_or_insert(&mut self, prefix: u32, last: u32, next: u32) -> u32 {
        debug_assert!(prefix != STOP);
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.grow();
        }
        let key = (prefix as u64) << 32 | last as u64;
        let mask = self.slots.len() - 1;
        let mut i = PairTable::index(key, self.slots.len());
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return v;
            }
            if k == PairTable::EMPTY {
                self.slots[i] = (key, next);
                self.len += 1;
                return next;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, crate::dense::filled(size, (PairTable::EMPTY, 0)));
        for (k, v) in old {
            if k != PairTable::EMPTY {
                let mut i = PairTable::index(k, size);
                while self.slots[i].0 != PairTable::EMPTY {
                    i = (i + 1) & (size - 1);
                }
                self.slots[i] = (k, v);
            }
        }
    }
}

/// The terms of part of a corpus: each word once, each n-gram as the pair
/// (its first n−1 words, its last word), all numbered in order of first use.
#[derive(Default)]
struct Interner {
    /// Per term: (prefix term, last word) for n-grams; (`STOP`, index into `words`) for words.
    nodes: Vec<(u32, u32)>,
    /// Number of words of each term.
    len: Vec<u8>,
    /// The words' texts, in one buffer.
    words: Terms,
    pairs: PairTable,
    /// Word text → term (used when merging parts).
    by_text: StrMap,
}

impl Interner {
    /// A new word (the caller knows it is new).
    fn word(&mut self, w: &str) -> u32 {
        let k = self.nodes.len() as u32;
        self.nodes.push((STOP, self.words.len() as u32));
        self.len.push(1);
        self.words.push(w);
        k
    }

    /// The term `prefix` followed by the word `last`.
    #[inline]
    fn pair(&mut self, prefix: u32, last: u32) -> u32 {
        let next = self.nodes.len() as u32;
        let k = self.pairs.get_or_insert(prefix, last, next);
        if k == next {
            self.nodes.push((prefix, last));
            self.len.push(self.len[prefix as usize].saturating_add(1));
        }
        k
    }

    /// Adds the terms of `part` (in its order) and returns their ids here.
    fn absorb(&mut self, part: &Interner) -> Vec<u32> {
        let mut map: Vec<u32> = Vec::with_capacity(part.nodes.len());
        for &(prefix, last) in &part.nodes {
            let k = if prefix == STOP {
                let w = part.words.get(last as usize);
                match self.by_text.get(w) {
                    Some(k) => k,
                    None => {
                        let k = self.word(w);
                        self.by_text.insert(w, k);
                        k
                    }
                }
            } else {
                self.pair(map[prefix as usize], map[last as usize])
            };
            map.push(k);
        }
        map
    }

    /// The order of `terms` (indices into it) by text, as bytes, and their
    /// texts in that order.
    ///
    /// Words are sorted by text. N-grams of up to 3 words are then sorted by
    /// the ranks of their words, as integers: when every word's bytes are
    /// above the space that joins them, the text of `a b` sorts before `a' b'`
    /// exactly when `(a, b)` sorts before `(a', b')`, word by word, with a
    /// missing word first (`a` before `a b`). Longer n-grams, or words with
    /// spaces or control characters in them, are sorted by their texts.
    fn sorted(&self, terms: &[u32]) -> (Vec<u32>, Terms) {
        let by_text = |texts: &[&str]| -> Vec<u32> {
            // The first 16 bytes, zero-padded, as a big-endian integer (an
            // order consistent with the bytes' order), then the whole text.
            let mut keyed: Vec<(u128, u32)> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let t = t.as_bytes();
                    let mut head = [0u8; 16];
                    let m = t.len().min(16);
                    head[..m].copy_from_slice(&t[..m]);
                    (u128::from_be_bytes(head), i as u32)
                })
                .collect();
            keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| texts[a.1 as usize].cmp(texts[b.1 as usize])));
            keyed.into_iter().map(|(_, i)| i).collect()
        };
        let longest = terms.iter().map(|&k| self.len[k as usize]).max().unwrap_or(1);
        let spaced = || self.words.iter().any(|w| w.bytes().any(|b| b <= b' '));
        if longest == 1 || longest > 3 || spaced() {
            let mut texts = Terms::default();
            for &k in terms {
                self.write_text(k, &mut texts.text);
                texts.ends.push(texts.text.len());
            }
            let order = {
                let texts: Vec<&str> = (0..terms.len()).map(|i| texts.get(i)).collect();
                by_text(&texts)
            };
            let mut sorted =
                Terms { text: String::with_capacity(texts.text.len()), ends: Vec::with_capacity(terms.len()) };
            order.iter().for_each(|&i| sorted.push(texts.get(i as usize)));
            return (order, sorted);
        }
        // Rank of each word (1-based; 0 stands for "no word").
        let words: Vec<&str> = self.words.iter().collect();
        let mut rank = vec![0u32; words.len()];
        // The words in rank order, in one buffer (rank r is string r - 1).
        let mut ranked = Terms::default();
        for (r, &w) in by_text(&words).iter().enumerate() {
            rank[w as usize] = r as u32 + 1;
            ranked.push(words[w as usize]);
        }
        let word_rank = |k: u32| rank[self.nodes[k as usize].1 as usize] as u128;
        let keys: Vec<u128> = terms
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                // Ranks of the words, first word in the highest 32 bits.
                let mut ranks = [0u128; 3];
                let n = self.len[k as usize] as usize;
                let mut node = k;
                for slot in (0..n).rev() {
                    let (prefix, last) = self.nodes[node as usize];
                    if prefix == STOP {
                        ranks[slot] = rank[last as usize] as u128;
                    } else {
                        ranks[slot] = word_rank(last);
                        node = prefix;
                    }
                }
                ranks[0] << 96 | ranks[1] << 64 | ranks[2] << 32 | i as u128
            })
            .collect();
        let keys = sort_by_first_word(keys, words.len());
        // The texts, written from the sorted keys: the first words come in
        // order, and every word is read from the one buffer of ranked words.
        let mut sorted = Terms { text: String::new(), ends: Vec::with_capacity(keys.len()) };
        for &key in &keys {
            for shift in [96, 64, 32] {
                let r = (key >> shift) as u32;
                if r == 0 {
                    break;
                }
                if shift != 96 {
                    sorted.text.push(' ');
                }
                sorted.text.push_str(ranked.get(r as usize - 1));
            }
            sorted.ends.push(sorted.text.len());
        }
        (keys.into_iter().map(|key| key as u32).collect(), sorted)
    }

    /// Appends the text of term `k` (words joined by single spaces) to `out`.
    fn write_text(&self, k: u32, out: &mut String) {
        let (prefix, last) = self.nodes[k as usize];
        if prefix == STOP {
            out.push_str(self.words.get(last as usize));
            return;
        }
        self.write_text(prefix, out);
        out.push(' ');
        out.push_str(self.words.get(self.nodes[last as usize].1 as usize));
    }
}

/// Sorts keys whose highest 32 bits are a rank in `0..=max_rank`: a counting
/// sort by that rank (one pass to count, one to place), then a sort of each
/// rank's keys, which are few but for the most common first words.
fn sort_by_first_word(keys: Vec<u128>, max_rank: usize) -> Vec<u128> {
    let rank = |k: u128| (k >> 96) as usize;
    let mut start = vec![0usize; max_rank + 2];
    for &k in &keys {
        start[rank(k) + 1] += 1;
    }
    for r in 1..start.len() {
        start[r] += start[r - 1];
    }
    let bounds = start.clone();
    let mut out = vec![0u128; keys.len()];
    for &k in &keys {
        let r = rank(k);
        out[start[r]] = k;
        start[r] += 1;
    }
    for r in 0..=max_rank {
        let bucket = &mut out[bounds[r]..bounds[r + 1]];
        if bucket.len() > 1 {
            bucket.sort_unstable();
        }
    }
    out
}

/// Stems already computed: normalized word → stem.
pub type StemCache = FxHashMap<String, String>;

/// Many strings stored end to end in one buffer (cheap to build, sort and free).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    text: String,
    ends: Vec<usize>,
}

impl Terms {
    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Appends a string.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

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

/// Renames each entry's term `t` to `column[t]`, then sorts the row by term.
/// Terms are unique in a row, so this sorts the entries as plain integers
/// `term << 32 | count`, in place, which is faster than sorting structures by a key.
fn renumber_and_sort_row(row: &mut [Entry], column: &[u32]) {
    // SAFETY: `Entry` is `repr(C, align(8))` and 8 bytes long, so a slice of
    // entries is a valid slice of `u64` of the same length.
    let ints: &mut [u64] = unsafe { std::slice::from_raw_parts_mut(row.as_mut_ptr() as *mut u64, row.len()) };
    for x in ints.iter_mut() {
        let e: Entry = unsafe { std::mem::transmute::<u64, Entry>(*x) };
        *x = (column[e.term as usize] as u64) << 32 | e.count as u64;
    }
    ints.sort_unstable();
    for x in ints.iter_mut() {
        let e = Entry { term: (*x >> 32) as u32, count: *x as u32 };
        *x = unsafe { std::mem::transmute::<Entry, u64>(e) };
    }
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

/// Limits on the vocabulary of [`Corpus::matrix`] and `terms`.
#[derive(Clone, Copy, Debug)]
pub struct DfLimits {
    /// Keep terms in at least this many documents.
    pub min_df: u32,
    /// Keep terms in at most this many documents.
    pub max_df: u32,
    /// Keep at most this many terms, the most frequent (ties by term).
    pub max_features: Option<usize>,
}

/// Many documents, analysed once.
#[derive(Clone, Debug)]
pub struct Corpus {
    options: CorpusOptions,
    tokenizer: Tokenizer,
    docs: Vec<Document>,
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
        let mut corpus = Corpus { options, tokenizer, docs };
        corpus.apply_repeated();
        Ok(corpus)
    }

    /// Analyses documents without the corpus-wide step (for callers that
    /// analyse in chunks, check for interruption, then [`Corpus::from_documents`]).
    pub fn analyse_documents(items: Vec<(String, String)>, clean: bool) -> Vec<Document> {
        items.into_par_iter().map(|(id, text)| Document::analyse_one(id, text, clean)).collect()
    }

    /// A corpus of already analysed documents (ids must be unique).
    pub fn from_documents(docs: Vec<Document>, options: CorpusOptions) -> Result<Corpus> {
        check_unique(docs.iter().map(|d| d.id.as_str()))?;
        let tokenizer = Tokenizer::new(options.tokenizer.clone())?;
        let mut corpus = Corpus { options, tokenizer, docs };
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

    /// Sets aside lines repeated across documents (the only corpus-wide cleaning rule).
    fn apply_repeated(&mut self) {
        if !self.options.clean {
            return;
        }
        let keys: Vec<Vec<u64>> = self.docs.par_iter().map(|d| clean::repeat_keys(&d.lines)).collect();
        let mut df: FxHashMap<u64, u32> =
            FxHashMap::with_capacity_and_hasher(keys.iter().map(Vec::len).sum(), Default::default());
        for k in keys.into_iter().flatten() {
            *df.entry(k).or_insert(0) += 1;
        }
        let repeated: FxHashSet<u64> = df.into_iter().filter(|&(_, n)| n >= 2).map(|(k, _)| k).collect();
        self.docs.par_iter_mut().for_each(|d| {
            let removed = clean::with_repeated(&d.lines, &d.local, |k| repeated.contains(&k));
            d.set_removed(removed);
        });
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

    /// Tokenizes and splits every document not yet parsed, in parallel (see
    /// [`Document::parsed`]); call it before a sequential pass over tokens.
    pub fn parse_all(&self) {
        self.docs.par_iter().for_each(|d| {
            d.parsed();
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
        self.docs.iter().position(|d| d.id == id)
    }

    /// Calls `f` with each term of document `d` (kept sentences only).
    pub fn doc_terms(&self, d: usize, opts: &TermOptions, f: impl FnMut(&str)) {
        self.doc_terms_with(d, opts, &mut StemCache::default(), f)
    }

    /// [`Corpus::doc_terms`] with a stem cache shared across calls (one per
    /// thread), so each distinct word is stemmed once.
    pub fn doc_terms_with(&self, d: usize, opts: &TermOptions, stems: &mut StemCache, mut f: impl FnMut(&str)) {
        let doc = &self.docs[d];
        let (lo, hi) = opts.ngram;
        let unigrams = lo == 1 && hi == 1;
        let mut buf = String::new();
        let mut seq: Vec<String> = Vec::new();
        doc.for_each_run(!unigrams, &mut Scratch::default(), |run| {
            seq.clear();
            for t in run {
                if !t.kind.is_content() || (!opts.numbers && t.kind == tokenize::TokenKind::Number) {
                    continue;
                }
                let norm = normalize_cow(t.text(&doc.text), &self.options.tokenizer.normalize, &mut buf);
                if opts.drop_stopwords && self.tokenizer.is_stop(norm) {
                    continue;
                }
                let word: std::borrow::Cow<str> = match &opts.stem {
                    Some(s) => match stems.get(norm) {
                        Some(st) => std::borrow::Cow::Owned(st.clone()),
                        None => {
                            let st = s.stem(norm).into_owned();
                            stems.insert(norm.to_string(), st.clone());
                            std::borrow::Cow::Owned(st)
                        }
                    },
                    None => std::borrow::Cow::Borrowed(norm),
                };
                if unigrams {
                    f(&word);
                } else {
                    seq.push(word.into_owned());
                }
            }
            if !unigrams {
                for_each_ngram(&seq, lo, hi, &mut f);
            }
        });
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
        stats
            .par_sort_unstable_by(|a, b| b.count.cmp(&a.count).then(b.df.cmp(&a.df)).then_with(|| a.term.cmp(&b.term)));
        stats
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
        let n = self.docs.len();
        let threads = rayon::current_num_threads().max(1);
        let parts = if threads == 1 { 1 } else { threads * 4 };
        let size = n.div_ceil(parts).max(1);
        let docs: Vec<usize> = (0..n).collect();
        let counted: Vec<(Interner, Vec<usize>, Vec<Entry>)> =
            docs.par_chunks(size).map(|chunk| self.count_part(chunk, opts)).collect();
        let mut global = Interner::default();
        let mut indptr: Vec<usize> = Vec::with_capacity(n + 1);
        indptr.push(0);
        let mut entries: Vec<Entry> = Vec::with_capacity(counted.iter().map(|c| c.2.len()).sum());
        let single = counted.len() == 1;
        for (part, part_ptr, part_entries) in counted {
            if single {
                global = part;
                entries = part_entries;
                indptr = part_ptr;
                break;
            }
            let map: Vec<u32> = global.absorb(&part);
            let base = entries.len();
            entries.extend(part_entries.into_iter().map(|e| Entry { term: map[e.term as usize], count: e.count }));
            indptr.extend(part_ptr[1..].iter().map(|p| base + p));
        }
        let (lo, hi) = opts.ngram;
        let n_terms = global.nodes.len();
        // Every interned term of a counted length was counted somewhere (a
        // shorter prefix n-gram is interned without being counted, a longer
        // one is never interned), so the columns are the terms of those lengths.
        let counted_terms: Vec<u32> =
            (0..n_terms as u32).filter(|&k| (lo..=hi).contains(&(global.len[k as usize] as usize))).collect();
        let (order, terms) = global.sorted(&counted_terms);
        let mut column = crate::dense::filled(n_terms, u32::MAX);
        for (j, &i) in order.iter().enumerate() {
            column[counted_terms[i as usize] as usize] = j as u32;
        }
        if sorted {
            let mut rest: &mut [Entry] = &mut entries;
            let mut rows: Vec<&mut [Entry]> = Vec::with_capacity(n);
            for d in 0..n {
                let (row, tail) = rest.split_at_mut(indptr[d + 1] - indptr[d]);
                rows.push(row);
                rest = tail;
            }
            rows.into_par_iter().for_each(|row| renumber_and_sort_row(row, &column));
        } else {
            for e in entries.iter_mut() {
                e.term = column[e.term as usize];
            }
        }
        let mut count = vec![0u64; terms.len()];
        let mut df = vec![0u32; terms.len()];
        for e in &entries {
            count[e.term as usize] += e.count as u64;
            df[e.term as usize] += 1;
        }
        debug_assert!(df.iter().all(|&d| d > 0), "a column no document counted");
        CountTable { terms, indptr, entries, count, df }
    }

    /// Counts the terms of the documents `chunk` over a table of their own.
    fn count_part(&self, chunk: &[usize], opts: &TermOptions) -> (Interner, Vec<usize>, Vec<Entry>) {
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
        let bytes: usize = chunk.iter().map(|&d| self.docs[d].text.len()).sum();
        rows.row.reserve(if unigrams { bytes / 8 } else { bytes / 3 });
        let forms = (bytes / 16).min(16 * (bytes as f64).sqrt() as usize);
        surfaces.short.reserve(forms);
        if opts.stem.is_some() {
            words.short.reserve(forms * 4 / 5);
        }
        let mut indptr = Vec::with_capacity(chunk.len() + 1);
        indptr.push(0);
        for (i, &d) in chunk.iter().enumerate() {
            let doc = &self.docs[d];
            rows.mark = i as u32 + 1;
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
                            let norm_opts = &self.options.tokenizer.normalize;
                            let norm = normalize_cow(surface, norm_opts, &mut buf);
                            let k = if opts.drop_stopwords && self.tokenizer.is_stop(norm) {
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
                            terms.pairs.prefetch(level[i + AHEAD], seq[i + AHEAD + m - 1]);
                        }
                        level[i] = terms.pair(level[i], seq[i + m - 1]);
                    }
                    level.truncate(count);
                    if m >= lo {
                        add_all(&mut rows, &level);
                    }
                }
            });
            indptr.push(rows.row.len());
        }
        (terms, indptr, rows.row)
    }

    /// Corpus statistics of every term, most frequent first (ties: more
    /// documents, then alphabetical).
    pub fn stats(&self, opts: &TermOptions) -> Vec<TermStat> {
        let table = self.count_table(opts);
        let mut stats: Vec<TermStat> = (0..table.terms.len())
            .map(|k| TermStat { term: table.terms.get(k).to_string(), count: table.count[k], df: table.df[k] })
            .collect();
        stats
            .par_sort_unstable_by(|a, b| b.count.cmp(&a.count).then(b.df.cmp(&a.df)).then_with(|| a.term.cmp(&b.term)));
        stats
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
        let table = self.count_table_in(opts, sorted);
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
        let CountTable { terms, indptr: rows, entries, df: all_df, .. } = table;
        let n = self.docs.len() as f64;
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
        let idf: Vec<f64> = match weight {
            Weight::Count => Vec::new(),
            Weight::TfIdf { smooth_idf, .. } => df
                .iter()
                .map(|&d| {
                    let d = d as f64;
                    if smooth_idf {
                        ((1.0 + n) / (1.0 + d)).ln() + 1.0
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
        };
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

fn weight_row(ix: &[i32], vals: &mut [f64], idf: &[f64], weight: Weight, len: f64, avg_len: f64) {
    match weight {
        Weight::Count => {}
        Weight::TfIdf { sublinear_tf, l2, .. } => {
            for (&j, v) in ix.iter().zip(vals.iter_mut()) {
                let tf = if sublinear_tf { 1.0 + v.ln() } else { *v };
                *v = tf * idf[j as usize];
            }
            if l2 {
                let norm = vals.iter().map(|v| v * v).sum::<f64>().sqrt();
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

    #[test]
    fn string_map_finds_what_it_holds() {
        // Short (packed) and long keys, inserted until the table has grown many
        // times, then looked up by text and by position in a longer text.
        let mut map = StrMap::default();
        let words: Vec<String> =
            (0..20_000u32).map(|i| format!("w{}{}", i * 7919 % 100_003, "x".repeat((i % 23) as usize))).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), None);
            map.insert(w, i as u32);
        }
        let text = words.join(" ");
        let mut start = 0;
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(i as u32));
            assert_eq!(map.get_at(&text, start, start + w.len()), Some(i as u32), "{w}");
            start += w.len() + 1;
        }
        assert_eq!(map.get("w"), None);
        assert_eq!(map.get(""), None);
        map.insert("", 7);
        assert_eq!(map.get(""), Some(7));
    }

    #[test]
    fn counts_become_values_in_place() {
        // `matrix` relies on this to keep one buffer fewer alive at its peak.
        let entries = vec![Entry { term: 1, count: 2 }; 1000];
        let at = entries.as_ptr() as usize;
        let data: Vec<f64> = entries.into_iter().filter(|e| e.term > 0).map(|e| e.count as f64).collect();
        assert_eq!(data.as_ptr() as usize, at);
        assert!(data.iter().all(|&x| x == 2.0));
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
    }
}
