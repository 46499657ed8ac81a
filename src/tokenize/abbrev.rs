//! Abbreviations that keep their final period (`Mr.`, `Sen.`, `U.S.`, `J.`).
//!
//! The listed words live in `abbreviations.txt` beside this file, one a line,
//! `title` after those that precede a name. They are parsed once into two
//! sorted arrays of packed integers (all abbreviations; titles only), each with
//! a 512-bit filter, so that a lookup is a hash, a bit test and, rarely, a
//! binary search over integers.

use std::sync::OnceLock;

/// The word list (see the comment at its top for the format).
const LIST: &str = include_str!("abbreviations.txt");

/// The entries of `list`: each word and whether it is marked `title`. Blank
/// lines and `#` comments are left out.
fn entries(list: &str) -> impl Iterator<Item = (&str, bool)> {
    list.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let word = fields.next()?;
        Some((word, fields.next() == Some("title")))
    })
}

/// Whether `word` (any case) is a listed abbreviation, or a listed title
/// abbreviation when `titles` is true.
pub(crate) fn in_list(titles: bool, word: &str) -> bool {
    // Both lists hold ASCII words of at most 7 letters, packed into integers
    // (lowercase bytes, big-endian, zero-padded) and sorted once, so a check is
    // a binary search over integers.
    // A 512-bit filter of the keys' hashes answers most words (those not in
    // the list) before the search.
    type Packed = (Vec<u64>, [u64; 8]);
    static PACKED: OnceLock<[Packed; 2]> = OnceLock::new();
    let bit = |k: u64| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize;
    let packed = PACKED.get_or_init(|| {
        let pack_all = |titles_only: bool| {
            let mut v: Vec<u64> =
                entries(LIST).filter(|&(_, title)| title || !titles_only).filter_map(|(w, _)| pack_lower(w)).collect();
            v.sort_unstable();
            let mut filter = [0u64; 8];
            for &k in &v {
                filter[bit(k) / 64] |= 1 << (bit(k) % 64);
            }
            (v, filter)
        };
        [pack_all(false), pack_all(true)]
    });
    let (keys, filter) = &packed[titles as usize];
    pack_lower(word).is_some_and(|k| filter[bit(k) / 64] >> (bit(k) % 64) & 1 == 1 && keys.binary_search(&k).is_ok())
}

/// `word` lowercased and packed into an integer, if it is ASCII and at most 7 bytes long.
#[inline]
fn pack_lower(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 7 || !b.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    buf.make_ascii_lowercase();
    Some(u64::from_be_bytes(buf))
}

/// Whether `word` (without its final period) is an abbreviation that keeps the period.
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        (Some(_), Some(_)) => {
            // Dotted forms: U.S, e.g, a.m, U.N
            if word.contains('.') {
                return word.split('.').all(|part| {
                    !part.is_empty() && part.chars().count() <= 3 && part.chars().all(char::is_alphabetic)
                });
            }
            in_list(false, word)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_file_parses_sorted_and_packable() {
        let mut previous = "";
        for line in LIST.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert!(matches!(fields[..], [_] | [_, "title"]), "line {line:?}: a word, then `title` or nothing");
            let word = fields[0];
            assert!(word.len() <= 7 && word.bytes().all(|b| b.is_ascii_lowercase()), "{word:?}");
            assert!(word > previous, "{word:?} after {previous:?}: the list is sorted, without repeats");
            assert!(pack_lower(word).is_some(), "{word:?}");
            previous = word;
        }
        let words: Vec<(&str, bool)> = entries(LIST).collect();
        assert!(words.iter().any(|&(_, title)| title) && words.iter().any(|&(_, title)| !title));
        // The packed keys keep the order of the words, so the arrays the lookup
        // searches are sorted and free of repeats.
        let keys: Vec<u64> = words.iter().filter_map(|(w, _)| pack_lower(w)).collect();
        assert!(keys.windows(2).all(|k| k[0] < k[1]));
    }

    #[test]
    fn abbreviation_lists_are_found_in_any_case() {
        for titles in [false, true] {
            for (w, _) in entries(LIST).filter(|&(_, title)| title || !titles) {
                assert!(in_list(titles, w) && in_list(titles, &w.to_uppercase()), "{w}");
            }
        }
        assert!(!in_list(false, "") && !in_list(false, "said") && !in_list(true, "inc") && !in_list(false, "mrs."));
        assert!(in_list(true, "Sen") && in_list(false, "etc") && !in_list(true, "etc"));
    }
}
