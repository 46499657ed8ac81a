//! Tokenizer throughput without Python: `cargo run --release --example throughput -- FILE.jsonl`.
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: throughput FILE.jsonl");
    let file = std::fs::File::open(&path).expect("readable file");
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            v["text"].as_str().unwrap_or("").to_string()
        })
        .collect();
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
