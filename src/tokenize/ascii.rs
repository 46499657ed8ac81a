//! The ASCII fast paths of [`super::tokenize_into`] and the byte-by-byte
//! tokenizer they must agree with.
//!
//! * [`Masks`]: bit masks of white space, letters and digits of a 64-byte
//!   window (SSE2 on x86-64), from which the window loop emits letter-only and
//!   digit-only chunks;
//! * [`tokenize_simple_chunk`]: ASCII chunks of a few common shapes, tokenized
//!   by a short scan;
//! * [`step`]: one iteration of the byte-by-byte tokenizer, which skips white
//!   space, takes a plain word or number itself and hands any other chunk to
//!   the news rules ([`super::rules`]).
//!
//! A test checks that the window loop gives the same tokens as [`step`] alone.

use super::abbrev::is_abbreviation;
use super::rules::{last_hyphen_part, split_clitic, tokenize_chunk};
use super::{Token, TokenKind};

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
pub(super) fn tokenize_simple_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> bool {
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
pub(super) fn step(text: &str, pos: usize, out: &mut Vec<Token>, segs: &mut Vec<Token>) -> usize {
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

/// The byte-by-byte tokenizer alone (the reference for [`super::tokenize_into`]).
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
pub(super) struct Masks {
    /// ASCII white space (the `SPACE` class).
    pub(super) space: u64,
    /// ASCII letters.
    pub(super) alpha: u64,
    /// ASCII digits.
    pub(super) digit: u64,
}

impl Masks {
    #[inline]
    pub(super) fn of(bytes: &[u8], base: usize) -> Masks {
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
pub(super) fn closes_fast(text: &str, start: usize, k: usize, kind: TokenKind) -> bool {
    match text.as_bytes()[k] {
        b',' | b';' | b'!' | b'?' | b')' | b'"' | b']' | b':' => true,
        b'.' => kind == TokenKind::Number || !is_abbreviation(&text[start..k]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_inputs::{random_strings, shared_file};
    use super::super::tokenize;
    use super::*;

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
        if let Some(data) = shared_file("eval/corpus/news_reuters21578.jsonl") {
            for line in data.lines().take(3000) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                texts.push(v["text"].as_str().unwrap().to_string());
            }
        }
        for t in &texts {
            assert_eq!(tokenize(t), tokenize_stepwise(t), "{t:?}");
        }
    }
}
