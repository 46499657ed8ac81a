//! Document metadata read off the furniture: the headline, the byline and
//! the date, with their byte offsets, when the text shows them.
//!
//! * **headline**: the first line above the first real sentence that
//!   cleaning kept whole or in part (a glued breadcrumb or stamp cut off), of
//!   three or more words, not ending in a colon, a comma or a function word
//!   (`of`, `the`), and not the first line of a hard-wrapped paragraph (the
//!   next kept line starts in lowercase). Failing that, a short line in capitals set aside as an edge
//!   (`BAHIA COCOA REVIEW`).
//! * **byline**: the names of the first byline (`By NAME` without `By`).
//! * **date**: the date of the first stamp, in ISO form (`YYYY-MM-DD`) when
//!   it can be read without ambiguity.

use super::{byline, stamp, Line, Reason, Removed};
use crate::tokenize::Span;

/// What a document's furniture says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The headline.
    pub headline: Option<Span>,
    /// The byline's names.
    pub byline: Option<Span>,
    /// The date as written (with its time when it has one).
    pub date: Option<Span>,
    /// The date as `YYYY-MM-DD`, when it can be read.
    pub iso: Option<String>,
}

/// The part of `line` that no span of `removed` covers at its start or end
/// (`None` when nothing is left).
fn kept_part(line: Span, removed: &[Removed], text: &str) -> Option<Span> {
    let mut part = line;
    for r in touching(line, removed) {
        if r.span.start <= part.start {
            part.start = part.start.max(r.span.end);
        } else if r.span.end >= part.end {
            part.end = part.end.min(r.span.start);
        }
    }
    let s = text.get(part.start..part.end.max(part.start))?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then_some(Span { start: part.start + lead, end: part.start + lead + t.len() })
}

/// The spans of `removed` (sorted) that touch `line`.
fn touching(line: Span, removed: &[Removed]) -> impl Iterator<Item = &Removed> {
    let i = removed.partition_point(|r| r.span.end <= line.start);
    removed[i..].iter().take_while(move |r| r.span.start < line.end)
}

/// Words a headline does not end with (a line that does goes on below).
const OPEN_ENDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "as", "that",
    "which", "who", "its", "their", "his", "her", "is", "are", "was", "were", "into", "over", "than",
];

fn headline_like(s: &str, next_line: Option<&str>) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let last = words.last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).unwrap_or_default();
    let wrapped = next_line.is_some_and(|n| n.starts_with(char::is_lowercase));
    words.len() >= 3 && !s.ends_with([':', ',', ';']) && !OPEN_ENDS.contains(&last.as_str()) && !wrapped
}

/// The metadata of `text`, from its lines and what cleaning set aside.
pub fn meta(text: &str, lines: &[Line], removed: &[Removed]) -> Meta {
    let mut out = Meta::default();
    let first_sentence = lines.iter().position(|l| l.sentence).unwrap_or(lines.len().min(3));
    let top = &lines[..first_sentence];
    // The next line, when cleaning kept it (a byline below a headline is no continuation).
    let next_text = |i: usize| {
        lines.get(i + 1).filter(|l| touching(l.span, removed).next().is_none()).map(|l| &text[l.span.start..l.span.end])
    };
    // Kept lines first, then lines in capitals set aside as edges.
    let mut fallback = None;
    for (i, line) in top.iter().enumerate() {
        if let Some(part) = kept_part(line.span, removed, text) {
            if headline_like(&text[part.start..part.end], next_text(i)) {
                out.headline = Some(part);
                break;
            }
        } else if fallback.is_none() && touching(line.span, removed).all(|r| r.reason == Reason::Edge) {
            let s = &text[line.span.start..line.span.end];
            let caps = !s.chars().any(char::is_lowercase) && s.chars().any(char::is_alphabetic);
            if caps && headline_like(s, next_text(i)) {
                fallback = Some(line.span);
            }
        }
    }
    out.headline = out.headline.or(fallback);
    for r in removed {
        match r.reason {
            Reason::Byline if out.byline.is_none() => {
                if let Some(b) = byline::parse(&text[r.span.start..r.span.end]) {
                    out.byline = Some(Span { start: r.span.start + b.names.0, end: r.span.start + b.names.1 });
                }
            }
            Reason::Stamp if out.date.is_none() => {
                if let Some(d) = stamp::date_in(&text[r.span.start..r.span.end]) {
                    out.date = Some(Span { start: r.span.start + d.start, end: r.span.start + d.end });
                    out.iso = d.iso;
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{lines, local_furniture};
    use super::*;

    fn meta_of(text: &str) -> (Option<&str>, Option<&str>, Option<&str>, Option<String>) {
        let ls = lines(text);
        let removed = local_furniture(text, &ls);
        let m = meta(text, &ls, &removed);
        let get = |s: Option<Span>| s.map(|s| &text[s.start..s.end]);
        (get(m.headline), get(m.byline), get(m.date), m.iso)
    }

    #[test]
    fn headline_byline_date() {
        let text = "Harbour Times logo\nNews › Business › Port strike ends after nine days\n\
            By Jane Doe | 3 March 2026\nDock workers returned on Monday after the union accepted the offer.";
        let (h, b, d, iso) = meta_of(text);
        assert_eq!(h, Some("Port strike ends after nine days"));
        assert_eq!(b, Some("Jane Doe"));
        assert_eq!(d, Some("3 March 2026"));
        assert_eq!(iso.as_deref(), Some("2026-03-03"));
        let wire =
            "PORT STRIKE ENDS\nDock workers returned to the\nquays on Monday after the union accepted the offer.";
        assert_eq!(meta_of(wire).0, Some("PORT STRIKE ENDS"));
        assert_eq!(meta_of("Dock workers returned on Monday after the union accepted.").0, None);
    }
}
