//! Normalized forms of tokens: case folding, typographic folding, NFKC,
//! accent stripping, stopwords and Snowball stemming.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::stopwords;

/// How a token's text becomes its normalized form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormalizeOptions {
    /// Full Unicode case folding (`Straße` → `strasse`, `ΣΟΦΙΑ` → `σοφια`).
    pub lowercase: bool,
    /// `’` → `'`, `“”` → `"`, dashes → `-`, NBSP → space, soft hyphen removed, `…` → `...`.
    pub fold_typography: bool,
    /// Unicode NFKC (compatibility forms: `ﬁ` → `fi`, full-width → ASCII).
    pub nfkc: bool,
    /// Remove combining accents (`Zelenskyy` stays, `Müller` → `Muller`).
    pub strip_accents: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions { lowercase: true, fold_typography: true, nfkc: false, strip_accents: false }
    }
}

/// Typographic folding of one character; `None` removes it.
#[inline]
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => {
            out.push('"')
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => out.push('-'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => out.push(' '),
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{2026}' => out.push_str("..."),
        _ => out.push(c),
    }
}

/// Writes the normalized form of `text` into `out` (cleared first).
pub fn normalize_into(text: &str, opts: &NormalizeOptions, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        if opts.lowercase {
            out.make_ascii_lowercase();
        }
        return;
    }
    let mut cur: Cow<str> = Cow::Borrowed(text);
    if opts.nfkc {
        cur = Cow::Owned(cur.nfkc().collect());
    }
    if opts.fold_typography {
        let mut s = String::with_capacity(cur.len());
        for c in cur.chars() {
            fold_char(c, &mut s);
        }
        cur = Cow::Owned(s);
    }
    if opts.strip_accents {
        cur = Cow::Owned(cur.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect());
    }
    if opts.lowercase {
        cur = Cow::Owned(caseless::default_case_fold_str(&cur));
    }
    out.push_str(&cur);
}

/// The normalized form of `text`, borrowed when nothing changes (ASCII text
/// that is already lowercase), else written into `buf`.
#[inline]
pub fn normalize_cow<'a>(text: &'a str, opts: &NormalizeOptions, buf: &'a mut String) -> &'a str {
    let unchanged =
        if opts.lowercase { text.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) } else { text.is_ascii() };
    if unchanged {
        return text;
    }
    normalize_into(text, opts, buf);
    buf
}

/// The normalized form of `text`.
pub fn normalize(text: &str, opts: &NormalizeOptions) -> String {
    let mut out = String::new();
    normalize_into(text, opts, &mut out);
    out
}

/// Languages of the Snowball stemmers (rust-stemmers), by ISO code and name.
pub fn stem_algorithm(language: &str) -> Result<Algorithm> {
    Ok(match language.to_ascii_lowercase().as_str() {
        "ar" | "arabic" => Algorithm::Arabic,
        "da" | "danish" => Algorithm::Danish,
        "nl" | "dutch" => Algorithm::Dutch,
        "en" | "english" => Algorithm::English,
        "fi" | "finnish" => Algorithm::Finnish,
        "fr" | "french" => Algorithm::French,
        "de" | "german" => Algorithm::German,
        "el" | "greek" => Algorithm::Greek,
        "hu" | "hungarian" => Algorithm::Hungarian,
        "it" | "italian" => Algorithm::Italian,
        "no" | "norwegian" => Algorithm::Norwegian,
        "pt" | "portuguese" => Algorithm::Portuguese,
        "ro" | "romanian" => Algorithm::Romanian,
        "ru" | "russian" => Algorithm::Russian,
        "es" | "spanish" => Algorithm::Spanish,
        "sv" | "swedish" => Algorithm::Swedish,
        "ta" | "tamil" => Algorithm::Tamil,
        "tr" | "turkish" => Algorithm::Turkish,
        other => {
            return Err(Error::InvalidArgument(format!(
                "no Snowball stemmer for language {other:?}; known: ar, da, nl, en, fi, fr, de, el, hu, it, no, pt, ro, ru, es, sv, ta, tr"
            )))
        }
    })
}

/// A set of stopwords: a built-in list, a user list, or both.
#[derive(Clone, Debug, Default)]
pub struct Stopwords {
    builtin_english: bool,
    extra: Arc<HashSet<String>>,
}

impl Stopwords {
    /// No stopwords.
    pub fn none() -> Self {
        Stopwords::default()
    }

    /// A built-in list (`"en"`) plus `extra` words (normalized with `opts`).
    pub fn new(language: Option<&str>, extra: &[String], opts: &NormalizeOptions) -> Result<Self> {
        let builtin_english = match language {
            None => false,
            Some(lang) => {
                stopwords::builtin(lang).ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "no built-in stopword list for {lang:?}; built-in: {:?} (pass your own list instead)",
                        stopwords::LANGUAGES
                    ))
                })?;
                true
            }
        };
        let extra = extra.iter().map(|w| normalize(w, opts)).collect();
        Ok(Stopwords { builtin_english, extra: Arc::new(extra) })
    }

    /// Whether a normalized word is a stopword.
    #[inline]
    pub fn contains(&self, norm: &str) -> bool {
        (self.builtin_english && stopwords::is_english_stopword(norm))
            || (!self.extra.is_empty() && self.extra.contains(norm))
    }

    /// Whether the built-in English list is in use.
    pub fn uses_builtin(&self) -> bool {
        self.builtin_english
    }

    /// The user's own words, sorted.
    pub fn extra_words(&self) -> Vec<String> {
        let mut v: Vec<String> = self.extra.iter().cloned().collect();
        v.sort();
        v
    }
}

/// A Snowball stemmer that can be cloned and shared between threads.
#[derive(Clone)]
pub struct Stem {
    language: String,
    stemmer: Arc<Stemmer>,
}

impl std::fmt::Debug for Stem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stem({:?})", self.language)
    }
}

impl Stem {
    /// A stemmer for `language` (ISO code or English name).
    pub fn new(language: &str) -> Result<Self> {
        let algo = stem_algorithm(language)?;
        Ok(Stem { language: language.to_string(), stemmer: Arc::new(Stemmer::create(algo)) })
    }

    /// The language this stemmer was made for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The stem of a normalized word.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.stemmer.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let o = NormalizeOptions::default();
        assert_eq!(normalize("Russia’s", &o), "russia's");
        assert_eq!(normalize("STRASSE", &o), "strasse");
        assert_eq!(normalize("Straße", &o), "strasse");
        assert_eq!(normalize("ΣΟΦΙΑ", &o), "σοφια");
        assert_eq!(normalize("a\u{00AD}b", &o), "ab");
        let o = NormalizeOptions { strip_accents: true, nfkc: true, ..Default::default() };
        assert_eq!(normalize("Müller ﬁ", &o), "muller fi");
    }

    #[test]
    fn stems() {
        let s = Stem::new("en").unwrap();
        assert_eq!(s.stem("sanctions"), "sanction");
        assert!(Stem::new("xx").is_err());
    }
}
