//! Section labels: the few words and a colon that open a paragraph in
//! formatted news (`Why it matters:`, `The big picture:`, `Zoom in:`, `Of
//! note:`, `What they're saying:`, `Driving the news:`, `By the numbers:`,
//! `Editor's note:`, `ANALYSIS:`).
//!
//! A label is the whole clause from the start of a paragraph (the start of a
//! line, or right after the end of a sentence when paragraphs were glued
//! together) to a colon: one to five words, the first capitalised, every word
//! from [`WORDS`] and at least one from [`HEADS`]. A clause with any other
//! word (`Vance said:`, `Officials in Kyiv:`) is not a label, so a label never
//! holds a name. Only the label is set aside: the paragraph it opens is kept.

use super::words::{list_form, paragraph_starts_at};
use crate::tokenize::Span;

/// Words a label is made of besides its [`HEADS`]: articles, pronouns,
/// prepositions and the question words that open labels.
const WORDS: &[&str] = &[
    "the", "a", "it", "it's", "its", "of", "in", "on", "to", "by", "at", "for", "up", "out", "what", "what's", "why",
    "how", "where", "who", "when", "we're", "they're", "we", "they", "is", "are", "our", "your", "this", "that", "and",
    "but", "yes", "next", "new", "other", "key", "big", "bottom", "main", "fine", "quick", "deeper", "editor's", "be",
    "go", "one", "more", "thought", "first", "last", "then", "now", "there", "here", "quoted",
];

/// The words that make a clause a label (at least one is needed).
const HEADS: &[&str] = &[
    "matters",
    "matter",
    "picture",
    "saying",
    "say",
    "says",
    "note",
    "notes",
    "news",
    "lines",
    "numbers",
    "line",
    "watch",
    "watching",
    "stake",
    "stakes",
    "play",
    "latest",
    "check",
    "side",
    "level",
    "quote",
    "quotes",
    "intrigue",
    "context",
    "background",
    "bubble",
    "backstory",
    "noting",
    "record",
    "money",
    "stands",
    "happened",
    "happening",
    "works",
    "print",
    "points",
    "takeaways",
    "takeaway",
    "highlights",
    "correction",
    "update",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "listen",
    "explainer",
    "timeline",
    "details",
    "flashback",
    "zoom",
    "driving",
    "smart",
    "reality",
    "threat",
    "catch",
    "follow",
    "worth",
    "between",
    "state",
    "scoop",
    "catalyst",
    "vibe",
    "impact",
    "reaction",
    "response",
    "flip",
    "yes",
    "next",
    "new",
    "deeper",
    "summary",
    "recap",
    "tldr",
    "fact",
    "facts",
    "disclosure",
    "clarification",
    "overview",
    "essentials",
    "glance",
    "gist",
    "bottom",
];

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The label that ends at the colon at byte `colon` of `line`, if any: the
/// start of its first word.
fn label_ending_at(line: &str, colon: usize) -> Option<usize> {
    // Walk back over letters, apostrophes, commas and single spaces (at
    // most five words).
    let head = &line[..colon];
    let mut begin = colon;
    let mut spaces = 0;
    for (i, c) in head.char_indices().rev() {
        if c.is_alphabetic() || matches!(c, '\'' | '’' | ',') {
            begin = i;
        } else if c == ' ' && begin == i + 1 && spaces < 5 {
            spaces += 1;
        } else {
            break;
        }
    }
    if begin >= colon || !line[begin..].starts_with(char::is_uppercase) {
        return None;
    }
    let clause = &line[begin..colon];
    let ws: Vec<String> = clause.split(' ').map(list_form).collect();
    if ws.is_empty() || ws.len() > 5 || ws.iter().any(String::is_empty) {
        return None;
    }
    let all_known = ws.iter().all(|w| in_list(WORDS, w) || in_list(HEADS, w));
    let has_head = ws.iter().any(|w| in_list(HEADS, w));
    // `Yes, but:` is the one label with a comma inside.
    let commas_ok = !clause.contains(',') || clause.to_lowercase().starts_with("yes,");
    (all_known && has_head && commas_ok && paragraph_starts_at(line, begin)).then_some(begin)
}

/// The section labels of one trimmed line that starts at byte `base` of the
/// text, in order (each span includes its colon).
pub fn find(line: &str, base: usize, out: &mut Vec<Span>) {
    for colon in memchr::memchr_iter(b':', line.as_bytes()) {
        // What follows the colon starts the paragraph's text.
        let next = line[colon + 1..].trim_start().chars().next();
        let opens = next.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
        if !opens {
            continue;
        }
        if let Some(begin) = label_ending_at(line, colon) {
            out.push(Span { start: base + begin, end: base + colon + 1 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(line: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(line, 0, &mut out);
        out.iter().map(|s| &line[s.start..s.end]).collect()
    }

    #[test]
    fn labels_at_paragraph_starts() {
        assert_eq!(labels("Why it matters: The vote decides the budget."), ["Why it matters:"]);
        assert_eq!(
            labels(
                "The port reopened on Friday.Between the lines: Shippers had already rerouted.\"State of play: Calm."
            ),
            ["Between the lines:", "State of play:"]
        );
        assert_eq!(labels("The bill passed. What's next: A second vote in May."), ["What's next:"]);
        assert_eq!(labels("Yes, but: Costs rose."), ["Yes, but:"]);
        assert_eq!(labels("EDITOR'S NOTE: This story was updated."), ["EDITOR'S NOTE:"]);
    }

    #[test]
    fn clauses_that_are_not_labels() {
        // A speaker, a name, a sentence that goes on before its colon.
        assert!(labels("Vance said: \"We will see.\"").is_empty());
        assert!(labels("What Trump is saying: Not much.").is_empty());
        assert!(labels("He gave the latest: the port is shut.").is_empty());
        assert!(labels("The news: it broke at 10:30 in Lagos.").is_empty(), "lowercase after the colon");
        assert!(labels("Ratio 3:1 of the vote").is_empty());
    }
}
