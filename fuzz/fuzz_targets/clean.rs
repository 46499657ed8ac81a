//! Cleaning: the lines set aside are inside their document's text, on char
//! boundaries, in order and not overlapping; the kept sentences too, and
//! each one's tokens lie inside it.
#![no_main]

use lexiscope_fuzz::{check_range, check_spans, check_tokens, corpus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let corpus = corpus(data);
    for d in corpus.docs() {
        let text = d.text.as_str();
        check_spans(text, d.removed.iter().map(|r| r.span), "removed line");
        if !corpus.options().clean {
            assert!(d.removed.is_empty(), "lines set aside with clean=false");
        }
        check_tokens(text, d.tokens());
        check_spans(text, d.kept().iter().map(|k| k.span), "kept sentence");
        for k in d.kept() {
            for t in d.sentence_tokens(k) {
                check_range(text, t.start, t.end, "sentence token");
                // Overlapping, not inside: UAX #29 can end a sentence inside a word
                // (`Berlin.ಚ`: a sentence break before an OLetter, no word break
                // across `.` between letters); see docs/robustness.md.
                assert!(t.start < k.span.end && t.end > k.span.start, "token outside its sentence");
            }
        }
    }
});
