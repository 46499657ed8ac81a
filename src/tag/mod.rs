//! Part-of-speech tagging: the 17 Universal POS tags, predicted by a greedy
//! averaged perceptron (Collins 2002) over hashed features.
//!
//! * [`features`]: what is looked at (the word, its affixes and shape, the
//!   words around it, the two tags predicted before it, and the tags the
//!   training data gave it and its right neighbours);
//! * [`model`]: the weights file format and the table the tagger reads;
//! * [`train`]: deterministic training;
//! * `fast`: the tagging loop, with per-word sums of weights cached.
//!
//! Each sentence is tagged on its own, with integer scores, so results do
//! not depend on threads or on the order sentences come in. See
//! `docs/tagger.md` for the features, the figures and how to retrain.
//!
//! The English model (`english.lxpos`, trained on UD English EWT, CC BY-SA
//! 4.0: see `NOTICE-weights.md` beside it) is built into the library and
//! loaded on first use by [`Tagger::english`].
//!
//! ```
//! use _lexiscope::tag::{Tagger, Upos};
//! let mut tags = Vec::new();
//! Tagger::english().tag(&["The", "cat", "sat", "on", "the", "mat", "."], &mut tags);
//! assert_eq!(tags[1], Upos::Noun);
//! assert_eq!(tags[2], Upos::Verb);
//! ```

use std::sync::OnceLock;

use crate::error::Result;
use crate::tokenize::{Span, Token};

mod fast;
pub mod features;
pub mod model;
pub mod train;

use features::{features, profile, Reader, Word, START, START2};
use model::{Model, Table};

/// A Universal POS tag (<https://universaldependencies.org/u/pos/>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Every tag, in the order of their numbers.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it (`"NOUN"`, `"PROPN"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a name produced by [`Upos::as_str`].
    pub fn parse(name: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The tag numbered `i` (its position in [`Upos::ALL`]).
    #[inline]
    pub fn from_index(i: usize) -> Upos {
        Upos::ALL[i]
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A part-of-speech tagger: a model and the greedy decoder.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Model,
}

/// The English weights, built into the library.
static ENGLISH: &[u8] = include_bytes!("english.lxpos");

impl Tagger {
    /// The built-in English tagger (UD English EWT), loaded on first use.
    pub fn english() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(ENGLISH).expect("the built-in weights are valid"))
    }

    /// A tagger of a weights file's bytes (as [`train::train`] writes them).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        Ok(Tagger { model: Model::from_bytes(bytes)? })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence: `out` is cleared, then gets one tag per word.
    pub fn tag(&self, words: &[&str], out: &mut Vec<Upos>) {
        out.clear();
        self.tag_with(words.len(), |i| words[i], &mut Buffers::default(), out);
    }

    /// Tags one sentence of `n` words, word `i` being `word(i)`, appending
    /// the tags to `out`; `buf` is reused between calls.
    pub fn tag_with<'a>(&self, n: usize, word: impl Fn(usize) -> &'a str, buf: &mut Buffers, out: &mut Vec<Upos>) {
        buf.sentence.read(&self.model, n, word);
        buf.sentence.decode(&self.model, out);
    }

    /// [`Tagger::tag`] scoring every feature one by one (what training does);
    /// the same tags as the fast path, slower.
    pub fn tag_reference(&self, words: &[&str], out: &mut Vec<Upos>) {
        out.clear();
        let mut reader = Reader::default();
        let words: Vec<Word> = words.iter().map(|w| reader.read(w, &self.model.lexicon)).collect();
        self.decode(&words, &mut Passes::default(), out);
    }

    /// Greedy left-to-right decoding, in one or two passes.
    fn decode(&self, words: &[Word], buf: &mut Passes, out: &mut Vec<Upos>) {
        decode_pass(&self.model.passes[0], words, None, &mut buf.keys, &mut buf.first);
        let tags = match self.model.passes.get(1) {
            Some(second) => {
                decode_pass(second, words, Some(&buf.first), &mut buf.keys, &mut buf.second);
                &buf.second
            }
            None => &buf.first,
        };
        out.extend(tags.iter().map(|&t| Upos::from_index(t as usize)));
    }

    /// Tags the tokens of `text`, sentence by sentence, appending one tag per
    /// token to `out`. Tokens outside every sentence are tagged as runs of
    /// their own.
    pub fn tag_tokens(&self, text: &str, tokens: &[Token], sentences: &[Span], out: &mut Vec<Upos>) {
        let mut buf = Buffers::default();
        let mut i = 0;
        let mut s = 0;
        while i < tokens.len() {
            while s < sentences.len() && sentences[s].end <= tokens[i].start {
                s += 1;
            }
            // The run: tokens inside sentence `s`, or the tokens before it.
            let inside = s < sentences.len() && sentences[s].start <= tokens[i].start;
            let mut j = i + 1;
            if inside {
                while j < tokens.len() && tokens[j].start < sentences[s].end {
                    j += 1;
                }
            } else {
                let limit = sentences.get(s).map_or(usize::MAX, |x| x.start);
                while j < tokens.len() && tokens[j].start < limit {
                    j += 1;
                }
            }
            let run = &tokens[i..j];
            self.tag_with(run.len(), |k| run[k].text(text), &mut buf, out);
            i = j;
        }
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Buffers {
    sentence: fast::Sentence,
}

#[derive(Default)]
struct Passes {
    keys: Vec<u64>,
    first: Vec<u8>,
    second: Vec<u8>,
}

/// One greedy left-to-right pass over `words` with the weights `table`
/// (`right`: the first pass's tags, in the second pass); `out` is cleared
/// and gets one tag number per word.
pub(crate) fn decode_pass(table: &Table, words: &[Word], right: Option<&[u8]>, keys: &mut Vec<u64>, out: &mut Vec<u8>) {
    out.clear();
    let (mut prev, mut prev2) = (START, START2);
    let prof = profile(words);
    for i in 0..words.len() {
        let t = match words[i].fixed {
            Some(t) => t,
            None => {
                keys.clear();
                features(words, i, prev, prev2, prof, right, keys);
                let mut scores = [0i32; features::N_TAGS];
                table.score(keys, &mut scores);
                let mut best = 0;
                for (t, &s) in scores.iter().enumerate().skip(1) {
                    if s > scores[best] {
                        best = t;
                    }
                }
                best as u8
            }
        };
        out.push(t);
        prev2 = prev;
        prev = t;
    }
}

#[cfg(test)]
mod tests {
    use super::train::{train, Sentence, TrainOptions};
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
            assert_eq!(Upos::from_index(t as usize), t);
        }
        assert_eq!(Upos::parse("NOPE"), None);
    }

    #[test]
    fn runs_follow_sentences() {
        let text = "Dogs bark. Cats sleep.";
        let tokens = crate::tokenize::tokenize(text);
        let sentences = crate::tokenize::sentences(text);
        let mut all = Vec::new();
        Tagger::english().tag_tokens(text, &tokens, &sentences, &mut all);
        assert_eq!(all.len(), tokens.len());
        let mut one = Vec::new();
        Tagger::english().tag(&["Cats", "sleep", "."], &mut one);
        assert_eq!(&all[3..], &one[..]);
    }

    #[test]
    fn fast_path_gives_the_reference_tags() {
        let text = "Russia’s U.S.-led talks didn't end on Monday, officials said. \
                    THE COUNCIL MET AGAIN!! Prices rose 3.5% to $1.13bn in 2025-08. \
                    i cant believe its not butter lol :) see http://example.com \
                    Al-Zaman : American forces killed Shaikh Abdullah al-Ani, the preacher.";
        let words: Vec<&str> = crate::tokenize::tokenize(text).iter().map(|t| t.text(text)).collect();
        let tagger = Tagger::english();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for len in [0, 1, 2, 3, 7, words.len()] {
            for start in [0, 1, 5] {
                let s = &words[start.min(words.len())..(start + len).min(words.len())];
                tagger.tag(s, &mut fast);
                tagger.tag_reference(s, &mut slow);
                assert_eq!(fast, slow, "{s:?}");
            }
        }
    }

    #[test]
    fn learns_a_few_sentences() {
        use Upos::*;
        let data = [
            Sentence::of(&[("Ravens", Noun), ("croak", Verb), ("loudly", Adv), (".", Punct)]),
            Sentence::of(&[("The", Det), ("old", Adj), ("ferry", Noun), ("sank", Verb), (".", Punct)]),
            Sentence::of(&[("Mila", Propn), ("paints", Verb), ("blue", Adj), ("boats", Noun), ("!", Punct)]),
            Sentence::of(&[
                ("She", Pron),
                ("and", Cconj),
                ("Tomas", Propn),
                ("sail", Verb),
                ("at", Adp),
                ("dawn", Noun),
            ]),
        ];
        let opts = TrainOptions { epochs: 8, ..TrainOptions::default() };
        let trained = train(&data, &[], &opts, |_| {}).unwrap();
        let again = train(&data, &[], &opts, |_| {}).unwrap();
        assert_eq!(trained.bytes, again.bytes, "training is deterministic");
        let tagger = Tagger::from_bytes(&trained.bytes).unwrap();
        let (right, total) = train::accuracy(&tagger, &data);
        assert_eq!(right, total);
    }
}
