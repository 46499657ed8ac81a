//! Words with exact byte offsets.
//!
//! Words start from the Unicode word boundaries of UAX #29 (the
//! `unicode-segmentation` crate) and add news-aware rules on top:
//!
//! * URLs, e-mail addresses, `#hashtags` and `@mentions` stay whole;
//! * abbreviations keep their final period (`U.S.`, `Mr.`, `Sen.`, `J.`);
//! * hyphenated compounds stay whole (`pro-Russian`, `U.S.-led`, `2025-08-24`);
//! * numbers keep their sign, currency and percent (`-3.5`, `$1.13bn`, `£600m`, `25%`);
//! * possessives and contractions split as in the Penn Treebank
//!   (`Russia’s` → `Russia` `’s`, `don't` → `do` `n't`), whatever the apostrophe;
//! * emoji sequences (ZWJ, skin tones, flags) stay whole, as UAX #29 keeps them.
//!
//! Nothing but white space and invisible control/format characters is ever
//! skipped: every other character of the input is inside exactly one token.
//!
//! # How a text becomes tokens
//!
//! Text is cut at white space into *chunks*; each chunk is tokenized alone.
//!
//! 1. [`tokenize_into`] reads the text in windows of 64 bytes, each turned
//!    into bit masks of white space, ASCII letters and digits (`ascii`). A
//!    chunk made only of letters or only of digits, possibly followed by one
//!    closing mark, is emitted straight from the masks; an ASCII chunk of
//!    another common shape (`"U.S.`, `3.5%`, `don't,`) by a short scan.
//! 2. Any other position goes to the byte-by-byte tokenizer (`ascii::step`),
//!    which skips white space and hands each remaining chunk to the general
//!    path (`rules`): URLs and e-mail addresses are found first, the rest is
//!    cut at UAX #29 word boundaries (byte by byte when ASCII), each segment
//!    gets a [`TokenKind`], and the news rules merge and split segments.
//! 3. Abbreviations (`abbrev`) come from a word list plus their shape.
//!
//! Both fast paths give exactly the tokens of the general path (tests check
//! it). Sentences are in [`crate::sentences`], re-exported here as
//! [`sentences`].

use serde::{Deserialize, Serialize};

pub(crate) mod abbrev;
mod ascii;
mod rules;

pub use crate::sentences::sentences;
pub use abbrev::is_abbreviation;
pub use rules::hyphen_parts;
pub(crate) use rules::{is_apostrophe, last_hyphen_part};

use ascii::{closes_fast, step, tokenize_simple_chunk, Masks};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes or abbreviation periods.
    Word,
    /// A number, possibly with sign, currency, unit suffix or percent sign.
    Number,
    /// A punctuation mark.
    Punct,
    /// A symbol that is not punctuation (currency alone, math, arrows, ...).
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// `#something`.
    Hashtag,
    /// `@someone`.
    Mention,
    /// An emoji or emoji sequence.
    Emoji,
    /// Anything else that is visible (a lone combining mark, an unassigned code point).
    Other,
}

impl TokenKind {
    /// The lowercase name used in Python (`"word"`, `"number"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Emoji => "emoji",
            TokenKind::Other => "other",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [TokenKind; 10] = [
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::Punct,
        TokenKind::Symbol,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Hashtag,
        TokenKind::Mention,
        TokenKind::Emoji,
        TokenKind::Other,
    ];

    /// Parses a name produced by [`TokenKind::as_str`].
    pub fn parse(name: &str) -> Option<TokenKind> {
        TokenKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether tokens of this kind carry content (everything but punctuation,
    /// symbols and `Other`).
    pub fn is_content(self) -> bool {
        !matches!(self, TokenKind::Punct | TokenKind::Symbol | TokenKind::Other)
    }
}

/// A token: a byte range of the original text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `source`.
    #[inline]
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// A byte range of the original text (a sentence, a removed line, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// Characters skipped between tokens: white space, control characters and
/// invisible format characters.
#[inline]
pub fn is_skipped(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control() || c == ' ';
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Tokenizes `text`, appending tokens to `out` (which is not cleared).
///
/// The text is read in windows of 64 bytes, each turned into bit masks of
/// its white space, letters and digits. A chunk (a run of non-space bytes)
/// made only of letters or only of digits, possibly followed by one closing
/// punctuation mark, is emitted straight from the masks; an ASCII chunk of
/// another common shape by a short scan (`ascii::tokenize_simple_chunk`); any
/// other position is handed to `ascii::step`, one iteration of the
/// byte-by-byte tokenizer. The result is the same as running `ascii::step`
/// alone (a test checks it).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let mut segs: Vec<Token> = Vec::new();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut base = 0;
    while base < n {
        let m = Masks::of(bytes, base);
        // Bits at or after `from` (a position in this window).
        let mut from = 0u32;
        loop {
            let cur = !m.space & (!0u64).checked_shl(from).unwrap_or(0);
            if cur == 0 {
                // Nothing but spaces left in the window.
                base += 64;
                break;
            }
            let s = cur.trailing_zeros();
            let after = m.space & (!0u64 << s);
            if after == 0 {
                // The chunk runs past the window: read a new window from its start,
                // unless it started the window (a chunk of 64 bytes or more).
                if s > 0 {
                    base += s as usize;
                } else {
                    base = step(text, base, out, &mut segs);
                }
                break;
            }
            let e = after.trailing_zeros();
            let chunk = (!0u64 << s) & !(!0u64 << e);
            let (start, end) = (base + s as usize, base + e as usize);
            if m.alpha & chunk == chunk {
                out.push(Token { start, end, kind: TokenKind::Word });
                from = e;
                continue;
            }
            if m.digit & chunk == chunk {
                out.push(Token { start, end, kind: TokenKind::Number });
                from = e;
                continue;
            }
            let head = chunk & !(1u64 << (e - 1));
            if e - s >= 2 {
                let kind = if m.alpha & head == head {
                    Some(TokenKind::Word)
                } else if m.digit & head == head {
                    Some(TokenKind::Number)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    if closes_fast(text, start, end - 1, kind) {
                        out.push(Token { start, end: end - 1, kind });
                        out.push(Token { start: end - 1, end, kind: TokenKind::Punct });
                        from = e;
                        continue;
                    }
                }
            }
            if tokenize_simple_chunk(text, start, end, out) {
                from = e;
                continue;
            }
            let next = step(text, start, out, &mut segs);
            if next >= base + 64 {
                base = next;
                break;
            }
            from = (next - base) as u32;
        }
    }
}

/// Tokenizes `text`.
///
/// ```
/// use _lexiscope::tokenize::tokenize;
/// let text = "Russia’s U.S.-led talks don't end.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Russia", "’s", "U.S.-led", "talks", "do", "n't", "end", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Inputs for the tests of this module and of [`crate::sentences`].
#[cfg(test)]
pub(crate) mod test_inputs {
    /// `count` strings of 1 to `max_len` characters from `alphabet` (xorshift, seeded).
    pub(crate) fn random_strings(alphabet: &str, count: usize, max_len: u64, seed: u64) -> Vec<String> {
        let chars: Vec<char> = alphabet.chars().collect();
        let mut state = seed;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = (next() % max_len) as usize + 1;
                (0..len).map(|_| chars[(next() % chars.len() as u64) as usize]).collect()
            })
            .collect()
    }

    /// The contents of `relative` (a path under `../shared` of the checkout,
    /// the shared evaluation data), or `None`, with a line on stderr saying
    /// which file is missing, when it is absent. Under CI (`CI` set), which
    /// has the data, a missing file fails the test instead.
    pub(crate) fn shared_file(relative: &str) -> Option<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(relative);
        match std::fs::read_to_string(&path) {
            Ok(data) => Some(data),
            Err(e) => {
                assert!(std::env::var_os("CI").is_none(), "{}: {e}; CI has the shared data", path.display());
                eprintln!("skipping what needs {}: {e} (the shared evaluation data is absent)", path.display());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_lost() {
        let text = "a\u{0}b \u{301}x ,,, 中文 ไทย";
        let toks = tokenize(text);
        let mut covered = vec![false; text.len()];
        for t in &toks {
            for c in covered.iter_mut().take(t.end).skip(t.start) {
                *c = true;
            }
        }
        for (i, c) in text.char_indices() {
            assert!(covered[i] || is_skipped(c), "lost {c:?}");
        }
    }
}
