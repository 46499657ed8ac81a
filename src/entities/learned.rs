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

use std::cell::RefCell;
use std::sync::LazyLock;

use super::features::{
    lower_into, neighbour_features, word_features_a, word_features_b, word_features_c, Context, Scratch, SentenceInput,
    Tok, NEXT1, NEXT2, PREV1, PREV2,
};

/// Summed weights per tag of the features that read a word form from each
/// neighbour role ([`PREV1`] ... [`NEXT2`]).
type Roles = [[i32; TAGS]; 4];

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
    /// One row of weights per hashed feature.
    weights: Vec<[i16; TAGS]>,
    /// Identifies the model in the per-thread cache of word forms.
    id: u64,
    /// [`Roles`] of the places outside the sentence.
    pads: Roles,
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
        let flat: Vec<i16> = vals.collect();
        let weights: Vec<[i16; TAGS]> =
            flat.chunks_exact(TAGS).map(|c| c.try_into().expect("a row of TAGS weights")).collect();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut m = Model { bits, scale, trans, weights, id, pads: [[0; TAGS]; 4] };
        m.pads = m.role_sums(None);
        Some(m)
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
        viterbi(feats.len(), |i, s| *s = self.scores(&feats[i]), |from, to| self.trans[from * TAGS + to], mask, out);
    }

    /// The score of every tag for a token of features `f`.
    #[inline]
    pub fn scores(&self, f: &[u64]) -> [i32; TAGS] {
        let mut scores = [0; TAGS];
        for &h in f {
            self.add_row(h, &mut scores);
        }
        scores
    }

    /// [`Model::tag_masked`] of the scores [`Model::emissions`] computed.
    pub fn tag_scored(&self, scores: &[[i32; TAGS]], mask: Option<&[u16]>, out: &mut Vec<u8>) {
        viterbi(scores.len(), |i, s| *s = scores[i], |from, to| self.trans[from * TAGS + to], mask, out);
    }

    /// Adds the weights of feature `h` to `scores`.
    #[inline(always)]
    fn add_row(&self, h: u64, scores: &mut [i32; TAGS]) {
        let w = &self.weights[(h >> (64 - self.bits)) as usize];
        for (s, &x) in scores.iter_mut().zip(w) {
            *s += x as i32;
        }
    }

    /// The scores of every tag for every token of a sentence: the sums of
    /// the weights of the features [`super::features::sentence_features`]
    /// lists, so [`Model::tag_scored`] of them equals [`Model::tag_masked`]
    /// of those features. The features that read one word form alone, the
    /// token's own or a neighbour's ([`neighbour_features`]), are summed once
    /// per form and role and kept in a per-thread cache; integer sums do not
    /// depend on their order, so the scores are exactly the same (a test
    /// checks it).
    pub(crate) fn emissions(&self, inp: &SentenceInput<'_>, buf: &mut EmitBuffers, out: &mut Vec<[i32; TAGS]>) {
        out.clear();
        buf.toks.clear();
        buf.roles.clear();
        FORMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            if cache.model != self.id || cache.slots.is_empty() {
                cache.slots = vec![FormSlot::default(); FORM_SLOTS];
                cache.older = vec![0; FORM_SLOTS / 2];
                cache.model = self.id;
            }
            for t in inp.toks {
                let word = t.text(inp.text);
                let bytes = word.as_bytes();
                if bytes.len() > FORM_BYTES {
                    let (tok, sums) = self.form_sums(word, buf);
                    buf.toks.push(tok);
                    buf.roles.push(self.role_sums(Some(&tok)));
                    out.push(sums);
                    continue;
                }
                let key = crate::hash::fnv1a(bytes);
                let set = (key >> 40) as usize & (FORM_SLOTS / 2 - 1);
                let same =
                    |s: &FormSlot| s.key == key && s.len as usize == bytes.len() && &s.bytes[..s.len as usize] == bytes;
                let way = if same(&cache.slots[2 * set]) {
                    0
                } else if same(&cache.slots[2 * set + 1]) {
                    1
                } else {
                    let way = cache.older[set] as usize;
                    let (tok, sums) = self.form_sums(word, buf);
                    let slot = &mut cache.slots[2 * set + way];
                    slot.key = key;
                    slot.len = bytes.len() as u8;
                    slot.bytes[..bytes.len()].copy_from_slice(bytes);
                    slot.tok = tok;
                    slot.sums = sums;
                    slot.roles = self.role_sums(Some(&tok));
                    way
                };
                cache.older[set] = 1 - way as u8;
                let slot = &cache.slots[2 * set + way];
                buf.toks.push(slot.tok);
                buf.roles.push(slot.roles);
                out.push(slot.sums);
            }
        });
        let ctx = Context::new(inp, &buf.toks);
        let n = out.len();
        // The hashes of the features left, all of them first, then their
        // weights: the lookups are independent, so their cache misses overlap.
        buf.keys.clear();
        buf.ends.clear();
        for i in 0..n {
            let mut push = |h: u64| buf.keys.push(h);
            ctx.joint_features(i, &mut push);
            ctx.features_c(i, inp.toks[i].text(inp.text), &mut push);
            buf.ends.push(buf.keys.len() as u32);
        }
        let roles = &buf.roles;
        let mut start = 0;
        for (i, scores) in out.iter_mut().enumerate() {
            let parts = [
                if i >= 1 { &roles[i - 1][PREV1] } else { &self.pads[PREV1] },
                if i >= 2 { &roles[i - 2][PREV2] } else { &self.pads[PREV2] },
                if i + 1 < n { &roles[i + 1][NEXT1] } else { &self.pads[NEXT1] },
                if i + 2 < n { &roles[i + 2][NEXT2] } else { &self.pads[NEXT2] },
            ];
            for part in parts {
                for (s, &x) in scores.iter_mut().zip(part) {
                    *s += x;
                }
            }
            let end = buf.ends[i] as usize;
            for &h in &buf.keys[start..end] {
                self.add_row(h, scores);
            }
            start = end;
        }
    }

    /// The summed weights of the features that read the form `t` (`None`:
    /// outside the sentence) from each neighbour role.
    fn role_sums(&self, t: Option<&Tok>) -> Roles {
        let mut roles = [[0i32; TAGS]; 4];
        for (role, sums) in roles.iter_mut().enumerate() {
            neighbour_features(t, role, &mut |h| self.add_row(h, sums));
        }
        roles
    }

    /// The form facts of `word` and the summed weights of its form features.
    fn form_sums(&self, word: &str, buf: &mut EmitBuffers) -> (Tok, [i32; TAGS]) {
        let tok = Tok::of(word, &mut buf.text);
        lower_into(word, &mut buf.text);
        let lower = buf.text.as_str();
        let mut sums = [0i32; TAGS];
        let mut add = |h: u64| self.add_row(h, &mut sums);
        word_features_a(&tok, lower, &mut buf.scratch, &mut add);
        word_features_b(lower, &mut buf.scratch, &mut add);
        word_features_c(&tok, word, lower, &mut add);
        (tok, sums)
    }
}

/// Buffers of [`Model::emissions`], reused from sentence to sentence.
#[derive(Default)]
pub(crate) struct EmitBuffers {
    toks: Vec<Tok>,
    roles: Vec<Roles>,
    keys: Vec<u64>,
    ends: Vec<u32>,
    text: String,
    scratch: Scratch,
}

/// Word forms cached per thread (a power of two), in sets of two.
const FORM_SLOTS: usize = 8192;
/// Longest form cached, in bytes (longer ones are summed every time).
const FORM_BYTES: usize = 32;

/// A cached word form: its bytes, its facts and the summed weights of the
/// features that look at it alone.
#[derive(Clone, Copy)]
struct FormSlot {
    key: u64,
    len: u8,
    bytes: [u8; FORM_BYTES],
    tok: Tok,
    sums: [i32; TAGS],
    roles: Roles,
}

impl Default for FormSlot {
    /// An empty slot: key 0 and length 0, which no form matches (the only
    /// form of length 0 hashes to `fnv1a`'s offset basis, not 0).
    fn default() -> FormSlot {
        FormSlot { key: 0, len: 0, bytes: [0; FORM_BYTES], tok: Tok::default(), sums: [0; TAGS], roles: [[0; TAGS]; 4] }
    }
}

struct FormCache {
    /// The model the slots were filled for.
    model: u64,
    /// Set `s` is slots `2 s` and `2 s + 1`.
    slots: Vec<FormSlot>,
    /// Per set, the slot (0 or 1) used least recently.
    older: Vec<u8>,
}

thread_local! {
    static FORMS: RefCell<FormCache> =
        const { RefCell::new(FormCache { model: u64::MAX, slots: Vec::new(), older: Vec::new() }) };
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
