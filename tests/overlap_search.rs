//! The neighbour search of overlap, exact and pruned, on the first Reuters
//! stories of `../shared/eval/corpus/` (skipped when that file is absent):
//! the pruned search returns exact scores, equals the exact search when its
//! budget holds every posting, and finds most exact neighbours with a small
//! budget; `Search::Exact` above the size makes exact profiles again.

use std::io::BufRead;

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::overlap::{pool, set_exact_max_docs, Method, Search, Vectors};

fn reuters(n: usize) -> Option<Corpus> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/corpus/news_reuters21578.jsonl");
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .take(n)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("a line")).expect("JSON");
            v["text"].as_str().expect("a text").to_string()
        })
        .collect();
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    Some(Corpus::new(ids, texts, CorpusOptions::default()).expect("corpus"))
}

type Lists = Vec<Vec<(u32, f64)>>;

/// Every pruned score is the exact score of its pair, bit for bit.
fn scores_exact(pruned: &Lists, all: &Lists) {
    for (i, row) in pruned.iter().enumerate() {
        for &(j, s) in row {
            let e = all[i].iter().find(|&&(x, _)| x == j).map(|&(_, e)| e);
            assert_eq!(e.map(f64::to_bits), Some(s.to_bits()), "pair {i} {j}");
        }
    }
}

/// The share of the exact lists' pairs the pruned lists hold.
fn recall(pruned: &Lists, exact: &Lists) -> f64 {
    let (mut hit, mut total) = (0usize, 0usize);
    for (p, e) in pruned.iter().zip(exact) {
        total += e.len();
        hit += e.iter().filter(|(j, _)| p.iter().any(|(x, _)| x == j)).count();
    }
    hit as f64 / total.max(1) as f64
}

// One test: the size setting is read by every search of this process.
#[test]
fn pruned_and_exact_search() {
    let Some(c) = reuters(400) else { return };
    let n = c.len();
    let plain = Vectors::build(&c, Method::TfIdf, None, "en").expect("vectors");
    let refined = plain.clone().with_context(10, 0.3).expect("context");
    for v in [&plain, &refined] {
        let exact = v.top_k_with(10, Search::Exact);
        assert_eq!(v.top_k(10), exact, "exact below the size");
        let all = v.top_k_with(n, Search::Exact);
        // A budget holding every posting: the exact lists.
        assert_eq!(v.top_k_pruned(10, usize::MAX, pool(10)), exact);
        // Small budgets: exact scores, most neighbours found.
        for budget in [200, 1000, 5000] {
            let pruned = v.top_k_pruned(10, budget, pool(10));
            scores_exact(&pruned, &all);
            let r = recall(&pruned, &exact);
            assert!(r > 0.8, "budget {budget}: recall {r}");
            assert!(pruned.iter().all(|row| row.windows(2).all(|w| w[0].1 >= w[1].1)), "best first");
        }
        assert_eq!(
            v.top_k_with(10, Search::Pruned),
            v.top_k_pruned(10, _lexiscope::overlap::CANDIDATE_BUDGET, pool(10))
        );
    }
    // Above the size the refinement's profiles come from the pruned search;
    // the exact search makes them again, so its lists are those of a corpus
    // below the size.
    let exact = refined.top_k_with(10, Search::Exact);
    let before = set_exact_max_docs(0);
    let pruned_ctx = plain.clone().with_context(10, 0.3).expect("context");
    assert!(!Search::Auto.is_exact(n));
    assert_eq!(pruned_ctx.top_k_with(10, Search::Exact), exact);
    assert_eq!(pruned_ctx.top_k(10), pruned_ctx.top_k_with(10, Search::Pruned));
    set_exact_max_docs(before);
    assert!(Search::Auto.is_exact(n));
}
