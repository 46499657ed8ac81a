//! What the per-document analysis costs in memory, per million tokens:
//! `cargo run --release --example memory -- FILE.jsonl`
//! (tokens and sentences, then the lexicon with each token's form, then
//! part-of-speech tags, as `Corpus::memory` counts them).
use std::time::Instant;

use _lexiscope::corpus::{Corpus, CorpusOptions};

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE.jsonl");
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::io::read_jsonl(std::path::Path::new(&path), "text", None, |_, text| {
        texts.push(text);
        Ok(())
    })
    .expect("a JSONL file with a \"text\" field");
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    let corpus = Corpus::new(ids, texts, CorpusOptions::default()).expect("corpus");
    let t = Instant::now();
    corpus.parse_all();
    let parse = t.elapsed().as_secs_f64();
    let tokens: usize = corpus.docs().iter().map(|d| d.tokens().len()).sum();
    let t = Instant::now();
    let lex = corpus.lexicon().expect("lexicon");
    let lexicon = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let stem = _lexiscope::normalize::Stem::new("en").expect("stemmer");
    lex.stems(&stem);
    let stems = t.elapsed().as_secs_f64();
    corpus.tag_all();
    let m = corpus.memory();
    let per_m = |bytes: usize| bytes as f64 / (tokens as f64 / 1e6) / 1e6;
    println!("{} documents, {tokens} tokens, {} forms", corpus.len(), lex.len());
    println!("parse {parse:.3} s, lexicon {lexicon:.3} s, English stems {stems:.3} s");
    println!("MB per million tokens: tokens and sentences {:.1}", per_m(m.analysis));
    println!("MB per million tokens: lexicon and token forms {:.1}", per_m(m.lexicon));
    println!("MB per million tokens: part-of-speech tags {:.1}", per_m(m.pos));
}
