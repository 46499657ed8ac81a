//! The general path of the tokenizer: what the ASCII fast paths do not take.
//!
//! A chunk (a run of non-space text) is searched for a URL or an e-mail
//! address ([`find_special`]), which becomes one token; the rest is cut at the
//! UAX #29 word boundaries (computed byte by byte for ASCII, by
//! `unicode-segmentation` otherwise), each segment gets a [`TokenKind`]
//! ([`classify`]), and [`apply_news_rules`] merges and splits the segments:
//! signs and currency glued to numbers, `#tags` and `@names`, abbreviation
//! periods, percent signs, hyphenated compounds, sentences glued by a missing
//! space and Penn Treebank clitics.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::is_abbreviation;
use super::{is_skipped, Token, TokenKind};

#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
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

/// Finds a URL or e-mail inside `chunk` (absolute offsets), returning its span and kind.
fn find_special(text: &str, start: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    let chunk = &text[start..end];
    if chunk.len() < 4 {
        return None;
    }
    let cb = chunk.as_bytes();
    // URLs: scheme://... or www.
    let mut url_start = None;
    if let Some(i) = memchr::memmem::find(cb, b"://") {
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
    let at = memchr::memchr(b'@', cb)?;
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

/// The first position of `needle` in `hay`, ASCII letters in any case: the
/// candidates are the places of its first byte, in either case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay)
        .find(|&i| hay[i..].get(..needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
}

pub(super) fn tokenize_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>, segs: &mut Vec<Token>) {
    // Fast exit for chunks without anything special to look for. (Chunks are
    // short: this inline loop beat `memchr3`, a call that is not inlined.)
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
pub(super) fn ascii_word_bounds(b: &[u8], mut emit: impl FnMut(usize, usize)) {
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

pub(crate) fn last_hyphen_part(word: &str) -> &str {
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
pub(super) fn split_clitic(text: &str, tok: Token, out: &mut Vec<Token>) {
    let word = &text[tok.start..tok.end];
    // Apostrophes are `'`, or end in byte 0x99 (U+2019) or 0xBC (U+02BC).
    // (An inline loop: words are short, and `memchr3` measured slower here.)
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

#[cfg(test)]
mod tests {
    use super::super::test_inputs::random_strings;
    use super::super::tokenize;
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
    fn find_ascii_ci_finds_the_first_match_in_any_case() {
        for s in random_strings("wWvV.a ", 20_000, 12, 0x94D0_49BB_1331_11EB) {
            let b = s.as_bytes();
            let expected = b.windows(4).position(|w| w.eq_ignore_ascii_case(b"www."));
            assert_eq!(find_ascii_ci(b, b"www."), expected, "{s:?}");
        }
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
}
