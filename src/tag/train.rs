//! Training an averaged perceptron (Collins 2002) for the tagger.
//!
//! Deterministic: a fixed number of epochs, sentences visited in an order
//! shuffled by a seeded generator ([`crate::hash::splitmix`]), features in a
//! fixed order, ties broken by the lower tag, and the weights written sorted
//! by key. The same data and options give the same bytes.
//!
//! Decoding is greedy, left to right, as at tagging time: the two previous
//! tags are the ones predicted, not the gold ones, so the weights learn to
//! live with the tagger's own mistakes. Weights are averaged over every step
//! (Daumé's trick: keep `w` and `u = Σ step · Δ`, the average is
//! `w - u / steps`), scaled to `i16` and rows that round to zero dropped.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::features::{features, profile, Lexicon, Reader, Word, N_TAGS, START, START2};
use super::model::{self, Model, Table};
use super::{Tagger, Upos};
use crate::error::{Error, Result};
use crate::hash::splitmix;

/// One sentence of training or test data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The words.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Upos>,
    /// The sentence text, when known (for re-tokenizing).
    pub text: Option<String>,
    /// Byte offsets of the words in `text`.
    pub offsets: Vec<(usize, usize)>,
}

impl Sentence {
    /// A sentence of `(word, tag)` pairs.
    pub fn of(pairs: &[(&str, Upos)]) -> Sentence {
        Sentence {
            words: pairs.iter().map(|p| p.0.to_string()).collect(),
            tags: pairs.iter().map(|p| p.1).collect(),
            ..Sentence::default()
        }
    }
}

/// How to train.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// A word's tag classes are kept when it was seen this many times.
    pub min_class_count: u32,
    /// A tag is one of a word's classes when it has this share of the word's occurrences.
    pub min_class_share: f64,
    /// A word's tag is fixed when it was seen this many times ...
    pub min_fixed_count: u32,
    /// ... with one tag this share of the time.
    pub min_fixed_share: f64,
    /// 1: left to right; 2: a second pass that also sees the first pass's
    /// tags of the words to the right.
    pub passes: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            seed: 1,
            min_class_count: 2,
            min_class_share: 0.05,
            min_fixed_count: 20,
            min_fixed_share: 0.995,
            passes: 1,
        }
    }
}

/// Accuracy after one epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct Epoch {
    /// Share of training words tagged right during the epoch (before updates).
    pub train: f64,
    /// Accuracy of the averaged weights on the dev data (NaN without dev data).
    pub dev: f64,
}

/// What training produced.
#[derive(Clone, Debug)]
pub struct Trained {
    /// The weights file.
    pub bytes: Vec<u8>,
    /// Accuracy after each epoch.
    pub epochs: Vec<Epoch>,
    /// Feature rows in the weights.
    pub features: usize,
}

#[derive(Deserialize)]
struct Record {
    tokens: Vec<String>,
    upos: Vec<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    offsets: Vec<(usize, usize)>,
}

/// Reads sentences from JSONL records `{"tokens": [...], "upos": [...]}`
/// (with `text` and character `offsets` when present).
pub fn read_jsonl(path: &std::path::Path) -> Result<Vec<Sentence>> {
    let io = |message: String| Error::Io { path: path.display().to_string(), message };
    let data = std::fs::read_to_string(path).map_err(|e| io(e.to_string()))?;
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line).map_err(|e| io(format!("line {}: {e}", n + 1)))?;
        if r.tokens.len() != r.upos.len() {
            return Err(io(format!("line {}: {} tokens, {} tags", n + 1, r.tokens.len(), r.upos.len())));
        }
        let tags = r
            .upos
            .iter()
            .map(|t| Upos::parse(t).ok_or_else(|| io(format!("line {}: unknown tag {t:?}", n + 1))))
            .collect::<Result<Vec<_>>>()?;
        let offsets = match &r.text {
            Some(text) if r.offsets.len() == r.tokens.len() => {
                let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
                let at = |c: usize| bytes.get(c).copied().ok_or_else(|| io(format!("line {}: bad offset", n + 1)));
                r.offsets.iter().map(|&(s, e)| Ok((at(s)?, at(e)?))).collect::<Result<Vec<_>>>()?
            }
            _ => Vec::new(),
        };
        out.push(Sentence { words: r.tokens, tags, text: r.text, offsets });
    }
    Ok(out)
}

/// The sentence as lexiscope's tokenizer cuts its text, with the gold tags
/// carried over: a token that is one gold word gets its tag; a token made of
/// several (`al-Ani`, `U.S.-led`) the tag of its last word that is not
/// punctuation; each token inside one gold word that lexiscope cuts in
/// pieces the tag of that word. `None` without text and offsets.
pub fn retokenized(s: &Sentence) -> Option<Sentence> {
    let text = s.text.as_ref()?;
    if s.offsets.len() != s.words.len() {
        return None;
    }
    let tokens = crate::tokenize::tokenize(text);
    let mut out = Sentence { text: Some(text.clone()), ..Sentence::default() };
    for t in &tokens {
        let inside: Vec<usize> =
            (0..s.words.len()).filter(|&i| s.offsets[i].0 < t.end && s.offsets[i].1 > t.start).collect();
        let tag = inside
            .iter()
            .rev()
            .map(|&i| s.tags[i])
            .find(|&tag| tag != Upos::Punct)
            .or_else(|| inside.last().map(|&i| s.tags[i]))
            .unwrap_or(Upos::X);
        out.words.push(t.text(text).to_string());
        out.tags.push(tag);
        out.offsets.push((t.start, t.end));
    }
    Some(out)
}

/// Words of `sentences` read for the features, with the lexicon given.
fn read_all(sentences: &[Sentence], lexicon: &Lexicon) -> Vec<Vec<Word>> {
    let mut reader = Reader::default();
    sentences.iter().map(|s| s.words.iter().map(|w| reader.read(w, lexicon)).collect()).collect()
}

/// The lexicon of the training data: frequent tags of lowercase forms, and
/// the tag of frequent forms that (nearly) always have the same one.
fn build_lexicon(sentences: &[Sentence], words: &[Vec<Word>], opts: &TrainOptions) -> Lexicon {
    let mut lower: FxHashMap<u64, [u32; N_TAGS]> = FxHashMap::default();
    let mut exact: FxHashMap<u64, [u32; N_TAGS]> = FxHashMap::default();
    for (s, ws) in sentences.iter().zip(words) {
        for (w, &t) in ws.iter().zip(&s.tags) {
            lower.entry(w.lower).or_insert([0; N_TAGS])[t as usize] += 1;
            exact.entry(w.exact).or_insert([0; N_TAGS])[t as usize] += 1;
        }
    }
    let mut lexicon = Lexicon::default();
    for (k, counts) in lower {
        let total: u32 = counts.iter().sum();
        if total < opts.min_class_count {
            continue;
        }
        let classes = counts
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0 && c as f64 >= opts.min_class_share * total as f64)
            .fold(0u32, |m, (t, _)| m | 1 << t);
        lexicon.classes.insert(k, classes);
    }
    for (k, counts) in exact {
        let total: u32 = counts.iter().sum();
        let (best, &n) = counts.iter().enumerate().max_by_key(|&(t, &c)| (c, std::cmp::Reverse(t))).unwrap_or((0, &0));
        if total >= opts.min_fixed_count && n as f64 >= opts.min_fixed_share * total as f64 {
            lexicon.fixed.insert(k, best as u8);
        }
    }
    lexicon
}

/// Folds of the training data for [`jackknifed`].
const FOLDS: usize = 10;

/// The training words, each sentence's tag classes taken from a lexicon of
/// the other nine tenths of the data (fixed tags from the whole): so the
/// classes of a training word are as reliable as those of a new word at
/// tagging time, and the weights do not learn to trust them blindly.
fn jackknifed(train: &[Sentence], plain: &[Vec<Word>], lexicon: &Lexicon, opts: &TrainOptions) -> Vec<Vec<Word>> {
    let mut words = read_all(train, lexicon);
    if train.len() < FOLDS * 10 {
        return words;
    }
    for fold in 0..FOLDS {
        let (rest_s, rest_w): (Vec<Sentence>, Vec<Vec<Word>>) = train
            .iter()
            .zip(plain)
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, (s, w))| (s.clone(), w.clone()))
            .unzip();
        let part = build_lexicon(&rest_s, &rest_w, opts);
        for (i, ws) in words.iter_mut().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let _ = i;
            for w in ws.iter_mut() {
                w.classes = part.classes.get(&w.lower).copied().unwrap_or(0);
            }
        }
    }
    words
}

/// Perceptron weights during training.
#[derive(Default)]
struct Weights {
    index: FxHashMap<u64, u32>,
    w: Vec<i32>,
    u: Vec<i64>,
}

impl Weights {
    fn score(&self, keys: &[u64]) -> [i64; N_TAGS] {
        let mut s = [0i64; N_TAGS];
        for k in keys {
            if let Some(&r) = self.index.get(k) {
                let row = &self.w[r as usize * N_TAGS..][..N_TAGS];
                for (a, &b) in s.iter_mut().zip(row) {
                    *a += b as i64;
                }
            }
        }
        s
    }

    fn update(&mut self, keys: &[u64], tag: usize, delta: i32, step: i64) {
        for &k in keys {
            let next = self.index.len() as u32;
            let r = *self.index.entry(k).or_insert(next) as usize;
            if r as u32 == next {
                self.w.extend_from_slice(&[0; N_TAGS]);
                self.u.extend_from_slice(&[0; N_TAGS]);
            }
            self.w[r * N_TAGS + tag] += delta;
            self.u[r * N_TAGS + tag] += step * delta as i64;
        }
    }

    /// The averaged weights after `steps` steps, scaled to i16.
    fn averaged(&self, steps: i64) -> FxHashMap<u64, [i16; N_TAGS]> {
        let avg = |i: usize| self.w[i] as f64 - self.u[i] as f64 / steps.max(1) as f64;
        let max = (0..self.w.len()).map(|i| avg(i).abs()).fold(0.0f64, f64::max);
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut out = FxHashMap::with_capacity_and_hasher(self.index.len(), Default::default());
        for (&k, &r) in &self.index {
            let mut row = [0i16; N_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                *w = (avg(r as usize * N_TAGS + t) * scale).round() as i16;
            }
            if row.iter().any(|&w| w != 0) {
                out.insert(k, row);
            }
        }
        out
    }
}

#[inline]
fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (t, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = t;
        }
    }
    best
}

/// A seeded shuffle of `0..n` (Fisher-Yates driven by SplitMix64).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = splitmix(seed);
    for i in (1..n).rev() {
        state = splitmix(state);
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// Correct and total words of `tagger` on `sentences`.
pub fn accuracy(tagger: &Tagger, sentences: &[Sentence]) -> (usize, usize) {
    let mut out = Vec::new();
    let (mut right, mut total) = (0, 0);
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        tagger.tag(&words, &mut out);
        right += out.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        total += s.tags.len();
    }
    (right, total)
}

/// The weights of one pass, trained on the sentences `which` of `words`
/// (`right`: the first pass's tags of every sentence, for the second pass).
/// `after_epoch` gets the averaged weights and the share of words the
/// epoch tagged right.
fn perceptron(
    words: &[Vec<Word>],
    gold: &[Sentence],
    right: Option<&[Vec<u8>]>,
    which: &[usize],
    opts: &TrainOptions,
    mut after_epoch: impl FnMut(&FxHashMap<u64, [i16; N_TAGS]>, f64),
) -> Result<FxHashMap<u64, [i16; N_TAGS]>> {
    let mut weights = Weights::default();
    let mut steps: i64 = 1;
    let mut keys: Vec<u64> = Vec::with_capacity(64);
    let mut rows = FxHashMap::default();
    for epoch in 0..opts.epochs {
        let (mut right_n, mut total) = (0usize, 0usize);
        for &o in &shuffled(which.len(), opts.seed ^ splitmix(epoch as u64)) {
            let si = which[o];
            let (ws, gold) = (&words[si], &gold[si].tags);
            let r = right.map(|r| r[si].as_slice());
            let (mut prev, mut prev2) = (START, START2);
            let prof = profile(ws);
            for i in 0..ws.len() {
                let g = gold[i] as usize;
                let pred = match ws[i].fixed {
                    Some(t) => t as usize,
                    None => {
                        keys.clear();
                        features(ws, i, prev, prev2, prof, r, &mut keys);
                        let p = argmax(&weights.score(&keys));
                        if p != g {
                            weights.update(&keys, g, 1, steps);
                            weights.update(&keys, p, -1, steps);
                        }
                        steps += 1;
                        p
                    }
                };
                right_n += (pred == g) as usize;
                total += 1;
                prev2 = prev;
                prev = pred as u8;
            }
            if crate::interrupt::requested() {
                return Err(Error::Interrupted);
            }
        }
        rows = weights.averaged(steps);
        after_epoch(&rows, right_n as f64 / total.max(1) as f64);
    }
    Ok(rows)
}

/// First-pass tags of every sentence of `words` by `table`.
fn predict(table: &Table, words: &[Vec<Word>], which: &[usize], out: &mut [Vec<u8>]) {
    let mut keys = Vec::new();
    for &si in which {
        super::decode_pass(table, &words[si], None, &mut keys, &mut out[si]);
    }
}

/// Folds for the first-pass tags the second pass trains on.
const PASS_FOLDS: usize = 5;

/// Trains a tagger on `train`, reporting accuracy on `dev` after each epoch
/// through `log`. Returns the weights file.
///
/// With `opts.passes == 2`, a second pass is trained that sees the first
/// pass's tags of the words to the right. Its training data get those tags
/// from first-pass models trained on the other folds (jackknifing), so they
/// are as wrong as they will be on new text.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut log: impl FnMut(&Epoch),
) -> Result<Trained> {
    if train.iter().all(|s| s.words.is_empty()) {
        return Err(Error::InvalidArgument("no training sentences".into()));
    }
    if let Some(s) = train.iter().chain(dev).find(|s| s.words.len() != s.tags.len()) {
        return Err(Error::InvalidArgument(format!("{} words but {} tags", s.words.len(), s.tags.len())));
    }
    if !(1..=2).contains(&opts.passes) {
        return Err(Error::InvalidArgument(format!("passes must be 1 or 2, got {}", opts.passes)));
    }
    let plain = read_all(train, &Lexicon::default());
    let lexicon = build_lexicon(train, &plain, opts);
    let words = jackknifed(train, &plain, &lexicon, opts);
    let all: Vec<usize> = (0..train.len()).collect();
    let mut epochs = Vec::new();
    let dev_accuracy = |passes: Vec<Table>| {
        if dev.is_empty() {
            return f64::NAN;
        }
        let tagger = Tagger { model: Model::of(lexicon.clone(), passes) };
        let (r, t) = accuracy(&tagger, dev);
        r as f64 / t.max(1) as f64
    };
    let first = perceptron(&words, train, None, &all, opts, |rows, acc| {
        let e = Epoch { train: acc, dev: dev_accuracy(vec![Table::new(&model::sorted_rows(rows))]) };
        log(&e);
        epochs.push(e);
    })?;
    let first_table = Table::new(&model::sorted_rows(&first));
    if opts.passes == 1 {
        let bytes = model::to_bytes(&lexicon, &[&first]);
        return Ok(Trained { bytes, epochs, features: first.len() });
    }
    let mut right: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    if train.len() < PASS_FOLDS * 20 {
        predict(&first_table, &words, &all, &mut right);
    } else {
        for fold in 0..PASS_FOLDS {
            let (inside, outside): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % PASS_FOLDS != fold);
            let rows = perceptron(&words, train, None, &inside, opts, |_, _| {})?;
            predict(&Table::new(&model::sorted_rows(&rows)), &words, &outside, &mut right);
        }
    }
    let second = perceptron(&words, train, Some(&right), &all, opts, |rows, acc| {
        let passes = vec![first_table.clone(), Table::new(&model::sorted_rows(rows))];
        let e = Epoch { train: acc, dev: dev_accuracy(passes) };
        log(&e);
        epochs.push(e);
    })?;
    let bytes = model::to_bytes(&lexicon, &[&first, &second]);
    Ok(Trained { bytes, epochs, features: first.len() + second.len() })
}
