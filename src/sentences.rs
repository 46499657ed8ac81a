//! Sentences with exact byte offsets.
//!
//! Sentences start from the UAX #29 sentence boundaries and are corrected for
//! abbreviations (`U.S. Vice President JD Vance` is not split), quotations
//! followed by a lowercase continuation (`“We won!” he said.`), open brackets,
//! and hard-wrapped lines (a single line break inside a sentence that goes on
//! in lowercase).
//!
//! The boundaries are computed line by line: byte by byte for ASCII lines and
//! lines whose characters all have ASCII stand-ins of the same sentence-break
//! class, by `unicode-segmentation` otherwise (tests check both against it).
//! [`sentences`] is also [`crate::tokenize::sentences`].

use unicode_segmentation::UnicodeSegmentation;

use crate::stopwords;
use crate::tokenize::abbrev::in_list;
use crate::tokenize::{is_abbreviation, is_apostrophe, is_skipped, last_hyphen_part, Span};

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
///
/// Five bytes are more than one `memchr` call looks for; `memchr3` for the
/// terminators then `memchr2` for CR and LF before the first one took twice
/// as long on the Reuters corpus (terminators there are about 32 bytes apart,
/// so the cost per call dominates), hence one pass for all five here.
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
    use crate::tokenize::test_inputs::{random_strings, shared_file};

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
        let Some(data) = shared_file("eval/corpus/news_reuters21578.jsonl") else { return };
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
