//! Part-of-speech tagging: the 17 Universal POS tags, predicted by a greedy
//! averaged perceptron (Collins 2002) over hashed features.
//!
//! * [`features`]: what is looked at (the word, its affixes and shape, the
//!   words around it, the two tags predicted before it, and the tags the
//!   training data gave it and its right neighbours);
//! * [`model`]: the weights file format and the table the tagger reads;
//! * [`train`]: deterministic training.
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

pub mod features;
pub mod model;
pub mod train;

use features::{features, Reader, Word, START, START2};
use model::Model;

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
        buf.words.clear();
        for i in 0..n {
            let w = buf.reader.read(word(i), &self.model.lexicon);
            buf.words.push(w);
        }
        self.decode(&buf.words, &mut buf.keys, out);
    }

    /// Greedy left-to-right decoding.
    fn decode(&self, words: &[Word], keys: &mut Vec<u64>, out: &mut Vec<Upos>) {
        let (mut prev, mut prev2) = (START, START2);
        for i in 0..words.len() {
            let t = match words[i].fixed {
                Some(t) => t,
                None => {
                    keys.clear();
                    features(words, i, prev, prev2, keys);
                    let mut scores = [0i32; features::N_TAGS];
                    self.model.score(keys, &mut scores);
                    let mut best = 0;
                    for (t, &s) in scores.iter().enumerate().skip(1) {
                        if s > scores[best] {
                            best = t;
                        }
                    }
                    best as u8
                }
            };
            out.push(Upos::from_index(t as usize));
            prev2 = prev;
            prev = t;
        }
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
    reader: Reader,
    words: Vec<Word>,
    keys: Vec<u64>,
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
