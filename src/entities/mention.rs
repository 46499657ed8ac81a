//! Step 2 of entity extraction: finding the mentions of each document, one
//! sentence at a time, with a local label and the evidence for it (linking
//! across the corpus is `link.rs`).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::gazetteer::{self, builtin, Gazetteer};
use super::lexicon::{
    is_acronym, is_clitic, is_roman, looks_demonym, looks_inflected, lower_no_dots, starts_upper, title_at, CONNECTORS,
    EVENT_LAST, LOC_LAST, NOT_NAMES, ORG_FIRST, ORG_LAST, PLACE_PREPOSITIONS, ROLE_NOUNS, TITLES,
};
use super::{Evidence, Label, Mention, UNKNOWN_LABEL};
use crate::corpus::{Corpus, Document};
use crate::tokenize::{Span, Token, TokenKind};

/// Finds mentions; holds what the corpus says about words (which capitalised
/// words are also written in lowercase).
pub struct Extractor<'a> {
    lower_words: FxHashSet<String>,
    user: Option<&'a Gazetteer>,
    builtin: &'static Gazetteer,
}

/// The words the kept sentences of `corpus` write in lowercase (not as
/// their first token): what [`Extractor`] reads from the whole corpus. A
/// union over documents, so the words of parts of a collection, put together,
/// are those of the whole.
pub fn lowercase_words(corpus: &Corpus) -> FxHashSet<String> {
    corpus
        .docs()
        .par_iter()
        .fold(FxHashSet::default, |mut set, doc| {
            for k in doc.kept() {
                for (i, t) in doc.sentence_tokens(k).iter().enumerate() {
                    let w = t.text(&doc.text);
                    if i > 0 && t.kind == TokenKind::Word && w.chars().next().is_some_and(char::is_lowercase) {
                        set.insert(w.to_string());
                    }
                }
            }
            set
        })
        .reduce(FxHashSet::default, |mut a, b| {
            if a.len() < b.len() {
                return b.into_iter().chain(a).collect();
            }
            a.extend(b);
            a
        })
}

impl<'a> Extractor<'a> {
    /// An extractor for `corpus`, with the user's dictionary if any.
    pub fn new(corpus: &Corpus, user: Option<&'a Gazetteer>) -> Extractor<'a> {
        Extractor::with_words(lowercase_words(corpus), user)
    }

    /// An extractor that takes `lower_words` ([`lowercase_words`], perhaps
    /// of a whole collection put together from its parts) as the words the
    /// corpus writes in lowercase.
    pub fn with_words(lower_words: FxHashSet<String>, user: Option<&'a Gazetteer>) -> Extractor<'a> {
        Extractor { lower_words, user, builtin: builtin() }
    }

    /// Whether the corpus also writes `word` in lowercase (or it is a stopword).
    pub(super) fn written_lowercase(&self, word: &str) -> bool {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        self.lower_words.contains(&lower) || crate::stopwords::is_english_stopword(&lower.replace('’', "'"))
    }

    /// The mentions of one document, in order.
    pub fn document(&self, doc: &Document) -> Vec<Mention> {
        self.document_hits(doc, None)
    }

    /// [`Extractor::document`], also pushing onto `hits`, per kept sentence,
    /// the built-in dictionary's matches over its tokens (which the learned
    /// tagger's features read again).
    pub(super) fn document_hits(
        &self,
        doc: &Document,
        mut hits: Option<&mut Vec<Vec<gazetteer::Hit>>>,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        for k in doc.kept() {
            let toks = doc.sentence_tokens(k);
            let found = self.builtin.find(&doc.text, toks);
            self.sentence(&doc.text, toks, &found, &mut out);
            if let Some(hits) = hits.as_deref_mut() {
                hits.push(found);
            }
        }
        out
    }

    fn sentence(&self, text: &str, toks: &[Token], builtin_hits: &[gazetteer::Hit], out: &mut Vec<Mention>) {
        let n = toks.len();
        let word = |i: usize| toks[i].text(text);
        let mut taken = vec![false; n];
        let mut found: Vec<Mention> = Vec::new();
        // 1. The user's dictionary wins.
        if let Some(user) = self.user {
            for h in user.find(text, toks) {
                let e = &user.entries()[h.entry as usize];
                taken[h.first..h.last].iter_mut().for_each(|t| *t = true);
                found.push(Mention {
                    span: Span { start: toks[h.first].start, end: toks[h.last - 1].end },
                    label: e.label,
                    evidence: Evidence::User,
                    role: None,
                    entry: Some((true, h.entry)),
                });
            }
        }
        let hits: FxHashMap<usize, gazetteer::Hit> = builtin_hits.iter().map(|h| (h.first, *h)).collect();
        // 2. Headlines in capitals: dictionaries only.
        let headline = is_headline(text, toks);
        let first_word = toks.iter().position(|t| t.kind == TokenKind::Word);
        let mut i = 0;
        while i < n {
            if taken[i] {
                i += 1;
                continue;
            }
            if headline {
                if let Some(h) = hits.get(&i).filter(|h| !taken[h.first..h.last].iter().any(|&t| t)) {
                    found.push(self.builtin_mention(toks, *h));
                    i = h.last;
                } else {
                    i += 1;
                }
                continue;
            }
            if !self.is_cap(toks, text, i) {
                i += 1;
                continue;
            }
            // A run of capitalised words with connectors inside.
            let mut j = i + 1;
            loop {
                if j < n && !taken[j] && self.is_cap(toks, text, j) {
                    j += 1;
                } else if j + 1 < n
                    && !taken[j + 1]
                    && toks[j].kind == TokenKind::Word
                    && CONNECTORS.contains(word(j))
                    && (word(j) != "the" || word(j - 1) == "of")
                    && self.is_cap(toks, text, j + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // A dictionary name may run past the capitals (`Bosnia and Herzegovina`).
            if let Some(h) = hits.get(&i) {
                if h.last > j && !taken[j..h.last].iter().any(|&t| t) {
                    j = h.last;
                }
            }
            let mut s = i;
            // A sentence's first word that is also written in lowercase (or
            // looks like a verb or adverb) is not a name.
            let starts_clause = Some(i) == first_word
                || (i > 0 && matches!(word(i - 1), "“" | "\"" | "‘" | "(" | "[" | ":" | "—" | "–"));
            if starts_clause && !hits.contains_key(&i) && (self.written_lowercase(word(i)) || looks_inflected(word(i)))
            {
                s += 1;
                while s < j && !self.is_cap(toks, text, s) {
                    s += 1;
                }
            }
            // Calendar words are dates, not names.
            while s < j && NOT_NAMES.contains(&lower_no_dots(word(s))) {
                s += 1;
            }
            let mut e = j;
            while e > s && NOT_NAMES.contains(&lower_no_dots(word(e - 1))) {
                e -= 1;
            }
            // A stopword alone, or a hyphenated compound of names
            // (`Russia-Ukraine`, `U.S.-based`), is not a name.
            let single = e == s + 1 && !hits.contains_key(&s);
            let skip = single
                && (crate::stopwords::is_english_stopword(&lower_no_dots(word(s)))
                    || word(s).contains(['-', '‐', '‑']));
            if s < e && !skip {
                self.classify_run(text, toks, s, e, &hits, &mut found);
            }
            i = j;
        }
        found.sort_by_key(|m| m.span.start);
        out.extend(found);
    }

    fn is_cap(&self, toks: &[Token], text: &str, i: usize) -> bool {
        let t = &toks[i];
        let w = t.text(text);
        t.kind == TokenKind::Word && starts_upper(w) && w != "I" && !is_clitic(w)
    }

    fn builtin_mention(&self, toks: &[Token], h: gazetteer::Hit) -> Mention {
        let e = &self.builtin.entries()[h.entry as usize];
        Mention {
            span: Span { start: toks[h.first].start, end: toks[h.last - 1].end },
            label: e.label,
            evidence: Evidence::Builtin,
            role: None,
            entry: Some((false, h.entry)),
        }
    }

    /// Splits and labels one run of capitalised words `[s, e)`.
    fn classify_run(
        &self,
        text: &str,
        toks: &[Token],
        mut s: usize,
        e: usize,
        hits: &FxHashMap<usize, gazetteer::Hit>,
        out: &mut Vec<Mention>,
    ) {
        let lw = |i: usize| lower_no_dots(toks[i].text(text));
        let span_of = |a: usize, b: usize| Span { start: toks[a].start, end: toks[b - 1].end };
        // The whole run is a dictionary name.
        if let Some(h) = hits.get(&s).filter(|h| h.last == e) {
            out.push(self.builtin_mention(toks, *h));
            return;
        }
        // Leading nationality or place before a title: `Russian President ...`, `UK Defence Secretary ...`.
        if let Some(h) = hits.get(&s) {
            if h.last < e && title_at(&lw, h.last, e).is_some() {
                out.push(self.builtin_mention(toks, *h));
                s = h.last;
            }
        }
        // A title: the rest is a person (up to an `of`: `Amira Haddad of Sarkhan`).
        if let Some(t_end) = title_at(&lw, s, e) {
            if t_end < e {
                let name_end = (t_end..e).find(|&i| lw(i) == "of").unwrap_or(e);
                if name_end > t_end {
                    out.push(Mention {
                        span: span_of(t_end, name_end),
                        label: Label::Person,
                        evidence: Evidence::Title,
                        role: Some(span_of(s, t_end)),
                        entry: None,
                    });
                }
                if name_end + 1 < e {
                    self.classify_run(text, toks, name_end + 1, e, hits, out);
                }
            }
            return;
        }
        // A lowercase role before the run: `envoy Steve Witkoff`.
        let prev = (s > 0).then(|| lw(s - 1));
        let prev_is_role = prev.as_deref().is_some_and(|p| ROLE_NOUNS.contains(p) || TITLES.contains(p));
        // A trailing roman numeral does not decide the kind (`World War II`).
        let cue_end = if e - s > 1 && is_roman(&lw(e - 1)) { e - 1 } else { e };
        let last = lw(cue_end - 1);
        let first = lw(s);
        let (label, evidence) = if ORG_LAST.contains(&last) || ORG_FIRST.contains(&first) && e - s > 1 {
            (Label::Org, Evidence::Cue)
        } else if EVENT_LAST.contains(&last) && e - s > 1 {
            (Label::Event, Evidence::Cue)
        } else if prev_is_role && !hits.contains_key(&s) {
            (Label::Person, Evidence::Title)
        } else if hits.values().any(|h| h.first >= s && h.last <= e) {
            // Dictionary names inside an otherwise unknown run: report each.
            let mut i = s;
            let mut rest_start = s;
            while i < e {
                if let Some(h) = hits.get(&i).filter(|h| h.last <= e) {
                    if rest_start < i {
                        self.classify_run(text, toks, rest_start, i, &FxHashMap::default(), out);
                    }
                    out.push(self.builtin_mention(toks, *h));
                    i = h.last;
                    rest_start = i;
                } else {
                    i += 1;
                }
            }
            if rest_start < e {
                self.classify_run(text, toks, rest_start, e, &FxHashMap::default(), out);
            }
            return;
        } else if LOC_LAST.contains(&last) && e - s > 1 {
            (Label::Loc, Evidence::Cue)
        } else if e - s == 1 && is_acronym(toks[s].text(text)) {
            (Label::Org, Evidence::Cue)
        } else if e - s >= 2 {
            // Two capitalised words: a person, unless joined by `of`.
            if let Some(of) = (s + 1..e - 1).find(|&i| lw(i) == "of") {
                self.classify_run(text, toks, s, of, hits, out);
                self.classify_run(text, toks, of + 1, e, hits, out);
                return;
            }
            (Label::Person, Evidence::Shape)
        } else if e - s == 1 && looks_demonym(&last) {
            (Label::Norp, Evidence::Shape)
        } else if prev.as_deref().is_some_and(|p| PLACE_PREPOSITIONS.contains(p)) {
            (Label::Gpe, Evidence::Shape)
        } else {
            (UNKNOWN_LABEL, Evidence::Unknown)
        };
        let role = if prev_is_role && label == Label::Person { Some(span_of(s - 1, s)) } else { None };
        out.push(Mention { span: span_of(s, e), label, evidence, role, entry: None });
    }
}

/// Whether a sentence is a headline in capitals (at least three words, 70%
/// of them without a lowercase letter).
pub(super) fn is_headline(text: &str, toks: &[Token]) -> bool {
    let mut words = 0usize;
    let mut caps = 0usize;
    for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(text);
        words += 1;
        if w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase) {
            caps += 1;
        }
    }
    words >= 3 && caps * 10 >= words * 7
}
