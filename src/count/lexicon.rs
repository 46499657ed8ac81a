//! The corpus lexicon: every distinct normalized form of the corpus's content
//! tokens, numbered once, with its stopword flag and (per stemmer, on first
//! need) its stem; and, per document, the form id of each token. Made once per
//! corpus from the documents' tokens (see [`crate::corpus::Corpus::lexicon`]),
//! so the stages that read words (term lists, keyphrase scoring, distinctive
//! terms, shingles) look a token's normal form up instead of normalizing it
//! again.
//!
//! Ids are numbered in order of first use over the documents in order, so the
//! lexicon is the same for any number of threads: documents are read in
//! parallel parts, each numbering its own forms, and the parts are merged in
//! document order.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::table::StrMap;
use super::Terms;
use crate::document::Document;
use crate::error::Result;
use crate::normalize::{normalize_cow, Stem};
use crate::tokenizer::Tokenizer;

/// The id of a token that is not a content token (punctuation, symbols,
/// `Other`): it has no form.
pub const NO_FORM: u32 = u32::MAX;

/// Normalized forms, their flags, and the form of every token of every document.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Each form's normalized text, by id.
    forms: Terms,
    /// Whether each form is a stopword of the corpus's tokenizer.
    stop: Vec<bool>,
    /// Per document `d`, `ids[starts[d]..starts[d + 1]]`: the form of each of
    /// its tokens ([`Document::tokens`]), [`NO_FORM`] for non-content tokens.
    ids: Vec<u32>,
    starts: Vec<usize>,
    /// Stems of the forms, per stemmer language, made on first need.
    stems: Mutex<Vec<(String, Arc<Stems>)>>,
}

/// The stem of every form of a [`Lexicon`] under one stemmer.
#[derive(Debug, Default)]
pub struct Stems {
    /// Per form, the id of its stem in `texts`.
    of: Vec<u32>,
    /// The distinct stems.
    texts: Terms,
}

impl Stems {
    /// The stem of form `f`.
    #[inline]
    pub fn of(&self, f: u32) -> &str {
        self.texts.get(self.of[f as usize] as usize)
    }

    /// The id of the stem of form `f` (stems are numbered like forms).
    #[inline]
    pub fn id(&self, f: u32) -> u32 {
        self.of[f as usize]
    }
}

impl crate::cache::HeapSize for Stems {
    fn heap_size(&self) -> usize {
        self.of.capacity() * 4 + self.texts.heap_size()
    }
}

impl crate::cache::HeapSize for Lexicon {
    fn heap_size(&self) -> usize {
        let stems: usize = self.stems.lock().map_or(0, |s| s.iter().map(|(_, s)| s.heap_size()).sum());
        self.forms.heap_size()
            + self.stop.capacity()
            + self.ids.capacity() * std::mem::size_of::<u32>()
            + self.starts.capacity() * std::mem::size_of::<usize>()
            + stems
    }
}

/// The forms of part of the corpus, numbered in order of first use there.
#[derive(Default)]
struct Part {
    forms: Terms,
    stop: Vec<bool>,
    ids: Vec<u32>,
    /// Tokens of each document of the part.
    lens: Vec<usize>,
}

impl Part {
    fn of(docs: &[Document], tokenizer: &Tokenizer, chunk: &[usize]) -> Part {
        let opts = &tokenizer.spec().normalize;
        let mut part = Part::default();
        // Surface form → form id, and normalized form → form id.
        let mut surfaces = StrMap::default();
        let mut norms = StrMap::default();
        let mut buf = String::new();
        for &d in chunk {
            if crate::interrupt::requested() {
                // The whole lexicon is thrown away (see `Lexicon::build`).
                part.lens.push(0);
                continue;
            }
            let doc = &docs[d];
            let text: &str = &doc.text;
            let tokens = doc.tokens();
            part.ids.reserve(tokens.len());
            for t in tokens {
                if !t.kind.is_content() {
                    part.ids.push(NO_FORM);
                    continue;
                }
                let surface = t.text(text);
                let f = match surfaces.get(surface) {
                    Some(f) => f,
                    None => {
                        let norm = normalize_cow(surface, opts, &mut buf);
                        let f = match norms.get(norm) {
                            Some(f) => f,
                            None => {
                                let f = part.forms.len() as u32;
                                part.forms.push(norm);
                                part.stop.push(tokenizer.is_stop(norm));
                                norms.insert(norm, f);
                                f
                            }
                        };
                        surfaces.insert(surface, f);
                        f
                    }
                };
                part.ids.push(f);
            }
            part.lens.push(tokens.len());
        }
        part
    }
}

impl Lexicon {
    /// The lexicon of `docs` under `tokenizer`'s normalization and stopwords
    /// (tokenizing the documents not parsed yet, in parallel). Fails only
    /// when asked to stop.
    pub fn build(docs: &[Document], tokenizer: &Tokenizer) -> Result<Lexicon> {
        let n = docs.len();
        let threads = rayon::current_num_threads().max(1);
        let parts = if threads == 1 { 1 } else { threads * 4 };
        let size = n.div_ceil(parts).max(1);
        let positions: Vec<usize> = (0..n).collect();
        let parts: Vec<Part> = positions.par_chunks(size).map(|chunk| Part::of(docs, tokenizer, chunk)).collect();
        crate::interrupt::check()?;
        let mut lex = Lexicon {
            ids: Vec::with_capacity(parts.iter().map(|p| p.ids.len()).sum()),
            starts: Vec::with_capacity(n + 1),
            ..Default::default()
        };
        lex.starts.push(0);
        let mut by_text = StrMap::default();
        for part in &parts {
            let map: Vec<u32> = part
                .forms
                .iter()
                .zip(&part.stop)
                .map(|(form, &stop)| match by_text.get(form) {
                    Some(f) => f,
                    None => {
                        let f = lex.forms.len() as u32;
                        lex.forms.push(form);
                        lex.stop.push(stop);
                        by_text.insert(form, f);
                        f
                    }
                })
                .collect();
            lex.ids.extend(part.ids.iter().map(|&f| if f == NO_FORM { NO_FORM } else { map[f as usize] }));
            for &len in &part.lens {
                let last = *lex.starts.last().unwrap_or(&0);
                lex.starts.push(last + len);
            }
        }
        Ok(lex)
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether there are no forms.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The normalized text of form `f`.
    #[inline]
    pub fn form(&self, f: u32) -> &str {
        self.forms.get(f as usize)
    }

    /// Whether form `f` is a stopword.
    #[inline]
    pub fn is_stop(&self, f: u32) -> bool {
        self.stop[f as usize]
    }

    /// The form of each token of document `d` ([`NO_FORM`] for non-content tokens).
    #[inline]
    pub fn doc(&self, d: usize) -> &[u32] {
        &self.ids[self.starts[d]..self.starts[d + 1]]
    }

    /// The stems of every form under `stem`, made on first call per language
    /// (in parallel) and kept.
    pub fn stems(&self, stem: &Stem) -> Arc<Stems> {
        let find = |list: &Vec<(String, Arc<Stems>)>| {
            list.iter().find(|(lang, _)| lang == stem.language()).map(|(_, s)| s.clone())
        };
        if let Some(s) = find(&self.stems.lock().unwrap_or_else(|e| e.into_inner())) {
            return s;
        }
        // Made without the lock held; if another thread kept stems first, its are returned.
        let stemmed: Vec<String> =
            (0..self.forms.len()).into_par_iter().map(|f| stem.stem(self.forms.get(f)).into_owned()).collect();
        let mut stems = Stems { of: Vec::with_capacity(stemmed.len()), texts: Terms::default() };
        let mut ids = StrMap::default();
        for s in &stemmed {
            let k = match ids.get(s) {
                Some(k) => k,
                None => {
                    let k = stems.texts.len() as u32;
                    stems.texts.push(s);
                    ids.insert(s, k);
                    k
                }
            };
            stems.of.push(k);
        }
        let mut list = self.stems.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = find(&list) {
            return s;
        }
        let stems = Arc::new(stems);
        list.push((stem.language().to_string(), stems.clone()));
        stems
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Corpus, CorpusOptions};
    use crate::normalize::{normalize, Stem};

    #[test]
    fn every_content_token_has_its_normal_form_for_any_threads() {
        let texts = [
            "The BAHIA crop. the bahia Crop! Élan élan ÉLAN. don’t don't DON’T.",
            "Straße STRASSE; ﬁle file; internationalization INTERNATIONALIZATION, the end.",
            "",
            "Sanctions on Russia were extended; sanctions relief was not.",
        ];
        let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
        let c = Corpus::new(ids, texts.iter().map(|t| t.to_string()).collect(), CorpusOptions::default()).unwrap();
        let lex = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
                .install(|| super::Lexicon::build(c.docs(), c.tokenizer()).unwrap())
        };
        let (one, three) = (lex(1), lex(3));
        assert_eq!(one.forms, three.forms);
        assert_eq!(one.ids, three.ids);
        let opts = &c.options().tokenizer.normalize;
        let stem = Stem::new("en").unwrap();
        let stems = one.stems(&stem);
        for (d, doc) in c.docs().iter().enumerate() {
            let ids = one.doc(d);
            assert_eq!(ids.len(), doc.tokens().len());
            for (t, &f) in doc.tokens().iter().zip(ids) {
                if !t.kind.is_content() {
                    assert_eq!(f, super::NO_FORM);
                    continue;
                }
                let norm = normalize(t.text(&doc.text), opts);
                assert_eq!(one.form(f), norm);
                assert_eq!(one.is_stop(f), c.tokenizer().is_stop(&norm));
                assert_eq!(stems.of(f), stem.stem(&norm));
            }
        }
        // Forms are distinct.
        let mut forms: Vec<&str> = one.forms.iter().collect();
        forms.sort_unstable();
        forms.dedup();
        assert_eq!(forms.len(), one.len());
    }
}
