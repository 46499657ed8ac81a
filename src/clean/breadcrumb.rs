//! Breadcrumbs: the trail of sections above a headline (`Home › World ›
//! Europe`), and a section name glued before a
//! headline that the page prints again below (`World <headline>` followed
//! by `<headline>`).
//!
//! Only lines before the first real sentence are looked at. A glued
//! breadcrumb is one to four capitalised words (or separators) that, taken
//! off the front of a line, leave exactly a later line of the top of the
//! document (compared as lowercase words); that later line is the headline,
//! so the glued copy is set aside as a duplicate and its front as the
//! breadcrumb.

use super::words::word_spans;
use super::{normalize_line, Line};

/// Separators of a breadcrumb trail.
const SEPARATORS: &[&str] = &["›", ">", "»", "/", "|", "•", "·", "→", "::"];

fn is_separator(w: &str) -> bool {
    SEPARATORS.contains(&w)
}

fn is_section_word(w: &str) -> bool {
    is_separator(w) || w.starts_with(char::is_uppercase)
}

/// Whether `line` holds a separator of a trail (a quick test).
fn has_separator(line: &str) -> bool {
    line.contains(['›', '>', '»', '/', '|', '•', '·', '→', ':'])
}

/// The last white-space separated word of `x`.
fn last_word(x: &str) -> &str {
    x.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// How many lines below a glued line its clean copy may be.
const LOOKAHEAD: usize = 4;

/// The glued breadcrumbs among `lines[..first_sentence]`: for each, the
/// index of its line and the byte offset (in the text) where its headline
/// copy starts.
pub fn glued(text: &str, lines: &[Line], first_sentence: usize) -> Vec<(usize, usize)> {
    let top = &lines[..first_sentence.min(lines.len())];
    let mut out = Vec::new();
    let mut norm_i = Vec::new();
    let mut norm_j = Vec::new();
    for (i, line) in top.iter().enumerate() {
        if line.words < 4 {
            continue;
        }
        let s = &text[line.span.start..line.span.end];
        let mut normalized = false;
        for later in top.iter().skip(i + 1).take(LOOKAHEAD) {
            // The headline left after one to four words.
            if later.words < 3 || later.words + 4 < line.words || later.words >= line.words {
                continue;
            }
            let t = &text[later.span.start..later.span.end];
            // A headline starts like one (not `pct, effective immediately.`).
            if !t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c)) {
                continue;
            }
            // A quick test first: both end with the same word.
            if !last_word(s).eq_ignore_ascii_case(last_word(t)) {
                continue;
            }
            if !normalized {
                normalize_line(s, &mut norm_i);
                normalized = true;
            }
            normalize_line(t, &mut norm_j);
            let k = line.words - later.words;
            if norm_i.len() <= norm_j.len()
                || !norm_i.ends_with(&norm_j)
                || norm_i[norm_i.len() - norm_j.len() - 1] != b' '
            {
                continue;
            }
            let ws: Vec<_> = word_spans(s).collect();
            if ws[..k].iter().all(|w| is_section_word(w.text)) {
                out.push((i, line.span.start + ws[k].start));
                break;
            }
        }
    }
    out
}

/// Whether the words `ws` are groups of one to three words with a separator
/// after each group (`with_last`: after the last one too).
fn groups_ok(ws: &[&str], with_last: bool) -> bool {
    let mut n = 0;
    let mut groups = 0;
    for w in ws {
        if is_separator(w) {
            if !(1..=3).contains(&n) {
                return false;
            }
            groups += 1;
            n = 0;
        } else {
            n += 1;
        }
    }
    if with_last {
        n == 0 && groups >= 1
    } else {
        (1..=3).contains(&n) && groups >= 1
    }
}

/// Whether a whole line (not a sentence, before the first one) is a trail
/// of sections: two or more groups of one to three capitalised words with
/// separators between them (`News › World › Europe`). (A short line
/// without separators, `Home World Politics`, is an edge.)
pub fn is_trail(line: &str) -> bool {
    if !has_separator(line) {
        return false;
    }
    let ws: Vec<&str> = line.split_whitespace().collect();
    if ws.len() < 2 || !ws.iter().all(|w| is_section_word(w)) {
        return false;
    }
    ws.iter().any(|w| is_separator(w)) && groups_ok(&ws, false)
}

/// A trail of sections glued before a headline, with separators
/// (`Home › World › <headline>`): where the headline starts, in bytes into
/// the line.
pub fn trail_prefix(line: &str) -> Option<usize> {
    if !has_separator(line) {
        return None;
    }
    let ws: Vec<_> = word_spans(line).collect();
    let last_sep = ws.iter().rposition(|w| is_separator(w.text))?;
    // At least three words of headline after a trail of capitalised groups.
    if ws.len() - last_sep - 1 < 3 || !ws[..last_sep].iter().all(|w| is_section_word(w.text)) {
        return None;
    }
    let trail: Vec<&str> = ws[..=last_sep].iter().map(|w| w.text).collect();
    groups_ok(&trail, true).then(|| ws[last_sep + 1].start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trails() {
        assert!(is_trail("News › World › Europe"));
        assert!(!is_trail("Home World Politics"), "an edge, like `Home Intensive Care Inc`");
        assert!(is_trail("Home / Sport"));
        assert!(!is_trail("Home Secretary Meets Farmers Today"));
        assert!(!is_trail("World leaders meet"));
        assert!(!is_trail("Select Language:"));
        let line = "Home › Business › Port strike ends after nine days";
        assert_eq!(&line[trail_prefix(line).unwrap()..], "Port strike ends after nine days");
        assert_eq!(trail_prefix("Prices rise / fall in March"), None);
    }

    #[test]
    fn glued_before_a_repeated_headline() {
        let text = "Business Markets Port strike ends after nine days\n\nPort strike ends after nine days\n\
            Dock workers returned on Monday after the union accepted the offer.";
        let ls = super::super::lines(text);
        let first = ls.iter().position(|l| l.sentence).unwrap();
        let g = glued(text, &ls, first);
        assert_eq!(g.len(), 1);
        assert_eq!(&text[ls[0].span.start..g[0].1], "Business Markets ");
        // Not glued: the later line is not the end of the first.
        let text =
            "Port strike ends after nine days\nPort strike talks\nDock workers returned on Monday after the offer.";
        let ls = super::super::lines(text);
        assert!(glued(text, &ls, 2).is_empty());
    }
}
