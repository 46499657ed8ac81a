//! Small helpers the furniture rules share: white-space separated words with
//! their offsets, and where a paragraph may start inside a line.

/// A white-space separated word and its byte offset in the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordSpan<'a> {
    /// Byte offset of the word's first character.
    pub start: usize,
    /// The word.
    pub text: &'a str,
}

/// The white-space separated words of `text`, with their offsets.
pub fn word_spans(text: &str) -> impl Iterator<Item = WordSpan<'_>> + '_ {
    text.split_whitespace().map(move |w| WordSpan { start: w.as_ptr() as usize - text.as_ptr() as usize, text: w })
}

/// Whether a paragraph may start at byte `at` of `line`: at the line's start,
/// or right after the end of a sentence, with or without a space between
/// (`... on Sunday.The big picture:`, `... the war."More from ...`).
pub fn paragraph_starts_at(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    if before.is_empty() {
        return true;
    }
    let before = before.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    before.ends_with(['.', '!', '?', '…'])
}

/// Whether a sentence ends inside `text` and another starts after it (a
/// lowercase word of two or more letters, sentence punctuation, white
/// space): what a run of glued headlines does not have.
pub fn has_inner_sentence_end(text: &str) -> bool {
    let b = text.as_bytes();
    (2..b.len().saturating_sub(1)).any(|i| {
        matches!(b[i], b'.' | b'!' | b'?') && b[i - 1].is_ascii_lowercase() && b[i - 2].is_ascii_lowercase() && {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            j < b.len() && b[j] == b' '
        }
    })
}

/// The lowercase form of a word for the word lists: curly apostrophes made
/// straight, surrounding punctuation other than apostrophes dropped.
pub fn list_form(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_paragraph_starts() {
        let text = "  one two\tthree";
        let w: Vec<(usize, &str)> = word_spans(text).map(|w| (w.start, w.text)).collect();
        assert_eq!(w, [(2, "one"), (6, "two"), (10, "three")]);
        let line = "It rained on Sunday.The big picture: wet.";
        assert!(paragraph_starts_at(line, 20) && paragraph_starts_at(line, 0));
        assert!(!paragraph_starts_at(line, 24));
        assert!(has_inner_sentence_end("It rained. Then it stopped"));
        assert!(!has_inner_sentence_end("U.S. troops to stay in Europe"));
    }
}
