//! Collection keyphrases: each document's candidates added up (see the
//! parent module's docs).

use rustc_hash::FxHashMap;

use super::{CorpusKeyphrase, Keyphrase, CORPUS_LENGTH_BONUS, INNER_STOPWORDS};

/// Collection keyphrases from each document's candidates, best first
/// (what [`KeyphraseExtractor::corpus`] ranks; see the module docs).
pub fn collection_keyphrases(all: &[Vec<Keyphrase>], top: usize) -> Vec<CorpusKeyphrase> {
    // Per key: summed score, documents, occurrences, and how often each surface form was seen.
    type Tally<'a> = (f64, u32, u32, FxHashMap<&'a str, u32>);
    // Serial on purpose: the scores are floating-point sums, added in
    // document order so that they are the same for any number of threads
    // (a parallel reduce would change the order of the additions); it is a
    // few hash updates per candidate kept (at most `per_doc` per document).
    let mut acc: FxHashMap<&str, Tally<'_>> = FxHashMap::default();
    for doc in all {
        let Some(best) = doc.first().map(|k| k.score) else { continue };
        for k in doc {
            let e = acc.entry(k.key.as_str()).or_insert_with(|| (0.0, 0, 0, FxHashMap::default()));
            let words = k.key.split(' ').filter(|p| !INNER_STOPWORDS.contains(p)).count() as f64;
            let length = 1.0 + CORPUS_LENGTH_BONUS * (words - 1.0);
            e.0 += if best > 0.0 { length * k.score / best } else { 0.0 };
            e.1 += 1;
            e.2 += k.count;
            *e.3.entry(k.text.as_str()).or_insert(0) += 1;
        }
    }
    let several = all.iter().filter(|d| !d.is_empty()).count() >= 2;
    let mut out: Vec<CorpusKeyphrase> = acc
        .into_iter()
        // In a collection, a multi-word phrase must recur in two documents.
        .filter(|(key, (_, docs, _, _))| !several || *docs >= 2 || !key.contains(' '))
        .map(|(key, (score, docs, count, forms))| {
            let text = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(t, _)| t.to_string())
                .unwrap_or_default();
            CorpusKeyphrase { text, key: key.to_string(), score, docs, count }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
    let mut chosen: Vec<CorpusKeyphrase> = Vec::new();
    for k in out {
        if chosen.len() >= top {
            break;
        }
        let parts: Vec<&str> = k.key.split(' ').collect();
        if chosen.iter().any(|c| contains_run(&c.key.split(' ').collect::<Vec<_>>(), &parts)) {
            continue;
        }
        chosen.push(k);
    }
    chosen
}

/// Whether `needle` is a contiguous run inside `hay`.
pub(super) fn contains_run<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}
