//! The weights of a tagger: the file format and the table the tagger reads.
//!
//! A weights file is little-endian binary:
//!
//! ```text
//! magic      8 bytes  b"LXPOS\0\0\x01"
//! n_tags     u32      17 (the UPOS tags, in the order of Upos::ALL)
//! n_classes  u32      entries of the lexicon's tag classes
//! n_fixed    u32      entries of the lexicon's fixed tags
//! n_features u32      feature rows
//! classes    n_classes  × (key u64, classes u32)
//! fixed      n_fixed    × (key u64, tag u8)
//! features   n_features × (key u64, nonzero u32, one i16 per bit set in nonzero)
//! ```
//!
//! Keys are the hashes of [`super::features`], sorted. A feature row stores
//! only its nonzero weights: bit `t` of `nonzero` says that a weight for tag
//! `t` follows (in tag order). Weights are the averaged perceptron weights
//! scaled to `i16` by one factor for the whole model (the argmax does not
//! depend on it). Loading expands the rows into a dense open-addressing table.

use rustc_hash::FxHashMap;

use super::features::{Lexicon, N_TAGS};
use crate::error::{Error, Result};

/// The first bytes of a weights file.
pub const MAGIC: &[u8; 8] = b"LXPOS\0\0\x01";

/// A loaded model: lexicon and the feature weights.
#[derive(Clone, Debug)]
pub struct Model {
    /// What the lexicon knows of words.
    pub lexicon: Lexicon,
    /// Open-addressing slots: feature key (0 = empty).
    keys: Vec<u64>,
    /// Row of each slot (valid where the key is not 0).
    rows: Vec<u32>,
    /// Dense rows of `N_TAGS` weights.
    weights: Vec<i16>,
    mask: usize,
}

/// The key stored for `k` (0 marks an empty slot, so a key of 0 is moved to 1).
#[inline(always)]
fn stored(k: u64) -> u64 {
    k.max(1)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| Error::State(format!("weights file truncated at byte {}", self.at)))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn i16(&mut self) -> Result<i16> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
}

impl Model {
    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let mut c = Cursor { bytes, at: 0 };
        if c.take(8)? != MAGIC {
            return Err(Error::State("not a lexiscope tagger weights file (bad magic bytes)".into()));
        }
        let n_tags = c.u32()? as usize;
        if n_tags != N_TAGS {
            return Err(Error::State(format!("weights for {n_tags} tags; this version knows {N_TAGS}")));
        }
        let (n_classes, n_fixed, n_features) = (c.u32()? as usize, c.u32()? as usize, c.u32()? as usize);
        let mut lexicon = Lexicon::default();
        lexicon.classes.reserve(n_classes);
        for _ in 0..n_classes {
            let k = c.u64()?;
            lexicon.classes.insert(k, c.u32()?);
        }
        lexicon.fixed.reserve(n_fixed);
        for _ in 0..n_fixed {
            let k = c.u64()?;
            let tag = c.u8()?;
            if tag as usize >= N_TAGS {
                return Err(Error::State(format!("fixed tag {tag} out of range")));
            }
            lexicon.fixed.insert(k, tag);
        }
        let mut rows: Vec<(u64, [i16; N_TAGS])> = Vec::with_capacity(n_features);
        for _ in 0..n_features {
            let k = c.u64()?;
            let nonzero = c.u32()?;
            let mut row = [0i16; N_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if nonzero & (1 << t) != 0 {
                    *w = c.i16()?;
                }
            }
            rows.push((k, row));
        }
        if c.at != bytes.len() {
            return Err(Error::State(format!("{} bytes after the end of the weights", bytes.len() - c.at)));
        }
        Ok(Model::new(lexicon, &rows))
    }

    /// A model of `rows` (feature key, weights per tag).
    pub fn new(lexicon: Lexicon, rows: &[(u64, [i16; N_TAGS])]) -> Model {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut keys = vec![0u64; cap];
        let mut slot_rows = vec![0u32; cap];
        let mut weights = Vec::with_capacity(rows.len() * N_TAGS);
        let mask = cap - 1;
        for (r, (k, row)) in rows.iter().enumerate() {
            let k = stored(*k);
            let mut s = (k as usize) & mask;
            while keys[s] != 0 && keys[s] != k {
                s = (s + 1) & mask;
            }
            keys[s] = k;
            slot_rows[s] = r as u32;
            weights.extend_from_slice(row);
        }
        Model { lexicon, keys, rows: slot_rows, weights, mask }
    }

    /// The weights of feature `k`, if the model has them.
    #[inline(always)]
    pub fn row(&self, k: u64) -> Option<&[i16]> {
        let k = stored(k);
        let mut s = (k as usize) & self.mask;
        loop {
            let here = self.keys[s];
            if here == k {
                let r = self.rows[s] as usize * N_TAGS;
                return Some(&self.weights[r..r + N_TAGS]);
            }
            if here == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the weights of every feature of `keys` into `scores`.
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [i32; N_TAGS]) {
        for &k in keys {
            if let Some(row) = self.row(k) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.weights.len() / N_TAGS
    }
}

/// Writes a weights file of `lexicon` and `rows` (all-zero rows are left out).
pub fn to_bytes(lexicon: &Lexicon, rows: &FxHashMap<u64, [i16; N_TAGS]>) -> Vec<u8> {
    let mut classes: Vec<(u64, u32)> = lexicon.classes.iter().map(|(&k, &v)| (k, v)).collect();
    classes.sort_unstable();
    let mut fixed: Vec<(u64, u8)> = lexicon.fixed.iter().map(|(&k, &v)| (k, v)).collect();
    fixed.sort_unstable();
    let mut feats: Vec<(u64, [i16; N_TAGS])> =
        rows.iter().filter(|(_, r)| r.iter().any(|&w| w != 0)).map(|(&k, &r)| (k, r)).collect();
    feats.sort_unstable_by_key(|&(k, _)| k);
    let mut out = Vec::with_capacity(24 + classes.len() * 12 + fixed.len() * 9 + feats.len() * 20);
    out.extend_from_slice(MAGIC);
    for n in [N_TAGS, classes.len(), fixed.len(), feats.len()] {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }
    for (k, v) in classes {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    for (k, v) in fixed {
        out.extend_from_slice(&k.to_le_bytes());
        out.push(v);
    }
    for (k, row) in feats {
        out.extend_from_slice(&k.to_le_bytes());
        let nonzero = row.iter().enumerate().fold(0u32, |m, (t, &w)| if w != 0 { m | 1 << t } else { m });
        out.extend_from_slice(&nonzero.to_le_bytes());
        for w in row.iter().filter(|&&w| w != 0) {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}
