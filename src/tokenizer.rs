//! A configured tokenizer: tokens plus their normalized forms, stopword flags,
//! stems and word n-grams.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::{normalize_cow, normalize_into, NormalizeOptions, Stem, Stopwords};
use crate::tokenize::{tokenize_into, Token};

/// Calls `f` with the range of every n-gram (`lo ≤ n ≤ hi`) of a sequence
/// of `len` words, shortest first; returns how many there were. The one
/// n-gram generator: [`for_each_ngram`] joins the words of each range, the
/// folded terms of [`crate::keywords`] join two sequences over the same
/// ranges. (Counting, [`crate::count`], builds its n-grams from pairs of ids
/// in the same order and never joins text.)
#[inline]
pub fn for_each_ngram_range(len: usize, lo: usize, hi: usize, mut f: impl FnMut(std::ops::Range<usize>)) -> usize {
    let mut count = 0;
    for n in lo..=hi.min(len) {
        for start in 0..=len - n {
            f(start..start + n);
            count += 1;
        }
    }
    count
}

/// Calls `f` with every n-gram (`lo ≤ n ≤ hi`) of `seq`, words joined by one
/// space, shortest first; returns how many there were. Words alone
/// (`lo = hi = 1`) are passed as they are, without a copy.
#[inline]
pub fn for_each_ngram<S: AsRef<str>>(seq: &[S], lo: usize, hi: usize, mut f: impl FnMut(&str)) -> usize {
    if lo == 1 && hi == 1 {
        seq.iter().for_each(|w| f(w.as_ref()));
        return seq.len();
    }
    let mut gram = String::new();
    for_each_ngram_range(seq.len(), lo, hi, |r| {
        gram.clear();
        for (i, part) in seq[r].iter().enumerate() {
            if i > 0 {
                gram.push(' ');
            }
            gram.push_str(part.as_ref());
        }
        f(&gram);
    })
}

/// The longest n-gram any call accepts (the same limit from Rust and Python).
pub const MAX_NGRAM: usize = 16;

/// `Ok` when `(lo, hi)` is a valid n-gram range: `1 <= lo <= hi <= MAX_NGRAM`.
pub fn check_ngram(name: &str, (lo, hi): (usize, usize)) -> Result<()> {
    if lo == 0 || hi < lo || hi > MAX_NGRAM {
        return Err(Error::InvalidArgument(format!(
            "{name} must be (min, max) with 1 <= min <= max <= {MAX_NGRAM}, got ({lo}, {hi})"
        )));
    }
    Ok(())
}

/// Everything that configures a [`Tokenizer`]; serializable, so a tokenizer
/// can be saved and restored (pickled in Python).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenizerSpec {
    /// How token text becomes its normalized form.
    pub normalize: NormalizeOptions,
    /// Built-in stopword list (`"en"`), or none.
    pub stopwords: Option<String>,
    /// The user's own stopwords, added to the built-in list.
    pub extra_stopwords: Vec<String>,
    /// Whether [`Tokenizer::words`] leaves stopwords out.
    pub drop_stopwords: bool,
    /// Snowball stemmer language for [`Tokenizer::words`], or none.
    pub stem: Option<String>,
    /// Smallest and largest word n-gram produced by [`Tokenizer::words`].
    pub ngram_range: (usize, usize),
}

impl Default for TokenizerSpec {
    fn default() -> Self {
        TokenizerSpec {
            normalize: NormalizeOptions::default(),
            stopwords: Some("en".into()),
            extra_stopwords: Vec::new(),
            drop_stopwords: false,
            stem: None,
            ngram_range: (1, 1),
        }
    }
}

/// A tokenizer with its configuration fixed at construction; cheap to clone
/// and safe to share between threads.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    spec: TokenizerSpec,
    stopwords: Stopwords,
    stem: Option<Stem>,
}

/// A token with its normalized form, as returned by [`Tokenizer::analyze`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// Offsets and kind.
    pub token: Token,
    /// Normalized form.
    pub norm: String,
    /// Whether the normalized form is a stopword.
    pub is_stop: bool,
}

impl Tokenizer {
    /// A tokenizer from its specification.
    pub fn new(spec: TokenizerSpec) -> Result<Self> {
        check_ngram("ngram_range", spec.ngram_range)?;
        let stopwords = Stopwords::new(spec.stopwords.as_deref(), &spec.extra_stopwords, &spec.normalize)?;
        let stem = spec.stem.as_deref().map(Stem::new).transpose()?;
        Ok(Tokenizer { spec, stopwords, stem })
    }

    /// The specification this tokenizer was built from.
    pub fn spec(&self) -> &TokenizerSpec {
        &self.spec
    }

    /// The stopword set.
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }

    /// The stemmer, if any.
    pub fn stemmer(&self) -> Option<&Stem> {
        self.stem.as_ref()
    }

    /// Tokens of `text` (offsets and kinds only).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        crate::tokenize::tokenize(text)
    }

    /// Writes the normalized form of a token's text into `out`.
    #[inline]
    pub fn norm_into(&self, token_text: &str, out: &mut String) {
        normalize_into(token_text, &self.spec.normalize, out)
    }

    /// Whether a normalized form is a stopword.
    #[inline]
    pub fn is_stop(&self, norm: &str) -> bool {
        self.stopwords.contains(norm)
    }

    /// Tokens with normalized forms and stopword flags.
    pub fn analyze(&self, text: &str) -> Vec<AnalyzedToken> {
        let mut norm = String::new();
        self.tokens(text)
            .into_iter()
            .map(|token| {
                self.norm_into(token.text(text), &mut norm);
                AnalyzedToken { token, is_stop: self.is_stop(&norm), norm: norm.clone() }
            })
            .collect()
    }

    /// Calls `f` with each word of `text`: the normalized (and, if configured,
    /// stemmed) form of every content token (not punctuation or symbols),
    /// stopwords left out when `drop_stopwords` is set, then joined into word
    /// n-grams when `ngram_range` asks for them. Returns the number of words.
    pub fn words_each(&self, text: &str, tokens_buf: &mut Vec<Token>, mut f: impl FnMut(&str)) -> usize {
        tokens_buf.clear();
        tokenize_into(text, tokens_buf);
        let mut norm = String::new();
        let (lo, hi) = self.spec.ngram_range;
        let unigrams_only = lo == 1 && hi == 1;
        let mut seq: Vec<String> = Vec::new();
        let mut count = 0;
        for t in tokens_buf.iter() {
            if !t.kind.is_content() {
                continue;
            }
            let normed = normalize_cow(t.text(text), &self.spec.normalize, &mut norm);
            if self.spec.drop_stopwords && self.is_stop(normed) {
                continue;
            }
            let stemmed;
            let word: &str = match &self.stem {
                Some(s) => {
                    stemmed = s.stem(normed);
                    &stemmed
                }
                None => normed,
            };
            if unigrams_only {
                // Words alone stream, as `for_each_ngram` would pass them.
                f(word);
                count += 1;
            } else {
                seq.push(word.to_string());
            }
        }
        if !unigrams_only {
            count += for_each_ngram(&seq, lo, hi, &mut f);
        }
        count
    }

    /// The words of `text` (see [`Tokenizer::words_each`]).
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.words_each(text, &mut Vec::new(), |w| out.push(w.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_ngrams() {
        let t = Tokenizer::new(TokenizerSpec::default()).unwrap();
        assert_eq!(t.words("The U.S. sanctions, Russia’s war!"), ["the", "u.s.", "sanctions", "russia", "'s", "war"]);
        let t = Tokenizer::new(TokenizerSpec {
            drop_stopwords: true,
            stem: Some("en".into()),
            ngram_range: (1, 2),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(t.words("The sanctions on Russia"), ["sanction", "russia", "sanction russia"]);
        assert!(Tokenizer::new(TokenizerSpec { ngram_range: (2, 1), ..Default::default() }).is_err());
    }
}
