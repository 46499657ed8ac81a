//! Best time of `Corpus::matrix` (counts, no stopword removal) on one thread, without Python:
//! `cargo run --release --example prof_count -- FILE.jsonl [MAX_NGRAM] [REPEATS]`.
use _lexiscope::corpus::{Corpus, CorpusOptions, DfLimits, TermOptions, Weight};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let hi: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(1);
    let reps: usize = std::env::args().nth(3).map(|s| s.parse().unwrap()).unwrap_or(10);
    let mut texts: Vec<String> = Vec::new();
    _lexiscope::corpus::read_jsonl(std::path::Path::new(&path), "text", None, |_, t| {
        texts.push(t);
        Ok(())
    })
    .unwrap();
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    pool.install(|| {
        let c = Corpus::new(ids, texts, CorpusOptions { clean: false, ..Default::default() }).unwrap();
        let t = TermOptions { ngram: (1, hi), drop_stopwords: false, ..TermOptions::default() };
        let mut best = f64::MAX;
        for _ in 0..reps {
            let t0 = std::time::Instant::now();
            let m = c.matrix(&t, DfLimits { min_df: 1, max_df: u32::MAX, max_features: None }, Weight::Count);
            std::hint::black_box(&m);
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!("best matrix (1,{hi}) {best:.4} s");
    });
}
