//! Entity extraction on one thread, without Python:
//!
//! ```text
//! cargo run --release --example entities_speed -- FILE.jsonl [DOCS] [REPEATS] [--dump OUT.txt]
//! ```
//!
//! Times, on the first DOCS documents (default all), part-of-speech tagging
//! and then entity extraction over a fresh corpus (best of REPEATS, thread
//! CPU time, so a shared machine counts less), in words per second, after
//! loading the models on one sentence (timed apart, as in the Python benches;
//! each run is printed, the first one too).
//! `--dump` writes every entity and every mention (offsets, label, evidence,
//! role, entry, entity) and every token's part of speech to compare two builds byte for byte.
use std::fmt::Write as _;
use std::time::Instant;

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::tokenize::TokenKind;

mod common;
use common::cpu_seconds;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().position(|a| a == "--dump").map(|i| {
        let p = args.remove(i + 1);
        args.remove(i);
        p
    });
    let path = args.first().expect("usage: entities_speed FILE.jsonl [DOCS] [REPEATS] [--dump OUT]").clone();
    let limit: usize = args.get(1).map_or(usize::MAX, |n| n.parse().expect("DOCS is a number"));
    let repeats: usize = args.get(2).map_or(1, |n| n.parse().expect("REPEATS is a number"));
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::io::read_jsonl(std::path::Path::new(&path), "text", None, |_, text| {
        if texts.len() < limit {
            texts.push(text);
        }
        Ok(())
    })
    .expect("a JSONL file with a \"text\" field");
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    pool.install(|| {
        // Model loading, timed apart as the Python benches do: one sentence.
        let w0 = Instant::now();
        let one = Corpus::new(
            vec!["0".into()],
            vec!["Sergei Lavrov spoke in Geneva on Monday.".into()],
            CorpusOptions::default(),
        )
        .expect("corpus");
        std::hint::black_box(_lexiscope::entities::extract(&one, None));
        eprintln!("model loading {:.3} s wall", w0.elapsed().as_secs_f64());
        let (mut best_pos, mut best_ent) = (f64::MAX, f64::MAX);
        let mut words = 0usize;
        let mut last = None;
        for _ in 0..repeats.max(1) {
            let corpus = Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).expect("corpus");
            words = corpus.docs().iter().map(|d| d.tokens().iter().filter(|t| t.kind == TokenKind::Word).count()).sum();
            let (c0, w0) = (cpu_seconds(), Instant::now());
            let tags: usize = corpus.docs().iter().map(|d| d.pos().len()).sum();
            let (c1, w1) = (cpu_seconds(), Instant::now());
            let ents = _lexiscope::entities::extract(&corpus, None);
            let (c2, w2) = (cpu_seconds(), Instant::now());
            assert!(tags > 0 || words == 0);
            eprintln!(
                "run: tagging {:.3} s cpu ({:.3} wall), entities {:.3} s cpu ({:.3} wall)",
                c1 - c0,
                (w1 - w0).as_secs_f64(),
                c2 - c1,
                (w2 - w1).as_secs_f64()
            );
            best_pos = best_pos.min(c1 - c0);
            best_ent = best_ent.min(c2 - c1);
            last = Some((corpus, ents));
        }
        let w = words as f64;
        println!("{} docs, {words} words", texts.len());
        println!("tagging            {best_pos:>7.3} s {:>10.0} words/s", w / best_pos);
        println!("entities (tagged)  {best_ent:>7.3} s {:>10.0} words/s", w / best_ent);
        println!("both               {:>7.3} s {:>10.0} words/s", best_pos + best_ent, w / (best_pos + best_ent));
        if let (Some(out), Some((corpus, ents))) = (dump, last) {
            let mut s = String::new();
            for e in &ents.entities {
                writeln!(s, "E {:?}", e).expect("string");
            }
            for (d, doc) in corpus.docs().iter().enumerate() {
                writeln!(s, "P {d} {:?}", doc.pos()).expect("string");
            }
            for (d, ms) in ents.mentions.iter().enumerate() {
                let text = &corpus.docs()[d].text;
                for (m, e) in ms {
                    writeln!(s, "M {d} {:?} {e} {:?}", &text[m.span.start..m.span.end], m).expect("string");
                }
            }
            std::fs::write(out, s).expect("write the dump");
        }
    });
}
