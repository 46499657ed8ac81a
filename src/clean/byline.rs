//! Bylines: `By Jane Doe`, `by editor`, `By Jane Doe and Ali Khan, Staff
//! Writers | 3 March 2026`, `Posted by admin on March 3, 2026`, and the
//! credit lines wire stories end with (`(Reporting by Jane Doe; Editing by
//! Ali Khan)`).
//!
//! A byline is a line that is not a sentence, opens with `by` (or `written
//! by`, `posted by`, `reporting by`, ...), and names one or more people: words
//! that start with a capital letter, name particles (`de`, `van`, `al`), `and`,
//! `&`, commas, or a staff word (`editor`, `staff`, `reporters`). `By Monday`
//! and `By the numbers` are not bylines (a calendar word, a lowercase word).
//! A date after the names (`| 3 March 2026`, `on March 3, 2026`) is a stamp of
//! its own.

use super::stamp::{self, Stamp};
use super::words::{list_form, word_spans, WordSpan};

const OPENERS: &[&[&str]] = &[
    &["additional", "reporting", "by"],
    &["reporting", "by"],
    &["writing", "by"],
    &["editing", "by"],
    &["written", "by"],
    &["words", "by"],
    &["story", "by"],
    &["text", "by"],
    &["posted", "by"],
    &["published", "by"],
    &["report", "by"],
    &["by"],
];

const PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "du", "del", "della", "van", "von", "der", "den", "ter", "al", "el", "bin", "ibn",
    "la", "le", "y", "and", "&",
];

const STAFF: &[&str] = &[
    "editor",
    "editors",
    "staff",
    "admin",
    "administrator",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "writer",
    "writers",
    "desk",
    "team",
    "newsroom",
    "agencies",
    "agency",
    "contributor",
    "contributors",
];

const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tomorrow",
    "tonight",
    "then",
    "now",
    "noon",
    "midnight",
    "christmas",
    "easter",
];

/// A byline found in a line (byte offsets into the line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Byline {
    /// Where the byline ends (a stamp may follow).
    pub end: usize,
    /// The names, without the opening `By`.
    pub names: (usize, usize),
    /// A stamp after the names, and where it starts.
    pub stamp: Option<(usize, Stamp)>,
}

fn opener_at(ws: &[WordSpan<'_>], i: usize) -> Option<usize> {
    OPENERS.iter().find_map(|o| {
        o.iter()
            .enumerate()
            .all(|(k, part)| ws.get(i + k).is_some_and(|w| list_form(w.text) == *part))
            .then(|| i + o.len())
    })
}

fn is_name_word(w: &str) -> bool {
    let f = list_form(w);
    if f.is_empty() {
        return matches!(w, "&" | ",");
    }
    if CALENDAR.contains(&f.as_str()) {
        return false;
    }
    w.trim_start_matches(['(', '"', '“']).starts_with(char::is_uppercase)
        || PARTICLES.contains(&f.as_str())
        || STAFF.contains(&f.as_str())
}

/// The byline that `line` (trimmed, not a sentence) is, or opens.
pub fn parse(line: &str) -> Option<Byline> {
    // Most lines fail this test, made without allocating.
    let first = line.trim_start_matches('(').split_whitespace().next().unwrap_or("");
    if !OPENERS.iter().any(|o| first.eq_ignore_ascii_case(o[0])) {
        return None;
    }
    let credit = line.starts_with('(') && line.ends_with(')');
    let inner = if credit { &line[1..line.len() - 1] } else { line };
    let ws: Vec<WordSpan<'_>> = word_spans(inner).take(20).collect();
    let first = opener_at(&ws, 0)?;
    let off = usize::from(credit);
    if credit {
        // `(Reporting by A; Editing by B)`: the whole line, names from the first.
        let lower = inner.to_lowercase();
        if !OPENERS[..7].iter().any(|o| lower.starts_with(&o.join(" "))) {
            return None;
        }
        let names_end = inner.find(';').unwrap_or(inner.len());
        let names = (off + ws.get(first)?.start, off + inner[..names_end].trim_end().len());
        return (names.0 < names.1).then_some(Byline { end: line.len(), names, stamp: None });
    }
    // The names: name words, up to a separator, `on`/`at` before a date, or the end.
    let mut i = first;
    let mut last_name = None;
    while let Some(w) = ws.get(i) {
        let word = w.text.trim_end_matches([',', ';']);
        if matches!(word, "|" | "·" | "•" | "-" | "—" | "–") {
            break;
        }
        if matches!(list_form(word).as_str(), "on" | "at") || !is_name_word(word) {
            break;
        }
        if stamp::at_start(&inner[w.start..], false).is_some() {
            break;
        }
        if !matches!(list_form(word).as_str(), "and" | "&" | "") {
            last_name = Some(i);
        }
        i += 1;
    }
    let last = last_name?;
    // The first name word is capitalised or a staff word (`by editor`), never a particle.
    let lead = list_form(ws[first].text);
    if PARTICLES.contains(&lead.as_str()) {
        return None;
    }
    // A lowercase `by` before capitalised words is more often the rest of a
    // hard-wrapped sentence (`... underwritten\nby Mabon, Nugent and Co.`):
    // it opens a byline only before staff words (`by editor`).
    let lowercase = ws[0].text.starts_with(char::is_lowercase);
    if lowercase && !ws[first..=last].iter().all(|w| STAFF.contains(&list_form(w.text).as_str())) {
        return None;
    }
    let names_end = ws[last].start + ws[last].text.trim_end_matches([',', ';']).len();
    let names = (ws[first].start, names_end);
    // What follows: nothing, a stamp (after a separator, `on` or `at`), or
    // a role or outlet of a few words, which stays part of the byline.
    let mut j = last + 1;
    while ws.get(j).is_some_and(|w| matches!(w.text, "|" | "·" | "•" | "-" | "—" | "–" | "on" | "at" | ",")) {
        j += 1;
    }
    let Some(next) = ws.get(j) else {
        return Some(Byline { end: names_end, names, stamp: None });
    };
    if let Some(s) = stamp::at_start(&inner[next.start..], false) {
        let rest = inner[next.start + s.len..].trim();
        if rest.is_empty() || rest.len() < 40 {
            return Some(Byline { end: names_end, names, stamp: Some((next.start, s)) });
        }
    }
    // A role or outlet (`Staff Writer`, `Reuters`, `5 min read`): short, no sentence.
    (ws.len() - j <= 6).then_some(Byline { end: line.len(), names, stamp: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<&str> {
        parse(line).map(|b| &line[b.names.0..b.names.1])
    }

    #[test]
    fn bylines() {
        assert_eq!(names("By Jane Doe"), Some("Jane Doe"));
        assert_eq!(names("by editor"), Some("editor"));
        assert_eq!(names("BY MARIA DE LA CRUZ AND TOM O'NEILL"), Some("MARIA DE LA CRUZ AND TOM O'NEILL"));
        assert_eq!(names("By Jane Doe and Ali Khan, Staff Writers"), Some("Jane Doe and Ali Khan, Staff Writers"));
        let b = parse("By Harbour Times staff | 3 March 2026").unwrap();
        assert_eq!(b.stamp.unwrap().1.date.unwrap().iso.as_deref(), Some("2026-03-03"));
        let line = "Posted by admin on March 3, 2026";
        let b = parse(line).unwrap();
        assert_eq!(&line[b.names.0..b.names.1], "admin");
        assert_eq!(&line[b.stamp.as_ref().unwrap().0..], "March 3, 2026");
        assert_eq!(names("(Reporting by Jane Doe; Editing by Ali Khan)"), Some("Jane Doe"));
    }

    #[test]
    fn not_bylines() {
        assert_eq!(names("By Monday the roads had reopened"), None);
        assert_eq!(names("By the numbers"), None);
        assert_eq!(names("By the numbers:"), None);
        assert_eq!(names("Byline"), None);
        assert_eq!(names("By de facto agreement"), None);
        assert_eq!(names("by Finance Minister Ana Ruiz"), None, "a wrapped line");
    }
}
