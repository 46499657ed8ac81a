//! Training the learned tagger: an averaged structured perceptron over the
//! features of `features.rs`, with partial labels.
//!
//! Each training sentence gives, per token, the set of tags its annotation
//! allows (a bit mask): one tag where the annotation is complete; `O` or
//! MISC where a source has no MISC class (UNER: its names that CoNLL calls
//! MISC are `O` there, so an `O` is no evidence against MISC); every tag
//! where an annotated span does not fall on token boundaries. The target of
//! an update is the best path the mask allows under the current weights
//! (the latent-variable perceptron), the prediction the best path of all.
//!
//! Deterministic: examples are visited in an order drawn from a seeded
//! generator, one thread, float arithmetic in a fixed order.

use super::features::{class_of, gazetteer_tags};
use super::gazetteer::builtin;
use super::learned::{begin, inside, viterbi, Model, TAGS};
use super::Label;
use crate::corpus::Corpus;
use crate::hash::splitmix;

/// One training sentence: feature rows per token and allowed tags per token.
pub struct Example {
    rows: Vec<Vec<u32>>,
    mask: Vec<u16>,
}

/// A gold entity of a document: byte span and class (0 PER, 1 ORG, 2 LOC, 3 MISC).
pub type Gold = (usize, usize, usize);

/// How a source's annotation is read.
#[derive(Clone, Copy, Debug)]
pub struct Source {
    /// The source annotates MISC; when false, an `O` token may also be MISC.
    pub has_misc: bool,
}

const ALL: u16 = (1 << TAGS) - 1;

/// The examples of `corpus` (every kept sentence with a capitalised word),
/// whose documents have the entities `gold` (sorted, not overlapping).
///
/// Nationality words (`German`, `Americans`) are MISC, as in CoNLL-2003:
/// a built-in dictionary nationality outside any annotated name is taught as
/// MISC whatever the source says.
pub fn examples(corpus: &Corpus, gold: &[Vec<Gold>], source: Source, bits: u32) -> Vec<Example> {
    let pass = super::combine::RulePass::new(corpus, None);
    let gaz = builtin();
    let shift = 64 - bits;
    let mut out = Vec::new();
    for (d, doc) in corpus.docs().iter().enumerate() {
        let text: &str = &doc.text;
        pass.for_each_sentence(d, doc, |toks, _, feats, headline| {
            if headline {
                return;
            }
            let n = toks.len();
            let o_mask: u16 = if source.has_misc { 1 } else { 1 | 1 << begin(3) | 1 << inside(3) };
            let mut mask = vec![o_mask; n];
            for &(s, e, c) in &gold[d] {
                let inside_toks: Vec<usize> = (0..n).filter(|&i| toks[i].start < e && s < toks[i].end).collect();
                let Some(&first) = inside_toks.first() else { continue };
                let aligned = toks[first].start == s && toks[*inside_toks.last().expect("non-empty")].end == e;
                for (k, &i) in inside_toks.iter().enumerate() {
                    mask[i] = if !aligned {
                        ALL
                    } else if k == 0 {
                        1 << begin(c)
                    } else {
                        1 << inside(c)
                    };
                }
            }
            let hits = gaz.find(text, toks);
            let g = gazetteer_tags(&hits, |e| gaz.entries()[e as usize].label, n);
            for h in &hits {
                let outside = (h.first..h.last).all(|i| mask[i] == o_mask);
                if outside && g[h.first].0 == Label::Norp as u8 + 1 {
                    for (i, m) in mask.iter_mut().enumerate().take(h.last).skip(h.first) {
                        *m = if i == h.first { 1 << begin(3) } else { 1 << inside(3) };
                    }
                }
            }
            let rows = feats.iter().map(|f| f.iter().map(|&h| (h >> shift) as u32).collect()).collect();
            out.push(Example { rows, mask });
        });
    }
    out
}

/// The class of an annotated label name (PER, ORG, LOC, MISC and the
/// crate's own names).
pub fn class_of_name(label: &str) -> Option<usize> {
    Label::parse(label).map(class_of)
}

struct Weights {
    w: Vec<f32>,
    acc: Vec<f32>,
}

impl Weights {
    fn new(n: usize) -> Weights {
        Weights { w: vec![0.0; n], acc: vec![0.0; n] }
    }

    #[inline]
    fn add(&mut self, i: usize, delta: f32, time: f32) {
        self.w[i] += delta;
        self.acc[i] += time * delta;
    }

    fn averaged(&self, time: f32) -> Vec<f32> {
        self.w.iter().zip(&self.acc).map(|(w, a)| w - a / time).collect()
    }
}

/// Trains for `epochs` passes and returns the weights file.
pub fn train(examples: &[Example], bits: u32, epochs: usize, seed: u64, mut progress: impl FnMut(usize)) -> Vec<u8> {
    let mut emit = Weights::new((1usize << bits) * TAGS);
    let mut trans = Weights::new((TAGS + 1) * TAGS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = splitmix(seed);
    let mut time = 1f32;
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for epoch in 0..epochs {
        // Fisher-Yates with a SplitMix64 stream.
        for i in (1..order.len()).rev() {
            rng = splitmix(rng);
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &x in &order {
            let ex = &examples[x];
            let score = |i: usize, s: &mut [f32; TAGS]| {
                *s = [0.0; TAGS];
                for &r in &ex.rows[i] {
                    let row = &emit.w[r as usize * TAGS..r as usize * TAGS + TAGS];
                    for (a, b) in s.iter_mut().zip(row) {
                        *a += b;
                    }
                }
            };
            let tr = |from: usize, to: usize| trans.w[from * TAGS + to];
            viterbi(ex.rows.len(), score, tr, None, &mut pred);
            if pred.iter().zip(&ex.mask).all(|(&p, &m)| m & (1 << p) != 0) {
                time += 1.0;
                continue;
            }
            viterbi(ex.rows.len(), score, tr, Some(&ex.mask), &mut gold);
            for i in 0..gold.len() {
                let (g, p) = (gold[i] as usize, pred[i] as usize);
                let (gp, pp) = if i == 0 { (TAGS, TAGS) } else { (gold[i - 1] as usize, pred[i - 1] as usize) };
                if g != p {
                    for &r in &ex.rows[i] {
                        emit.add(r as usize * TAGS + g, 1.0, time);
                        emit.add(r as usize * TAGS + p, -1.0, time);
                    }
                }
                if g != p || gp != pp {
                    trans.add(gp * TAGS + g, 1.0, time);
                    trans.add(pp * TAGS + p, -1.0, time);
                }
            }
            time += 1.0;
        }
        progress(epoch + 1);
    }
    Model::write(bits, &trans.averaged(time), &emit.averaged(time))
}

/// Span precision, recall and F1 of `model` on `examples`, over the tokens
/// whose annotation is one tag (MISC left out for a source without MISC).
pub fn evaluate(model: &Model, examples: &[Example], source: Source) -> (f64, f64, f64) {
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    let mut pred = Vec::new();
    let mut feats: Vec<Vec<u64>> = Vec::new();
    let shift = 64 - model.bits();
    for ex in examples {
        // Rows back to hashes that land on the same rows.
        feats.clear();
        feats.extend(ex.rows.iter().map(|r| r.iter().map(|&x| (x as u64) << shift).collect()));
        model.tag(&feats, &mut pred);
        let gold: Vec<u8> =
            ex.mask.iter().map(|&m| if m.count_ones() == 1 { m.trailing_zeros() as u8 } else { 0 }).collect();
        let keep = |s: &(usize, usize, usize)| source.has_misc || s.2 != 3;
        let g: Vec<_> = super::learned::spans(&gold).into_iter().filter(keep).collect();
        let p: Vec<_> = super::learned::spans(&pred).into_iter().filter(keep).collect();
        tp += p.iter().filter(|s| g.contains(s)).count();
        n_pred += p.len();
        n_gold += g.len();
    }
    let p = tp as f64 / n_pred.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}
