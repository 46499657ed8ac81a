//! Keyphrases of a document and of a corpus, and terms that distinguish a
//! group of documents from the rest.
//!
//! (Some 900 lines: one document's scoring pass is one function over its
//! tokens, kept whole so that its interned tables stay local, and the
//! selection that reads its tables; word lists, the collection's ranking and
//! the tests are in their own files.)
//!
//! # Keyphrases
//!
//! The method is the project's own mix of statistical features (in the spirit
//! of YAKE: position, casing, frequency) and TF-IDF against the corpus
//! (docs/keyphrases.md has the full account):
//!
//! 1. **Candidates** are tagged noun phrases of 1 to 4 words ([`grammar`]).
//!    Fixed expressions ([`words::WHOLE_IDIOMS`], [`words::EMPTY_IDIOMS`],
//!    matched on stems) are one candidate whole (`boots on the ground`) or
//!    none of their words is a candidate (`off the table`, `apply pressure`).
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
//!    its first occurrence, and `length = 1 + 0.3 · (k - 1)` for `k` words,
//!    times `(letters per content word / 6)^0.5` (see [`Params::word_length`]);
//!    in a document's ranking, a multi-word phrase other documents of the
//!    corpus hold counts `1 + 0.5` times (see [`Params::recur`]).
//! 4. **Selection**: best first; a phrase whose words are contained in a
//!    phrase already chosen is skipped (`Four Seasons` after
//!    `Seoul’s Four Seasons hotel`), and so is a second phrase of the same
//!    head; a single word mostly written inside two-word phrases is shown as
//!    the best of them (`concessions` as `significant concessions`).
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
pub use distinctive::{distinctive, distinctive_in, Distinctive, FoldedCounts};
use words::{english_idioms, is_title, Idioms, FUNCTION_WORDS, REPORTING, TIME_NOUNS};

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
    /// Extra weight `1 + recur` of a multi-word phrase that other documents
    /// of the corpus also hold (one story told by several outlets) ...
    recur: f64,
    /// ... in at least this share of the documents holding its rarest word
    /// (where its words recur, they recur as this phrase: `significant
    /// concessions`, not `last year`).
    recur_share: f64,
    /// Power of the letters per word of a candidate (over 6): short words
    /// (`man`, `new`, `guy`) are less often what a text is about than long
    /// ones (`valuation`, `endowment`), at the same idf and count.
    word_length: f64,
    /// A single word whose two-word phrases (`significant concessions`,
    /// `notable concessions`) hold at least this share of its occurrences is
    /// shown as its best such phrase (see [`KeyphraseExtractor::document`]).
    fold: f64,
}

const PARAMS: Params = Params {
    casing: 0.0,
    cohesion: 0.5,
    position: 2.0,
    count_power: 1.5,
    length: 0.0,
    name: 0.3,
    recur: 0.5,
    recur_share: 0.8,
    word_length: 0.5,
    fold: 0.8,
};

#[inline]
fn params() -> &'static Params {
    &PARAMS
}

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
    /// The group of fixed expressions that may start here (`u16::MAX`: none).
    idiom: u16,
}

impl Form {
    /// A token that is not a word (punctuation, symbols, ...).
    const NONE: Form = Form { part: u32::MAX, word: u32::MAX, flags: 0, idiom: u16::MAX };
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
const TIME_NOUN: u16 = 512;

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
    /// Documents of the corpus holding the phrase (0 when not needed, see [`KeyphraseStats::pair_df`]).
    docs: u32,
}

/// A scored candidate.
struct Scored {
    score: f64,
    key: Key,
    span: Span,
    count: u32,
    /// Content words.
    words: u8,
    /// Documents of the corpus holding it (see [`Candidate::docs`]).
    docs: u32,
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
/// frequencies of stems (a word's stem is the lexicon's, see
/// [`crate::count::Stems`]). Computed once per corpus and language
/// and kept (see [`Corpus::keyphrase_stats`]).
pub struct KeyphraseStats {
    stem: Stem,
    df: FxHashMap<String, u32>,
    /// General English document frequencies, when stemming English.
    background: Option<&'static background::Background>,
    /// Documents holding each pair of adjacent words that can sit in a
    /// candidate (keyed by the lexicon's stem ids, see [`pair_key`]); empty
    /// for a corpus of one document. A phrase's document frequency is
    /// estimated as the least of its pairs'.
    pair_df: std::sync::Arc<FxHashMap<u64, u32>>,
}

/// The key of two adjacent words in [`KeyphraseStats::pair_df`].
#[inline]
fn pair_key(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Whether a word tagged `t` can sit in a candidate (stopwords aside).
#[inline]
fn phrase_tag(t: crate::tag::Upos) -> bool {
    use crate::tag::Upos;
    matches!(t, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
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
        let background = background::has_background(language).then(background::english);
        let pair_df = std::sync::Arc::new(Self::pair_df(corpus, &stem)?);
        Ok(KeyphraseStats { stem, df, background, pair_df })
    }

    /// Documents holding each pair of adjacent candidate words (see the field's docs).
    fn pair_df(corpus: &Corpus, stem: &Stem) -> Result<FxHashMap<u64, u32>> {
        if corpus.len() < 2 {
            return Ok(FxHashMap::default());
        }
        let lex = corpus.lexicon()?;
        let stems = lex.stems(stem);
        let per_doc: Vec<Vec<u64>> = (0..corpus.len())
            .into_par_iter()
            .map(|d| {
                let doc = &corpus.docs()[d];
                let (pos, ids) = (doc.pos(), lex.doc(d));
                let mut v = Vec::new();
                for k in doc.kept() {
                    for i in k.first as usize..(k.last as usize).saturating_sub(1) {
                        let (a, b) = (ids[i], ids[i + 1]);
                        if a == crate::count::lexicon::NO_FORM || b == crate::count::lexicon::NO_FORM {
                            continue;
                        }
                        let (sa, sb) = (lex.is_stop(a), lex.is_stop(b));
                        if (sa && sb) || (!sa && !phrase_tag(pos[i])) || (!sb && !phrase_tag(pos[i + 1])) {
                            continue;
                        }
                        v.push(pair_key(stems.id(a), stems.id(b)));
                    }
                }
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        // Counts are sums, the same in any order.
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for v in per_doc {
            for p in v {
                *df.entry(p).or_insert(0) += 1;
            }
        }
        Ok(df)
    }

    /// Documents holding each stem (any of its forms).
    pub fn df(&self) -> &FxHashMap<String, u32> {
        &self.df
    }

    /// These statistics with the document frequencies `df` of a whole
    /// collection this corpus is a part of (its stems and forms unchanged).
    pub fn with_df(&self, df: FxHashMap<String, u32>) -> KeyphraseStats {
        KeyphraseStats { stem: self.stem.clone(), df, background: self.background, pair_df: self.pair_df.clone() }
    }
}

impl crate::cache::HeapSize for KeyphraseStats {
    fn heap_size(&self) -> usize {
        let entry = |k: usize, v: usize| k + v + 8;
        self.df.capacity() * std::mem::size_of::<(String, u32)>()
            + self.df.keys().map(|k| entry(k.capacity(), 0)).sum::<usize>()
            + self.pair_df.capacity() * 16
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
        let first = 4 * top + 16;
        self.select(d, &mut scored, top, first)
    }

    /// [`KeyphraseExtractor::document`] with every candidate ordered first
    /// (the reference the partial ordering must equal).
    #[cfg(test)]
    fn document_fully_ordered(&self, d: usize, top: usize) -> Vec<Keyphrase> {
        let mut scored = self.score_document(d, &mut StemCache::default(), true);
        let n = scored.list.len();
        self.select(d, &mut scored, top, n)
    }

    /// The best `top` of `scored`, one per topic, ordering the best
    /// `first` candidates first (more only when needed).
    fn select(&self, d: usize, scored: &mut ScoredDoc, top: usize, first: usize) -> Vec<Keyphrase> {
        let mut ordered = scored.order_best(first);
        // (candidate shown, candidate whose score it takes)
        let mut chosen: Vec<(usize, usize)> = Vec::new();
        // Per head part: its best phrase of two or more words, and the
        // occurrences of its two-word phrases (made on first need).
        let mut heads: Option<FxHashMap<u32, (usize, u32)>> = None;
        let conflicts = |chosen: &[(usize, usize)], list: &[Scored], key: &Key| {
            chosen.iter().any(|&(k, _)| {
                let chosen = list[k].key.ids();
                contains_run(chosen, key.ids()) || contains_run(key.ids(), chosen)
            })
        };
        let mut i = 0;
        while chosen.len() < top && i < scored.list.len() {
            if i == ordered {
                ordered = scored.order_best(scored.list.len());
                heads = None; // indices moved
            }
            let c = &scored.list[i];
            // One phrase per topic: none contained in a chosen one, none containing one.
            // Nor a second phrase of the same head (`notable concessions` after `significant concessions`).
            let same_head = c.words >= 2
                && chosen.iter().any(|&(k, _)| {
                    let o = &scored.list[k];
                    o.words >= 2 && o.key.ids[o.key.len as usize - 1] == c.key.ids[c.key.len as usize - 1]
                });
            if !same_head && !conflicts(&chosen, &scored.list, &c.key) {
                let mut shown = i;
                if c.key.len == 1 {
                    // In a corpus of several documents, only a phrase others hold is shown for its head.
                    let recurring = !self.stats.pair_df.is_empty();
                    let heads = heads.get_or_insert_with(|| head_phrases(&scored.list, recurring));
                    if let Some(&(best, pairs)) = heads.get(&c.key.ids[0]) {
                        let key = &scored.list[best].key;
                        if pairs as f64 >= params().fold * c.count as f64 && !conflicts(&chosen, &scored.list, key) {
                            shown = best;
                        }
                    }
                }
                chosen.push((shown, i));
            }
            i += 1;
        }
        let text = &self.corpus.docs()[d].text;
        chosen
            .into_iter()
            .map(|(k, by)| {
                let mut p = scored.keyphrase(text, &scored.list[k]);
                p.score = scored.list[by].score;
                p
            })
            .collect()
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
        // A token's form entry depends only on its normalized form and on
        // whether it is written with a capital: keyed by both, as integers
        // (no string hashed or compared per token).
        let mut forms: FxHashMap<u64, Form> = FxHashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut words: Vec<WordInfo> = Vec::with_capacity(distinct);
        let mut word_stem: Vec<u32> = Vec::with_capacity(distinct);
        let mut word_of_part: FxHashMap<u32, u32> = FxHashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut candidates: FxHashMap<Key, Candidate> =
            FxHashMap::with_capacity_and_hasher(n_tokens + 8, Default::default());
        let mut order: Vec<Key> = Vec::with_capacity(n_tokens + 8);
        let mut sent: Vec<Form> = Vec::new();
        let mut gram: Vec<Tok> = Vec::new();
        let idioms: Option<&Idioms> = self.stats.background.is_some().then(english_idioms);
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
                let cap = raw.chars().next().is_some_and(char::is_uppercase);
                let form_key = ((ids[j] as u64) << 1) | cap as u64;
                let f = match forms.get(&form_key) {
                    Some(&f) => f,
                    None => {
                        let norm = lex.form(ids[j]);
                        let clitic = is_clitic(norm);
                        let stop = clitic || lex.is_stop(ids[j]);
                        // The lexicon's stem of the form (stemmed once per corpus).
                        let key_part: &str = if stop { norm } else { stemmed.of(ids[j]) };
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
                        if cap {
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
                        if TIME_NOUNS.contains(&norm) {
                            flags |= TIME_NOUN;
                        }
                        let idiom = idioms.and_then(|i| i.group(stemmed.of(ids[j]))).unwrap_or(u16::MAX);
                        let f = Form { part, word, flags, idiom };
                        forms.insert(form_key, f);
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
                    reporting: f.flags & (REPORTING_NOUN | TIME_NOUN) != 0,
                    s_form: f.flags & S_FORM != 0,
                });
                first_word = false;
            }
            grammar::demote_headline_verbs(&mut gram);
            // Phrase document frequency: the least over its adjacent pairs.
            let pair_df = &self.stats.pair_df;
            let phrase_docs = |a: usize, b: usize| -> u32 {
                if pair_df.is_empty() || b - a < 2 {
                    return 0;
                }
                (a..b - 1)
                    .map(|i| *pair_df.get(&pair_key(stemmed.id(ids[i]), stemmed.id(ids[i + 1]))).unwrap_or(&0))
                    .min()
                    .unwrap_or(0)
            };
            // Fixed expressions: one candidate whole, or none of their words.
            if let Some(idioms) = idioms {
                let word = |i: usize| {
                    (i < sent.len() && sent[i].part != u32::MAX).then(|| (lex.form(ids[i]), stemmed.of(ids[i])))
                };
                let mut ti = 0;
                while ti < sent.len() {
                    let g = sent[ti].idiom;
                    let Some((len, whole)) = (g != u16::MAX).then(|| idioms.longest(g, ti, word)).flatten() else {
                        ti += 1;
                        continue;
                    };
                    if whole {
                        let span = Span { start: toks[ti].start, end: toks[ti + len - 1].end };
                        let docs = || phrase_docs(ti, ti + len);
                        add_candidate(
                            &sent[ti..ti + len],
                            span,
                            s_idx as u32,
                            false,
                            false,
                            docs,
                            &mut candidates,
                            &mut order,
                        );
                    }
                    for t in &mut gram[ti..ti + len] {
                        t.cat = Some(Cat::Other);
                    }
                    ti += len;
                }
            }
            let first_tok = sent.iter().position(|f| f.part != u32::MAX).unwrap_or(0);
            // A stopword the tagger reads as a modifier or a noun (`few
            // weeks`, `several years`, `role in`) neither opens nor closes a
            // candidate (unless capitalised inside the sentence: `US`); the
            // shorter candidates of its chunk remain.
            let loose = |i: usize| sent[i].flags & STOP != 0 && (sent[i].flags & CAP == 0 || i == first_tok);
            grammar::candidates(&gram, MAX_PHRASE_WORDS, |a, b, nested| {
                if loose(a) || loose(b - 1) {
                    return;
                }
                // A single character alone (`P` of `S&P`, `n`) is no keyphrase.
                if b - a == 1 && toks[a].text(text).chars().nth(1).is_none() {
                    return;
                }
                let span = Span { start: toks[a].start, end: toks[b - 1].end };
                let name = is_name(&gram[a..b], a == first_tok);
                let docs = || phrase_docs(a, b);
                add_candidate(&sent[a..b], span, s_idx as u32, nested, name, docs, &mut candidates, &mut order);
            });
        }
        // The parts in id order (the map's keys, moved, not copied).
        let mut parts: Vec<String> = vec![String::new(); part_ids.len()];
        for (k, p) in part_ids {
            parts[p as usize] = k;
        }
        // Word weights.
        let params = params();
        let weights: Vec<f64> = words
            .iter()
            .zip(&word_stem)
            .map(|(w, &p)| {
                let ratio = if w.inner > 0 { w.capitalised as f64 / w.inner as f64 } else { 0.0 };
                self.idf(&parts[p as usize]) * (1.0 + params.casing * ratio)
            })
            .collect();
        let recur = if names_apart { params.recur } else { 0.0 };
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
                // Letters (and digits) per content word, as first written.
                let letters =
                    text[c.text_span.start..c.text_span.end].chars().filter(|ch| ch.is_alphanumeric()).count();
                let word_length = (letters.max(1) as f64 / k / 6.0).powf(params.word_length);
                let is_name = 2 * c.names > c.count;
                let name = if is_name && names_apart { params.name } else { 1.0 };
                // Held by other documents, and mostly as this phrase where its words are.
                let shared = if c.docs >= 2 && recur != 0.0 && {
                    let min_df = ws
                        .iter()
                        .map(|&w| *self.stats.df.get(&parts[word_stem[w as usize] as usize]).unwrap_or(&0))
                        .min()
                        .unwrap_or(0);
                    c.docs as f64 >= params.recur_share * min_df as f64
                } {
                    1.0 + recur
                } else {
                    1.0
                };
                Scored {
                    score: mean * count * cohesion * position * length * word_length * name * shared,
                    key: *key,
                    span: c.text_span,
                    count: c.count,
                    words: c.n_words,
                    docs: c.docs,
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

/// Counts one occurrence of the candidate made of `forms` (its tokens);
/// `docs` gives its corpus document frequency (asked once per candidate).
#[allow(clippy::too_many_arguments, reason = "the parts of one occurrence")]
fn add_candidate(
    forms: &[Form],
    span: Span,
    sentence: u32,
    nested: bool,
    name: bool,
    docs: impl FnOnce() -> u32,
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
                docs: if n_words >= 2 { docs() } else { 0 },
            };
            candidates.insert(key, c);
            order.push(key);
        }
    }
}

/// Per head (the last part of a key): the best candidate of two or more
/// words ending in it, and the occurrences of those of exactly two words.
fn head_phrases(list: &[Scored], recurring: bool) -> FxHashMap<u32, (usize, u32)> {
    let mut heads: FxHashMap<u32, (usize, u32)> = FxHashMap::default();
    for (i, c) in list.iter().enumerate() {
        if c.words < 2 {
            continue;
        }
        let head = c.key.ids[c.key.len as usize - 1];
        let e = heads.entry(head).or_insert((usize::MAX, 0));
        if c.words == 2 {
            e.1 += c.count;
        }
        if recurring && c.docs < 2 {
            continue;
        }
        let better = match list.get(e.0) {
            None => true,
            Some(b) => c.score > b.score || (c.score == b.score && c.key.ids() < b.key.ids()),
        };
        if better {
            e.0 = i;
        }
    }
    heads.retain(|_, e| e.0 != usize::MAX);
    heads
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
