//! Sentence splitting: sentences in order, not overlapping, on char
//! boundaries, non-empty and trimmed of skippable characters.
#![no_main]

use _lexiscope::tokenize::{is_skipped, sentences};
use lexiscope_fuzz::{check_spans, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let spans = sentences(&text);
    check_spans(&text, spans.iter().copied(), "sentence");
    for s in &spans {
        let t = &text[s.start..s.end];
        assert_eq!(t, t.trim_matches(is_skipped), "sentence {}..{} not trimmed", s.start, s.end);
    }
});
