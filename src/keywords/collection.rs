//! Collection keyphrases: each document's candidates added up (see the
//! parent module's docs).

use rustc_hash::FxHashMap;

use super::{CorpusKeyphrase, Keyphrase, CORPUS_LENGTH_BONUS, INNER_STOPWORDS};

/// Per key: summed score, the documents (positions, ascending), occurrences,
/// and how often each surface form was seen.
pub(super) type Tally<'a> = (f64, Vec<u32>, u32, FxHashMap<&'a str, u32>);

/// Collection keyphrases from each document's candidates, best first
/// (what [`KeyphraseExtractor::corpus`] ranks; see the module docs).
pub fn collection_keyphrases(all: &[Vec<Keyphrase>], top: usize) -> Vec<CorpusKeyphrase> {
    // Serial on purpose: the scores are floating-point sums, added in
    // document order so that they are the same for any number of threads
    // (a parallel reduce would change the order of the additions); it is a
    // few hash updates per candidate kept (at most `per_doc` per document).
    let mut acc: FxHashMap<&str, Tally<'_>> = FxHashMap::default();
    for (d, doc) in all.iter().enumerate() {
        let Some(best) = doc.first().map(|k| k.score) else { continue };
        for k in doc {
            let e = acc.entry(k.key.as_str()).or_insert_with(|| (0.0, Vec::new(), 0, FxHashMap::default()));
            let words = k.key.split(' ').filter(|p| !INNER_STOPWORDS.contains(p)).count() as f64;
            let length = 1.0 + CORPUS_LENGTH_BONUS * (words - 1.0);
            e.0 += if best > 0.0 { length * k.score / best } else { 0.0 };
            if e.1.last() != Some(&(d as u32)) {
                e.1.push(d as u32);
            }
            e.2 += k.count;
            *e.3.entry(k.text.as_str()).or_insert(0) += 1;
        }
    }
    let mut acc: Vec<(&str, Tally<'_>)> = acc.into_iter().collect();
    acc.sort_unstable_by(|a, b| a.0.cmp(b.0));
    fold_surnames(&mut acc);
    let several = all.iter().filter(|d| !d.is_empty()).count() >= 2;
    let mut out: Vec<CorpusKeyphrase> = acc
        .into_iter()
        // In a collection, a multi-word phrase must recur in two documents.
        .filter(|(key, (_, docs, _, _))| !several || docs.len() >= 2 || !key.contains(' '))
        .map(|(key, (score, docs, count, forms))| {
            let text = most_written(&forms).to_string();
            CorpusKeyphrase { text, key: key.to_string(), score, docs: docs.len() as u32, count }
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

/// The most often seen form (ties: the smallest, for determinism).
fn most_written<'a>(forms: &FxHashMap<&'a str, u32>) -> &'a str {
    forms.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map_or("", |(t, _)| t)
}

/// Whether `text` is written as a name of two or three words (each starts
/// with a capital: `JD Vance`, `Aleksandr Petrenko`) or, with `words == 1`, one.
fn written_as_name(text: &str, words: std::ops::RangeInclusive<usize>) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    words.contains(&parts.len()) && parts.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A one-word name (`Vance`) folded into the one longer name of the
/// collection that ends in it (`JD Vance`), when that name is in at least
/// half of the one-word name's documents and holds no possessive (`UN's
/// Geneva`): its score, documents and
/// occurrences are added to the longer one's, which is listed once, in its
/// fuller form. A surname shared by two longer names (`Korea` in `North
/// Korea` and `South Korea`) stays as it is. `acc` is sorted by key, so the
/// result does not depend on hashing.
pub(super) fn fold_surnames<'a>(acc: &mut Vec<(&'a str, Tally<'a>)>) {
    let mut longer: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, (key, t)) in acc.iter().enumerate() {
        if let Some((_, last)) = key.rsplit_once(' ') {
            let form = most_written(&t.3);
            if written_as_name(form, 2..=3) && !form.contains("'s ") && !form.contains("’s ") {
                longer.entry(last).or_default().push(i);
            }
        }
    }
    let mut into: Vec<(usize, usize)> = Vec::new();
    for (i, (key, t)) in acc.iter().enumerate() {
        if key.contains(' ') || !written_as_name(most_written(&t.3), 1..=1) {
            continue;
        }
        // The fuller name is how most of the surname's documents introduce
        // it (a name written in full once, then by surname); a place written
        // once after a capitalised word (`Upstream Dravinia`) is not.
        if let Some(&[j]) = longer.get(key).map(Vec::as_slice) {
            let shared = acc[j].1 .1.iter().filter(|d| t.1.binary_search(d).is_ok()).count();
            if 2 * shared >= t.1.len() {
                into.push((i, j));
            }
        }
    }
    if into.is_empty() {
        return;
    }
    let mut gone = vec![false; acc.len()];
    for &(i, j) in &into {
        let (score, docs, count) = (acc[i].1 .0, std::mem::take(&mut acc[i].1 .1), acc[i].1 .2);
        let t = &mut acc[j].1;
        t.0 += score;
        t.1.extend(docs);
        t.1.sort_unstable();
        t.1.dedup();
        t.2 += count;
        gone[i] = true;
    }
    let mut k = 0;
    acc.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

/// Whether `needle` is a contiguous run inside `hay`.
pub(super) fn contains_run<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}
