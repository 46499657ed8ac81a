//! What analysing a collection in parts needs (``lexiscope.dask``): the
//! keys that cleaning counts across documents, a corpus cleaned with keys
//! counted elsewhere, and shingle sets and MinHash signatures as flat numpy
//! arrays that travel between processes and are put together again; the
//! evidence entity mentions are found with, merged over the collection, and
//! the mentions with what linking reads of them.

use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rustc_hash::FxHashSet;

use super::corpus::PyCorpus;
use super::enter;
use super::entities::{entity_columns, PyGazetteer};
use super::errors::invalid_argument;
use crate::entities::{self, CorpusEvidence, Evidence, Label, Mention, WrittenMention};
use crate::keywords::{collection_keyphrases, Keyphrase, KeyphraseExtractor};
use crate::offsets::CharOffsets;
use crate::overlap::{near_duplicates_with, shingle_sets, signatures};
use crate::tokenize::Span;

/// Rows of u64 as a flat array and their offsets.
type Flat<'py> = (Bound<'py, PyArray1<u64>>, Bound<'py, PyArray1<u64>>);
/// Flat shingle sets and the signatures (one row per document).
type FlatWithSignatures<'py> = (Bound<'py, PyArray1<u64>>, Bound<'py, PyArray1<u64>>, Bound<'py, PyArray2<u32>>);

/// Each document's distinct non-sentence line keys (what counts toward
/// ``repeated`` lines), as a flat uint64 array and row offsets.
#[pyfunction]
fn partition_repeat_keys<'py>(py: Python<'py>, corpus: &PyCorpus) -> PyResult<Flat<'py>> {
    let keys = corpus.run(py, || Ok(corpus.inner.repeat_keys()))?;
    Ok(flat(py, keys))
}

/// The corpus with the lines of the given keys set aside as repeated.
#[pyfunction]
fn partition_with_repeated(py: Python<'_>, corpus: &PyCorpus, keys: PyReadonlyArray1<'_, u64>) -> PyResult<PyCorpus> {
    let set: FxHashSet<u64> = keys.as_slice()?.iter().copied().collect();
    let inner = corpus.run(py, || Ok(corpus.inner.with_repeated(&set)))?;
    Ok(corpus.with_inner(inner))
}

/// Word ``shingle``-gram sets (hashed, sorted) of every document, flat, and
/// their MinHash signatures (n × ``num_perm``, uint32).
#[pyfunction]
#[pyo3(signature = (corpus, shingle=5, num_perm=128, seed=1))]
fn partition_signatures<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    shingle: usize,
    num_perm: usize,
    seed: u64,
) -> PyResult<FlatWithSignatures<'py>> {
    if !(1..=1024).contains(&num_perm) || !(1..=32).contains(&shingle) {
        return Err(invalid_argument(py, "num_perm must be in 1..=1024 and shingle in 1..=32"));
    }
    let (sets, sigs) = corpus.run(py, || {
        let sets = shingle_sets(&corpus.inner, shingle);
        let sigs = signatures(&sets, num_perm, seed);
        Ok((sets, sigs))
    })?;
    let n = sigs.len();
    let data: Vec<u32> = sigs.into_iter().flatten().collect();
    let sigs = Array2::from_shape_vec((n, num_perm), data).map_err(|e| invalid_argument(py, e.to_string()))?;
    let (values, offsets) = flat(py, sets);
    Ok((values, offsets, sigs.into_pyarray(py)))
}

/// Near-duplicate pairs from flat shingle sets and their signatures (those
/// of every part, concatenated): columns a, b (positions), jaccard, containment.
#[pyfunction]
#[pyo3(signature = (values, offsets, sigs, threshold=0.8, containment=None))]
fn partition_near_duplicates<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'_, u64>,
    offsets: PyReadonlyArray1<'_, u64>,
    sigs: PyReadonlyArray2<'_, u32>,
    threshold: f64,
    containment: Option<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    if !(0.0 < threshold && threshold <= 1.0) || containment.is_some_and(|c| !(0.0 < c && c <= 1.0)) {
        return Err(invalid_argument(py, "threshold and containment must be in (0, 1]"));
    }
    let (values, offsets) = (values.as_slice()?, offsets.as_slice()?);
    let sig = sigs.as_array();
    if offsets.is_empty() || offsets.len() - 1 != sig.nrows() || offsets[offsets.len() - 1] as usize != values.len() {
        return Err(invalid_argument(py, "offsets must have one more entry than sigs has rows and end at len(values)"));
    }
    let sets: Vec<Vec<u64>> =
        offsets.windows(2).map(|w| values[w[0] as usize..w[1] as usize].to_vec()).collect::<Vec<_>>();
    let sigs: Vec<Vec<u32>> = sig.rows().into_iter().map(|r| r.to_vec()).collect();
    let pairs = enter::run(py, None, None, |_| Ok(near_duplicates_with(&sets, &sigs, threshold, containment)))?;
    let cols = PyDict::new(py);
    cols.set_item("a", pairs.iter().map(|p| p.a).collect::<Vec<_>>())?;
    cols.set_item("b", pairs.iter().map(|p| p.b).collect::<Vec<_>>())?;
    cols.set_item("jaccard", pairs.iter().map(|p| p.jaccard).collect::<Vec<_>>())?;
    cols.set_item("containment", pairs.iter().map(|p| p.containment).collect::<Vec<_>>())?;
    Ok(cols)
}

/// Documents holding each stem in this corpus (for keyphrase scoring): stems, counts.
#[pyfunction]
#[pyo3(signature = (corpus, language="en"))]
fn partition_stem_df(py: Python<'_>, corpus: &PyCorpus, language: &str) -> PyResult<(Vec<String>, Vec<u32>)> {
    let stats = corpus.run(py, || corpus.inner.keyphrase_stats(language))?;
    let mut pairs: Vec<(&String, &u32)> = stats.df().iter().collect();
    pairs.sort_unstable();
    Ok((pairs.iter().map(|(s, _)| (*s).clone()).collect(), pairs.iter().map(|(_, &n)| n).collect()))
}

/// Each document's best ``per_doc`` keyphrase candidates, scored as in a
/// collection of ``n_docs`` documents with stem document frequencies
/// ``stems``/``df``: columns offsets (per document), key, text, score, count.
#[pyfunction]
#[pyo3(signature = (corpus, stems, df, n_docs, per_doc=usize::MAX, language="en"))]
fn partition_keyphrase_candidates<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    stems: Vec<String>,
    df: Vec<u32>,
    n_docs: usize,
    per_doc: usize,
    language: &str,
) -> PyResult<Bound<'py, PyDict>> {
    if stems.len() != df.len() {
        return Err(invalid_argument(py, "stems and df must have the same length"));
    }
    let all = corpus.run(py, || {
        let own = corpus.inner.keyphrase_stats(language)?;
        let stats = std::sync::Arc::new(own.with_df(stems.into_iter().zip(df).collect()));
        Ok(KeyphraseExtractor::with_stats(&corpus.inner, stats, n_docs).all_candidates(per_doc))
    })?;
    let mut offsets = vec![0u64];
    let (mut key, mut text, mut score, mut count) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for doc in &all {
        for k in doc {
            key.push(k.key.as_str());
            text.push(k.text.as_str());
            score.push(k.score);
            count.push(k.count);
        }
        offsets.push(key.len() as u64);
    }
    let cols = PyDict::new(py);
    cols.set_item("offsets", offsets)?;
    cols.set_item("key", key)?;
    cols.set_item("text", text)?;
    cols.set_item("score", score)?;
    cols.set_item("count", count)?;
    Ok(cols)
}

/// Collection keyphrases from every document's candidates (those of every
/// part, concatenated, offsets renumbered): columns keyphrase, score, docs, count.
#[pyfunction]
#[pyo3(signature = (offsets, key, text, score, count, top=20))]
fn partition_collection_keyphrases<'py>(
    py: Python<'py>,
    offsets: Vec<usize>,
    key: Vec<String>,
    text: Vec<String>,
    score: Vec<f64>,
    count: Vec<u32>,
    top: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let n = key.len();
    if text.len() != n || score.len() != n || count.len() != n || offsets.last() != Some(&n) {
        return Err(invalid_argument(py, "key, text, score and count must have one entry per candidate"));
    }
    let mut items = key.into_iter().zip(text).zip(score).zip(count);
    let all: Vec<Vec<Keyphrase>> = offsets
        .windows(2)
        .map(|w| {
            (w[0]..w[1])
                .filter_map(|_| items.next())
                .map(|(((key, text), score), count)| Keyphrase {
                    text,
                    key,
                    score,
                    count,
                    first: Span { start: 0, end: 0 },
                })
                .collect()
        })
        .collect();
    let phrases = enter::run(py, None, None, |_| Ok(collection_keyphrases(&all, top)))?;
    let cols = PyDict::new(py);
    cols.set_item("keyphrase", phrases.iter().map(|k| k.text.as_str()).collect::<Vec<_>>())?;
    cols.set_item("score", phrases.iter().map(|k| k.score).collect::<Vec<_>>())?;
    cols.set_item("docs", phrases.iter().map(|k| k.docs).collect::<Vec<_>>())?;
    cols.set_item("count", phrases.iter().map(|k| k.count).collect::<Vec<_>>())?;
    Ok(cols)
}

/// The words the partition's kept sentences write in lowercase (entity
/// evidence, first step), sorted, one per line in one str: a word is never
/// split by a line break, and one str travels between processes more
/// compactly than a list of them.
#[pyfunction]
fn partition_entity_words(py: Python<'_>, corpus: &PyCorpus) -> PyResult<String> {
    corpus.run(py, || {
        let mut words: Vec<String> = entities::lowercase_words(&corpus.inner).into_iter().collect();
        words.sort_unstable();
        Ok(words.join("\n"))
    })
}

/// One str of lines back into the set of words.
fn word_set(words: &str) -> FxHashSet<String> {
    words.split('\n').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The rules' evidence over the partition (second step), given the words
/// the whole collection writes in lowercase: words seen after a title
/// (hashes, sorted), and the label votes per word (hashes, sorted, and an
/// n × 4 uint32 array: PER, ORG, LOC, MISC).
#[pyfunction]
#[pyo3(signature = (corpus, words, gazetteer=None))]
fn partition_entity_evidence<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    words: &str,
    gazetteer: Option<PyRef<'py, PyGazetteer>>,
) -> PyResult<FlatWithSignatures<'py>> {
    let user = gazetteer.as_deref().map(|g| &g.inner);
    let ev = corpus.run(py, || Ok(entities::rule_evidence(&corpus.inner, word_set(words), user)))?;
    let mut titled: Vec<u64> = ev.titled.into_iter().collect();
    titled.sort_unstable();
    let mut votes: Vec<(u64, [u32; 4])> = ev.votes.into_iter().collect();
    votes.sort_unstable_by_key(|v| v.0);
    let keys: Vec<u64> = votes.iter().map(|v| v.0).collect();
    let data: Vec<u32> = votes.iter().flat_map(|v| v.1).collect();
    let counts = Array2::from_shape_vec((keys.len(), 4), data).map_err(|e| invalid_argument(py, e.to_string()))?;
    Ok((titled.into_pyarray(py), keys.into_pyarray(py), counts.into_pyarray(py)))
}

/// The collection's evidence from arrays (as [`partition_entity_evidence`] gives them, merged).
fn evidence_of(
    py: Python<'_>,
    titled: &[u64],
    keys: &[u64],
    votes: &numpy::ndarray::ArrayView2<'_, u32>,
) -> PyResult<CorpusEvidence> {
    if votes.nrows() != keys.len() || votes.ncols() != 4 {
        return Err(invalid_argument(py, "votes must have one row of 4 per key"));
    }
    Ok(CorpusEvidence {
        titled: titled.iter().copied().collect(),
        votes: keys.iter().zip(votes.rows()).map(|(&k, r)| (k, [r[0], r[1], r[2], r[3]])).collect(),
    })
}

/// Every document's mentions (third step), found with the collection's
/// evidence and not linked: columns offsets (per document), start, end
/// (character offsets), label, evidence, entry_kind (0 none, 1 built-in, 2
/// the user's), entry, text, role. What linking reads, without the texts.
#[pyfunction]
#[pyo3(signature = (corpus, words, titled, keys, votes, gazetteer=None))]
fn partition_entity_mentions<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    words: &str,
    titled: PyReadonlyArray1<'_, u64>,
    keys: PyReadonlyArray1<'_, u64>,
    votes: PyReadonlyArray2<'_, u32>,
    gazetteer: Option<PyRef<'py, PyGazetteer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let evidence = evidence_of(py, titled.as_slice()?, keys.as_slice()?, &votes.as_array())?;
    let user = gazetteer.as_deref().map(|g| &g.inner);
    let model = entities::learned::SHIPPED.as_ref();
    let inner = &corpus.inner;
    let per_doc =
        corpus.run(py, || Ok(entities::find_mentions(inner, word_set(words), Some(evidence), user, model)))?;
    let mut offsets = vec![0u64];
    let (mut start, mut end, mut label, mut evidence, mut kind, mut entry, mut text, mut role) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (doc, ms) in inner.docs().iter().zip(&per_doc) {
        let mut conv = CharOffsets::new(&doc.text);
        for m in ms {
            start.push(conv.to_char(m.span.start) as u64);
            end.push(conv.to_char(m.span.end) as u64);
            label.push(Label::ALL.iter().position(|&l| l == m.label).unwrap_or(0) as u8);
            evidence.push(m.evidence as u8);
            kind.push(m.entry.map_or(0u8, |(user, _)| if user { 2 } else { 1 }));
            entry.push(m.entry.map_or(0u32, |(_, e)| e));
            text.push(&doc.text[m.span.start..m.span.end]);
            role.push(m.role.map(|r| &doc.text[r.start..r.end]));
        }
        offsets.push(start.len() as u64);
    }
    let cols = PyDict::new(py);
    cols.set_item("offsets", offsets.into_pyarray(py))?;
    cols.set_item("start", start.into_pyarray(py))?;
    cols.set_item("end", end.into_pyarray(py))?;
    cols.set_item("label", label.into_pyarray(py))?;
    cols.set_item("evidence", evidence.into_pyarray(py))?;
    cols.set_item("entry_kind", kind.into_pyarray(py))?;
    cols.set_item("entry", entry.into_pyarray(py))?;
    cols.set_item("text", text)?;
    cols.set_item("role", role)?;
    Ok(cols)
}

/// Links the mentions of every partition (their columns concatenated, in
/// document order, offsets renumbered) as one corpus would: the entity
/// columns (as ``CorpusCore.entities``) and each mention's entity (row).
#[pyfunction]
#[pyo3(signature = (offsets, start, end, label, evidence, entry_kind, entry, text, role, gazetteer=None))]
#[allow(clippy::too_many_arguments, reason = "one parameter per column")]
fn partition_link_entities<'py>(
    py: Python<'py>,
    offsets: PyReadonlyArray1<'_, u64>,
    start: PyReadonlyArray1<'_, u64>,
    end: PyReadonlyArray1<'_, u64>,
    label: PyReadonlyArray1<'_, u8>,
    evidence: PyReadonlyArray1<'_, u8>,
    entry_kind: PyReadonlyArray1<'_, u8>,
    entry: PyReadonlyArray1<'_, u32>,
    text: Vec<String>,
    role: Vec<Option<String>>,
    gazetteer: Option<PyRef<'py, PyGazetteer>>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyArray1<u32>>)> {
    let (offsets, start, end) = (offsets.as_slice()?, start.as_slice()?, end.as_slice()?);
    let (label, evidence, entry_kind, entry) =
        (label.as_slice()?, evidence.as_slice()?, entry_kind.as_slice()?, entry.as_slice()?);
    let n = text.len();
    if [start.len(), end.len(), label.len(), evidence.len(), entry_kind.len(), entry.len(), role.len()]
        .iter()
        .any(|&l| l != n)
        || offsets.first() != Some(&0)
        || offsets.last() != Some(&(n as u64))
        || offsets.windows(2).any(|w| w[0] > w[1])
    {
        return Err(invalid_argument(
            py,
            "every mention column must have one entry per mention, offsets 0 to their length",
        ));
    }
    let user = gazetteer.as_deref().map(|g| &g.inner);
    let n_user = user.map_or(0, |g| g.entries().len());
    let n_builtin = entities::builtin().entries().len();
    let mut text = text.into_iter();
    let mut role = role.into_iter();
    let mut per_doc: Vec<Vec<WrittenMention>> = Vec::with_capacity(offsets.len().saturating_sub(1));
    for w in offsets.windows(2) {
        let mut ms = Vec::with_capacity((w[1] - w[0]) as usize);
        for i in w[0] as usize..w[1] as usize {
            let (l, e, k) = (label[i] as usize, evidence_from(evidence[i]), entry_kind[i]);
            let entry = match k {
                0 => None,
                1 if (entry[i] as usize) < n_builtin => Some((false, entry[i])),
                2 if (entry[i] as usize) < n_user => Some((true, entry[i])),
                _ => {
                    return Err(invalid_argument(
                        py,
                        format!("mention {i}: no dictionary entry {} of kind {k}", entry[i]),
                    ))
                }
            };
            let (Some(&label), Some(evidence)) = (Label::ALL.get(l), e) else {
                return Err(invalid_argument(py, format!("mention {i}: unknown label or evidence")));
            };
            let span = Span { start: start[i] as usize, end: end[i] as usize };
            ms.push(WrittenMention {
                mention: Mention { span, label, evidence, role: None, entry },
                text: text.next().unwrap_or_default(),
                role: role.next().flatten(),
            });
        }
        per_doc.push(ms);
    }
    let ents = enter::run(py, None, None, |_| Ok(entities::link_written(per_doc, user)))?;
    let of: Vec<u32> = ents.mentions.iter().flatten().map(|&(_, e)| e).collect();
    Ok((entity_columns(py, &ents)?, of.into_pyarray(py)))
}

/// The evidence with this number (`Evidence as u8`).
fn evidence_from(n: u8) -> Option<Evidence> {
    use Evidence::*;
    [Unknown, Shape, Cue, Title, Builtin, Learned, User].into_iter().find(|&e| e as u8 == n)
}

/// Rows of u64 as one flat array and their offsets (``offsets[i]..offsets[i+1]``).
fn flat(py: Python<'_>, rows: Vec<Vec<u64>>) -> Flat<'_> {
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0u64);
    let mut values = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for r in rows {
        values.extend_from_slice(&r);
        offsets.push(values.len() as u64);
    }
    (values.into_pyarray(py), offsets.into_pyarray(py))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(partition_repeat_keys, m)?)?;
    m.add_function(wrap_pyfunction!(partition_with_repeated, m)?)?;
    m.add_function(wrap_pyfunction!(partition_signatures, m)?)?;
    m.add_function(wrap_pyfunction!(partition_near_duplicates, m)?)?;
    m.add_function(wrap_pyfunction!(partition_stem_df, m)?)?;
    m.add_function(wrap_pyfunction!(partition_keyphrase_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(partition_collection_keyphrases, m)?)?;
    m.add_function(wrap_pyfunction!(partition_entity_words, m)?)?;
    m.add_function(wrap_pyfunction!(partition_entity_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(partition_entity_mentions, m)?)?;
    m.add_function(wrap_pyfunction!(partition_link_entities, m)?)?;
    Ok(())
}
