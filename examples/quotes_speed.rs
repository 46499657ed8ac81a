//! The whole quotation path on one thread, without Python, stage by stage:
//!
//! ```text
//! cargo run --release --example quotes_speed -- FILE.jsonl [REPEATS] [STAGE]
//! ```
//!
//! What `benches/bench_quotes.py` times (a corpus with its entities, then its
//! quotations), split into building the corpus, tokens and sentences, tags,
//! entities and quotations (best of REPEATS runs, thread CPU time, after the
//! models are loaded on one sentence). With STAGE (`entities` or `quotes`)
//! only that stage is repeated REPEATS times over one corpus built once per
//! run, to be profiled.
use std::time::Instant;

use _lexiscope::corpus::{Corpus, CorpusOptions};

mod common;
use common::cpu_seconds;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: quotes_speed FILE.jsonl [REPEATS] [STAGE]").clone();
    let repeats: usize = args.get(1).map_or(5, |n| n.parse().expect("REPEATS is a number"));
    let stage = args.get(2).cloned();
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::io::read_jsonl(std::path::Path::new(&path), "text", None, |_, text| {
        texts.push(text);
        Ok(())
    })
    .expect("a JSONL file with a \"text\" field");
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    pool.install(|| {
        let w0 = Instant::now();
        let one = Corpus::new(
            vec!["0".into()],
            vec!["\"We will talk,\" Sergei Lavrov said in Geneva.".into()],
            CorpusOptions::default(),
        )
        .expect("corpus");
        std::hint::black_box(one.quotes(None).expect("quotes"));
        eprintln!("model loading {:.3} s wall", w0.elapsed().as_secs_f64());
        if let Some(stage) = stage {
            let corpus = Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).expect("corpus");
            let ents = _lexiscope::entities::extract(&corpus, None);
            let c0 = cpu_seconds();
            for _ in 0..repeats {
                match stage.as_str() {
                    "entities" => {
                        std::hint::black_box(_lexiscope::entities::extract(&corpus, None));
                    }
                    "quotes" => {
                        std::hint::black_box(_lexiscope::quotes::extract(&corpus, &ents));
                    }
                    other => panic!("no stage {other}"),
                }
            }
            let dt = (cpu_seconds() - c0) / repeats as f64;
            println!("{stage}: {dt:.4} s cpu per run, {:.0} words/s", words as f64 / dt);
            return;
        }
        let names = ["corpus", "tokens", "tags", "entities", "quotes"];
        let mut best = [f64::MAX; 5];
        for _ in 0..repeats.max(1) {
            let mut t = [0.0; 6];
            t[0] = cpu_seconds();
            let corpus = Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).expect("corpus");
            t[1] = cpu_seconds();
            std::hint::black_box(corpus.docs().iter().map(|d| d.tokens().len()).sum::<usize>());
            t[2] = cpu_seconds();
            std::hint::black_box(corpus.docs().iter().map(|d| d.pos().len()).sum::<usize>());
            t[3] = cpu_seconds();
            std::hint::black_box(corpus.entities(None).expect("entities"));
            t[4] = cpu_seconds();
            std::hint::black_box(corpus.quotes(None).expect("quotes"));
            t[5] = cpu_seconds();
            for (b, w) in best.iter_mut().zip(t.windows(2)) {
                *b = b.min(w[1] - w[0]);
            }
        }
        let total: f64 = best.iter().sum();
        println!("{} docs, {words} words (white-space split), best of {repeats}, cpu s", texts.len());
        for (n, b) in names.iter().zip(best) {
            println!("{n:<10} {b:>8.4} s {:>5.1}%", 100.0 * b / total);
        }
        println!("{:<10} {total:>8.4} s {:>10.0} words/s", "whole", words as f64 / total);
    });
}
