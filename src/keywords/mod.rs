//! Keyphrases of a document and of a corpus, and terms that distinguish a
//! group of documents from the rest.
//!
//! (Some 700 lines: one document's scoring pass is one function over its
//! tokens, kept whole so that its interned tables stay local; word lists,
//! the collection's ranking and the tests are in their own files.)
//!
//! # Keyphrases
//!
//! The method is the project's own mix of statistical features (in the spirit
//! of YAKE: position, casing, frequency) and TF-IDF against the corpus:
//!
//! 1. **Candidates** are runs of 1 to 4 words inside one sentence, with no
//!    punctuation or numbers inside, that start and end with a word that is
//!    not a stopword. Only connecting stopwords (`of`, `the`, `and`, `for`,
//!    `de`, `von`, ...) and possessives may sit inside (`Secretary of State`,
//!    `Meet the Press`, `Seoul’s Four Seasons hotel`); clitics (`’s`) do not
//!    count toward the four words.
//! 2. **Word weight** of every non-stopword stem `w` of the document:
//!    `idf(w) · (1 + casing · r)`, with `idf = ln((1 + N) / (1 + df)) + 1`
//!    over the corpus (1 for a single document) and `r` the share of its
//!    occurrences capitalised away from the start of a sentence
//!    (`casing` is 0 by default: it helps names but costs F1 on KPCrowd).
//! 3. **Phrase score**: `mean weight of its words · count · cohesion ·
//!    position · length`, where `count` is how often the phrase occurs,
//!    `cohesion = (count / min tf of its words)^0.5` (a phrase whose rarest
//!    word mostly occurs inside it is a unit: `security guarantees`; a chance
//!    sequence is not), `position = 1 + 0.5 / (1 + s)` for `s` the sentence of
//!    its first occurrence, and `length = 1 + 0.3 · (k - 1)` for `k` words.
//! 4. **Selection**: best first; a phrase whose words are contained in a
//!    phrase already chosen is skipped (`Four Seasons` after
//!    `Seoul’s Four Seasons hotel`).
//!
//! Collection keyphrases add up, phrase by phrase, each document's scores
//! (over all its candidates, or its best `per_doc`) divided by that document's
//! best score: a phrase central in many documents ranks first. In a
//! collection of two or more documents a multi-word phrase must occur in at
//! least two of them (a story's phrases recur across outlets; chance word
//! sequences do not).
//!
//! Distinctive terms (what a group of documents says that the rest does
//! not) are in [`distinctive`].

pub mod background;
mod collection;
pub mod distinctive;
pub mod grammar;
mod words;
pub use collection::collection_keyphrases;
use collection::contains_run;
pub use distinctive::{distinctive, Distinctive, FoldedCounts};
use words::{is_title, FUNCTION_WORDS, REPORTING};

use grammar::{Cat, Tok};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, StemCache, TermOptions};
use crate::error::Result;
use crate::normalize::Stem;
use crate::tokenize::{Span, Token, TokenKind};

/// Longest keyphrase, in content words.
pub const MAX_PHRASE_WORDS: usize = 4;

/// How strongly a phrase is penalised when its words mostly occur apart.
pub const COHESION_POWER: f64 = 0.5;

/// Scoring constants, chosen on KPCrowd dev (benches/bench_keyphrases.py)
/// and the seed articles: casing and phrase length help the seeds' named,
/// multi-word phrases but cost F1 on KPCrowd, whose gold is mostly single words.
struct Params {
    casing: f64,
    cohesion: f64,
    position: f64,
    count_power: f64,
    length: f64,
    /// Factor on the score of a name (see [`is_name`]): names are the
    /// actors, listed by `entities()`; the keyphrases are what is said of
    /// them, so a name must be repeated more than a topic to rank with it.
    name: f64,
}

const PARAMS: Params = Params { casing: 0.0, cohesion: 0.5, position: 2.0, count_power: 1.5, length: 0.0, name: 0.3 };

/// Extra weight per additional word of a collection keyphrase (which must
/// recur across documents, so it is a phrase of the story, not chance).
const CORPUS_LENGTH_BONUS: f64 = 0.5;

/// Stopwords that may sit inside a keyphrase (`Secretary of State`, `Meet the Press`).
const INNER_STOPWORDS: &[&str] = &["'", "'s", "and", "de", "del", "der", "for", "la", "of", "the", "van", "von"];

/// A keyphrase of one document.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Keyphrase {
    /// The phrase as first written in the document.
    pub text: String,
    /// Normalized, stemmed key (what makes two phrases the same).
    pub key: String,
    /// Score (higher is better; comparable within a corpus).
    pub score: f64,
    /// Occurrences in the document.
    pub count: u32,
    /// Byte span of the first occurrence.
    pub first: Span,
}

/// A collection keyphrase.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CorpusKeyphrase {
    /// The most common written form.
    pub text: String,
    /// Normalized, stemmed key.
    pub key: String,
    /// Sum over documents of the phrase's score relative to the document's best.
    pub score: f64,
    /// Documents in whose keyphrases it appears.
    pub docs: u32,
    /// Occurrences over those documents.
    pub count: u32,
}

struct WordInfo {
    tf: u32,
    capitalised: u32,
    inner: u32,
}

/// Most parts (words, connectors, clitics) in one candidate key.
const MAX_KEY_PARTS: usize = 8;

/// A candidate's key: its parts (interned stems and connectors), no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    len: u8,
    ids: [u32; MAX_KEY_PARTS],
}

impl Key {
    fn ids(&self) -> &[u32] {
        &self.ids[..self.len as usize]
    }
}

/// What scoring knows about one written form: its key part, its word entry
/// (`u32::MAX` for none) and flags.
#[derive(Clone, Copy)]
struct Form {
    part: u32,
    word: u32,
    flags: u16,
}

impl Form {
    /// A token that is not a word (punctuation, symbols, ...).
    const NONE: Form = Form { part: u32::MAX, word: u32::MAX, flags: 0 };
}

const CLITIC: u16 = 1;
const STOP: u16 = 2;
const CONNECTOR: u16 = 4;
const NUMBER: u16 = 8;
const CAP: u16 = 16;
const TITLE: u16 = 32;
const REPORTING_NOUN: u16 = 64;
const S_FORM: u16 = 128;
const FUNCTION: u16 = 256;

struct Candidate {
    text_span: Span,
    sentence: u32,
    count: u32,
    /// Occurrences as a proper suffix of a longer candidate.
    nested: u32,
    /// Occurrences written as a name (every word capitalised, see [`is_name`]).
    names: u32,
    words: [u32; MAX_PHRASE_WORDS], // indices into the document's word table
    n_words: u8,
}

/// A scored candidate.
struct Scored {
    score: f64,
    key: Key,
    span: Span,
    count: u32,
}

/// The scored candidates of one document and the parts their keys refer to.
struct ScoredDoc {
    parts: Vec<String>,
    list: Vec<Scored>,
}

impl ScoredDoc {
    /// Puts the best `m` candidates first, best first (the others follow in
    /// no order), and returns how many are ordered. Keys are distinct, so
    /// the order (score, then key) is total and the result deterministic.
    fn order_best(&mut self, m: usize) -> usize {
        let m = m.min(self.list.len());
        let parts = &self.parts;
        let cmp = |a: &Scored, b: &Scored| b.score.total_cmp(&a.score).then_with(|| cmp_keys(parts, &a.key, &b.key));
        if m == 0 {
            return 0;
        }
        if m < self.list.len() {
            self.list.select_nth_unstable_by(m - 1, cmp);
        }
        self.list[..m].sort_unstable_by(cmp);
        m
    }

    fn keyphrase(&self, text: &str, c: &Scored) -> Keyphrase {
        let key = c.key.ids().iter().map(|&p| self.parts[p as usize].as_str()).collect::<Vec<_>>().join(" ");
        Keyphrase {
            text: text[c.span.start..c.span.end].to_string(),
            key,
            score: c.score,
            count: c.count,
            first: c.span,
        }
    }
}

#[inline]
fn is_clitic(norm: &str) -> bool {
    matches!(norm, "'s" | "'" | "n't" | "'ll" | "'re" | "'ve" | "'d" | "'m")
}

/// What keyphrase scoring needs to know about a whole corpus: the document
/// frequencies of stems and the stem of every content word. Computed once
/// per corpus and language and kept (see [`Corpus::keyphrase_stats`]).
pub struct KeyphraseStats {
    stem: Stem,
    df: FxHashMap<String, u32>,
    /// Normalized content word of the corpus → its stem (each stemmed once).
    stem_of: FxHashMap<Box<str>, u32>,
    stems: Vec<String>,
    /// General English document frequencies, when stemming English.
    background: Option<&'static background::Background>,
}

impl KeyphraseStats {
    /// The statistics of `corpus`, stemming with the Snowball stemmer of `language`.
    pub fn compute(corpus: &Corpus, language: &str) -> Result<Self> {
        let stem = Stem::new(language)?;
        // Scoring needs every document's tokens: parse once, then count from them.
        corpus.parse_all();
        // Normalized content words per document; each distinct one is stemmed
        // once, and a stem's document frequency counts documents holding any
        // of its forms.
        let table = corpus.counts(&TermOptions::default())?;
        let stemmed: Vec<String> =
            (0..table.terms.len()).into_par_iter().map(|i| stem.stem(table.terms.get(i)).into_owned()).collect();
        // Serial: stem ids are numbered in term order (deterministic), one
        // hash update per distinct term, and the document frequencies below
        // one pass over the count table's entries; both are small next to
        // the parallel parsing and counting above.
        let mut stem_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut stems: Vec<String> = Vec::new();
        let of_term: Vec<u32> = stemmed
            .iter()
            .map(|s| {
                *stem_ids.entry(s.as_str()).or_insert_with(|| {
                    stems.push(s.clone());
                    (stems.len() - 1) as u32
                })
            })
            .collect();
        let mut counts = vec![0u32; stems.len()];
        let mut last_doc = vec![usize::MAX; stems.len()];
        for d in 0..table.n_docs() {
            for e in table.row(d) {
                let s = of_term[e.term as usize] as usize;
                if last_doc[s] != d {
                    last_doc[s] = d;
                    counts[s] += 1;
                }
            }
        }
        let df: FxHashMap<String, u32> = stems.iter().cloned().zip(counts).collect();
        let stem_of: FxHashMap<Box<str>, u32> = table.terms.iter().map(Box::from).zip(of_term).collect();
        let background = background::has_background(language).then(background::english);
        Ok(KeyphraseStats { stem, df, stem_of, stems, background })
    }

    /// Documents holding each stem (any of its forms).
    pub fn df(&self) -> &FxHashMap<String, u32> {
        &self.df
    }

    /// These statistics with the document frequencies `df` of a whole
    /// collection this corpus is a part of (its stems and forms unchanged).
    pub fn with_df(&self, df: FxHashMap<String, u32>) -> KeyphraseStats {
        KeyphraseStats {
            stem: self.stem.clone(),
            df,
            stem_of: self.stem_of.clone(),
            stems: self.stems.clone(),
            background: self.background,
        }
    }
}

impl crate::cache::HeapSize for KeyphraseStats {
    fn heap_size(&self) -> usize {
        let entry = |k: usize, v: usize| k + v + 8;
        self.df.capacity() * std::mem::size_of::<(String, u32)>()
            + self.df.keys().map(|k| entry(k.capacity(), 0)).sum::<usize>()
            + self.stem_of.capacity() * std::mem::size_of::<(Box<str>, u32)>()
            + self.stem_of.keys().map(|k| k.len()).sum::<usize>()
            + self.stems.heap_size()
    }
}

/// Extracts keyphrases: the corpus's [`KeyphraseStats`], asked per document.
pub struct KeyphraseExtractor<'c> {
    corpus: &'c Corpus,
    stats: std::sync::Arc<KeyphraseStats>,
    /// Documents the idf counts over (the corpus's, or its collection's).
    n_docs: f64,
}

impl<'c> KeyphraseExtractor<'c> {
    /// An extractor for `corpus` (stems with the English Snowball stemmer
    /// unless `language` names another); the statistics are computed once
    /// per corpus and language, and kept.
    pub fn new(corpus: &'c Corpus, language: &str) -> Result<Self> {
        let stats = corpus.keyphrase_stats(language)?;
        Ok(KeyphraseExtractor { corpus, stats, n_docs: corpus.len() as f64 })
    }

    /// An extractor for `corpus` as a part of a collection of `n_docs`
    /// documents whose statistics are `stats` (see [`KeyphraseStats::with_df`]):
    /// scores are those a corpus of the whole collection gives.
    pub fn with_stats(corpus: &'c Corpus, stats: std::sync::Arc<KeyphraseStats>, n_docs: usize) -> Self {
        KeyphraseExtractor { corpus, stats, n_docs: n_docs as f64 }
    }

    /// The idf of `stem`: the corpus's blended with general English (see [`background`]).
    fn idf(&self, stem: &str) -> f64 {
        let n = self.n_docs;
        let df = *self.stats.df.get(stem).unwrap_or(&0) as f64;
        match self.stats.background {
            Some(bg) => background::blended_idf(n, df, bg.share(stem), background::PSEUDO_DOCS),
            None => crate::weight::smoothed_idf(n, df),
        }
    }

    /// The best `top` keyphrases of document `d`.
    pub fn document(&self, d: usize, top: usize) -> Vec<Keyphrase> {
        self.document_with(d, top, &mut StemCache::default())
    }

    /// [`KeyphraseExtractor::document`] with a stem cache shared across calls.
    pub fn document_with(&self, d: usize, top: usize, stems: &mut StemCache) -> Vec<Keyphrase> {
        let mut scored = self.score_document(d, stems, true);
        // Only the best few candidates need ordering; more are ordered only
        // if phrases contained in better ones use those up.
        let mut ordered = scored.order_best(4 * top + 16);
        let mut chosen: Vec<usize> = Vec::new();
        let mut i = 0;
        while chosen.len() < top && i < scored.list.len() {
            if i == ordered {
                ordered = scored.order_best(scored.list.len());
            }
            let c = &scored.list[i];
            // One phrase per topic: none contained in a chosen one, none containing one.
            if !chosen.iter().any(|&k| {
                let chosen = scored.list[k].key.ids();
                contains_run(chosen, c.key.ids()) || contains_run(c.key.ids(), chosen)
            }) {
                chosen.push(i);
            }
            i += 1;
        }
        chosen.into_iter().map(|k| scored.keyphrase(&self.corpus.docs()[d].text, &scored.list[k])).collect()
    }

    /// Every candidate phrase of document `d`, scored, best first (no containment filter).
    pub fn candidates(&self, d: usize) -> Vec<Keyphrase> {
        self.candidates_with(d, &mut StemCache::default(), usize::MAX, true)
    }

    /// The best `limit` candidates of document `d`, best first.
    fn candidates_with(&self, d: usize, stems: &mut StemCache, limit: usize, names_apart: bool) -> Vec<Keyphrase> {
        let mut scored = self.score_document(d, stems, names_apart);
        let m = scored.order_best(limit);
        let text = &self.corpus.docs()[d].text;
        scored.list[..m].iter().map(|c| scored.keyphrase(text, c)).collect()
    }

    /// The scored candidates of document `d`; `names_apart` applies the
    /// factor on names (per-document keyphrases), which the collection's
    /// ranking does not (a name the whole collection repeats is its topic).
    fn score_document(&self, d: usize, stems: &mut StemCache, names_apart: bool) -> ScoredDoc {
        let doc = &self.corpus.docs()[d];
        let text = doc.text.as_str();
        let _ = stems;
        let Ok(lex) = self.corpus.lexicon() else {
            return ScoredDoc { parts: Vec::new(), list: Vec::new() }; // asked to stop
        };
        let stemmed = lex.stems(&self.stats.stem);
        // Parts of keys (stems of content words, normalized connectors), interned.
        // Sized from the document's length, so the maps rarely grow.
        let n_tokens = doc.kept_tokens();
        let distinct = n_tokens / 2 + 8;
        let mut part_ids: FxHashMap<String, u32> = FxHashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut forms: FxHashMap<&str, Form> = FxHashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut words: Vec<WordInfo> = Vec::with_capacity(distinct);
        let mut word_stem: Vec<u32> = Vec::with_capacity(distinct);
        let mut word_of_part: FxHashMap<u32, u32> = FxHashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut candidates: FxHashMap<Key, Candidate> =
            FxHashMap::with_capacity_and_hasher(n_tokens + 8, Default::default());
        let mut order: Vec<Key> = Vec::with_capacity(n_tokens + 8);
        let mut sent: Vec<Form> = Vec::new();
        let mut gram: Vec<Tok> = Vec::new();
        let pos = doc.pos();
        for (s_idx, k) in doc.kept().iter().enumerate() {
            let toks: &[Token] = doc.sentence_tokens(k);
            let tags = &pos[k.first as usize..k.last as usize];
            let ids = &lex.doc(d)[k.first as usize..k.last as usize];
            sent.clear();
            for (j, t) in toks.iter().enumerate() {
                if !matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Hashtag) {
                    sent.push(Form::NONE);
                    continue;
                }
                let raw = t.text(text);
                let f = match forms.get(raw) {
                    Some(&f) => f,
                    None => {
                        let norm = lex.form(ids[j]);
                        let clitic = is_clitic(norm);
                        let stop = clitic || lex.is_stop(ids[j]);
                        let key_part: &str = if stop {
                            norm
                        } else if let Some(&i) = self.stats.stem_of.get(norm) {
                            &self.stats.stems[i as usize]
                        } else {
                            stemmed.of(ids[j])
                        };
                        let part = match part_ids.get(key_part) {
                            Some(&p) => p,
                            None => {
                                let p = part_ids.len() as u32;
                                part_ids.insert(key_part.to_string(), p);
                                p
                            }
                        };
                        let number = t.kind == TokenKind::Number;
                        // One word entry per stem (forms sharing a stem share it).
                        let word = if stop || number {
                            u32::MAX
                        } else {
                            *word_of_part.entry(part).or_insert_with(|| {
                                words.push(WordInfo { tf: 0, capitalised: 0, inner: 0 });
                                word_stem.push(part);
                                (words.len() - 1) as u32
                            })
                        };
                        let mut flags = 0u16;
                        if clitic {
                            flags |= CLITIC;
                        }
                        if stop {
                            flags |= STOP;
                        }
                        if INNER_STOPWORDS.contains(&key_part) && !clitic && key_part != "and" {
                            flags |= CONNECTOR;
                        }
                        if number {
                            flags |= NUMBER;
                        }
                        if raw.chars().next().is_some_and(char::is_uppercase) {
                            flags |= CAP;
                        }
                        if is_title(norm) {
                            flags |= TITLE;
                        }
                        if REPORTING.contains(&norm) {
                            flags |= REPORTING_NOUN;
                        }
                        if FUNCTION_WORDS.contains(&norm) {
                            flags |= FUNCTION;
                        }
                        if norm.len() > 3 && norm.ends_with('s') && !norm.ends_with("ss") {
                            flags |= S_FORM;
                        }
                        let f = Form { part, word, flags };
                        forms.insert(raw, f);
                        f
                    }
                };
                sent.push(f);
            }
            // Word statistics, and what the grammar needs of each token.
            gram.clear();
            let mut first_word = true;
            for (ti, f) in sent.iter().enumerate() {
                if f.part == u32::MAX {
                    gram.push(Tok::default());
                    continue;
                }
                if f.word != u32::MAX {
                    let w = &mut words[f.word as usize];
                    w.tf += 1;
                    if !first_word {
                        w.inner += 1;
                        if f.flags & CAP != 0 {
                            w.capitalised += 1;
                        }
                    }
                }
                let cat = if f.flags & NUMBER != 0 {
                    Cat::Num
                } else if f.flags & FUNCTION != 0 {
                    Cat::Other
                } else {
                    Cat::from(tags[ti])
                };
                gram.push(Tok {
                    cat: Some(cat),
                    cap: f.flags & CAP != 0,
                    connector: f.flags & CONNECTOR != 0,
                    clitic: f.flags & CLITIC != 0,
                    title: f.flags & TITLE != 0,
                    reporting: f.flags & REPORTING_NOUN != 0,
                    s_form: f.flags & S_FORM != 0,
                });
                first_word = false;
            }
            grammar::demote_headline_verbs(&mut gram);
            let first_tok = sent.iter().position(|f| f.part != u32::MAX).unwrap_or(0);
            grammar::candidates(&gram, MAX_PHRASE_WORDS, |a, b, nested| {
                let span = Span { start: toks[a].start, end: toks[b - 1].end };
                let name = is_name(&gram[a..b], a == first_tok);
                add_candidate(&sent[a..b], span, s_idx as u32, nested, name, &mut candidates, &mut order);
            });
        }
        // The parts in id order (the map's keys, moved, not copied).
        let mut parts: Vec<String> = vec![String::new(); part_ids.len()];
        for (k, p) in part_ids {
            parts[p as usize] = k;
        }
        // Word weights.
        let params = &PARAMS;
        let weights: Vec<f64> = words
            .iter()
            .zip(&word_stem)
            .map(|(w, &p)| {
                let ratio = if w.inner > 0 { w.capitalised as f64 / w.inner as f64 } else { 0.0 };
                self.idf(&parts[p as usize]) * (1.0 + params.casing * ratio)
            })
            .collect();
        // C-value (Frantzi, Ananiadou and Mima 2000): a phrase nested in
        // longer ones keeps the occurrences they do not explain, its count
        // less the mean count of the T distinct candidates containing it.
        let mut containers: FxHashMap<Key, (u32, u32)> = FxHashMap::default();
        for key in &order {
            let c = &candidates[key];
            if key.len < 2 {
                continue;
            }
            for i in 1..key.len as usize {
                let mut sub = Key { len: key.len - i as u8, ids: [0; MAX_KEY_PARTS] };
                sub.ids[..sub.len as usize].copy_from_slice(&key.ids[i..key.len as usize]);
                if candidates.get(&sub).is_some_and(|a| a.nested > 0) {
                    let e = containers.entry(sub).or_insert((0, 0));
                    e.0 += c.count;
                    e.1 += 1;
                }
            }
        }
        // Phrase scores.
        let list: Vec<Scored> = order
            .iter()
            .map(|key| {
                let c = &candidates[key];
                let ws = &c.words[..c.n_words as usize];
                let k = ws.len() as f64;
                let mean = ws.iter().map(|&i| weights[i as usize]).sum::<f64>() / k;
                let min_tf = ws.iter().map(|&i| words[i as usize].tf).min().unwrap_or(1).max(1);
                let cohesion = (c.count as f64 / min_tf as f64).min(1.0).powf(params.cohesion);
                let position = 1.0 + params.position / (1.0 + c.sentence as f64);
                let own = match containers.get(key) {
                    Some(&(sum, t)) => (c.count as f64 - sum as f64 / t as f64).max(0.0),
                    None => c.count as f64,
                };
                let count = own.powf(params.count_power);
                let length = 1.0 + params.length * (k - 1.0);
                let name = if 2 * c.names > c.count { params.name } else { 1.0 };
                let name = if names_apart { name } else { 1.0 };
                Scored {
                    score: mean * count * cohesion * position * length * name,
                    key: *key,
                    span: c.text_span,
                    count: c.count,
                }
            })
            .collect();
        ScoredDoc { parts, list }
    }

    /// Keyphrases of every document, in parallel.
    pub fn all(&self, top: usize) -> Vec<Vec<Keyphrase>> {
        (0..self.corpus.len())
            .into_par_iter()
            .map_init(StemCache::default, |c, d| self.document_with(d, top, c))
            .collect()
    }

    /// Collection keyphrases (see the module docs), from each document's best `per_doc`.
    pub fn corpus(&self, top: usize, per_doc: usize) -> Vec<CorpusKeyphrase> {
        collection_keyphrases(&self.all_candidates(per_doc), top)
    }

    /// Each document's best `per_doc` candidates, best first (in parallel), scored
    /// for the collection (names not set apart, see [`Params::name`]).
    pub fn all_candidates(&self, per_doc: usize) -> Vec<Vec<Keyphrase>> {
        (0..self.corpus.len())
            .into_par_iter()
            .map_init(StemCache::default, |stems, d| {
                if crate::interrupt::requested() {
                    return Vec::new(); // the caller throws the result away
                }
                self.candidates_with(d, stems, per_doc, false)
            })
            .collect()
    }
}

/// Counts one occurrence of the candidate made of `forms` (its tokens).
fn add_candidate(
    forms: &[Form],
    span: Span,
    sentence: u32,
    nested: bool,
    name: bool,
    candidates: &mut FxHashMap<Key, Candidate>,
    order: &mut Vec<Key>,
) {
    if forms.len() > MAX_KEY_PARTS {
        return;
    }
    let mut key = Key { len: 0, ids: [0; MAX_KEY_PARTS] };
    let mut words = [0u32; MAX_PHRASE_WORDS];
    let mut n_words = 0u8;
    for f in forms {
        key.ids[key.len as usize] = f.part;
        key.len += 1;
        if f.word != u32::MAX && (n_words as usize) < MAX_PHRASE_WORDS {
            words[n_words as usize] = f.word;
            n_words += 1;
        }
    }
    if n_words == 0 {
        return;
    }
    match candidates.get_mut(&key) {
        Some(c) => {
            c.count += 1;
            c.nested += nested as u32;
            c.names += name as u32;
        }
        None => {
            let c = Candidate {
                text_span: span,
                sentence,
                count: 1,
                nested: nested as u32,
                names: name as u32,
                words,
                n_words,
            };
            candidates.insert(key, c);
            order.push(key);
        }
    }
}

/// Whether a candidate occurrence (its grammar tokens) is written as a
/// name: every content word capitalised, and a proper noun where it opens
/// the sentence (where a capital says nothing).
#[inline]
fn is_name(toks: &[Tok], at_start: bool) -> bool {
    toks.iter()
        .enumerate()
        .all(|(i, t)| t.connector || t.clitic || (t.cap && (!(at_start && i == 0) || t.cat == Some(Cat::Propn))))
}

/// Orders two keys as their joined strings would order.
fn cmp_keys(parts: &[String], a: &Key, b: &Key) -> std::cmp::Ordering {
    let bytes = |k: Key| {
        (0..k.len as usize)
            .flat_map(move |i| (i > 0).then_some(b' ').into_iter().chain(parts[k.ids[i] as usize].bytes()))
    };
    bytes(*a).cmp(bytes(*b))
}

impl crate::cache::HeapSize for Keyphrase {
    fn heap_size(&self) -> usize {
        self.text.capacity() + self.key.capacity()
    }
}

impl crate::cache::HeapSize for CorpusKeyphrase {
    fn heap_size(&self) -> usize {
        self.text.capacity() + self.key.capacity()
    }
}

#[cfg(test)]
mod tests;
