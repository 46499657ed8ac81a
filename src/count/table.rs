//! The open-addressing hash table of counting, [`Table`], over the two kinds
//! of keys the counting loop looks up: short strings packed in a `u128`
//! ([`StrMap`]: surface forms and words to term ids) and pairs of term ids in
//! a `u64` (n-grams, in [`super::intern`]). Both are looked up once per token,
//! so the table is the hot path of [`super`]'s counting loop.

use rustc_hash::FxHashMap;

/// The key of a [`Table`]: an integer with one value set aside for empty slots.
pub(super) trait Key: Copy + Eq {
    /// The value that marks an empty slot (never a key).
    const EMPTY: Self;

    /// 64 bits of the key to hash, which depend on all of its bits.
    fn fold(self) -> u64;
}

/// A string of up to 15 bytes packed by [`StrMap`] (never 0: the length is in
/// the top byte).
impl Key for u128 {
    const EMPTY: u128 = 0;

    #[inline(always)]
    fn fold(self) -> u64 {
        (self as u64) ^ ((self >> 64) as u64).rotate_left(29)
    }
}

/// A pair of term ids `prefix << 32 | last` (never `u64::MAX`: a prefix is
/// never `STOP`).
impl Key for u64 {
    const EMPTY: u64 = u64::MAX;

    #[inline(always)]
    fn fold(self) -> u64 {
        self
    }
}

/// An open-addressing hash table (linear probing) from keys to ids: one slot
/// holds a key and its id, so a lookup that finds its key in its first slot
/// reads one cache line; and since a slot's place depends on its key alone, a
/// caller that knows its next keys can prefetch their slots, so that the cache
/// misses of rare keys overlap.
pub(super) struct Table<K: Key> {
    /// (key, id); `K::EMPTY` marks an empty slot. Empty, or a power of two at
    /// least `MIN_SLOTS` long.
    slots: Vec<(K, u32)>,
    len: usize,
}

impl<K: Key> Default for Table<K> {
    fn default() -> Self {
        Table { slots: Vec::new(), len: 0 }
    }
}

impl<K: Key> Table<K> {
    const MIN_SLOTS: usize = 16;

    /// The first slot of `key` among `slots` slots: the top bits of a product
    /// (Fibonacci hashing), which depend on every bit of the key. With no
    /// slots it is out of bounds (a shift by 0), which callers check.
    #[inline]
    fn index(key: K, slots: usize) -> usize {
        (key.fold().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - slots.trailing_zeros())) as usize
    }

    /// The id of `key`.
    #[inline]
    pub(super) fn get(&self, key: K) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::index(key, self.slots.len());
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == K::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks the processor to bring the first slot of `key` into the cache.
    #[inline]
    pub(super) fn prefetch(&self, key: K) {
        // Out of bounds, so nothing, when there are no slots.
        crate::hint::prefetch(&self.slots, Self::index(key, self.slots.len()));
    }

    /// Makes room for `additional` more keys without growing.
    pub(super) fn reserve(&mut self, additional: usize) {
        let want = ((self.len + additional) * 10 / 7 + 1).next_power_of_two().max(Self::MIN_SLOTS);
        if want > self.slots.len() {
            self.rehash(want);
        }
    }

    /// Doubles the slots if one more key would fill more than 70% of them.
    #[inline]
    fn room_for_one(&mut self) {
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.rehash((self.slots.len() * 2).max(Self::MIN_SLOTS));
        }
    }

    fn rehash(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, crate::alloc::filled(size, (K::EMPTY, 0)));
        for (k, v) in old {
            if k != K::EMPTY {
                let mut i = Self::index(k, size);
                while self.slots[i].0 != K::EMPTY {
                    i = (i + 1) & (size - 1);
                }
                self.slots[i] = (k, v);
            }
        }
    }

    /// Adds `key` (not `K::EMPTY`, not there yet) with id `v`.
    pub(super) fn insert(&mut self, key: K, v: u32) {
        debug_assert!(key != K::EMPTY);
        self.room_for_one();
        let mask = self.slots.len() - 1;
        let mut i = Self::index(key, self.slots.len());
        while self.slots[i].0 != K::EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, v);
        self.len += 1;
    }

    /// The id of `key` (not `K::EMPTY`), inserting `next` for it if it is new.
    #[inline]
    pub(super) fn get_or_insert(&mut self, key: K, next: u32) -> u32 {
        debug_assert!(key != K::EMPTY);
        self.room_for_one();
        let mask = self.slots.len() - 1;
        let mut i = Self::index(key, self.slots.len());
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return v;
            }
            if k == K::EMPTY {
                self.slots[i] = (key, next);
                self.len += 1;
                return next;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A map from strings to ids that keeps strings of up to 15 bytes packed in
/// an integer, so that looking up a typical word neither calls `memcmp` nor
/// follows a pointer.
#[derive(Default)]
pub(super) struct StrMap {
    pub(super) short: Table<u128>,
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

    #[test]
    fn pair_table_keeps_the_first_id_of_each_key() {
        let mut table = Table::<u64>::default();
        table.prefetch(7);
        assert_eq!(table.get(7), None);
        let keys: Vec<u64> = (0..20_000u64).map(|i| (i % 97) << 32 | (i * 7919 % 20_011)).collect();
        let mut first: FxHashMap<u64, u32> = FxHashMap::default();
        for (i, &k) in keys.iter().enumerate() {
            table.prefetch(k);
            assert_eq!(table.get_or_insert(k, i as u32), *first.entry(k).or_insert(i as u32));
        }
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(table.get(k).map(|v| keys[v as usize]), Some(k), "{i}");
        }
        assert_eq!(table.get(u64::MAX - 1), None);
    }
}
