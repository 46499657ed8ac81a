//! Word lists kept as data files (`src/stopwords/english.txt`,
//! `src/entities/words/*.txt`), compiled in with `include_str!` and parsed
//! once, on first use, by the modules that look words up in them.
//!
//! The file format: one entry per line, surrounding whitespace trimmed, text
//! after `#` ignored (comments), blank lines skipped.

use rustc_hash::FxHashSet;

/// The entries of a word-list file, in file order.
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(|line| line.split_once('#').map_or(line, |(entry, _)| entry).trim()).filter(|e| !e.is_empty())
}

/// A word list as a set, for exact (case-sensitive) membership.
pub(crate) struct WordSet(FxHashSet<&'static str>);

impl WordSet {
    /// The set of the entries of a word-list file.
    pub(crate) fn parse(text: &'static str) -> WordSet {
        WordSet(entries(text).collect())
    }

    /// Whether `word` is in the list, byte for byte.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// Checks a word-list file: it has entries, they are sorted and unique (so
/// the file reads as a list and no entry is there twice), and each is in the
/// form its lookups expect. Returns the entries.
#[cfg(test)]
pub(crate) fn check_file(name: &str, text: &'static str, form: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let words: Vec<&str> = entries(text).collect();
    assert!(!words.is_empty(), "{name}: no entries");
    for w in words.windows(2) {
        assert!(w[0] < w[1], "{name}: {:?} then {:?}: not sorted, or a duplicate", w[0], w[1]);
    }
    for w in &words {
        assert!(form(w), "{name}: {w:?} is not in the form its lookups expect");
    }
    words
}

/// Whether a word is lowercase, without periods and without spaces (the
/// form of most lists: looked up lowercased with periods dropped).
#[cfg(test)]
pub(crate) fn lower_word(w: &str) -> bool {
    !w.chars().any(|c| c.is_uppercase() || c == '.' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comments_and_blank_lines() {
        let text = "# a comment\n\nalpha\n  beta  # trailing comment\n#\n  \ngamma delta\n";
        assert_eq!(entries(text).collect::<Vec<_>>(), ["alpha", "beta", "gamma delta"]);
        let set = WordSet::parse(text);
        assert!(set.contains("beta") && set.contains("gamma delta"));
        assert!(!set.contains("Beta") && !set.contains("# a comment") && !set.contains(""));
    }
}
