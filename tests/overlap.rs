//! Overlap on the sample corpus (`python/lexiscope/data/sample/*.txt`, five
//! invented reports of one event): neighbours, scores and their parts, the
//! dense matrix, stories and near duplicates, with the default method and
//! its shared-neighbour refinement as the Python module builds them.

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::entities::extract;
use _lexiscope::overlap::{
    near_duplicates, shingle_sets, stories, Method, Part, Vectors, DEFAULT_CONTEXT, DEFAULT_METHOD,
};

fn sample_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("python/lexiscope/data/sample");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the sample corpus is in the repository")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).expect("readable sample")).collect()
}

fn corpus(texts: Vec<String>) -> Corpus {
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    Corpus::new(ids, texts, CorpusOptions::default()).expect("corpus")
}

fn default_vectors(c: &Corpus) -> Vectors {
    let ents = extract(c, None);
    Vectors::build(c, DEFAULT_METHOD, Some(&ents), "en")
        .and_then(|v| v.with_context(DEFAULT_CONTEXT.0, DEFAULT_CONTEXT.1))
        .expect("vectors")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn sample_default_method() {
    let c = corpus(sample_texts());
    let v = default_vectors(&c);
    assert!(v.context.is_some());
    let top = v.top_k(10);
    let order: Vec<Vec<u32>> = top.iter().map(|r| r.iter().map(|&(j, _)| j).collect()).collect();
    assert_eq!(order, [vec![3, 2, 1, 4], vec![3, 0, 2, 4], vec![0, 3, 1, 4], vec![0, 1, 2, 4], vec![0, 3, 2, 1]]);
    // Pinned with the byline and date stamp of 04 set aside as furniture and the learned entity layer
    // (part-of-speech features, teams of score lines), and `Upstream Dravinia` read as Dravinia.
    let pinned = [(0, 0.7593351159390374), (1, 0.6727352510616222), (2, 0.677257079778816), (4, 0.4230212810587173)];
    for (i, s) in pinned {
        assert!(close(top[i][0].1, s), "doc {i}: {:?}", top[i][0]);
    }
    // Neighbour scores, pair scores, their parts and the matrix agree.
    let n = v.len();
    let m = v.matrix();
    for (i, row) in top.iter().enumerate() {
        assert!(close(m[i * n + i], 1.0) && close(v.score(i, i), 1.0));
        for &(j, s) in row {
            let j = j as usize;
            assert!(close(m[i * n + j], s) && close(m[j * n + i], s), "{i} {j}");
            assert!(close(v.score(i, j), s), "{i} {j}");
            let parts = v.explain(i, j);
            assert!(close(parts.iter().map(|(_, c)| c).sum::<f64>(), s), "{i} {j}");
            assert!(parts.iter().any(|(p, _)| matches!(p, Part::Neighbor(_))));
            assert!(parts.iter().any(|(p, _)| matches!(p, Part::Feature(_))));
            assert!(parts.windows(2).all(|w| w[0].1 >= w[1].1), "largest first");
        }
    }
    // One story at 0.3; none merge at 0.8.
    assert_eq!(stories(&v.top_k(50), 0.3), [vec![0, 1, 2, 3, 4]]);
    assert_eq!(stories(&v.top_k(50), 0.8), (0..5).map(|i| vec![i]).collect::<Vec<_>>());
}

#[test]
fn sample_plain_methods() {
    let c = corpus(sample_texts());
    let ents = extract(&c, None);
    let tfidf = Vectors::build(&c, Method::TfIdf, None, "en").expect("vectors");
    let order: Vec<u32> = tfidf.top_k(10)[0].iter().map(|&(j, _)| j).collect();
    assert_eq!(order, [3, 2, 1, 4]);
    assert!(close(tfidf.top_k(1)[0][0].1, 0.4395102675874094), "{:?}", tfidf.top_k(1)[0][0]);
    let by_entities = Vectors::build(&c, Method::Entities, Some(&ents), "en").expect("vectors");
    assert!(close(by_entities.top_k(1)[0][0].1, 0.859424669009939), "{:?}", by_entities.top_k(1)[0][0]);
    assert!(Vectors::build(&c, Method::Jaccard, None, "en").is_err());
}

#[test]
fn sample_near_duplicates() {
    let mut texts = sample_texts();
    let c = corpus(texts.clone());
    assert!(near_duplicates(&shingle_sets(&c, 5), 0.8, 128, 1, None).is_empty());
    // A copy of the third report is found, exactly.
    texts.push(texts[2].clone());
    let c = corpus(texts);
    let pairs = near_duplicates(&shingle_sets(&c, 5), 0.8, 128, 1, None);
    assert_eq!(pairs.len(), 1);
    assert_eq!((pairs[0].a, pairs[0].b, pairs[0].jaccard, pairs[0].containment), (2, 5, 1.0, 1.0));
}
