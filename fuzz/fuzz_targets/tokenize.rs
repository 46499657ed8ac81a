//! Tokenizer: offsets on char boundaries, tokens in order, not overlapping,
//! and nothing but skippable characters outside them; the analysing
//! tokenizer gives the same tokens.
#![no_main]

use _lexiscope::tokenize::tokenize;
use _lexiscope::tokenizer::{Tokenizer, TokenizerSpec};
use lexiscope_fuzz::{check_tokens, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let tokens = tokenize(&text);
    check_tokens(&text, &tokens);
    let tok = Tokenizer::new(TokenizerSpec::default()).expect("default options");
    assert_eq!(tok.tokens(&text), tokens);
    // Normal forms and n-grams of any input: no panic.
    let _ = tok.analyze(&text);
    let _ = tok.words(&text);
});
