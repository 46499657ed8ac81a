//! The part-of-speech tagger without Python:
//!
//! ```text
//! cargo run --release --example pos -- train OUT.lxpos TRAIN.jsonl... [--dev DEV.jsonl] [--epochs N]
//! cargo run --release --example pos -- eval [--weights W.lxpos] FILE.jsonl...
//! cargo run --release --example pos -- speed [--weights W.lxpos] FILE.jsonl
//! cargo run --release --example pos -- corpus NEWS.jsonl
//! cargo run --release --example pos -- dump [--weights W.lxpos] FILE.jsonl OUT.txt
//! ```
//!
//! `eval` prints accuracy on the gold words and on lexiscope's own tokens of
//! each sentence's text (gold tags carried over, see `tag::train::retokenized`);
//! `speed` times tagging on one core; `corpus` times a corpus pass (tokens
//! and sentences) with and without tags; `dump` writes the tags of every
//! sentence (gold words, then lexiscope's tokens) to compare two builds.
use std::path::Path;
use std::time::Instant;

use _lexiscope::tag::train::{accuracy, read_jsonl, retokenized, train, TrainOptions};
use _lexiscope::tag::Tagger;

mod common;
use common::cpu_seconds;

fn load(weights: Option<&String>) -> Tagger {
    match weights {
        Some(p) => Tagger::from_bytes(&std::fs::read(p).expect("weights file")).expect("valid weights"),
        None => Tagger::english().clone(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).map(|i| &args[i + 1]);
    let plain: Vec<&String> = {
        let mut v = Vec::new();
        let mut i = 1;
        while i < args.len() {
            if args[i].starts_with("--") {
                i += 2;
            } else {
                v.push(&args[i]);
                i += 1;
            }
        }
        v
    };
    match args.first().map(String::as_str) {
        Some("train") => {
            let out = plain[0];
            let mut data = Vec::new();
            for p in &plain[1..] {
                data.extend(read_jsonl(Path::new(p)).expect("training file"));
            }
            let dev = flag("--dev").map(|p| read_jsonl(Path::new(p)).expect("dev file")).unwrap_or_default();
            let mut opts = TrainOptions::default();
            if let Some(p) = flag("--passes") {
                opts.passes = p.parse().expect("--passes N");
            }
            if let Some(e) = flag("--epochs") {
                opts.epochs = e.parse().expect("--epochs N");
            }
            if let Some(v) = flag("--class-share") {
                opts.min_class_share = v.parse().expect("--class-share X");
            }
            if let Some(v) = flag("--class-count") {
                opts.min_class_count = v.parse().expect("--class-count N");
            }
            if let Some(v) = flag("--fixed-count") {
                opts.min_fixed_count = v.parse().expect("--fixed-count N");
            }
            if let Some(v) = flag("--seed") {
                opts.seed = v.parse().expect("--seed N");
            }
            let t0 = Instant::now();
            let trained = train(&data, &dev, &opts, |e| println!("epoch: train {:.4} dev {:.4}", e.train, e.dev))
                .expect("training");
            std::fs::write(out, &trained.bytes).expect("write weights");
            println!(
                "{} features, {} bytes, {:.1} s",
                trained.features,
                trained.bytes.len(),
                t0.elapsed().as_secs_f64()
            );
        }
        Some("eval") => {
            let tagger = load(flag("--weights"));
            for p in &plain {
                let sents = read_jsonl(Path::new(p)).expect("file");
                let (r, t) = accuracy(&tagger, &sents);
                let re: Vec<_> = sents.iter().filter_map(retokenized).collect();
                let (rr, rt) = accuracy(&tagger, &re);
                println!(
                    "{p}: gold tokens {:.4} ({r}/{t}); lexiscope tokens {:.4} ({rr}/{rt})",
                    r as f64 / t as f64,
                    rr as f64 / rt as f64
                );
            }
        }
        Some("confusion") => {
            let tagger = load(flag("--weights"));
            let sents = read_jsonl(Path::new(plain[0])).expect("file");
            let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
            let mut out = Vec::new();
            for s in &sents {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                tagger.tag(&words, &mut out);
                for (p, g) in out.iter().zip(&s.tags) {
                    if p != g {
                        *counts.entry((g.to_string(), p.to_string())).or_default() += 1;
                    }
                }
            }
            let mut v: Vec<_> = counts.into_iter().collect();
            v.sort_by_key(|e| std::cmp::Reverse(e.1));
            for ((g, p), n) in v.iter().take(25) {
                println!("gold {g:6} predicted {p:6} {n}");
            }
        }
        Some("speed") => {
            let tagger = load(flag("--weights"));
            let sents = read_jsonl(Path::new(plain[0])).expect("file");
            let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            let n: usize = words.iter().map(Vec::len).sum();
            let mut out = Vec::new();
            for round in 0..5 {
                let (t0, c0) = (Instant::now(), cpu_seconds());
                let mut k = 0;
                for w in &words {
                    tagger.tag(w, &mut out);
                    k += out.len();
                }
                let (dt, dc) = (t0.elapsed().as_secs_f64(), cpu_seconds() - c0);
                assert_eq!(k, n);
                println!(
                    "round {round}: {n} tokens, {:.2} M tokens/s of CPU time on one core ({:.2} M/s wall)",
                    n as f64 / dc / 1e6,
                    n as f64 / dt / 1e6
                );
            }
        }
        Some("corpus") => {
            let mut texts: Vec<String> = Vec::new();
            _lexiscope::corpus::read_jsonl(Path::new(plain[0]), "text", None, |_, text| {
                texts.push(text);
                Ok(())
            })
            .expect("a JSONL file with a \"text\" field");
            let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
            Tagger::english();
            for round in 0..3 {
                let opts = _lexiscope::corpus::CorpusOptions::default();
                let c = _lexiscope::corpus::Corpus::new(ids.clone(), texts.clone(), opts.clone()).unwrap();
                let t0 = Instant::now();
                c.parse_all();
                let plain_s = t0.elapsed().as_secs_f64();
                let c = _lexiscope::corpus::Corpus::new(ids.clone(), texts.clone(), opts).unwrap();
                let t0 = Instant::now();
                c.parse_all();
                c.tag_all();
                let tagged_s = t0.elapsed().as_secs_f64();
                let n: usize = c.docs().iter().map(|d| d.pos().len()).sum();
                println!(
                    "round {round}: {n} tokens; parse {plain_s:.3} s, parse + tags {tagged_s:.3} s (+{:.0}%), {} threads",
                    (tagged_s / plain_s - 1.0) * 100.0,
                    rayon::current_num_threads()
                );
            }
        }
        Some("dump") => {
            use std::fmt::Write as _;
            let tagger = load(flag("--weights"));
            let sents = read_jsonl(Path::new(plain[0])).expect("file");
            let mut s = String::new();
            let mut out = Vec::new();
            for (i, sent) in sents.iter().enumerate() {
                let words: Vec<&str> = sent.words.iter().map(String::as_str).collect();
                tagger.tag(&words, &mut out);
                writeln!(s, "G {i} {out:?}").expect("string");
                if let Some(re) = retokenized(sent) {
                    let words: Vec<&str> = re.words.iter().map(String::as_str).collect();
                    tagger.tag(&words, &mut out);
                    writeln!(s, "L {i} {out:?}").expect("string");
                }
            }
            std::fs::write(plain[1], s).expect("write the dump");
        }
        _ => eprintln!("usage: pos train|eval|speed|corpus|dump ... (see the top of examples/pos.rs)"),
    }
}
