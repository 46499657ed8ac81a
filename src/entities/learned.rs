//! The learned sequence tagger: a linear-chain model over hashed features
//! (`features.rs`), IOB2 tags for PER, ORG, LOC and MISC, decoded by Viterbi
//! with the IOB2 constraint (an `I-X` only after `B-X` or `I-X`), trained as
//! an averaged structured perceptron (`train.rs`).
//!
//! # The weights file
//!
//! Little-endian: the magic `LXNER1\0\0`, `u32` hash bits `b`, `u32` number
//! of tags `T` (9), `f32` scale, then `(T + 1) × T` transition weights (the
//! last row is the start of a sentence) and `2^b × T` feature weights, all
//! `i16` (the averaged weights divided by the scale and rounded). Scores are
//! sums of `i16` in `i32`, so tagging is exact integer arithmetic: the same
//! result on every machine and thread count.
//!
//! The shipped weights (`ner.weights`, made by `examples/train_ner.rs`) are
//! parsed once, on first use.

use std::sync::LazyLock;

/// Number of tags: O, then B- and I- for PER, ORG, LOC, MISC.
pub const TAGS: usize = 9;

const MAGIC: &[u8; 8] = b"LXNER1\0\0";

/// The tag `B-` of class `c` (0 PER, 1 ORG, 2 LOC, 3 MISC).
#[inline]
pub fn begin(c: usize) -> u8 {
    1 + 2 * c as u8
}

/// The tag `I-` of class `c`.
#[inline]
pub fn inside(c: usize) -> u8 {
    2 + 2 * c as u8
}

/// Whether tag `to` may follow tag `from` (`TAGS` for the sentence start).
#[inline]
pub fn allowed(from: usize, to: usize) -> bool {
    if to == 0 || !to.is_multiple_of(2) {
        return true;
    }
    from < TAGS && from != 0 && from.div_ceil(2) == to / 2
}

/// A trained model, ready to tag.
pub struct Model {
    bits: u32,
    scale: f32,
    trans: Vec<i32>,
    weights: Vec<i16>,
}

impl Model {
    /// Parses a weights file; `None` when it is not one.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return None;
        }
        let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().expect("four bytes"));
        let bits = u32_at(8);
        let tags = u32_at(12) as usize;
        let scale = f32::from_le_bytes(bytes[16..20].try_into().expect("four bytes"));
        if tags != TAGS || !(8..=24).contains(&bits) {
            return None;
        }
        let n_trans = (TAGS + 1) * TAGS;
        let n_weights = (1usize << bits) * TAGS;
        let body = &bytes[20..];
        if body.len() != 2 * (n_trans + n_weights) {
            return None;
        }
        let mut vals = body.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]]));
        let trans: Vec<i32> = vals.by_ref().take(n_trans).map(i32::from).collect();
        let weights: Vec<i16> = vals.collect();
        Some(Model { bits, scale, trans, weights })
    }

    /// Writes a model from float weights (`trans`: `(T + 1) × T`, `weights`:
    /// `2^bits × T`), quantized to `i16`.
    pub fn write(bits: u32, trans: &[f32], weights: &[f32]) -> Vec<u8> {
        let max = trans.iter().chain(weights).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(20 + 2 * (trans.len() + weights.len()));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&(TAGS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in trans.iter().chain(weights) {
            out.extend_from_slice(&((w / scale).round().clamp(-32767.0, 32767.0) as i16).to_le_bytes());
        }
        out
    }

    /// Hash bits of the feature table.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The quantization step (for reading scores as the perceptron's).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The best tag sequence for a sentence given its tokens' features.
    pub fn tag(&self, feats: &[Vec<u64>], out: &mut Vec<u8>) {
        self.tag_masked(feats, None, out);
    }

    /// [`Model::tag`] with the tags of each token limited by `mask` (a bit per tag).
    pub fn tag_masked(&self, feats: &[Vec<u64>], mask: Option<&[u16]>, out: &mut Vec<u8>) {
        let shift = 64 - self.bits;
        let emit = |f: &[u64], scores: &mut [i32; TAGS]| {
            *scores = [0; TAGS];
            for &h in f {
                let row = (h >> shift) as usize * TAGS;
                let w = &self.weights[row..row + TAGS];
                for (s, &x) in scores.iter_mut().zip(w) {
                    *s += x as i32;
                }
            }
        };
        viterbi(feats.len(), |i, s| emit(&feats[i], s), |from, to| self.trans[from * TAGS + to], mask, out);
    }
}

/// Viterbi decoding over `n` tokens with the IOB2 constraint; `mask[i]`
/// (a bit per tag), when given, limits the tags of token `i`.
pub fn viterbi<S>(
    n: usize,
    mut emit: impl FnMut(usize, &mut [S; TAGS]),
    trans: impl Fn(usize, usize) -> S,
    mask: Option<&[u16]>,
    out: &mut Vec<u8>,
) where
    S: Copy + PartialOrd + std::ops::Add<Output = S> + Default,
{
    out.clear();
    if n == 0 {
        return;
    }
    let mut back: Vec<[u8; TAGS]> = vec![[0; TAGS]; n];
    let mut scores = [S::default(); TAGS];
    let mut prev = [S::default(); TAGS];
    let mut live = [false; TAGS];
    let mut prev_live = [false; TAGS];
    for i in 0..n {
        emit(i, &mut scores);
        let m = mask.map_or(u16::MAX, |m| m[i]);
        let mut cur = [S::default(); TAGS];
        for to in 0..TAGS {
            live[to] = false;
            if m & (1 << to) == 0 {
                continue;
            }
            let mut best: Option<(S, u8)> = None;
            if i == 0 {
                if allowed(TAGS, to) {
                    best = Some((trans(TAGS, to), 0));
                }
            } else {
                for from in 0..TAGS {
                    if !prev_live[from] || !allowed(from, to) {
                        continue;
                    }
                    let s = prev[from] + trans(from, to);
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, from as u8));
                    }
                }
            }
            if let Some((s, from)) = best {
                cur[to] = s + scores[to];
                back[i][to] = from;
                live[to] = true;
            }
        }
        prev = cur;
        prev_live = live;
    }
    let mut best: Option<(S, usize)> = None;
    for (t, &s) in prev.iter().enumerate() {
        if prev_live[t] && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, t));
        }
    }
    // A mask that allows no path cannot happen for well-formed masks (O or
    // B- is always allowed somewhere); fall back to all O.
    let Some((_, mut t)) = best else {
        out.resize(n, 0);
        return;
    };
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
}

/// The shipped model, parsed on first use (`None` if the file is missing or
/// malformed, which a test rules out).
pub static SHIPPED: LazyLock<Option<Model>> = LazyLock::new(|| Model::parse(include_bytes!("ner.weights")));

/// Spans of a tag sequence: (first token, one past the last, class).
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i] as usize;
        if t.is_multiple_of(2) {
            i += 1;
            continue;
        }
        let c = (t - 1) / 2;
        let mut j = i + 1;
        while j < tags.len() && tags[j] == inside(c) {
            j += 1;
        }
        out.push((i, j, c));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_and_spans() {
        assert!(allowed(TAGS, 1) && !allowed(TAGS, 2) && allowed(1, 2) && allowed(2, 2) && !allowed(1, 4));
        assert_eq!(spans(&[0, 1, 2, 0, 3, 5, 6]), [(1, 3, 0), (4, 5, 1), (5, 7, 2)]);
        // Emissions prefer I-PER everywhere: the constraint turns it into B-PER I-PER.
        let mut out = Vec::new();
        viterbi(
            2,
            |_, s: &mut [i32; TAGS]| {
                *s = [0; TAGS];
                s[2] = 10;
                s[1] = 5;
            },
            |_, _| 0,
            None,
            &mut out,
        );
        assert_eq!(out, [1, 2]);
    }

    #[test]
    fn shipped_weights_parse() {
        let m = SHIPPED.as_ref().expect("the shipped weights parse");
        assert!(m.bits() >= 16 && m.scale() > 0.0);
        let bytes = include_bytes!("ner.weights");
        assert!(bytes.len() <= 10 << 20, "weights at most 10 MB");
    }

    #[test]
    fn write_and_parse_round_trip() {
        let trans = vec![0.5f32; (TAGS + 1) * TAGS];
        let weights = vec![-1.0f32; (1 << 8) * TAGS];
        let m = Model::parse(&Model::write(8, &trans, &weights)).expect("parses");
        assert_eq!(m.bits(), 8);
        assert!(Model::parse(b"nonsense").is_none());
    }
}
