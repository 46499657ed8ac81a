//! Boilerplate ("site furniture") detection: what a scraped article carries
//! besides its reporting (`Select Language:`, `Related Posts`, bylines,
//! menus glued into one word, logo alt text, share prompts, section labels,
//! date stamps), and the document metadata some of it carries (headline,
//! byline, date: [`meta`]).
//!
//! Whole-line rules, never touching a real sentence:
//!
//! * **edge**: before the first real sentence of a document, lines of at most
//!   [`EDGE_MAX_WORDS`] words; after the last real sentence, every line that is
//!   not a sentence (related-story headlines, `Comments`, `World news`);
//! * **repeated**: a non-sentence line that appears in two or more documents
//!   of the corpus (menus, newsletter prompts, shared headers);
//! * **duplicate**: a non-sentence line repeated within one document (the
//!   headline printed twice); the first copy stays;
//! * **menu**: a line that is one glued word of several capitalised words or
//!   of more than 30 letters (`HomeWorldBusinessSportsOpinion`);
//! * **breadcrumb** ([`breadcrumb`]): a trail of sections before the first
//!   sentence (`Home › World › Europe`);
//! * **byline** ([`byline`]): `By NAME` before the first sentence, credit
//!   lines (`(Reporting by NAME; Editing by NAME)`) after the last;
//! * **stamp** ([`stamp`]): a date stamp (`Published 14 March 2026`,
//!   `Updated 2 hours ago`; a bare date only before the first sentence);
//! * **related** ([`related`]): a line that opens with a marker of links to
//!   other stories (`Related:`, `Read more:`, `More from <outlet>:`).
//!
//! Rules that cut inside a line (its other words are kept, and so is the
//! sentence around them):
//!
//! * **breadcrumb**: section names glued before a headline printed again
//!   below (`World <headline>` then `<headline>`: the section names are the
//!   breadcrumb, the glued copy a duplicate), or a trail with separators
//!   (`Home › World › <headline>`);
//! * **section-label** ([`label`]): the label opening a paragraph (`Why it
//!   matters:`, `Zoom in:`), also where paragraphs were glued (`...
//!   Sunday.The big picture: ...`); only the label, never a name, is cut;
//! * **stamp**: a keyword stamp glued before the first sentence (`date
//!   2025-08-24 The minister said ...`);
//! * **related**: a marker glued after the last sentence and the headlines
//!   after it (`... the war."More from <outlet>:<headline><headline>`).
//!
//! A *real sentence* is a line of at least [`SENTENCE_MIN_WORDS`] words that
//! ends with sentence punctuation (optionally followed by a closing quote or
//! bracket), or any line of at least [`LONG_LINE_WORDS`] words. A sentence
//! that a whole-line rule touches is set aside; one that a cut touches keeps
//! its other pieces (see [`Removed::cut`]).

mod breadcrumb;
mod byline;
mod label;
mod meta;
mod related;
mod stamp;
mod words;

pub use meta::{meta, Meta};

use serde::{Deserialize, Serialize};

use crate::tokenize::Span;

/// Lines of at most this many words at the start of a document are furniture.
pub const EDGE_MAX_WORDS: usize = 4;
/// A sentence has at least this many words...
pub const SENTENCE_MIN_WORDS: usize = 6;
/// ...unless it is at least this long, which is always content.
pub const LONG_LINE_WORDS: usize = 20;
/// Lines after the last real sentence longer than this are kept.
pub const TAIL_MAX_WORDS: usize = 15;

/// Why a line was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reason {
    /// Short non-sentence line at the start or end of the document.
    Edge,
    /// Non-sentence line found in two or more documents.
    Repeated,
    /// Non-sentence line repeated within the document.
    Duplicate,
    /// A menu glued into one word.
    Menu,
    /// A trail of sections, or section names glued before a headline.
    Breadcrumb,
    /// A label opening a paragraph (`Why it matters:`); its paragraph is kept.
    SectionLabel,
    /// Links to other stories (`Related:`, `More from <outlet>:` and what follows).
    Related,
    /// A date or time stamp (`Published 14 March 2026`, `date 2025-08-24`).
    Stamp,
    /// A byline (`By NAME`) or credit line (`(Reporting by NAME)`).
    Byline,
}

impl Reason {
    /// The lowercase name used in Python.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Edge => "edge",
            Reason::Repeated => "repeated",
            Reason::Duplicate => "duplicate",
            Reason::Menu => "menu",
            Reason::Breadcrumb => "breadcrumb",
            Reason::SectionLabel => "section-label",
            Reason::Related => "related",
            Reason::Stamp => "stamp",
            Reason::Byline => "byline",
        }
    }
}

/// A line set aside, by byte offsets into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The line, trimmed of surrounding white space.
    pub span: Span,
    /// Why it was set aside.
    pub reason: Reason,
    /// Whether the span was cut out of a line whose other words are kept
    /// (a sentence it touches keeps its other pieces); otherwise it is a
    /// whole line, or part of a line set aside whole, and a sentence it
    /// touches is set aside whole.
    pub cut: bool,
}

impl Removed {
    /// A whole line, or part of a line set aside whole.
    pub fn line(span: Span, reason: Reason) -> Removed {
        Removed { span, reason, cut: false }
    }

    /// A span cut out of a kept line.
    pub fn cut(span: Span, reason: Reason) -> Removed {
        Removed { span, reason, cut: true }
    }
}

/// A non-empty line of a document and what the rules need to know about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The trimmed line.
    pub span: Span,
    /// A 64-bit hash of the line's lowercase words joined by single spaces
    /// (the key for repetition); 0 for sentences, which are never set aside.
    pub key: u64,
    /// Number of white-space separated words.
    pub words: usize,
    /// Whether the line is a real sentence (see the module docs).
    pub sentence: bool,
}

/// The non-empty lines of `text`.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut norm: Vec<u8> = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let span = Span { start: start + lead, end: start + lead + trimmed.len() };
        // ASCII lines are counted and normalized in one pass; other lines are
        // normalized only when they may be set aside (not sentences).
        let ascii = trimmed.is_ascii();
        let words = if ascii { normalize_line(trimmed, &mut norm) } else { trimmed.split_whitespace().count() };
        let sentence = is_sentence(trimmed, words);
        // Only non-sentence lines can be set aside, so only they need a key.
        let key = if sentence {
            0
        } else {
            if !ascii {
                normalize_line(trimmed, &mut norm);
            }
            line_key(&norm)
        };
        out.push(Line { span, key, words, sentence });
    }
    out
}

/// A search for two spaces in a row, built once.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Writes the lowercase words of `line` joined by single spaces to `out`
/// (cleared first) and returns the number of words.
fn normalize_line(line: &str, out: &mut Vec<u8>) -> usize {
    out.clear();
    let mut words = 0;
    if line.is_ascii() {
        let bytes = line.as_bytes();
        // The common case: single spaces only (the line is trimmed), so the
        // normalized line is the lowercase line.
        let irregular = bytes.iter().any(|&b| is_ascii_space(b) && b != b' ') || DOUBLE_SPACE.find(bytes).is_some();
        if !irregular {
            out.extend_from_slice(bytes);
            out.make_ascii_lowercase();
            return 1 + bytes.iter().filter(|&&b| b == b' ').count();
        }
        let mut gap = true;
        for &b in bytes {
            if is_ascii_space(b) {
                gap = true;
                continue;
            }
            if gap {
                if words > 0 {
                    out.push(b' ');
                }
                words += 1;
                gap = false;
            }
            out.push(b.to_ascii_lowercase());
        }
        return words;
    }
    let mut buf = [0u8; 4];
    for w in line.split_whitespace() {
        if words > 0 {
            out.push(b' ');
        }
        words += 1;
        for c in w.chars().flat_map(char::to_lowercase) {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    words
}

/// The repetition key of a normalized line (see [`normalize_line`]): equal
/// for lines that differ only in case and spacing; never 0.
fn line_key(norm: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(norm);
    h.finish().max(1)
}

/// ASCII white space as `char::is_whitespace` sees it.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

fn is_sentence(line: &str, words: usize) -> bool {
    if words >= LONG_LINE_WORDS {
        return true;
    }
    if words < SENTENCE_MIN_WORDS {
        return false;
    }
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    end.ends_with(['.', '!', '?', '…'])
}

fn is_menu(line: &str, words: usize) -> bool {
    if words != 1 {
        return false;
    }
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let humps = line.chars().skip(1).filter(|c| c.is_uppercase()).count();
    letters == line.chars().count() && (letters > 30 || (humps >= 2 && letters > 12))
}

/// The spans of one document that its own content marks as furniture (every
/// rule but **repeated**), sorted by offset and never overlapping.
pub fn local_furniture(text: &str, lines: &[Line]) -> Vec<Removed> {
    let mut out = Vec::new();
    let first_sentence = lines.iter().position(|l| l.sentence);
    let last_sentence = lines.iter().rposition(|l| l.sentence);
    let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
    let mut glued = breadcrumb::glued(text, lines, first_sentence.unwrap_or(lines.len())).into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.span.start..line.span.end];
        let before_first = first_sentence.is_some_and(|f| i < f);
        let after_last = last_sentence.is_some_and(|l| i > l);
        while glued.next_if(|g| g.0 < i).is_some() {}
        if !line.sentence {
            if is_menu(s, line.words) {
                out.push(Removed::line(line.span, Reason::Menu));
                continue;
            }
            if let Some((_, at)) = glued.next_if(|g| g.0 == i) {
                let crumb =
                    Span { start: line.span.start, end: line.span.start + text[line.span.start..at].trim_end().len() };
                out.push(Removed::line(crumb, Reason::Breadcrumb));
                out.push(Removed::line(Span { start: at, end: line.span.end }, Reason::Duplicate));
                seen.insert(line.key);
                continue;
            }
            let before = out.len();
            whole_line_rules(s, line.span.start, before_first, after_last, &mut out);
            if out.len() > before {
                // Later copies of the line are still duplicates.
                seen.insert(line.key);
                continue;
            }
            let reason = if before_first && line.words <= EDGE_MAX_WORDS || after_last && line.words <= TAIL_MAX_WORDS {
                Some(Reason::Edge)
            } else if !seen.insert(line.key) {
                Some(Reason::Duplicate)
            } else {
                None
            };
            if let Some(reason) = reason {
                out.push(Removed::line(line.span, reason));
                continue;
            }
        }
        let top = first_sentence.is_none_or(|f| i <= f);
        let end = last_sentence.is_none_or(|l| i >= l);
        cuts_in_line(s, line.span.start, top, before_first, end, &mut out);
    }
    out
}

/// The rules that set aside a whole non-sentence line `s` (at byte `base`)
/// for what it is (byline, stamp, breadcrumb, related links).
fn whole_line_rules(s: &str, base: usize, before_first: bool, after_last: bool, out: &mut Vec<Removed>) {
    let at = |a: usize, b: usize| Span { start: base + a, end: base + b };
    if before_first || after_last {
        if let Some(b) = byline::parse(s) {
            out.push(Removed::line(at(0, b.end), Reason::Byline));
            if let Some((start, _)) = b.stamp {
                out.push(Removed::line(at(start, s.len()), Reason::Stamp));
            }
            return;
        }
    }
    if stamp::whole_line(s, before_first).is_some() {
        out.push(Removed::line(at(0, s.len()), Reason::Stamp));
    } else if before_first && breadcrumb::is_trail(s) {
        out.push(Removed::line(at(0, s.len()), Reason::Breadcrumb));
    } else if related::find(s, false) == Some(0) {
        out.push(Removed::line(at(0, s.len()), Reason::Related));
    }
}

/// The cuts inside a kept line `s` (at byte `base`): a trail of sections
/// before a headline or a keyword stamp before the first sentence (`top`:
/// the line is the first sentence's or above it), section labels, and
/// related links glued at the end (`end`: the last sentence's line or below).
fn cuts_in_line(s: &str, base: usize, top: bool, before_first: bool, end: bool, out: &mut Vec<Removed>) {
    let mut cuts: Vec<Removed> = Vec::new();
    let at = |a: usize, b: usize| Span { start: base + a, end: base + b };
    let mut from = 0;
    if top {
        if let Some(st) = stamp::prefix(s) {
            cuts.push(Removed::cut(at(0, st.len), Reason::Stamp));
            from = st.len;
        } else if before_first {
            if let Some(h) = breadcrumb::trail_prefix(s) {
                cuts.push(Removed::cut(at(0, s[..h].trim_end().len()), Reason::Breadcrumb));
                from = h;
            }
        }
    }
    let tail = if end { related::find(s, true).filter(|&r| r >= from) } else { None };
    let mut labels = Vec::new();
    label::find(s, base, &mut labels);
    let limit = tail.map_or(usize::MAX, |r| base + r);
    cuts.extend(
        labels
            .into_iter()
            .filter(|l| l.start >= base + from && l.end <= limit)
            .map(|span| Removed::cut(span, Reason::SectionLabel)),
    );
    if let Some(r) = tail {
        cuts.push(Removed::cut(at(r, s.len()), Reason::Related));
    }
    out.extend(cuts);
}

/// Adds the lines repeated across documents (`repeated(key)` says whether a
/// key occurs in two or more documents) to what was set aside locally. A
/// repeated line replaces the cuts inside it.
pub fn with_repeated(lines: &[Line], local: &[Removed], repeated: impl Fn(u64) -> bool) -> Vec<Removed> {
    // `local` is sorted by offset (lines are found in order).
    let whole = |line: &Line| {
        let i = local.partition_point(|r| r.span.start < line.span.start);
        local.get(i).is_some_and(|r| r.span.start == line.span.start && (!r.cut || r.span.end == line.span.end))
            || local[i..].iter().take_while(|r| r.span.start < line.span.end).any(|r| r.reason == Reason::Duplicate)
    };
    let extra: Vec<Removed> = lines
        .iter()
        .filter(|l| !l.sentence && repeated(l.key) && !whole(l))
        .map(|l| Removed::line(l.span, Reason::Repeated))
        .collect();
    if extra.is_empty() {
        return local.to_vec();
    }
    let inside_extra = |r: &Removed| {
        let i = extra.partition_point(|e| e.span.start <= r.span.start);
        i > 0 && r.span.end <= extra[i - 1].span.end
    };
    let mut out: Vec<Removed> = local.iter().filter(|r| !inside_extra(r)).copied().collect();
    out.extend(extra);
    out.sort_by_key(|r| r.span.start);
    out
}

/// The distinct keys of the non-sentence lines of a document (what counts
/// toward repetition across documents).
pub fn repeat_keys(lines: &[Line]) -> Vec<u64> {
    let mut keys: Vec<u64> = lines.iter().filter(|l| !l.sentence).map(|l| l.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_and_duplicates() {
        let text = "Select Language:\nBreaking headline about the talks today\nby editor\n\
            The minister said on Sunday that the talks would go on.\nSubheading here\n\
            Officials in both capitals confirmed the schedule for next week.\n\
            Related Posts\nAnother headline about something else entirely\nHomeWorldBusinessSportsOpinion";
        let ls = lines(text);
        let removed = local_furniture(text, &ls);
        let got: Vec<(&str, Reason)> = removed.iter().map(|r| (&text[r.span.start..r.span.end], r.reason)).collect();
        assert_eq!(
            got,
            [
                ("Select Language:", Reason::Edge),
                ("by editor", Reason::Byline),
                ("Related Posts", Reason::Related),
                ("Another headline about something else entirely", Reason::Edge),
                ("HomeWorldBusinessSportsOpinion", Reason::Menu),
            ]
        );
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_rules() {
        for line in [
            "Select  Language:",
            "a\tb\x0Bc",
            "Related Posts",
            "ONE",
            "x  y   z",
            "Ünïcode  Straße line",
            "A b\rC",
            "One Two",
        ] {
            let general: String = line
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            let mut norm = Vec::new();
            assert_eq!(normalize_line(line, &mut norm), line.split_whitespace().count(), "{line:?}");
            assert_eq!(norm, general.as_bytes(), "{line:?}");
        }
        let key = |l: &str| {
            let mut norm = Vec::new();
            normalize_line(l, &mut norm);
            line_key(&norm)
        };
        assert_eq!(key("Related   Posts"), key("related posts"));
        assert_ne!(key("Related Posts"), key("Related Post"));
    }

    #[test]
    fn repeated_lines_never_sentences() {
        let text = "Subscribe to our newsletter\nThe minister said on Sunday that the talks would go on.\n";
        let ls = lines(text);
        let all = with_repeated(&ls, &[], |_| true);
        assert_eq!(all.len(), 1);
        assert_eq!(&text[all[0].span.start..all[0].span.end], "Subscribe to our newsletter");
    }
}
