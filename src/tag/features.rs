//! What the tagger looks at: the features of a word in its sentence.
//!
//! Each word of a sentence is read once into a [`Word`]: hashes of its
//! folded form, its lowercase form, its prefixes and suffixes of one to four
//! characters and its shape, and what the lexicon knows of it (the set of
//! tags seen with it in training, a fixed tag for frequent unambiguous
//! words). [`features`] then lists the feature keys of position `i` given the
//! two tags predicted before it: 64-bit hashes of (template, values), looked
//! up in the weights table of [`super::model`].
//!
//! The words are folded before hashing so that typography does not matter:
//! curly apostrophes and quotes become straight ones and dashes a hyphen, so
//! `’s` and `'s` are the same feature. The rest of the form is kept (case
//! goes into the shape and the exact-form feature).

use rustc_hash::FxHashMap;

use crate::hash::{fnv1a, splitmix};

/// Number of tag classes the features are scored over.
pub const N_TAGS: usize = super::Upos::ALL.len();

/// The tag before the start of a sentence (as a feature value).
pub const START: u8 = N_TAGS as u8;
/// Two tags before the start of a sentence.
pub const START2: u8 = N_TAGS as u8 + 1;

/// Frequent tags of words and the tags of frequent unambiguous words, both
/// keyed by the hash of a form (see [`Word`]).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Lowercase form hash → tag classes.
    pub classes: FxHashMap<u64, u32>,
    /// Folded (case kept) form hash → the one tag the word always has.
    pub fixed: FxHashMap<u64, u8>,
}

/// One word of a sentence, read for the features.
#[derive(Clone, Copy, Debug, Default)]
pub struct Word {
    /// Hash of the folded form (case kept).
    pub exact: u64,
    /// Hash of the lowercase folded form.
    pub lower: u64,
    /// Hashes of the last 1..=4 characters of the lowercase form.
    pub suffix: [u64; 4],
    /// Hashes of the first 1..=4 characters of the lowercase form.
    pub prefix: [u64; 4],
    /// Hash of the shape (`Xxxx`, `dd.d`, ...).
    pub shape: u64,
    /// Tag classes from the lexicon (0 when unknown).
    pub classes: u32,
    /// The fixed tag of a frequent unambiguous word.
    pub fixed: Option<u8>,
    /// [`CAPITALIZED`], [`ALL_CAPS`], [`LETTERS`].
    pub flags: u8,
}

/// [`Word::flags`]: the first character is upper case.
pub const CAPITALIZED: u8 = 1;
/// [`Word::flags`]: has letters, all upper case.
pub const ALL_CAPS: u8 = 2;
/// [`Word::flags`]: has a letter.
pub const LETTERS: u8 = 4;

/// The case profile of a sentence (a feature of every word): how many of its
/// words with letters are capitalized or all capitals, in buckets.
pub fn profile(words: &[Word]) -> u64 {
    let (mut letters, mut caps, mut all) = (0u32, 0u32, 0u32);
    for w in words {
        if w.flags & LETTERS != 0 {
            letters += 1;
            caps += (w.flags & CAPITALIZED != 0) as u32;
            all += (w.flags & ALL_CAPS != 0) as u32;
        }
    }
    let bucket = |n: u32| if letters == 0 { 0 } else { (n * 4).div_ceil(letters) as u64 };
    1 + bucket(caps) + 8 * bucket(all)
}

/// Reusable buffers for reading words.
#[derive(Default)]
pub struct Reader {
    folded: String,
    lower: String,
    shape: Vec<u8>,
}

/// Appends the folded form of `word` to `out`: curly quotes straight, dashes `-`.
#[inline]
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        out.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        });
    }
}

#[inline]
fn lower_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The shape class of a character: `X` upper, `x` lower, `d` digit, the
/// character itself for ASCII punctuation, `*` for anything else.
#[inline]
fn shape_of(c: char) -> u8 {
    if c.is_ascii() {
        match c as u8 {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            b => b,
        }
    } else if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else {
        b'*'
    }
}

/// Hash of a feature value under a template.
#[inline(always)]
pub fn key(template: u64, value: u64) -> u64 {
    splitmix(value ^ template.wrapping_mul(0xD6E8_FEB8_6659_FD93))
}

/// Hash of a string value.
#[inline(always)]
fn h(bytes: &[u8]) -> u64 {
    fnv1a(bytes)
}

/// The value of a word slot outside the sentence (`i - 1` of the first word, ...).
const PAD_BEFORE: u64 = 0x5EED_0000_0000_0001;
const PAD_AFTER: u64 = 0x5EED_0000_0000_0002;

impl Reader {
    /// The hash of the folded form of `word` (what [`Word::exact`] holds).
    #[inline]
    pub fn form_hash(&mut self, word: &str) -> u64 {
        if word.is_ascii() {
            return h(word.as_bytes());
        }
        self.folded.clear();
        fold_into(word, &mut self.folded);
        h(self.folded.as_bytes())
    }

    /// Reads `word` (looked up in `lexicon`).
    pub fn read(&mut self, word: &str, lexicon: &Lexicon) -> Word {
        self.folded.clear();
        fold_into(word, &mut self.folded);
        self.lower.clear();
        lower_into(&self.folded, &mut self.lower);
        let lower = self.lower.as_bytes();
        let mut w = Word { exact: h(self.folded.as_bytes()), lower: h(lower), ..Word::default() };
        // Prefixes and suffixes by characters (on char boundaries).
        let mut n = 0;
        for (i, _) in self.lower.char_indices().skip(1).take(4) {
            w.prefix[n] = h(&lower[..i]);
            n += 1;
        }
        while n < 4 {
            w.prefix[n] = w.lower;
            n += 1;
        }
        let mut n = 0;
        for (i, _) in self.lower.char_indices().rev().take(4) {
            w.suffix[n] = h(&lower[i..]);
            n += 1;
        }
        while n < 4 {
            w.suffix[n] = w.lower;
            n += 1;
        }
        self.shape.clear();
        let mut run = 0;
        for c in self.folded.chars() {
            let s = shape_of(c);
            if self.shape.last() == Some(&s) {
                run += 1;
                if run >= 2 {
                    continue;
                }
            } else {
                run = 0;
            }
            self.shape.push(s);
            if self.shape.len() >= 8 {
                break;
            }
        }
        w.shape = h(&self.shape);
        let mut chars = self.folded.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let has_lower = self.folded.chars().any(char::is_lowercase);
        let has_letter = self.folded.chars().any(char::is_alphabetic);
        w.flags = (first_upper as u8 * CAPITALIZED)
            | ((has_letter && !has_lower) as u8 * ALL_CAPS)
            | (has_letter as u8 * LETTERS);
        w.classes = lexicon.classes.get(&w.lower).copied().unwrap_or(0);
        w.fixed = lexicon.fixed.get(&w.exact).copied();
        w
    }
}

/// Templates (the first argument of [`key`]).
mod t {
    pub const BIAS: u64 = 0;
    pub const LOWER: u64 = 1;
    pub const EXACT: u64 = 2;
    pub const SUFFIX: u64 = 3; // .. 6
    pub const PREFIX: u64 = 7; // .. 10
    pub const SHAPE: u64 = 11;
    pub const PREV: u64 = 12;
    pub const NEXT: u64 = 13;
    pub const PREV2: u64 = 14;
    pub const NEXT2: u64 = 15;
    pub const PREV_SUFFIX: u64 = 16;
    pub const NEXT_SUFFIX: u64 = 17;
    pub const TAG1: u64 = 18;
    pub const TAG2: u64 = 19;
    pub const TAG12: u64 = 20;
    pub const TAG1_LOWER: u64 = 21;
    pub const CLASSES: u64 = 22;
    pub const NEXT_CLASSES: u64 = 23;
    pub const NEXT2_CLASSES: u64 = 24;
    pub const FIRST_SHAPE: u64 = 25;
    pub const NEXT_SHAPE: u64 = 26;
    pub const PREV_SHAPE: u64 = 27;
    pub const LOWER_NEXT: u64 = 28;
    pub const PREV_LOWER: u64 = 29;
    pub const TAG1_CLASSES_NEXT: u64 = 30;
    pub const CLASSES_NEXT_CLASSES: u64 = 31;
    pub const PROFILE_SHAPE: u64 = 32;
    pub const TAG1_SHAPE: u64 = 33;
    pub const FIRST_LOWER: u64 = 34;
    pub const PROFILE_CLASSES: u64 = 35;
    pub const NTAG1: u64 = 36;
    pub const NTAG2: u64 = 37;
    pub const NTAG12: u64 = 38;
    pub const TAG1_NTAG1: u64 = 39;
    pub const NTAG1_LOWER: u64 = 40;
    pub const NTAG1_SUFFIX: u64 = 41;
}

/// The roles a word plays for the features of a position: itself, the word
/// before, two before, after, two after. Features of one word in one role do
/// not depend on anything else, so the tagger can add up their weights once
/// per word form (see `super::fast`).
pub const ROLES: usize = 5;

/// Appends the keys of the features of `w` in `role` (0: the word itself;
/// 1, 2: one and two before; 3, 4: one and two after; `None`: outside the
/// sentence).
#[inline]
pub fn role_keys(w: Option<&Word>, role: usize, out: &mut Vec<u64>) {
    match (role, w) {
        (0, Some(w)) => out.extend_from_slice(&[
            key(t::BIAS, 0),
            key(t::LOWER, w.lower),
            key(t::EXACT, w.exact),
            key(t::SUFFIX, w.suffix[0]),
            key(t::SUFFIX + 1, w.suffix[1]),
            key(t::SUFFIX + 2, w.suffix[2]),
            key(t::SUFFIX + 3, w.suffix[3]),
            key(t::PREFIX, w.prefix[0]),
            key(t::PREFIX + 1, w.prefix[1]),
            key(t::PREFIX + 2, w.prefix[2]),
            key(t::PREFIX + 3, w.prefix[3]),
            key(t::SHAPE, w.shape),
            key(t::CLASSES, w.classes as u64),
        ]),
        (0, None) => {}
        (1, w) => out.extend_from_slice(&[
            key(t::PREV, w.map_or(PAD_BEFORE, |w| w.lower)),
            key(t::PREV_SUFFIX, w.map_or(PAD_BEFORE, |w| w.suffix[2])),
            key(t::PREV_SHAPE, w.map_or(PAD_BEFORE, |w| w.shape)),
        ]),
        (2, w) => out.push(key(t::PREV2, w.map_or(PAD_BEFORE, |w| w.lower))),
        (3, w) => out.extend_from_slice(&[
            key(t::NEXT, w.map_or(PAD_AFTER, |w| w.lower)),
            key(t::NEXT_SUFFIX, w.map_or(PAD_AFTER, |w| w.suffix[2])),
            key(t::NEXT_SHAPE, w.map_or(PAD_AFTER, |w| w.shape)),
            key(t::NEXT_CLASSES, w.map_or(1 << 31, |w| w.classes) as u64),
        ]),
        (_, w) => out.extend_from_slice(&[
            key(t::NEXT2, w.map_or(PAD_AFTER, |w| w.lower)),
            key(t::NEXT2_CLASSES, w.map_or(1 << 31, |w| w.classes) as u64),
        ]),
    }
}

/// The word in `role` for position `i` (see [`role_keys`]).
#[inline]
pub fn in_role(words: &[Word], i: usize, role: usize) -> Option<&Word> {
    match role {
        0 => words.get(i),
        1 => i.checked_sub(1).map(|j| &words[j]),
        2 => i.checked_sub(2).map(|j| &words[j]),
        3 => words.get(i + 1),
        _ => words.get(i + 2),
    }
}

/// Appends to `out` the feature keys of word `i` of `words`, the tags
/// predicted for the two words before it being `prev` and `prev2` (or
/// [`START`]/[`START2`]), `profile` that of the sentence ([`profile`]).
/// `right`, in the second pass, holds the tags the first pass predicted for
/// the whole sentence, so the words after `i` are seen with their tags too.
///
/// The keys are those of [`role_keys`] for the five roles, then those of
/// [`context_keys`].
#[inline]
pub fn features(words: &[Word], i: usize, prev: u8, prev2: u8, profile: u64, right: Option<&[u8]>, out: &mut Vec<u64>) {
    for role in 0..ROLES {
        role_keys(in_role(words, i, role), role, out);
    }
    context_keys(words, i, prev, prev2, profile, right, out);
}

/// The features of position `i` that look at more than one word, at the
/// sentence or at tags (see [`features`]): those of [`sentence_keys`], then
/// of [`tag_keys`].
#[inline]
pub fn context_keys(
    words: &[Word],
    i: usize,
    prev: u8,
    prev2: u8,
    profile: u64,
    right: Option<&[u8]>,
    out: &mut Vec<u64>,
) {
    sentence_keys(words, i, profile, out);
    tag_keys(words, i, prev, prev2, right, out);
}

/// The features of position `i` that look at two words or at the sentence,
/// but not at tags: they are known before decoding starts.
#[inline]
pub fn sentence_keys(words: &[Word], i: usize, profile: u64, out: &mut Vec<u64>) {
    let w = &words[i];
    let p1 = in_role(words, i, 1);
    let n1 = in_role(words, i, 3);
    let p1_lower = p1.map_or(PAD_BEFORE, |w| w.lower);
    let n1_lower = n1.map_or(PAD_AFTER, |w| w.lower);
    let n1_classes = n1.map_or(1 << 31, |w| w.classes) as u64;
    out.extend_from_slice(&[
        key(t::LOWER_NEXT, w.lower ^ splitmix(n1_lower)),
        key(t::PREV_LOWER, splitmix(p1_lower) ^ w.lower.rotate_left(17)),
        key(t::CLASSES_NEXT_CLASSES, w.classes as u64 | n1_classes << 32),
        key(t::PROFILE_SHAPE, w.shape ^ splitmix(profile)),
        key(t::PROFILE_CLASSES, w.classes as u64 | (w.flags as u64) << 32 | profile << 40),
    ]);
    if i == 0 {
        out.push(key(t::FIRST_SHAPE, w.shape));
        out.push(key(t::FIRST_LOWER, w.lower));
    }
}

/// The features of the two previous tags alone (the same for every word).
#[inline]
pub fn tag_pair_keys(prev: u8, prev2: u8, out: &mut Vec<u64>) {
    let tag1 = prev as u64;
    let tag2 = prev2 as u64;
    out.extend_from_slice(&[key(t::TAG1, tag1), key(t::TAG2, tag2), key(t::TAG12, tag1 | tag2 << 8)]);
}

/// The features of position `i` that look at the tags predicted before it:
/// those of [`tag_pair_keys`], then of [`tag_word_keys`].
#[inline]
pub fn tag_keys(words: &[Word], i: usize, prev: u8, prev2: u8, right: Option<&[u8]>, out: &mut Vec<u64>) {
    tag_pair_keys(prev, prev2, out);
    tag_word_keys(words, i, prev, right, out);
}

/// The features of position `i` that look at the previous tag with a word
/// (and, in the second pass, at the first pass's tags to the right).
#[inline]
pub fn tag_word_keys(words: &[Word], i: usize, prev: u8, right: Option<&[u8]>, out: &mut Vec<u64>) {
    let w = &words[i];
    let n1_classes = in_role(words, i, 3).map_or(1 << 31, |w| w.classes) as u64;
    let tag1 = prev as u64;
    out.extend_from_slice(&[
        key(t::TAG1_LOWER, w.lower ^ splitmix(tag1)),
        key(t::TAG1_CLASSES_NEXT, tag1 | n1_classes << 8),
        key(t::TAG1_SHAPE, w.shape ^ splitmix(tag1 + 1000)),
    ]);
    if let Some(right) = right {
        let nt1 = right.get(i + 1).map_or(START, |&t| t) as u64;
        let nt2 = right.get(i + 2).map_or(START, |&t| t) as u64;
        out.extend_from_slice(&[
            key(t::NTAG1, nt1),
            key(t::NTAG2, nt2),
            key(t::NTAG12, nt1 | nt2 << 8),
            key(t::TAG1_NTAG1, tag1 | nt1 << 8),
            key(t::NTAG1_LOWER, w.lower ^ splitmix(nt1)),
            key(t::NTAG1_SUFFIX, w.suffix[2] ^ splitmix(nt1 + 77)),
        ]);
    }
}
