//! The terms of a count: words and n-grams interned as ids (an n-gram is the
//! pair of its prefix n-gram and last word), merged across parallel parts and
//! sorted by text. Fed by the counting loop of [`super`], which turns tokens
//! into term ids; read by [`super::CountTable`]'s columns.

use rayon::prelude::*;

use super::table::{StrMap, Table};

/// A term id that stands for a stopword.
pub(super) const STOP: u32 = u32::MAX;

/// Whether `word` (a normalized form) normalizes to itself, so that it can
/// stand for itself as a surface form. ASCII always does: normalizing ASCII
/// text only lowercases it.
#[inline]
pub(super) fn is_fixed_point(word: &str, opts: &crate::normalize::NormalizeOptions, buf: &mut String) -> bool {
    word.is_ascii() || {
        crate::normalize::normalize_into(word, opts, buf);
        buf == word
    }
}

/// The terms of part of a corpus: each word once, each n-gram as the pair
/// (its first n−1 words, its last word), all numbered in order of first use.
#[derive(Default)]
pub(super) struct Interner {
    /// Per term: (prefix term, last word) for n-grams; (`STOP`, index into `words`) for words.
    pub(super) nodes: Vec<(u32, u32)>,
    /// Number of words of each term.
    pub(super) len: Vec<u8>,
    /// The words' texts, in one buffer.
    words: Terms,
    /// N-grams: (prefix, last word) as [`pair_key`] → term.
    pairs: Table<u64>,
    /// Word text → term (used when merging parts).
    by_text: StrMap,
    /// Whether `by_text` holds every word (see [`Interner::absorb`]).
    indexed: bool,
}

impl Interner {
    /// A new word (the caller knows it is new).
    pub(super) fn word(&mut self, w: &str) -> u32 {
        let k = self.nodes.len() as u32;
        self.nodes.push((STOP, self.words.len() as u32));
        self.len.push(1);
        self.words.push(w);
        k
    }

    /// The term `prefix` followed by the word `last`.
    #[inline]
    pub(super) fn pair(&mut self, prefix: u32, last: u32) -> u32 {
        let next = self.nodes.len() as u32;
        let k = self.pairs.get_or_insert(pair_key(prefix, last), next);
        if k == next {
            self.nodes.push((prefix, last));
            self.len.push(self.len[prefix as usize].saturating_add(1));
        }
        k
    }

    /// Asks the processor to bring the slot of the pair (`prefix`, `last`)
    /// into the cache, ahead of [`Interner::pair`].
    #[inline]
    pub(super) fn prefetch_pair(&self, prefix: u32, last: u32) {
        self.pairs.prefetch(pair_key(prefix, last));
    }

    /// Adds the terms of `part` (in its order) and returns their ids here.
    pub(super) fn absorb(&mut self, part: &Interner) -> Vec<u32> {
        if !self.indexed {
            // A part's words were interned as new without this table (the
            // counting loop finds them through its own surface table):
            // index them by text before looking up another part's.
            for (k, &(prefix, last)) in self.nodes.iter().enumerate() {
                if prefix == STOP {
                    self.by_text.insert(self.words.get(last as usize), k as u32);
                }
            }
            self.indexed = true;
        }
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
    pub(super) fn sorted(&self, terms: &[u32]) -> (Vec<u32>, Terms) {
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

/// The key of the n-gram `prefix` followed by the word `last` in
/// [`Interner::pairs`] (never `u64::MAX`, the empty key, as `prefix` is
/// never `STOP`).
#[inline]
fn pair_key(prefix: u32, last: u32) -> u64 {
    debug_assert!(prefix != STOP);
    (prefix as u64) << 32 | last as u64
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

/// Many strings stored end to end in one buffer (cheap to build, sort and free).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    text: String,
    ends: Vec<usize>,
}

impl crate::cache::HeapSize for Terms {
    fn heap_size(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }
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
