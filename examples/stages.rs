//! Time of each stage of corpus analysis, one thread, without Python:
//! `cargo run --release --example stages -- FILE.jsonl [STAGE-PREFIX] [REPEATS]`
//! (each stage the best of REPEATS runs, default 1).
use std::time::Instant;

use _lexiscope::corpus::{Corpus, CorpusOptions, TermOptions};
use _lexiscope::weight::{DfLimits, Weight};

// The allocator and options of the Python module (examples/common).
mod common;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages FILE.jsonl");
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::io::read_jsonl(std::path::Path::new(&path), "text", None, |_, text| {
        texts.push(text);
        Ok(())
    })
    .expect("a JSONL file with a \"text\" field");
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    pool.install(|| {
        let only = std::env::args().nth(2).filter(|o| !o.is_empty());
        let repeats: usize = std::env::args().nth(3).map_or(1, |r| r.parse().expect("REPEATS is a number"));
        let time = |name: &str, f: &mut dyn FnMut() -> usize| {
            if only.as_deref().is_some_and(|o| !name.starts_with(o)) {
                return;
            }
            let (mut dt, mut n) = (f64::MAX, 0);
            for _ in 0..repeats.max(1) {
                let t0 = Instant::now();
                n = f();
                dt = dt.min(t0.elapsed().as_secs_f64());
            }
            println!("{name:<28} {dt:>7.3} s {:>8.1} MB/s  ({n})", mb / dt);
        };
        time("tokenize", &mut || texts.iter().map(|t| _lexiscope::tokenize::tokenize(t).len()).sum());
        time("sentences", &mut || texts.iter().map(|t| _lexiscope::tokenize::sentences(t).len()).sum());
        let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
        let opts = CorpusOptions { clean: false, ..Default::default() };
        let mut corpus = None;
        time("Corpus::new clean=false", &mut || {
            let c = Corpus::new(ids.clone(), texts.clone(), opts.clone()).expect("corpus");
            let n = c.len();
            corpus = Some(c);
            n
        });
        time("Corpus::new clean lines only", &mut || texts.iter().map(|t| _lexiscope::clean::lines(t).len()).sum());
        time("Corpus::new clean local", &mut || {
            texts.iter().map(|t| _lexiscope::clean::local_furniture(t, &_lexiscope::clean::lines(t)).len()).sum()
        });
        time("Corpus::new clean=true", &mut || {
            Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).expect("corpus").len()
        });
        let c = corpus.unwrap_or_else(|| Corpus::new(ids.clone(), texts.clone(), opts.clone()).expect("corpus"));
        time("for_each_run tokens", &mut || {
            let mut scratch = _lexiscope::document::Scratch::default();
            let mut n = 0;
            for d in c.docs() {
                d.for_each_run(false, &mut scratch, |run| n += run.len());
            }
            n
        });
        time("for_each_run + normalize", &mut || {
            let mut scratch = _lexiscope::document::Scratch::default();
            let mut buf = String::new();
            let mut n = 0;
            let o = &c.options().tokenizer.normalize;
            for d in c.docs() {
                d.for_each_run(false, &mut scratch, |run| {
                    for t in run {
                        n += _lexiscope::normalize::normalize_cow(t.text(&d.text), o, &mut buf).len();
                    }
                });
            }
            n
        });
        let cc = Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).expect("corpus");
        let mut vectors = None;
        time("overlap vectors tfidf", &mut || {
            let v =
                _lexiscope::overlap::Vectors::build(&cc, _lexiscope::overlap::Method::TfIdf, None, "en").expect("v");
            let n = v.len();
            vectors = Some(v);
            n
        });
        if let Some(v) = vectors {
            time("overlap f32", &mut || v.matrix_f32().len());
            time("overlap f32 again", &mut || v.matrix_f32().len());
            time("overlap f32 third", &mut || v.matrix_f32().len());
        }
        for ngram in [(1, 1), (1, 2)] {
            let t = TermOptions { ngram, drop_stopwords: false, ..TermOptions::default() };
            time(&format!("count_table {ngram:?}"), &mut || c.count_table(&t).terms.len());
            for sorted in [false, true] {
                let name = format!("matrix count {ngram:?}{}", if sorted { " sorted" } else { "" });
                time(&name, &mut || {
                    let limits = DfLimits { min_df: 1, max_df: u32::MAX, max_features: None };
                    c.matrix_in(&t, limits, Weight::Count, sorted).1.indices.len()
                });
            }
        }
    });
}
