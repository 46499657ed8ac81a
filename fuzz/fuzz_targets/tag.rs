//! Part-of-speech tagging on arbitrary token sequences: one tag per word,
//! the same tags on a second call, from the reference path, and after the
//! reused buffers tagged another sentence; over a small corpus, one tag per
//! token of each document, each sentence tagged as it is alone.
#![no_main]

use _lexiscope::tag::{Buffers, Tagger, Upos};
use lexiscope_fuzz::{corpus, text};
use libfuzzer_sys::fuzz_target;

/// Tags `words` through every path and asserts they agree.
fn check_words(tagger: &Tagger, words: &[&str], buf: &mut Buffers) -> Vec<Upos> {
    let mut tags = Vec::new();
    tagger.tag(words, &mut tags);
    assert_eq!(tags.len(), words.len(), "one tag per word");
    let mut again = Vec::new();
    tagger.tag(words, &mut again);
    assert_eq!(again, tags, "a second call tags alike");
    tagger.tag_reference(words, &mut again);
    assert_eq!(again, tags, "the reference path tags alike");
    // `buf` last tagged some other sentence: nothing of it may leak in.
    again.clear();
    tagger.tag_with(words.len(), |i| words[i], buf, &mut again);
    assert_eq!(again, tags, "reused buffers tag alike");
    tags
}

fuzz_target!(|data: &[u8]| {
    let tagger = Tagger::english();
    let text = text(data);
    let mut buf = Buffers::default();
    // Any strings as words (empty ones, white space, controls): the input
    // split at U+001F, a few sentences at U+001E.
    for sentence in text.split('\u{1e}').take(8) {
        let words: Vec<&str> = sentence.split('\u{1f}').collect();
        check_words(tagger, &words, &mut buf);
    }
    // The corpus path: `Document::pos`.
    let corpus = corpus(data);
    for d in corpus.docs() {
        let p = d.parsed();
        let pos = d.pos();
        assert_eq!(pos.len(), p.tokens.len(), "one tag per token");
        let mut again = Vec::new();
        tagger.tag_tokens(&d.text, &p.tokens, &p.sentences, &mut again);
        assert_eq!(again.as_slice(), pos, "tag_tokens tags alike");
        // Each sentence's tokens (those starting inside it) tagged alone.
        for s in &p.sentences {
            let a = p.tokens.partition_point(|t| t.start < s.start);
            let b = p.tokens.partition_point(|t| t.start < s.end);
            let words: Vec<&str> = p.tokens[a..b].iter().map(|t| t.text(&d.text)).collect();
            assert_eq!(check_words(tagger, &words, &mut buf), pos[a..b], "a sentence tagged alone");
        }
    }
});
