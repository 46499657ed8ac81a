//! Invariant checks shared by the fuzz targets: each target turns the fuzz
//! input into text (or a small corpus), runs one entry point of the core and
//! asserts what must hold for every input.

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::tokenize::{is_skipped, Span, Token};

/// The fuzz input as text. Bytes that are not UTF-8 become U+FFFD, as the
/// bindings decode lone surrogates, so that path is fuzzed too.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A small corpus from the fuzz input: documents are separated by U+001E
/// (record separator), at most 16 of them, ids `0..n`. Built with cleaning
/// on when the first byte is even, so both settings are fuzzed.
pub fn corpus(data: &[u8]) -> Corpus {
    let clean = data.first().is_none_or(|b| b % 2 == 0);
    let text = text(data);
    let texts: Vec<String> = text.split('\u{1e}').take(16).map(str::to_string).collect();
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    let options = CorpusOptions { clean, ..CorpusOptions::default() };
    Corpus::new(ids, texts, options).expect("unique ids and default options always make a corpus")
}

/// `start..end` is a non-empty range of `text` on char boundaries.
pub fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what} {start}..{end} outside a text of {} bytes", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} not on char boundaries");
    assert!(text.get(start..end).is_some(), "{what} {start}..{end} does not slice back");
}

/// Spans in order, not overlapping, each non-empty, on char boundaries.
pub fn check_spans(text: &str, spans: impl IntoIterator<Item = Span>, what: &str) {
    let mut prev_end = 0;
    for s in spans {
        check_range(text, s.start, s.end, what);
        assert!(s.start < s.end, "empty {what} at {}", s.start);
        assert!(s.start >= prev_end, "{what} {}..{} overlaps or precedes the one ending at {prev_end}", s.start, s.end);
        prev_end = s.end;
    }
}

/// Tokens in order, not overlapping, on char boundaries, and every character
/// outside them skippable (white space, controls, invisible format characters).
pub fn check_tokens(text: &str, tokens: &[Token]) {
    check_spans(text, tokens.iter().map(|t| Span { start: t.start, end: t.end }), "token");
    let mut pos = 0;
    for t in tokens {
        for c in text[pos..t.start].chars() {
            assert!(is_skipped(c), "{c:?} before byte {} is in no token", t.start);
        }
        pos = t.end;
    }
    for c in text[pos..].chars() {
        assert!(is_skipped(c), "{c:?} at the end is in no token");
    }
}

/// A score in [0, 1] (and not NaN).
pub fn check_score(x: f64, what: &str) {
    assert!((0.0..=1.0 + 1e-9).contains(&x), "{what} {x} outside [0, 1]");
}

/// An `n` × `n` row-major matrix of scores: in [0, 1] and symmetric.
pub fn check_matrix(m: &[f64], n: usize, what: &str) {
    assert_eq!(m.len(), n * n, "{what}: {} entries for {n} documents", m.len());
    for a in 0..n {
        for b in 0..n {
            check_score(m[a * n + b], what);
            let (x, y) = (m[a * n + b], m[b * n + a]);
            assert!((x - y).abs() <= 1e-9, "{what} not symmetric: [{a},{b}] {x} vs [{b},{a}] {y}");
        }
    }
}
