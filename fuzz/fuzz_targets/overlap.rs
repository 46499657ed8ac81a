//! Overlap over a small corpus: for every method, scores in [0, 1] and
//! symmetric, neighbours and stories that name real documents; near
//! duplicates with Jaccard and containment in [0, 1].
#![no_main]

use _lexiscope::overlap::{near_duplicates, shingle_sets, Method};
use lexiscope_fuzz::{check_matrix, check_score, corpus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let corpus = corpus(data);
    let n = corpus.len();
    for name in ["default", "tfidf", "entities", "jaccard"] {
        let method = Method::parse(name, None).expect("known method");
        let ov = corpus.overlap(method, "en", None, None, None).expect("overlap of any corpus");
        check_matrix(&ov.matrix().expect("a small corpus has a matrix"), n, name);
        for a in 0..n {
            for b in 0..n {
                check_score(ov.score(a, b).expect("positions in range"), name);
            }
        }
        for (a, row) in ov.neighbors(3).expect("k >= 1").iter().enumerate() {
            for &(b, s) in row {
                assert!((b as usize) < n && b as usize != a, "{name}: neighbour {b} of {a}");
                check_score(s, name);
            }
        }
        for g in &ov.stories(0.3, 10).expect("a threshold in [0, 1]").groups {
            assert!(g.iter().all(|&d| (d as usize) < n), "{name}: story names a missing document");
        }
    }
    for nd in near_duplicates(&shingle_sets(&corpus, 3), 0.5, 64, 1, None) {
        assert!(nd.a < nd.b && (nd.b as usize) < n, "near duplicate pair {}-{}", nd.a, nd.b);
        check_score(nd.jaccard, "jaccard");
        check_score(nd.containment, "containment");
    }
});
