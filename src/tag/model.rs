//! The weights of a tagger: the file format and the table the tagger reads.
//!
//! A weights file is little-endian binary:
//!
//! ```text
//! magic      8 bytes  b"LXPOS\0\0\x02"
//! n_tags     u32      17 (the UPOS tags, in the order of Upos::ALL)
//! n_classes  u32      entries of the lexicon's tag classes
//! n_fixed    u32      entries of the lexicon's fixed tags
//! n_passes   u32      1 or 2
//! classes    n_classes  × (key u64, classes u32)
//! fixed      n_fixed    × (key u64, tag u8)
//! then for each pass:
//! n_features u32      feature rows
//! features   n_features × (key u64, nonzero u32, one i16 per bit set in nonzero)
//! ```
//!
//! The second pass, when there is one, sees the tags the first predicted for
//! the words to the right (see [`super::features::features`]).
//!
//! Keys are the hashes of [`super::features`], sorted. A feature row stores
//! only its nonzero weights: bit `t` of `nonzero` says that a weight for tag
//! `t` follows (in tag order). Weights are the averaged perceptron weights
//! scaled to `i16` by one factor for the whole model (the argmax does not
//! depend on it). Loading expands the rows into a dense open-addressing table.

use rustc_hash::FxHashMap;

use super::features::{tag_pair_keys, Lexicon, N_TAGS, ROLES, START, START2};
use crate::error::{Error, Result};

/// The first bytes of a weights file.
pub const MAGIC: &[u8; 8] = b"LXPOS\0\0\x02";

/// A loaded model: lexicon and the feature weights of each pass.
#[derive(Clone, Debug)]
pub struct Model {
    /// What the lexicon knows of words.
    pub lexicon: Lexicon,
    /// The weights of each pass.
    pub passes: Vec<Table>,
    /// Identifies the model in the per-thread caches of `super::fast`.
    id: u64,
    /// Summed weights of the role features outside the sentence, per pass.
    pads: Vec<[[i32; N_TAGS]; ROLES]>,
    /// Summed weights of the features of the two previous tags alone, per
    /// pass, at [`pair_index`].
    pairs: Vec<Vec<[i32; N_TAGS]>>,
}

/// Where the weights of the previous tags `prev` (a tag or [`START`]) and
/// `prev2` (a tag, [`START`] or [`START2`]) are in [`Model::pairs`].
#[inline(always)]
pub fn pair_index(prev: u8, prev2: u8) -> usize {
    prev as usize * (N_TAGS + 2) + prev2 as usize
}

impl Model {
    /// A model of a lexicon and the tables of its passes.
    pub fn of(lexicon: Lexicon, passes: Vec<Table>) -> Model {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut keys = Vec::new();
        let pairs = passes
            .iter()
            .map(|table| {
                let mut rows = vec![[0i32; N_TAGS]; (N_TAGS + 1) * (N_TAGS + 2)];
                for prev in 0..=START {
                    for prev2 in 0..=START2 {
                        keys.clear();
                        tag_pair_keys(prev, prev2, &mut keys);
                        table.score(&keys, &mut rows[pair_index(prev, prev2)]);
                    }
                }
                rows
            })
            .collect();
        let mut m = Model { lexicon, passes, id, pads: Vec::new(), pairs };
        let sums = super::fast::role_sums(&m, None, &mut keys);
        m.pads = sums[..m.passes.len()].to_vec();
        m
    }

    /// Summed weights of the features of the two previous tags alone
    /// ([`tag_pair_keys`]) of pass `p`, for every pair, at [`pair_index`].
    #[inline]
    pub fn pairs(&self, p: usize) -> &[[i32; N_TAGS]] {
        &self.pairs[p]
    }

    /// The model's identity (unique in the process).
    #[inline]
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Summed weights of the role features outside the sentence, per pass.
    #[inline]
    pub fn pads(&self) -> &[[[i32; N_TAGS]; ROLES]] {
        &self.pads
    }
}

/// Feature weights: an open-addressing table whose slots hold the weights
/// themselves, so a lookup touches one place in memory. A slot is 19 `i16`:
/// the upper 32 bits of the key (never 0; 0 marks an empty slot), then one
/// weight per tag. The lower bits of the key choose the first slot probed. A
/// key is found when a slot on its probe path holds its upper half, so two
/// keys that agree in those 32 bits and meet on a probe path are confused:
/// rare for 10^5 features, and the same in training and tagging, so results
/// stay exactly reproducible.
#[derive(Clone, Debug)]
pub struct Table {
    slots: Vec<[i16; SLOT]>,
    mask: usize,
    len: usize,
}

/// i16 per slot: the stored key half (2) and the weights.
const SLOT: usize = 2 + N_TAGS;

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
        let (n_classes, n_fixed, n_passes) = (c.u32()? as usize, c.u32()? as usize, c.u32()? as usize);
        if !(1..=2).contains(&n_passes) {
            return Err(Error::State(format!("{n_passes} passes; expected 1 or 2")));
        }
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
        let mut passes = Vec::with_capacity(n_passes);
        for _ in 0..n_passes {
            let n_features = c.u32()? as usize;
            let mut rows: Vec<(u64, [i16; N_TAGS])> = Vec::with_capacity(n_features.min(bytes.len() / 12));
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
            passes.push(Table::new(&rows));
        }
        if c.at != bytes.len() {
            return Err(Error::State(format!("{} bytes after the end of the weights", bytes.len() - c.at)));
        }
        Ok(Model::of(lexicon, passes))
    }
}

impl Table {
    /// A table of `rows` (feature key, weights per tag).
    pub fn new(rows: &[(u64, [i16; N_TAGS])]) -> Table {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![[0i16; SLOT]; cap];
        for (k, row) in rows {
            let (mut s, tag) = place(*k, mask);
            loop {
                let here = stored_tag(&slots[s]);
                if here == 0 || here == tag {
                    break;
                }
                s = (s + 1) & mask;
            }
            let slot = &mut slots[s];
            slot[0] = tag as u16 as i16;
            slot[1] = (tag >> 16) as u16 as i16;
            slot[2..].copy_from_slice(row);
        }
        Table { slots, mask, len: rows.len() }
    }

    /// The weights of feature `k`, if the table has them.
    #[inline(always)]
    pub fn row(&self, k: u64) -> Option<&[i16]> {
        let (mut s, tag) = place(k, self.mask);
        loop {
            let slot = &self.slots[s];
            let here = stored_tag(slot);
            if here == tag {
                return Some(&slot[2..]);
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
        self.len
    }
}

/// The first slot of key `k` and the half of it a slot stores (never 0).
#[inline(always)]
fn place(k: u64, mask: usize) -> (usize, u32) {
    ((k as usize) & mask, ((k >> 32) as u32).max(1))
}

#[inline(always)]
fn stored_tag(slot: &[i16; SLOT]) -> u32 {
    slot[0] as u16 as u32 | (slot[1] as u16 as u32) << 16
}

/// Writes a weights file of `lexicon` and the rows of each pass (all-zero rows are left out).
pub fn to_bytes(lexicon: &Lexicon, passes: &[&FxHashMap<u64, [i16; N_TAGS]>]) -> Vec<u8> {
    let mut classes: Vec<(u64, u32)> = lexicon.classes.iter().map(|(&k, &v)| (k, v)).collect();
    classes.sort_unstable();
    let mut fixed: Vec<(u64, u8)> = lexicon.fixed.iter().map(|(&k, &v)| (k, v)).collect();
    fixed.sort_unstable();
    let mut out = Vec::with_capacity(24 + classes.len() * 12 + fixed.len() * 9);
    out.extend_from_slice(MAGIC);
    for n in [N_TAGS, classes.len(), fixed.len(), passes.len()] {
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
    for rows in passes {
        let feats = sorted_rows(rows);
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (k, row) in feats {
            out.extend_from_slice(&k.to_le_bytes());
            let nonzero = row.iter().enumerate().fold(0u32, |m, (t, &w)| if w != 0 { m | 1 << t } else { m });
            out.extend_from_slice(&nonzero.to_le_bytes());
            for w in row.iter().filter(|&&w| w != 0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }
    out
}

/// The rows with a nonzero weight, sorted by key.
pub fn sorted_rows(rows: &FxHashMap<u64, [i16; N_TAGS]>) -> Vec<(u64, [i16; N_TAGS])> {
    let mut v: Vec<(u64, [i16; N_TAGS])> =
        rows.iter().filter(|(_, r)| r.iter().any(|&w| w != 0)).map(|(&k, &r)| (k, r)).collect();
    v.sort_unstable_by_key(|&(k, _)| k);
    v
}
