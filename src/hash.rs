//! The one seeded hash family of the crate: FNV-1a over bytes, mixed by the
//! SplitMix64 finalizer. Stable across runs, platforms and thread counts
//! (never Python's `hash()` or a randomly seeded hasher), so shingles,
//! MinHash signatures and cache fingerprints are the same everywhere.

/// FNV-1a of `bytes`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The SplitMix64 finalizer: a bijection of `u64` whose every output bit
/// depends on every input bit.
#[inline]
pub fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One hash of a sequence of hashes (order matters).
#[inline]
pub fn mix_all(words: &[u64]) -> u64 {
    words.iter().fold(0x243F_6A88_85A3_08D3u64, |h, &w| splitmix(h ^ w))
}

/// A streaming hasher of strings and integers built from the functions
/// above, seeded; for fingerprints of options and dictionaries.
#[derive(Clone, Debug)]
pub struct StableHasher(u64);

impl StableHasher {
    /// A hasher with `seed`.
    pub fn new(seed: u64) -> StableHasher {
        StableHasher(splitmix(seed))
    }

    /// Adds an integer.
    pub fn write_u64(&mut self, x: u64) {
        self.0 = splitmix(self.0 ^ splitmix(x));
    }

    /// Adds a string (its length too, so `("ab", "c")` and `("a", "bc")` differ).
    pub fn write_str(&mut self, s: &str) {
        self.write_u64(s.len() as u64);
        self.write_u64(fnv1a(s.as_bytes()));
    }

    /// The hash so far.
    pub fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_order() {
        // FNV-1a's published test vector.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(mix_all(&[1, 2]), mix_all(&[2, 1]));
        let h = |parts: &[&str]| {
            let mut h = StableHasher::new(7);
            parts.iter().for_each(|p| h.write_str(p));
            h.finish()
        };
        assert_ne!(h(&["ab", "c"]), h(&["a", "bc"]));
        assert_eq!(h(&["ab", "c"]), h(&["ab", "c"]));
    }
}
