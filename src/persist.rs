//! A corpus saved to bytes with what it has computed, and read back.
//!
//! # Format
//!
//! ```text
//! magic     8 bytes   b"LXSCOPE\0"
//! version   u32 LE    FORMAT_VERSION
//! length    u64 LE    bytes of the payload
//! checksum  u64 LE    checksum of the payload (see `checksum`)
//! payload   postcard  a `Saved` value
//! ```
//!
//! The payload is a [postcard](https://docs.rs/postcard) encoding (serde;
//! postcard's wire format is stable since its 1.0) of the texts, ids and
//! options, a caller's metadata string, and every corpus-wide result kept at
//! save time: linked entities, quotations, per-document and collection
//! keyphrases, and each overlap with its neighbour lists and stories. Count
//! tables and keyphrase statistics are not saved: they are cheap next to the
//! rest and come back on first need. Documents are analysed again from their
//! texts on load (tokens and sentences are made lazily, as after building).
//!
//! Reading checks the magic, the version (a file of another version is
//! refused: no migration), the length (a truncated file), the checksum (a
//! corrupted one), and then that every position and span in the results
//! lies inside the corpus and its texts, so that nothing read later can
//! index out of bounds. Every failure is an [`Error::State`], never a panic.

use serde::{Deserialize, Serialize};

use crate::cache::OverlapKey;
use crate::corpus::{Corpus, CorpusOptions};
use crate::entities::Entities;
use crate::error::{Error, Result};
use crate::keywords::{CorpusKeyphrase, Keyphrase};
use crate::overlap::Vectors;
use crate::quotes::Quotes;
use crate::scores::{Neighbors, OverlapScores, Scores, Stories};
use crate::tokenize::Span;

/// The first bytes of every saved corpus.
pub const MAGIC: &[u8; 8] = b"LXSCOPE\0";

/// The version of the layout of [`Saved`]; a file of another version is refused.
pub const FORMAT_VERSION: u32 = 1;

const HEADER: usize = 8 + 4 + 8 + 8;

/// What an overlap's scores are made of, as saved.
#[derive(Serialize, Deserialize)]
enum SavedScores {
    Vectors(Vectors),
    Jaccard(Vec<Vec<u64>>),
}

/// One kept overlap, with what was derived from it.
#[derive(Serialize, Deserialize)]
struct SavedOverlap {
    key: OverlapKey,
    scores: SavedScores,
    neighbors: Vec<(usize, Neighbors)>,
    direct: Vec<(usize, Neighbors)>,
    stories: Vec<SavedStories>,
}

/// One kept set of stories: (threshold bits, k), groups, label candidates, labels if made.
type SavedStories = ((u64, usize), Vec<Vec<u32>>, Vec<Vec<u32>>, Option<Vec<String>>);

/// Per-document keyphrases kept for (language, top).
type SavedKeyphrases = ((String, usize), Vec<Vec<Keyphrase>>);

/// The payload of a saved corpus.
#[derive(Serialize, Deserialize)]
struct Saved {
    options: CorpusOptions,
    ids: Vec<String>,
    texts: Vec<String>,
    meta: String,
    entities: Vec<(Option<u64>, Entities)>,
    quotes: Vec<(Option<u64>, Quotes)>,
    keyphrases: Vec<SavedKeyphrases>,
    corpus_keyphrases: Vec<((String, usize, usize), Vec<CorpusKeyphrase>)>,
    overlaps: Vec<SavedOverlap>,
}

/// A checksum of `bytes`: each 8-byte word (the tail zero-padded) mixed
/// into the state with [`crate::hash::splitmix`], then the length.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0x6c65_7869_7363_6f70u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = crate::hash::splitmix(h ^ u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = crate::hash::splitmix(h ^ u64::from_le_bytes(tail));
    crate::hash::splitmix(h ^ bytes.len() as u64)
}

/// `corpus`, its kept results and the caller's `meta` as bytes (see the module docs).
pub fn save(corpus: &Corpus, meta: &str) -> Result<Vec<u8>> {
    let cache = &corpus.cache;
    let unwrap = |v: &std::sync::Arc<_>| -> Vec<Vec<(u32, f64)>> { Vec::clone(v) };
    let overlaps = cache
        .overlaps
        .entries()
        .into_iter()
        .map(|(key, ov)| SavedOverlap {
            key,
            scores: match &ov.scores {
                Scores::Vectors(v) => SavedScores::Vectors(v.clone()),
                Scores::Jaccard(s) => SavedScores::Jaccard(s.clone()),
            },
            neighbors: ov.neighbors.entries().into_iter().map(|(k, v)| (k, unwrap(&v))).collect(),
            direct: ov.direct.entries().into_iter().map(|(k, v)| (k, unwrap(&v))).collect(),
            stories: ov
                .stories
                .entries()
                .into_iter()
                .map(|(k, s)| (k, s.groups.clone(), s.candidates.clone(), s.labels.get().cloned()))
                .collect(),
        })
        .collect();
    let saved = Saved {
        options: corpus.options().clone(),
        ids: corpus.docs().iter().map(|d| d.id.clone()).collect(),
        texts: corpus.docs().iter().map(|d| d.text.to_string()).collect(),
        meta: meta.to_string(),
        entities: cache.entities.entries().into_iter().map(|(k, v)| (k, Entities::clone(&v))).collect(),
        quotes: cache.quotes.entries().into_iter().map(|(k, v)| (k, Quotes::clone(&v))).collect(),
        keyphrases: cache.keyphrases.entries().into_iter().map(|(k, v)| (k, Vec::clone(&v))).collect(),
        corpus_keyphrases: cache.corpus_keyphrases.entries().into_iter().map(|(k, v)| (k, Vec::clone(&v))).collect(),
        overlaps,
    };
    let payload = postcard::to_stdvec(&saved).map_err(|e| Error::State(format!("cannot encode the corpus: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

fn bad(what: impl std::fmt::Display) -> Error {
    Error::State(format!("not a valid saved corpus: {what}"))
}

/// The corpus saved in `bytes` by [`save`], its results kept again, and
/// the caller's metadata. Every check of the module docs is made first.
pub fn load(bytes: &[u8]) -> Result<(Corpus, String)> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(bad("it does not start with the lexiscope signature"));
    }
    if bytes.len() < HEADER {
        return Err(bad("the header is truncated"));
    }
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(Error::State(format!(
            "the file is in saved-corpus format version {version}; this lexiscope reads version {FORMAT_VERSION} only \
             (load it with the lexiscope that wrote it, or build the corpus again)"
        )));
    }
    let (length, sum) = (word(12), word(20));
    let payload = &bytes[HEADER..];
    if (payload.len() as u64) < length {
        return Err(bad(format!("truncated ({} of {length} payload bytes)", payload.len())));
    }
    if payload.len() as u64 != length {
        return Err(bad(format!("{} bytes after the payload", payload.len() as u64 - length)));
    }
    if checksum(payload) != sum {
        return Err(bad("the checksum does not match (the file is corrupted)"));
    }
    let saved: Saved = postcard::from_bytes(payload).map_err(|e| bad(format!("cannot decode it: {e}")))?;
    validate(&saved)?;
    let options = CorpusOptions::new(saved.options.clean, saved.options.tokenizer.clone()).map_err(bad)?;
    let corpus = Corpus::new(saved.ids, saved.texts, options).map_err(bad)?;
    let cache = &corpus.cache;
    for (k, v) in saved.entities {
        cache.entities.insert(k, v);
    }
    for (k, v) in saved.quotes {
        cache.quotes.insert(k, v);
    }
    for (k, v) in saved.keyphrases {
        cache.keyphrases.insert(k, v);
    }
    for (k, v) in saved.corpus_keyphrases {
        cache.corpus_keyphrases.insert(k, v);
    }
    for o in saved.overlaps {
        let scores = OverlapScores::new(match o.scores {
            SavedScores::Vectors(v) => Scores::Vectors(v),
            SavedScores::Jaccard(s) => Scores::Jaccard(s),
        });
        for (k, v) in o.neighbors {
            scores.neighbors.insert(k, v);
        }
        for (k, v) in o.direct {
            scores.direct.insert(k, v);
        }
        for (k, groups, candidates, labels) in o.stories {
            let s = Stories { groups, candidates, labels: Default::default() };
            if let Some(l) = labels {
                let _ = s.labels.set(l);
            }
            scores.stories.insert(k, s);
        }
        cache.overlaps.insert(o.key, scores);
    }
    Ok((corpus, saved.meta))
}

/// Checks that every position and span of `s` lies inside its corpus.
fn validate(s: &Saved) -> Result<()> {
    let n = s.texts.len();
    if s.ids.len() != n {
        return Err(bad(format!("{} ids for {} texts", s.ids.len(), n)));
    }
    let span_ok = |d: usize, sp: &Span| sp.start <= sp.end && s.texts[d].get(sp.start..sp.end).is_some();
    let doc_ok = |d: u32| (d as usize) < n;
    let per_doc = |what: &str, len: usize| {
        if len == n {
            Ok(())
        } else {
            Err(bad(format!("{what} for {len} documents, the corpus has {n}")))
        }
    };
    for (_, e) in &s.entities {
        per_doc("entity mentions", e.mentions.len())?;
        let ok = e.mentions.iter().enumerate().all(|(d, ms)| {
            ms.iter().all(|(m, ent)| {
                (*ent as usize) < e.entities.len() && span_ok(d, &m.span) && m.role.is_none_or(|r| span_ok(d, &r))
            })
        });
        if !ok {
            return Err(bad("an entity mention lies outside its document or names no entity"));
        }
    }
    for (key, q) in &s.quotes {
        let Some((_, ents)) = s.entities.iter().find(|(k, _)| k == key) else {
            return Err(bad("quotations saved without their entities"));
        };
        per_doc("quotations", q.docs.len())?;
        per_doc("shared quotations", q.also_in.len())?;
        per_doc("quotation sets", q.shared.len())?;
        for (d, quotes) in q.docs.iter().enumerate() {
            let groups = quotes.iter().map(|x| x.group as usize + 1).max().unwrap_or(0);
            let ok = quotes.iter().all(|x| {
                span_ok(d, &x.outer)
                    && span_ok(d, &x.inner)
                    && x.speaker.is_none_or(|sp| span_ok(d, &sp))
                    && x.cue.is_none_or(|sp| span_ok(d, &sp))
                    && x.entity.is_none_or(|e| (e as usize) < ents.entities.len())
            }) && q.also_in[d].len() >= groups
                && q.shared[d].len() >= groups
                && q.also_in[d].iter().flatten().all(|&o| doc_ok(o))
                && q.shared[d].iter().all(|&i| i == u32::MAX || (i as usize) < q.shared_text.len());
            if !ok {
                return Err(bad(format!("a quotation of document {d} lies outside it")));
            }
        }
    }
    for (_, kp) in &s.keyphrases {
        per_doc("keyphrases", kp.len())?;
        if !kp.iter().enumerate().all(|(d, k)| k.iter().all(|p| span_ok(d, &p.first))) {
            return Err(bad("a keyphrase lies outside its document"));
        }
    }
    for o in &s.overlaps {
        validate_overlap(o, n)?;
    }
    Ok(())
}

fn validate_overlap(o: &SavedOverlap, n: usize) -> Result<()> {
    let docs_ok = |list: &[(u32, f64)]| list.iter().all(|&(d, _)| (d as usize) < n);
    let features = match &o.scores {
        SavedScores::Vectors(v) => {
            let f = v.features.len();
            let ok = v.rows.len() == n
                && v.rows.iter().all(|r| r.iter().all(|&(i, _)| (i as usize) < f))
                && v.postings.len() == f
                && v.postings.iter().all(|p| docs_ok(p))
                && v.context.as_ref().is_none_or(|c| {
                    c.profiles.len() == n
                        && c.reverse.len() == n
                        && c.profiles.iter().chain(&c.reverse).all(|p| docs_ok(p))
                });
            if !ok {
                return Err(bad("overlap vectors do not match the corpus"));
            }
            f
        }
        SavedScores::Jaccard(sets) if sets.len() == n => 0,
        SavedScores::Jaccard(_) => return Err(bad("overlap shingle sets do not match the corpus")),
    };
    let lists_ok = |l: &Neighbors| l.len() == n && l.iter().all(|r| docs_ok(r));
    if !o.neighbors.iter().chain(&o.direct).all(|(_, l)| lists_ok(l)) {
        return Err(bad("neighbour lists do not match the corpus"));
    }
    for (_, groups, candidates, labels) in &o.stories {
        let ok = candidates.len() == groups.len()
            && groups.iter().flatten().all(|&d| (d as usize) < n)
            && candidates.iter().flatten().all(|&f| (f as usize) < features)
            && labels.as_ref().is_none_or(|l| l.len() == groups.len());
        if !ok {
            return Err(bad("stories do not match the corpus"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_corpus;

    fn analysed() -> Corpus {
        let c = test_corpus(&[
            "“We will not back down,” Mayor Jane Doe said in Geneva on Monday. The talks with Russia continue.",
            "Jane Doe spoke in Geneva. “We will not back down now,” she said. Russia sent a delegation.",
            "Markets in Tokyo rose on Tuesday as the yen fell against the dollar.",
        ]);
        c.quotes(None).unwrap();
        c.keyphrases("en", 10, None).unwrap();
        c.corpus_keyphrases("en", 10, 10).unwrap();
        let ov = c.overlap(crate::overlap::DEFAULT_METHOD, "en", None, None, None).unwrap();
        ov.stories(0.3, 10).unwrap();
        c
    }

    #[test]
    fn results_come_back_equal() {
        let c = analysed();
        let bytes = save(&c, "meta").unwrap();
        let (d, meta) = load(&bytes).unwrap();
        assert_eq!(meta, "meta");
        assert_eq!(d.entities(None).unwrap().entities, c.entities(None).unwrap().entities);
        assert_eq!(d.quotes(None).unwrap().docs, c.quotes(None).unwrap().docs);
        assert!(d.cache.keyphrases.get(&("en".into(), 10)).is_some());
        let (a, b) = (
            c.overlap(crate::overlap::DEFAULT_METHOD, "en", None, None, None).unwrap(),
            d.overlap(crate::overlap::DEFAULT_METHOD, "en", None, None, None).unwrap(),
        );
        assert_eq!(a.matrix().unwrap(), b.matrix().unwrap());
        assert!(b.stories.get(&(0.3f64.to_bits(), 10)).is_some());
        // Saving what was loaded gives the same bytes.
        assert_eq!(save(&d, "meta").unwrap(), bytes);
    }

    #[test]
    fn bad_files_are_errors() {
        let bytes = save(&analysed(), "").unwrap();
        let err = |b: &[u8]| match load(b) {
            Err(Error::State(m)) => m,
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("loaded"),
        };
        assert!(err(b"hello").contains("signature"));
        assert!(err(&bytes[..bytes.len() - 1]).contains("truncated"));
        let mut other = bytes.clone();
        other[8] = 9;
        assert!(err(&other).contains("version 9"));
        let mut flipped = bytes.clone();
        let at = bytes.len() / 2;
        flipped[at] ^= 0x40;
        assert!(err(&flipped).contains("checksum"));
        for cut in [0, 7, 20, HEADER, HEADER + 1, bytes.len() / 3] {
            assert!(load(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn positions_outside_the_corpus_are_refused() {
        let c = analysed();
        let mut saved: Saved = postcard::from_bytes(&save(&c, "").unwrap()[HEADER..]).unwrap();
        saved.entities[0].1.mentions[0][0].0.span.end = 10_000;
        assert!(validate(&saved).is_err());
        let mut saved: Saved = postcard::from_bytes(&save(&c, "").unwrap()[HEADER..]).unwrap();
        if let SavedScores::Vectors(v) = &mut saved.overlaps[0].scores {
            v.postings[0].push((99, 1.0));
        }
        assert!(validate(&saved).is_err());
    }
}
