//! Stopword lists.
//!
//! The English list is the project's own: closed-class words (articles,
//! pronouns, auxiliaries, prepositions, conjunctions, determiners), common
//! adverbs of degree, the clitics the tokenizer splits off (`'s`, `n't`), and
//! light verbs and reporting verbs that carry no topic in news (`said`,
//! `told`, `stated`, `made`, `going`).
//! Words are in their normalized form (lowercase, straight apostrophe), one a
//! line in `stopwords/english.txt`.

use std::sync::{LazyLock, OnceLock};

/// The built-in English stopwords, sorted (from `stopwords/english.txt`).
pub static ENGLISH: LazyLock<Vec<&'static str>> = LazyLock::new(|| crate::wordlist::entries(ENGLISH_FILE).collect());
const ENGLISH_FILE: &str = include_str!("stopwords/english.txt");

/// Languages with a built-in list.
pub const LANGUAGES: &[&str] = &["en"];

fn english_set() -> &'static rustc_hash::FxHashSet<&'static str> {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ENGLISH.iter().copied().collect())
}

/// Whether a normalized word is an English stopword.
#[inline]
pub fn is_english_stopword(norm: &str) -> bool {
    norm.len() <= 16 && english_set().contains(norm)
}

/// The built-in list for a language code, if any.
pub fn builtin(language: &str) -> Option<&'static [&'static str]> {
    match language {
        "en" | "english" => Some(ENGLISH.as_slice()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_and_unique() {
        assert!(super::ENGLISH.windows(2).all(|w| w[0] < w[1]));
        assert!(super::ENGLISH.iter().all(|w| w.len() <= 16));
        // Lookups take normalized words: lowercase, straight apostrophe, and
        // at most 16 bytes (`is_english_stopword` skips longer words).
        let words = crate::wordlist::check_file("english.txt", super::ENGLISH_FILE, |w| {
            w.len() <= 16 && !w.chars().any(|c| c.is_uppercase() || c.is_whitespace() || c == '’')
        });
        assert_eq!(words, *super::ENGLISH);
        assert_eq!(super::builtin("en"), Some(words.as_slice()));
        assert!(super::is_english_stopword("the"));
        assert!(super::is_english_stopword("n't"));
        assert!(!super::is_english_stopword("russia"));
    }
}
