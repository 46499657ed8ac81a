//! Tokenizer throughput without Python: `cargo run --release --example throughput -- FILE.jsonl`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: throughput FILE.jsonl");
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::corpus::read_jsonl(std::path::Path::new(&path), "text", None, |_, text| {
        texts.push(text);
        Ok(())
    })
    .expect("a JSONL file with a \"text\" field");
    let bytes: usize = texts.iter().map(String::len).sum();
    let tok = _lexiscope::tokenizer::Tokenizer::new(Default::default()).expect("tokenizer");
    let mut buf = Vec::new();
    for round in 0..3 {
        let t0 = Instant::now();
        let mut n = 0;
        for t in &texts {
            n += tok.words_each(t, &mut buf, |_| {});
        }
        let dt = t0.elapsed().as_secs_f64();
        println!("round {round}: {n} words, {:.1} MB/s", bytes as f64 / dt / 1e6);
    }
}
