//! Words and sentences with exact byte offsets.
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
//! Sentences start from the UAX #29 sentence boundaries and are corrected for
//! abbreviations (`U.S. Vice President JD Vance` is not split), quotations
//! followed by a lowercase continuation (`“We won!” he said.`), open brackets,
//! and hard-wrapped lines (a single line break inside a sentence that goes on
//! in lowercase).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

use crate::stopwords;

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

/// Abbreviations that keep their final period (lowercase, without the period).
/// Single letters (`J.`) and dotted forms (`U.S.`, `e.g.`) are recognised by shape.
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "assn", "aug", "ave", "bros", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept",
    "dr", "est", "etc", "feb", "fig", "fr", "ft", "gen", "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd",
    "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "nov", "oct", "pfc", "ph", "pp", "prof", "pvt", "rep", "reps",
    "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "supt", "vol", "vs",
];

/// Abbreviations that precede a name: a sentence never ends after them.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon", "lt", "maj", "messrs", "mr", "mrs", "ms",
    "pfc", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt",
];

/// Whether `word` (any case) is in [`ABBREVIATIONS`], or in
/// [`TITLE_ABBREVIATIONS`] when `titles` is true.
fn in_list(titles: bool, word: &str) -> bool {
    // Both lists hold ASCII words of at most 7 letters, packed into integers
    // (lowercase bytes, big-endian, zero-padded) and sorted once, so a check is
    // a binary search over integers.
    // A 512-bit filter of the keys' hashes answers most words (those not in
    // the list) before the search.
    type Packed = (Vec<u64>, [u64; 8]);
    static PACKED: OnceLock<[Packed; 2]> = OnceLock::new();
    let bit = |k: u64| (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize;
    let packed = PACKED.get_or_init(|| {
        let pack_all = |l: &[&str]| {
            let mut v: Vec<u64> = l.iter().filter_map(|w| pack_lower(w)).collect();
            v.sort_unstable();
            let mut filter = [0u64; 8];
            for &k in &v {
                filter[bit(k) / 64] |= 1 << (bit(k) % 64);
            }
            (v, filter)
        };
        [pack_all(ABBREVIATIONS), pack_all(TITLE_ABBREVIATIONS)]
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

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn classify(seg: &str) -> TokenKind {
    let first = match seg.chars().next() {
        Some(c) => c,
        None => return TokenKind::Other,
    };
    if first.is_ascii() {
        if first.is_ascii_digit() {
            return TokenKind::Number;
        }
        if first.is_ascii_alphabetic() {
            return TokenKind::Word;
        }
        if first == '_' {
            return if seg.chars().any(char::is_alphanumeric) { TokenKind::Word } else { TokenKind::Punct };
        }
        return match first {
            '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => TokenKind::Symbol,
            _ => TokenKind::Punct,
        };
    }
    if first.is_numeric() && !seg.chars().any(char::is_alphabetic) || first.is_numeric() && first.is_ascii_digit() {
        return TokenKind::Number;
    }
    if first.is_alphanumeric() {
        return if first.is_numeric() && seg.chars().all(|c| c.is_numeric() || c == '.' || c == ',') {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
    }
    if first.is_emoji_char() || ('\u{1F1E6}'..='\u{1F1FF}').contains(&first) {
        return TokenKind::Emoji;
    }
    match first.general_category_group() {
        GeneralCategoryGroup::Punctuation => TokenKind::Punct,
        GeneralCategoryGroup::Symbol => TokenKind::Symbol,
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number => TokenKind::Word,
        _ => {
            if seg.chars().any(char::is_alphabetic) {
                TokenKind::Word
            } else {
                TokenKind::Other
            }
        }
    }
}

/// Tokenizes `text`, appending tokens to `out` (which is not cleared).
///
/// The text is read in windows of 64 bytes, each turned into bit masks of
/// its white space, letters and digits. A chunk (a run of non-space bytes)
/// made only of letters or only of digits, possibly followed by one closing
/// punctuation mark, is emitted straight from the masks; any other position
/// is handed to [`step`], one iteration of the byte-by-byte tokenizer. The
/// result is the same as running [`step`] alone (a test checks it).
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

/// Tokens of an ASCII chunk of a common shape, pushed onto `out`; false (and
/// nothing pushed) for any other chunk, which then goes through segmentation
/// and the news rules. The shapes, which those would tokenize the same way:
/// an optional opening mark (`"`, `(`, `[`, `<`), then a core, then closing
/// marks (`, ; ! ? ) " ] : . >`), one token each. The core is
///
/// * letters and digits (a number if the first is a digit);
/// * digits with single `.` or `,` between them, and an optional `%`;
/// * letters and digits in parts joined by single hyphens (`Aa-Aa`, `0-0`);
/// * letters, an apostrophe, letters (clitics split as the news rules split them);
/// * single letters joined by periods (`U.S`).
///
/// A period right after a word core joins it when the word is an abbreviation.
fn tokenize_simple_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> bool {
    let b = text.as_bytes();
    let alnum_run = |mut j: usize| {
        while j < end && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        j
    };
    let lead = matches!(b[start], b'"' | b'(' | b'[' | b'<');
    let core = start + lead as usize;
    if core >= end || !b[core].is_ascii_alphanumeric() {
        return false;
    }
    let mut kind = if b[core].is_ascii_digit() { TokenKind::Number } else { TokenKind::Word };
    let mut j = alnum_run(core);
    let mut apostrophe = false;
    if j + 1 < end {
        let next_alnum = b[j + 1].is_ascii_alphanumeric();
        let all = |from: usize, to: usize, f: fn(&u8) -> bool| b[from..to].iter().all(f);
        match b[j] {
            b'.' | b',' if next_alnum && all(core, j, u8::is_ascii_digit) => {
                while j + 1 < end && matches!(b[j], b'.' | b',') && b[j + 1].is_ascii_digit() {
                    j += 1;
                    while j < end && b[j].is_ascii_digit() {
                        j += 1;
                    }
                }
                if j < end && b[j].is_ascii_alphabetic() {
                    return false;
                }
            }
            b'-' if next_alnum => {
                while j + 1 < end && b[j] == b'-' && b[j + 1].is_ascii_alphanumeric() {
                    if b[j + 1].is_ascii_alphabetic() {
                        kind = TokenKind::Word;
                    }
                    j = alnum_run(j + 1);
                }
            }
            b'\'' if next_alnum && all(core, j, u8::is_ascii_alphabetic) => {
                let k = alnum_run(j + 1);
                if !all(j + 1, k, u8::is_ascii_alphabetic) {
                    return false;
                }
                apostrophe = true;
                j = k;
            }
            b'.' if j == core + 1 && b[core].is_ascii_alphabetic() => {
                while j + 1 < end && b[j] == b'.' && b[j + 1].is_ascii_alphabetic() {
                    j += 2;
                }
                if j < end && b[j].is_ascii_alphanumeric() {
                    return false;
                }
            }
            _ => {}
        }
    }
    if kind == TokenKind::Number && j < end && b[j] == b'%' {
        j += 1;
    }
    // Everything after the core must be closing marks.
    if !b[j..end].iter().all(|c| matches!(c, b',' | b';' | b'!' | b'?' | b')' | b'"' | b']' | b':' | b'.' | b'>')) {
        return false;
    }
    let mut core_end = j;
    if kind == TokenKind::Word && j < end && b[j] == b'.' && is_abbreviation(last_hyphen_part(&text[core..j])) {
        core_end += 1;
    }
    if lead {
        let kind = if b[start] == b'<' { TokenKind::Symbol } else { TokenKind::Punct };
        out.push(Token { start, end: core, kind });
    }
    let word = Token { start: core, end: core_end, kind };
    if apostrophe {
        split_clitic(text, word, out);
    } else {
        out.push(word);
    }
    for (k, &c) in b.iter().enumerate().take(end).skip(core_end) {
        let kind = if c == b'>' { TokenKind::Symbol } else { TokenKind::Punct };
        out.push(Token { start: k, end: k + 1, kind });
    }
    true
}

/// One iteration of the byte-by-byte tokenizer at `pos` (anything that is not
/// white space being skipped is a chunk): skips one white space or control character, or
/// tokenizes the chunk that starts at `pos`. Returns the next position.
fn step(text: &str, pos: usize, out: &mut Vec<Token>, segs: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let class = CLASS[bytes[pos] as usize];
    // Skip white space and control characters between chunks.
    if class == SPACE || class == CTRL {
        return pos + 1;
    }
    if class == NON_ASCII {
        let c = text[pos..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            return pos + c.len_utf8();
        }
    }
    // The common case: a run of ASCII letters (or digits), then white
    // space, or one closing punctuation mark and white space.
    if class == ALPHA || class == DIGIT {
        let mut k = pos + 1;
        while k < n && CLASS[bytes[k] as usize] == class {
            k += 1;
        }
        let kind = if class == ALPHA { TokenKind::Word } else { TokenKind::Number };
        if k == n || CLASS[bytes[k] as usize] == SPACE {
            out.push(Token { start: pos, end: k, kind });
            return k;
        }
        if (k + 1 == n || CLASS[bytes[k + 1] as usize] == SPACE) && closes_fast(text, pos, k, kind) {
            out.push(Token { start: pos, end: k, kind });
            out.push(Token { start: k, end: k + 1, kind: TokenKind::Punct });
            return k + 1;
        }
    }
    // A chunk runs to the next white space.
    let mut end = pos;
    while end < n {
        match CLASS[bytes[end] as usize] {
            SPACE => break,
            NON_ASCII => {
                let c = text[end..].chars().next().unwrap_or('a');
                if c.is_whitespace() {
                    break;
                }
                end += c.len_utf8();
            }
            _ => end += 1,
        }
    }
    tokenize_chunk(text, pos, end, out, segs);
    end
}

/// The byte-by-byte tokenizer alone (the reference for [`tokenize_into`]).
#[cfg(test)]
fn tokenize_stepwise(text: &str) -> Vec<Token> {
    let (mut out, mut segs) = (Vec::new(), Vec::new());
    let mut pos = 0;
    while pos < text.len() {
        pos = step(text, pos, &mut out, &mut segs);
    }
    out
}

/// Bit masks of a 64-byte window of text (bit `i` is byte `base + i`);
/// bytes past the end of the text count as white space.
struct Masks {
    /// ASCII white space (the `SPACE` class).
    space: u64,
    /// ASCII letters.
    alpha: u64,
    /// ASCII digits.
    digit: u64,
}

impl Masks {
    #[inline]
    fn of(bytes: &[u8], base: usize) -> Masks {
        let rest = &bytes[base..];
        if rest.len() >= 64 {
            let window: &[u8; 64] = rest[..64].try_into().expect("64 bytes");
            return Masks::of_window(window);
        }
        let mut window = [b' '; 64];
        window[..rest.len()].copy_from_slice(rest);
        Masks::of_window(&window)
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn of_window(w: &[u8; 64]) -> Masks {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of the x86_64 baseline; the four unaligned
        // 16-byte loads read inside the 64-byte array.
        unsafe {
            let (mut space, mut alpha, mut digit) = (0u64, 0u64, 0u64);
            for i in 0..4 {
                let v = _mm_loadu_si128(w.as_ptr().add(16 * i) as *const __m128i);
                // Unsigned x <= k as min(x, k) == x.
                let le = |x: __m128i, k: i8| _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(k)), x);
                let sp = _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8)),
                    le(_mm_sub_epi8(v, _mm_set1_epi8(9)), 4),
                );
                let al = le(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8)), 25);
                let di = le(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 9);
                space |= (_mm_movemask_epi8(sp) as u16 as u64) << (16 * i);
                alpha |= (_mm_movemask_epi8(al) as u16 as u64) << (16 * i);
                digit |= (_mm_movemask_epi8(di) as u16 as u64) << (16 * i);
            }
            Masks { space, alpha, digit }
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn of_window(w: &[u8; 64]) -> Masks {
        let (mut space, mut alpha, mut digit) = (0u64, 0u64, 0u64);
        for (i, &b) in w.iter().enumerate() {
            let c = CLASS[b as usize];
            space |= ((c == SPACE) as u64) << i;
            alpha |= ((c == ALPHA) as u64) << i;
            digit |= ((c == DIGIT) as u64) << i;
        }
        Masks { space, alpha, digit }
    }
}

const SPACE: u8 = 0;
const CTRL: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 3;
const OTHER: u8 = 4;
const NON_ASCII: u8 = 5;

/// Byte classes for the ASCII fast path.
static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => SPACE,
            0..=0x1F | 0x7F => CTRL,
            b'a'..=b'z' | b'A'..=b'Z' => ALPHA,
            b'0'..=b'9' => DIGIT,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// Whether the punctuation byte at `k`, right after the word or number
/// `text[start..k]`, is a separate token by every rule (so no segmentation is needed).
#[inline]
fn closes_fast(text: &str, start: usize, k: usize, kind: TokenKind) -> bool {
    match text.as_bytes()[k] {
        b',' | b';' | b'!' | b'?' | b')' | b'"' | b']' | b':' => true,
        b'.' => kind == TokenKind::Number || !is_abbreviation(&text[start..k]),
        _ => false,
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

/// Finds a URL or e-mail inside `chunk` (absolute offsets), returning its span and kind.
fn find_special(text: &str, start: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    let chunk = &text[start..end];
    if chunk.len() < 4 {
        return None;
    }
    let cb = chunk.as_bytes();
    // URLs: scheme://... or www.
    let mut url_start = None;
    if let Some(i) = find_bytes(cb, b"://") {
        let mut s = i;
        while s > 0 && (cb[s - 1].is_ascii_alphanumeric() || matches!(cb[s - 1], b'+' | b'.' | b'-')) {
            s -= 1;
        }
        while s < i && !cb[s].is_ascii_alphabetic() {
            s += 1;
        }
        if i - s >= 2 && i + 3 < cb.len() {
            url_start = Some(s);
        }
    }
    if url_start.is_none() {
        if let Some(i) = find_ascii_ci(cb, b"www.") {
            if (i == 0 || !cb[i - 1].is_ascii_alphanumeric()) && i + 4 < cb.len() && cb[i + 4].is_ascii_alphanumeric() {
                url_start = Some(i);
            }
        }
    }
    if let Some(s) = url_start {
        let e = trim_url_end(chunk, s);
        return Some((start + s, start + e, TokenKind::Url));
    }
    // E-mail: local@domain.tld
    let at = memchr_byte(cb, b'@')?;
    let is_local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut s = at;
    while s > 0 && is_local(cb[s - 1]) {
        s -= 1;
    }
    while s < at && !cb[s].is_ascii_alphanumeric() {
        s += 1;
    }
    if s == at {
        return None;
    }
    let mut e = at + 1;
    while e < cb.len() && (cb[e].is_ascii_alphanumeric() || matches!(cb[e], b'.' | b'-')) {
        e += 1;
    }
    while e > at + 1 && !cb[e - 1].is_ascii_alphanumeric() {
        e -= 1;
    }
    let domain = &chunk[at + 1..e];
    let dot = domain.rfind('.')?;
    if dot == 0 || domain.len() - dot < 3 || !domain[dot + 1..].bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some((start + s, start + e, TokenKind::Email))
}

fn trim_url_end(chunk: &str, s: usize) -> usize {
    let cb = chunk.as_bytes();
    let mut e = cb.len();
    while let Some(c) = chunk[s..e].chars().next_back() {
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '’' | '”' | '»' | ']' | '}' | '>' => true,
            ')' => {
                let inner = &chunk[s..e];
                inner.matches('(').count() < inner.matches(')').count()
            }
            _ => false,
        };
        if !drop || e - c.len_utf8() <= s {
            break;
        }
        e -= c.len_utf8();
    }
    e
}

#[inline]
fn memchr_byte(hay: &[u8], needle: u8) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn tokenize_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>, segs: &mut Vec<Token>) {
    // Fast exit for chunks without anything special to look for.
    let chunk = &text[start..end];
    let maybe_special = chunk.len() >= 4 && chunk.bytes().any(|b| b == b'@' || b == b':' || b == b'.');
    if maybe_special {
        if let Some((s, e, kind)) = find_special(text, start, end) {
            if s > start {
                tokenize_plain(text, start, s, out, segs);
            }
            out.push(Token { start: s, end: e, kind });
            if e < end {
                tokenize_chunk(text, e, end, out, segs);
            }
            return;
        }
    }
    tokenize_plain(text, start, end, out, segs);
}

/// UAX #29 segments of `text[start..end]` (no white space inside) plus the news rules.
fn tokenize_plain(text: &str, start: usize, end: usize, out: &mut Vec<Token>, segs: &mut Vec<Token>) {
    segs.clear();
    let chunk = &text[start..end];
    if chunk.is_ascii() {
        ascii_word_bounds(chunk.as_bytes(), |s, e| {
            let seg = &chunk[s..e];
            if !seg.bytes().all(|b| b < 0x20 || b == 0x7f) {
                segs.push(Token { start: start + s, end: start + e, kind: classify(seg) });
            }
        });
    } else {
        unicode_segments(chunk, start, segs);
    }
    apply_news_rules(text, segs, out);
}

/// UAX #29 word boundaries of an ASCII string without white space: the same
/// segments as `split_word_bound_indices`, computed byte by byte (a test
/// checks the two agree). ASCII classes: ALetter `A-Za-z`, Numeric `0-9`,
/// ExtendNumLet `_`, MidLetter `:`, MidNumLet `.` `'`, MidNum `,` `;`.
fn ascii_word_bounds(b: &[u8], mut emit: impl FnMut(usize, usize)) {
    #[inline]
    fn is_word(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'_'
    }
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        if !is_word(b[i]) {
            emit(i, i + 1);
            i += 1;
            continue;
        }
        i += 1;
        loop {
            if i < n && is_word(b[i]) {
                i += 1;
                continue;
            }
            // A single middle character between two letters or two digits.
            if i + 1 < n {
                let (prev, mid, next) = (b[i - 1], b[i], b[i + 1]);
                let joins = match mid {
                    b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                    b'.' | b'\'' => {
                        (prev.is_ascii_alphabetic() && next.is_ascii_alphabetic())
                            || (prev.is_ascii_digit() && next.is_ascii_digit())
                    }
                    b',' | b';' => prev.is_ascii_digit() && next.is_ascii_digit(),
                    _ => false,
                };
                if joins {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        emit(start, i);
    }
}

fn unicode_segments(chunk: &str, start: usize, segs: &mut Vec<Token>) {
    for (i, seg) in chunk.split_word_bound_indices() {
        // Format characters attach to the preceding segment in UAX #29 (WB4);
        // at the edges of a token they are invisible and skipped.
        let lead = seg.len() - seg.trim_start_matches(is_skipped).len();
        let seg = seg.trim_matches(is_skipped);
        if seg.is_empty() {
            continue;
        }
        let s = start + i + lead;
        segs.push(Token { start: s, end: s + seg.len(), kind: classify(seg) });
    }
}

/// Merges and splits UAX #29 segments by the news rules (see the module docs).
fn apply_news_rules(text: &str, segs: &[Token], out: &mut Vec<Token>) {
    let n = segs.len();
    let mut i = 0;
    while i < n {
        let mut cur = segs[i];
        i += 1;
        let first_char = text[cur.start..].chars().next().unwrap_or(' ');
        // A sign or currency glued to a following number.
        if i < n && segs[i].start == cur.end && segs[i].kind == TokenKind::Number {
            let is_sign = matches!(first_char, '-' | '+' | '\u{2212}') && cur.end - cur.start == first_char.len_utf8();
            let sign_ok = is_sign && (out.last().is_none_or(|t| t.end < cur.start || !t.kind.is_content()));
            let is_currency =
                cur.kind == TokenKind::Symbol && first_char.general_category() == GeneralCategory::CurrencySymbol;
            if sign_ok || is_currency {
                cur = Token { start: cur.start, end: segs[i].end, kind: TokenKind::Number };
                i += 1;
            }
        }
        // `#tag` and `@name`.
        if (first_char == '#' || first_char == '@')
            && cur.end - cur.start == 1
            && i < n
            && segs[i].start == cur.end
            && matches!(segs[i].kind, TokenKind::Word | TokenKind::Number)
            && out.last().is_none_or(|t| t.end < cur.start || !t.kind.is_content())
        {
            let kind = if first_char == '#' { TokenKind::Hashtag } else { TokenKind::Mention };
            cur = Token { start: cur.start, end: segs[i].end, kind };
            i += 1;
            out.push(cur);
            continue;
        }
        if matches!(cur.kind, TokenKind::Word | TokenKind::Number) {
            loop {
                let mut changed = false;
                // Abbreviation period.
                if cur.kind == TokenKind::Word
                    && i < n
                    && segs[i].start == cur.end
                    && &text[segs[i].start..segs[i].end] == "."
                    && !text[cur.start..cur.end].ends_with('.')
                    && is_abbreviation(last_hyphen_part(&text[cur.start..cur.end]))
                {
                    cur.end = segs[i].end;
                    i += 1;
                    changed = true;
                }
                // Percent sign after a number.
                if cur.kind == TokenKind::Number
                    && i < n
                    && segs[i].start == cur.end
                    && matches!(&text[segs[i].start..segs[i].end], "%" | "‰")
                {
                    cur.end = segs[i].end;
                    i += 1;
                    changed = true;
                }
                // Hyphenated compound.
                if i + 1 < n
                    && segs[i].start == cur.end
                    && segs[i + 1].start == segs[i].end
                    && matches!(segs[i + 1].kind, TokenKind::Word | TokenKind::Number)
                    && text[segs[i].start..segs[i].end].chars().all(is_hyphen)
                    && segs[i].end - segs[i].start <= 3
                {
                    let next_kind = segs[i + 1].kind;
                    cur.end = segs[i + 1].end;
                    if next_kind == TokenKind::Word {
                        cur.kind = TokenKind::Word;
                    }
                    i += 2;
                    changed = true;
                }
                if !changed {
                    break;
                }
            }
            if cur.kind == TokenKind::Word {
                for piece in split_glued(text, cur) {
                    split_clitic(text, piece, out);
                }
                continue;
            }
        }
        out.push(cur);
    }
}

fn last_hyphen_part(word: &str) -> &str {
    match word.rfind(is_hyphen) {
        Some(i) => &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..],
        None => word,
    }
}

/// Splits sentences glued by a missing space (`Sunday.The`, `Axios:MAGA`): a
/// `.` or `:` after a lowercase letter (two or more letters before it) and
/// before an uppercase letter becomes its own token. `U.S`, `e.g`,
/// `example.com` and `10:30` are left alone.
fn split_glued(text: &str, tok: Token) -> Vec<Token> {
    let word = &text[tok.start..tok.end];
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 2..b.len().saturating_sub(1) {
        if (b[i] == b'.' || b[i] == b':')
            && b[i - 1].is_ascii_lowercase()
            && b[i - 2].is_ascii_alphabetic()
            && b[i + 1].is_ascii_uppercase()
            && i > start + 1
        {
            out.push(Token { start: tok.start + start, end: tok.start + i, kind: TokenKind::Word });
            out.push(Token { start: tok.start + i, end: tok.start + i + 1, kind: TokenKind::Punct });
            start = i + 1;
        }
    }
    out.push(Token { start: tok.start + start, end: tok.end, kind: TokenKind::Word });
    out
}

/// Splits a possessive or contraction off the end of a word (Penn Treebank style).
fn split_clitic(text: &str, tok: Token, out: &mut Vec<Token>) {
    let word = &text[tok.start..tok.end];
    // Apostrophes are `'`, or end in byte 0x99 (U+2019) or 0xBC (U+02BC).
    if !word.bytes().any(|b| b == b'\'' || b == 0x99 || b == 0xBC) {
        out.push(tok);
        return;
    }
    if let Some((apos_at, apos)) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        if apos_at > 0 {
            let suffix = &word[apos_at + apos.len_utf8()..];
            let lower: String = suffix.chars().flat_map(char::to_lowercase).collect();
            let head = &word[..apos_at];
            if lower == "t" && head.len() > 1 && (head.ends_with('n') || head.ends_with('N')) {
                let cut = tok.start + apos_at - 1;
                out.push(Token { start: tok.start, end: cut, kind: TokenKind::Word });
                out.push(Token { start: cut, end: tok.end, kind: TokenKind::Word });
                return;
            }
            if matches!(lower.as_str(), "s" | "ll" | "re" | "ve" | "d" | "m")
                && head.chars().next_back().is_some_and(char::is_alphanumeric)
            {
                let cut = tok.start + apos_at;
                out.push(Token { start: tok.start, end: cut, kind: classify(head) });
                out.push(Token { start: cut, end: tok.end, kind: TokenKind::Word });
                return;
            }
        }
    }
    out.push(tok);
}

/// The parts of a hyphenated word (`pro-Russian` → `pro`, `Russian`); one part otherwise.
pub fn hyphen_parts(word: &str) -> Vec<&str> {
    word.split(is_hyphen).filter(|p| !p.is_empty()).collect()
}

/// Sentences of `text`, trimmed of surrounding white space.
///
/// ```
/// use _lexiscope::tokenize::sentences;
/// let text = "U.S. Vice President JD Vance spoke. “We won!” he said. It ended.";
/// let s: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(s, ["U.S. Vice President JD Vance spoke.", "“We won!” he said.", "It ended."]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    let mut raw: Vec<Span> = Vec::new();
    let segments = sentence_segments(text).into_iter().map(|(a, b)| (a, &text[a..b]));
    for (i, seg) in segments {
        let trimmed_start = seg.len() - seg.trim_start_matches(is_skipped).len();
        let trimmed = seg.trim_matches(is_skipped);
        if trimmed.is_empty() {
            continue;
        }
        raw.push(Span { start: i + trimmed_start, end: i + trimmed_start + trimmed.len() });
    }
    let mut out: Vec<Span> = Vec::with_capacity(raw.len());
    for span in raw {
        if let Some(prev) = out.last_mut() {
            if should_join(text, *prev, span) {
                prev.end = span.end;
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// UAX #29 sentence segments of `text` as (start, end) byte offsets. A line
/// feed always ends a segment (rule SB4), so the text is cut after each one
/// and every line is segmented alone: byte by byte when it is ASCII or its
/// other characters have ASCII stand-ins of the same class, by
/// `unicode-segmentation` otherwise (a test checks the result equals
/// segmenting the whole text at once).
fn sentence_segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stand_in: Vec<u8> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        if line.is_ascii() {
            let mut start = base;
            ascii_sentence_bounds(line.as_bytes(), |e| {
                out.push((start, base + e));
                start = base + e;
            });
        } else if !ascii_stand_ins(line, &mut stand_in, &mut offsets) {
            out.extend(line.split_sentence_bound_indices().map(|(i, seg)| (base + i, base + i + seg.len())));
        } else {
            // One ASCII byte of the same sentence-break class per character.
            let mut start = base;
            ascii_sentence_bounds(&stand_in, |e| {
                out.push((start, base + offsets[e]));
                start = base + offsets[e];
            });
        }
        base += line.len();
    }
    out
}

/// Writes to `out` one ASCII character per character of `line`, of the same
/// UAX #29 sentence-break class, and to `offsets` each character's byte
/// offset (then the line's length). False when a character is none of those
/// handled here (the caller then segments the line with `unicode-segmentation`).
/// Handled beyond ASCII: spaces (Sp), quotation marks (Close), en and em
/// dashes (SContinue), a few symbols of class Other (`£ ¥ © ® ° € •`, like
/// `$`), and upper- and lowercase Latin letters (Upper, Lower).
fn ascii_stand_ins(line: &str, out: &mut Vec<u8>, offsets: &mut Vec<usize>) -> bool {
    out.clear();
    offsets.clear();
    for (i, c) in line.char_indices() {
        let b = if c.is_ascii() {
            c as u8
        } else {
            match c {
                '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => b' ',
                '\u{AB}' | '\u{BB}' | '\u{2018}'..='\u{201F}' => b'"',
                '\u{2013}' | '\u{2014}' => b'-',
                '\u{A3}' | '\u{A5}' | '\u{A9}' | '\u{AE}' | '\u{B0}' | '\u{20AC}' | '\u{2022}' => b'$',
                '\u{C0}'..='\u{24F}' if c.is_uppercase() => b'A',
                '\u{C0}'..='\u{24F}' if c.is_lowercase() => b'a',
                _ => return false,
            }
        };
        out.push(b);
        offsets.push(i);
    }
    offsets.push(line.len());
    true
}

/// UAX #29 sentence boundaries of ASCII text, from one terminator or line
/// break to the next (16 bytes at a time between them): `emit` gets the
/// end of every segment, the same segments as `split_sentence_bounds` (a test
/// checks the two agree). ASCII classes: Sp (space, tab, VT, FF), CR, LF,
/// Lower, Upper, Numeric, ATerm `.`, STerm `!` `?`, SContinue `,` `-` `:` `;`,
/// Close `"` `'` `(` `)` `[` `]` `{` `}`.
fn ascii_sentence_bounds(b: &[u8], mut sink: impl FnMut(usize)) {
    let mut last = 0;
    let mut emit = |e: usize| {
        if e > last {
            last = e;
            sink(e);
        }
    };
    #[inline]
    fn is_sp(c: u8) -> bool {
        matches!(c, b' ' | b'\t' | 0x0B | 0x0C)
    }
    #[inline]
    fn is_close(c: u8) -> bool {
        matches!(c, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}')
    }
    #[inline]
    fn is_saterm(c: u8) -> bool {
        matches!(c, b'.' | b'!' | b'?')
    }
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        // SB3, SB4: a paragraph separator ends a sentence (CR LF together).
        if c == b'\r' || c == b'\n' {
            let end = if c == b'\r' && i + 1 < n && b[i + 1] == b'\n' { i + 2 } else { i + 1 };
            emit(end);
            i = end;
            continue;
        }
        if !is_saterm(c) {
            // Nothing happens before the next terminator or line break.
            i = next_terminator(b, i + 1);
            continue;
        }
        // SB6, SB7: `3.5`, `U.S`.
        if c == b'.' && i + 1 < n {
            let next = b[i + 1];
            if next.is_ascii_digit() || (next.is_ascii_uppercase() && i > 0 && b[i - 1].is_ascii_alphabetic()) {
                i += 1;
                continue;
            }
        }
        let mut q = i + 1;
        while q < n && is_close(b[q]) {
            q += 1;
        }
        while q < n && is_sp(b[q]) {
            q += 1;
        }
        if q < n && (b[q] == b'\r' || b[q] == b'\n') {
            // SB11 with ParaSep: the separator belongs to this sentence.
            let end = if b[q] == b'\r' && q + 1 < n && b[q + 1] == b'\n' { q + 2 } else { q + 1 };
            emit(end);
            i = end;
            continue;
        }
        if q >= n {
            break;
        }
        // SB8a: a continuation or another terminator follows.
        if matches!(b[q], b',' | b'-' | b':' | b';') || is_saterm(b[q]) {
            i = q;
            continue;
        }
        // SB8: after `.`, a lowercase letter before any other letter, separator or terminator.
        if c == b'.' {
            let mut r = q;
            while r < n && !(b[r].is_ascii_alphabetic() || b[r] == b'\r' || b[r] == b'\n' || is_saterm(b[r])) {
                r += 1;
            }
            if r < n && b[r].is_ascii_lowercase() {
                i = q;
                continue;
            }
        }
        emit(q);
        i = q;
    }
    if n > 0 {
        emit(n);
    }
}

/// The position of the first `.`, `!`, `?`, CR or LF in `b` at or after `from`
/// (`b.len()` if none): 16 bytes at a time with SSE2 on x86-64.
#[inline]
fn next_terminator(b: &[u8], from: usize) -> usize {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        while i + 16 <= b.len() {
            // SAFETY: SSE2 is part of the x86-64 baseline, and the 16 bytes
            // read start at `i` with `i + 16 <= b.len()`.
            let mask = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
                let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
                let hit = _mm_or_si128(
                    _mm_or_si128(eq(b'.'), eq(b'!')),
                    _mm_or_si128(eq(b'?'), _mm_or_si128(eq(b'\r'), eq(b'\n'))),
                );
                _mm_movemask_epi8(hit) as u32
            };
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    while i < b.len() && !matches!(b[i], b'.' | b'!' | b'?' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

const MAX_JOINED_SENTENCE: usize = 2000;

fn should_join(text: &str, prev: Span, next: Span) -> bool {
    let gap = &text[prev.end..next.start];
    if next.end - prev.start > MAX_JOINED_SENTENCE {
        return false;
    }
    let prev_text = &text[prev.start..prev.end];
    let next_text = &text[next.start..next.end];
    if gap.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        // Hard-wrapped text: one line break inside a sentence that goes on in
        // lowercase. A blank line, or sentence punctuation before the break, ends it.
        let one_break = gap.matches('\n').count() == 1 && !gap.contains(['\u{2028}', '\u{2029}']);
        let open = !prev_text.ends_with(['.', '!', '?', '…', ':', ';', '"', '”', '’', '\'', ')']);
        return one_break && open && next_text.chars().next().is_some_and(char::is_lowercase);
    }
    let first_next = next_text.chars().find(|c| c.is_alphanumeric());
    // A continuation in lowercase: `“We won!” he said.`, `e.g. this`.
    if next_text.chars().next().is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    // An open bracket.
    let opens = prev_text.matches(['(', '[']).count();
    let closes = prev_text.matches([')', ']']).count();
    if opens > closes {
        return true;
    }
    // An abbreviation at the end of the previous piece.
    let last_word = prev_text.rsplit(is_skipped).next().unwrap_or("");
    let last_word = last_word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(stem) = last_word.strip_suffix('.') else {
        return false;
    };
    let stem = last_hyphen_part(stem);
    if in_list(true, stem) {
        return true;
    }
    if !is_abbreviation(stem) {
        return false;
    }
    // `U.S. Vice President` joins, `in the U.S. He said` does not.
    let next_word: String = next_text
        .split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    first_next.is_some_and(|c| c.is_alphabetic() || c.is_numeric()) && !stopwords::is_english_stopword(&next_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (t.text(text), t.kind)).collect()
    }

    #[test]
    fn possessives_and_contractions() {
        assert_eq!(words("Russia’s war"), ["Russia", "’s", "war"]);
        assert_eq!(words("Russia's war"), ["Russia", "'s", "war"]);
        assert_eq!(words("Russiaʼs war"), ["Russia", "ʼs", "war"]);
        assert_eq!(words("don't"), ["do", "n't"]);
        assert_eq!(words("they’ll"), ["they", "’ll"]);
        assert_eq!(words("O'Brien"), ["O'Brien"]);
        assert_eq!(words("NBC News' report"), ["NBC", "News", "'", "report"]);
        assert_eq!(words("can't"), ["ca", "n't"]);
        assert_eq!(
            words("Sunday.The Axios:MAGA e.g. example.com"),
            ["Sunday", ".", "The", "Axios", ":", "MAGA", "e.g.", "example.com"]
        );
    }

    #[test]
    fn abbreviations_and_hyphens() {
        assert_eq!(words("U.S. and U.K. Mr. Smith"), ["U.S.", "and", "U.K.", "Mr.", "Smith"]);
        assert_eq!(words("Sen. Dr. J. Doe"), ["Sen.", "Dr.", "J.", "Doe"]);
        assert_eq!(words("pro-Russian Euro-Atlantic U.S.-led"), ["pro-Russian", "Euro-Atlantic", "U.S.-led"]);
        assert_eq!(words("It ended."), ["It", "ended", "."]);
        assert_eq!(hyphen_parts("U.S.-led"), ["U.S.", "led"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("25% $1.13bn £600m 2025-08-24 3.5 -4"),
            [
                ("25%", TokenKind::Number),
                ("$1.13bn", TokenKind::Number),
                ("£600m", TokenKind::Number),
                ("2025-08-24", TokenKind::Number),
                ("3.5", TokenKind::Number),
                ("-4", TokenKind::Number)
            ]
        );
        assert_eq!(words("5-4"), ["5-4"]);
    }

    #[test]
    fn specials() {
        assert_eq!(
            kinds("see https://example.com/a?b=1). Mail me@example.org, #Peace @nbc"),
            [
                ("see", TokenKind::Word),
                ("https://example.com/a?b=1", TokenKind::Url),
                (")", TokenKind::Punct),
                (".", TokenKind::Punct),
                ("Mail", TokenKind::Word),
                ("me@example.org", TokenKind::Email),
                (",", TokenKind::Punct),
                ("#Peace", TokenKind::Hashtag),
                ("@nbc", TokenKind::Mention)
            ]
        );
        assert_eq!(kinds("👍🏽 👨‍👩‍👧"), [("👍🏽", TokenKind::Emoji), ("👨‍👩‍👧", TokenKind::Emoji)]);
    }

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

    /// `count` strings of 1 to `max_len` characters from `alphabet` (xorshift, seeded).
    fn random_strings(alphabet: &str, count: usize, max_len: u64, seed: u64) -> Vec<String> {
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

    #[test]
    fn ascii_bounds_equal_uax29() {
        for s in random_strings("aZ09_:.',;-!/@#$%()\"x", 20_000, 12, 0x9E37_79B9_7F4A_7C15) {
            let mut ours = Vec::new();
            ascii_word_bounds(s.as_bytes(), |a, b| ours.push(&s[a..b]));
            let theirs: Vec<&str> = s.split_word_bounds().collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    #[test]
    fn abbreviation_lists_are_found_in_any_case() {
        for (titles, list) in [(false, ABBREVIATIONS), (true, TITLE_ABBREVIATIONS)] {
            for w in list {
                assert!(in_list(titles, w) && in_list(titles, &w.to_uppercase()), "{w}");
            }
        }
        assert!(!in_list(false, "") && !in_list(false, "said") && !in_list(true, "inc") && !in_list(false, "mrs."));
    }

    #[test]
    fn windowed_tokens_equal_stepwise() {
        // Long strings, so that chunks start, end and cross 64-byte windows
        // everywhere, with every class the masks tell apart and some they do not.
        let alphabet = "aaaaZZbb0011      .,;!?)\"]:'-_/@#%(\t\n\r\u{1}\u{7f}\u{a0}\u{2009}é’";
        let mut texts = random_strings(alphabet, 4_000, 400, 0xD1B5_4A32_D192_ED03);
        texts.extend(random_strings("abc   ", 500, 300, 7));
        // The shapes of the simple-chunk path, and near misses.
        texts.extend(random_strings("aJnUtslmdS0019    .,-'%\"(<[>)]:;!?", 20_000, 60, 0x8CB9_2BA7_2F3D_8DD7));
        for len in [62, 63, 64, 65, 127, 128, 129, 200] {
            let word = "x".repeat(len);
            texts.push(word.clone());
            texts.push(format!(" {word}."));
            texts.push(format!("ab {word}, {}", "1".repeat(len)));
            texts.push(format!("{}{word}", " ".repeat(len % 64)));
        }
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/corpus/news_reuters21578.jsonl");
        if let Ok(data) = std::fs::read_to_string(path) {
            for line in data.lines().take(3000) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                texts.push(v["text"].as_str().unwrap().to_string());
            }
        }
        for t in &texts {
            assert_eq!(tokenize(t), tokenize_stepwise(t), "{t:?}");
        }
    }

    #[test]
    fn ascii_sentence_bounds_equal_uax29() {
        // Short strings with every class, then long ones where terminators are
        // rare (the search for the next one skips 16 bytes at a time).
        let mut texts = random_strings("aZ1 .!?,-:;\"'()\n\r\tx", 50_000, 14, 0x2545_F491_4F6C_DD1D);
        texts.extend(random_strings(
            "abcdefghijklmnopqrstuvwxyzABZ019   ,;:-\"'()  .!?\n\r",
            5_000,
            300,
            0x5851_F42D_4C95_7F2D,
        ));
        for s in texts {
            let mut ours = Vec::new();
            let mut start = 0;
            ascii_sentence_bounds(s.as_bytes(), |e| {
                ours.push(&s[start..e]);
                start = e;
            });
            let theirs: Vec<&str> = s.split_sentence_bounds().collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    #[test]
    fn line_by_line_segments_equal_uax29() {
        // With characters that have ASCII stand-ins only, then with others mixed in.
        let handled = "aZ1 .!?,-:;\"'()\n\r\tx\u{2019}\u{201C}\u{201D}é\u{2014}\u{A0}\u{2009}\u{3000}\u{AB}\u{BB}\
            \u{2018}\u{201E}\u{2013}ÉßŁł£¥©®°€•$";
        let mixed = format!("{handled}\u{85}\u{2028}。ǅƻ\u{2026}\u{300}");
        for (alphabet, seed) in [(handled, 0x5DEE_CE66_D1CE_4E5Bu64), (mixed.as_str(), 0x2545_F491_4F6C_DD1D)] {
            for s in random_strings(alphabet, 60_000, 16, seed) {
                let ours: Vec<&str> = sentence_segments(&s).into_iter().map(|(a, b)| &s[a..b]).collect();
                let theirs: Vec<&str> = s.split_sentence_bounds().collect();
                assert_eq!(ours, theirs, "{s:?}");
            }
        }
    }

    /// The ASCII fast path equals UAX #29 on every ASCII Reuters story (when
    /// the shared evaluation data is present).
    #[test]
    fn reuters_sentences_compare() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/corpus/news_reuters21578.jsonl");
        let Ok(data) = std::fs::read_to_string(path) else { return };
        let mut bad = 0;
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let t = v["text"].as_str().unwrap();
            if !t.is_ascii() {
                continue;
            }
            let mut ours = Vec::new();
            let mut start = 0;
            ascii_sentence_bounds(t.as_bytes(), |e| {
                ours.push(&t[start..e]);
                start = e;
            });
            let theirs: Vec<&str> = t.split_sentence_bounds().collect();
            if ours != theirs {
                for (a, b) in ours.iter().zip(&theirs) {
                    if a != b {
                        eprintln!("OURS {a:?}\nTHEIRS {b:?}");
                        break;
                    }
                }
                bad += 1;
                if bad > 2 {
                    break;
                }
            }
        }
        assert_eq!(bad, 0);
    }

    #[test]
    fn sentence_rules() {
        let text =
            "He met U.S. Vice President JD Vance. He left.\nTitle line\nMr. Smith said (see p. 5. Also more). Done.";
        let s: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            s,
            [
                "He met U.S. Vice President JD Vance.",
                "He left.",
                "Title line",
                "Mr. Smith said (see p. 5. Also more).",
                "Done."
            ]
        );
        let text = "It was in the U.S. He said so.";
        assert_eq!(sentences(text).len(), 2);
        let wrapped = "The company said it\nexpected higher sales.\nHeadline Here\nNext para.";
        let s: Vec<&str> = sentences(wrapped).iter().map(|s| &wrapped[s.start..s.end]).collect();
        assert_eq!(s, ["The company said it\nexpected higher sales.", "Headline Here", "Next para."]);
    }
}
