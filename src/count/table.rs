//! The open-addressing hash tables of counting: a string map that keeps
//! short words packed in an integer (surface forms and words to term ids),
//! and a table of n-grams as pairs of term ids. Used by [`super::intern`] and
//! the counting loop of [`super`].

use rustc_hash::FxHashMap;

use super::intern::STOP;

/// A map from strings to ids that keeps strings of up to 15 bytes packed in
/// an integer, so that looking up a typical word neither calls `memcmp` nor
/// follows a pointer.
#[derive(Default)]
pub(super) struct StrMap {
    pub(super) short: PackedTable,
    pub(super) long: FxHashMap<Box<str>, u32>,
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
    pub(super) fn key_at(text: &str, start: usize, end: usize) -> Option<u128> {
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
    pub(super) fn get(&self, s: &str) -> Option<u32> {
        match StrMap::pack(s) {
            Some(key) => self.short.get(key),
            None => self.long.get(s).copied(),
        }
    }

    /// Adds `s`, which the caller knows is not there yet.
    pub(super) fn insert(&mut self, s: &str, v: u32) {
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
pub(super) struct PackedTable {
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
    pub(super) fn get(&self, key: u128) -> Option<u32> {
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
    pub(super) fn prefetch(&self, key: u128) {
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

    pub(super) fn reserve(&mut self, additional: usize) {
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
    pub(super) fn insert(&mut self, key: u128, v: u32) {
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

/// An open-addressing hash table (linear probing) from pairs of term ids to
/// term ids, whose slots can be prefetched: the pairs of a sentence are known
/// before they are looked up, so the cache misses of rare n-grams overlap.
#[derive(Default)]
pub(super) struct PairTable {
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
    pub(super) fn prefetch(&self, prefix: u32, last: u32) {
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
    pub(super) fn get_or_insert(&mut self, prefix: u32, last: u32, next: u32) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
