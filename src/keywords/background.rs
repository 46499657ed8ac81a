//! Document frequencies of general English, shipped with the package, and
//! their blend with a corpus's own.
//!
//! The table (`background_en.tsv`, made by `scripts/background_df.py` from
//! 3,112 English Wikipedia articles of 2015, CC BY-SA 3.0, Wikipedia
//! contributors) holds, for every English Snowball stem of a lowercased word
//! found in at least two articles, the number of articles holding it. It is
//! compiled in and parsed on first use.
//!
//! # The blend
//!
//! The background counts as `m` = [`PSEUDO_DOCS`] documents of the corpus
//! whose words occur at the background's rates, so a stem's document
//! frequency and the number of documents become
//!
//! ```text
//! df'(w) = df_c(w) + m · q(w),   N' = N_c + m,   q(w) = (df_b(w) + 0.5) / (N_b + 1)
//! idf(w) = ln((1 + N') / (1 + df'(w))) + 1
//! ```
//!
//! for `df_c`, `N_c` the corpus's figures and `df_b`, `N_b` the background's.
//! One article alone gets the background's idf (`concessions` is rare in
//! general English, `said` is not), so its specific phrases rank first; as
//! the corpus grows, its share of `N'` is `N_c / (N_c + m)` and its own
//! statistics take over. With `m = 0` (languages other than English) this is
//! the plain smoothed idf of the corpus.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Documents the background counts for in the blend (see the module docs).
pub const PSEUDO_DOCS: f64 = 200.0;

const DATA: &str = include_str!("background_en.tsv");

/// The background table: number of articles and stem → articles.
pub struct Background {
    /// Articles counted.
    pub n: f64,
    df: FxHashMap<&'static str, u32>,
}

impl Background {
    /// The share of background articles holding `stem`, smoothed.
    #[inline]
    pub fn share(&self, stem: &str) -> f64 {
        (self.df.get(stem).copied().unwrap_or(0) as f64 + 0.5) / (self.n + 1.0)
    }
}

/// The English background table, parsed on first use.
pub fn english() -> &'static Background {
    static BG: OnceLock<Background> = OnceLock::new();
    BG.get_or_init(|| {
        let mut n = 0.0;
        let mut df = FxHashMap::default();
        for line in DATA.lines() {
            let Some((k, v)) = line.split_once('\t') else { continue };
            let v: u32 = v.parse().unwrap_or(0);
            if k == "#documents" {
                n = v as f64;
            } else if !k.starts_with('#') {
                df.insert(k, v);
            }
        }
        Background { n, df }
    })
}

/// Whether `language` (as given to the stemmer) has a background table.
pub fn has_background(language: &str) -> bool {
    matches!(language.to_ascii_lowercase().as_str(), "en" | "english" | "eng")
}

/// The blended idf of a stem (see the module docs): `df_c` of `n_c` corpus
/// documents, background share `q`, `m` background documents.
#[inline]
pub fn blended_idf(n_c: f64, df_c: f64, q: f64, m: f64) -> f64 {
    crate::weight::smoothed_idf(n_c + m, df_c + m * q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_blend() {
        let bg = english();
        assert!(bg.n > 1000.0);
        assert!(bg.share("the") > 0.9, "{}", bg.share("the"));
        assert!(bg.share("said") > bg.share("concess"));
        // One document: the background decides.
        let idf = |w: &str, n: f64, df: f64| blended_idf(n, df, bg.share(w), PSEUDO_DOCS);
        assert!(idf("concess", 1.0, 1.0) > 2.0 * idf("year", 1.0, 1.0));
        // A large corpus: its own statistics decide, whatever the background says.
        let plain = |n: f64, df: f64| crate::weight::smoothed_idf(n, df);
        let big = 1.0e6;
        assert!((idf("year", big, 1.0e4) - plain(big, 1.0e4)).abs() / plain(big, 1.0e4) < 0.01);
        assert!((idf("concess", big, 5.0e5) - plain(big, 5.0e5)).abs() < 0.01);
        // m = 0: the corpus's smoothed idf exactly.
        assert_eq!(blended_idf(10.0, 3.0, 0.5, 0.0), plain(10.0, 3.0));
    }
}
