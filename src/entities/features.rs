//! The features of the learned tagger (`learned.rs`): for each token of a
//! sentence, a list of hashed feature ids. Features are the same at training
//! and at tagging time because both go through [`sentence_features`].
//!
//! Per token: the word (lowercased and as written), its shape, prefixes and
//! suffixes, the two words and shapes either side, word and shape bigrams;
//! cue words (titles, role nouns, organisation, place and event words,
//! connectors, calendar words); the built-in dictionary's match and label;
//! the rules' mention (label, evidence, position: the rules are one source of
//! evidence among others, and the tagger learns how far to trust each kind);
//! and evidence from elsewhere: whether the corpus also writes the word in
//! lowercase, whether a title precedes it elsewhere in the corpus, whether the
//! document also capitalises it in mid-sentence, and which label the rules
//! give most often, in the same document, to names containing the word.

use rustc_hash::{FxHashMap, FxHashSet};

use super::gazetteer::Hit;
use super::lexicon::{
    is_acronym, looks_demonym, starts_upper, CONNECTORS, EVENT_LAST, LOC_LAST, NOT_NAMES, ORG_FIRST, ORG_LAST,
    PLACE_PREPOSITIONS, ROLE_NOUNS, TITLES,
};
use super::{Evidence, Label, Mention};
use crate::hash::{fnv1a, splitmix};
use crate::tag::Upos;
use crate::tokenize::{Token, TokenKind};

/// Evidence about words gathered over the whole corpus before tagging.
#[derive(Default)]
pub struct CorpusEvidence {
    /// Lowercased words (hashed) the rules found right after a title or role
    /// somewhere in the corpus.
    pub titled: FxHashSet<u64>,
    /// The rules' votes per lowercased word (as [`DocEvidence`]) over the whole corpus.
    pub votes: FxHashMap<u64, [u32; 4]>,
}

/// Evidence about words gathered over one document.
#[derive(Default)]
pub struct DocEvidence {
    /// Per lowercased word (hashed): votes of the rules' labels (PER, ORG,
    /// LOC, MISC) over the names that contain it, weighted by evidence.
    votes: FxHashMap<u64, [u32; 4]>,
    /// Words (hashed, lowercased) written with a capital in mid-sentence.
    mid_caps: FxHashSet<u64>,
}

/// The CoNLL class of a label: 0 PER, 1 ORG, 2 LOC, 3 MISC.
#[inline]
pub fn class_of(label: Label) -> usize {
    match label {
        Label::Person => 0,
        Label::Org => 1,
        Label::Gpe | Label::Loc => 2,
        Label::Norp | Label::Event | Label::Work | Label::Misc => 3,
    }
}

/// The hash of a lowercased word.
#[inline]
pub fn lower_hash(word: &str, buf: &mut String) -> u64 {
    buf.clear();
    for c in word.chars() {
        match c {
            '’' => buf.push('\''),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
    fnv1a(buf.as_bytes())
}

impl DocEvidence {
    /// Adds a sentence's tokens and the rules' mentions in it.
    pub fn add(&mut self, text: &str, toks: &[Token], mentions: &[Mention], buf: &mut String) {
        let first = toks.iter().position(|t| t.kind == TokenKind::Word);
        for (i, t) in toks.iter().enumerate() {
            if Some(i) != first && t.kind == TokenKind::Word && starts_upper(t.text(text)) {
                let prev = if i > 0 { toks[i - 1].text(text) } else { "" };
                if !matches!(prev, "“" | "\"" | "‘" | "(" | "[" | ":" | "—" | "–") {
                    self.mid_caps.insert(lower_hash(t.text(text), buf));
                }
            }
        }
        add_votes(&mut self.votes, text, toks, mentions, buf);
    }
}

/// Adds the rules' votes of `mentions` over the words they contain.
pub fn add_votes(
    votes: &mut FxHashMap<u64, [u32; 4]>,
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    buf: &mut String,
) {
    for m in mentions {
        if m.evidence == Evidence::Unknown {
            continue;
        }
        let c = class_of(m.label);
        let a = toks.partition_point(|t| t.start < m.span.start);
        for t in toks[a..].iter().take_while(|t| t.end <= m.span.end) {
            if t.kind == TokenKind::Word {
                votes.entry(lower_hash(t.text(text), buf)).or_insert([0; 4])[c] += m.evidence as u32 + 1;
            }
        }
    }
}

/// Per token of a sentence, the rule evidence: label class + 1 (0: none),
/// evidence, first token of the mention.
#[derive(Clone, Copy, Default)]
pub struct RuleTag {
    class: u8,
    evidence: u8,
    begin: bool,
    fine: u8,
}

/// The rules' mentions of a sentence laid over its tokens.
pub fn rule_tags(toks: &[Token], mentions: &[Mention]) -> Vec<RuleTag> {
    let mut out = vec![RuleTag::default(); toks.len()];
    for m in mentions {
        let mut begin = true;
        for (i, t) in toks.iter().enumerate() {
            if t.start >= m.span.start && t.end <= m.span.end {
                out[i] = RuleTag {
                    class: class_of(m.label) as u8 + 1,
                    evidence: m.evidence as u8,
                    begin,
                    fine: m.label as u8,
                };
                begin = false;
            }
        }
    }
    out
}

/// The gazetteer's hits of a sentence laid over its tokens: label + 1 (0:
/// none) and whether the token starts the hit.
pub fn gazetteer_tags(hits: &[Hit], labels: impl Fn(u32) -> Label, n: usize) -> Vec<(u8, bool)> {
    let mut out = vec![(0u8, false); n];
    for h in hits {
        let l = labels(h.entry) as u8 + 1;
        for (i, o) in out.iter_mut().enumerate().take(h.last).skip(h.first) {
            *o = (l, i == h.first);
        }
    }
    out
}

/// What the tagger needs about one token's form: computed once per
/// sentence here, and kept per word form by the fast path (`learned.rs`).
#[derive(Clone, Copy, Default)]
pub(crate) struct Tok {
    pub(crate) lower: u64,
    pub(crate) exact: u64,
    pub(crate) shape: u64,
    pub(crate) cap: bool,
    /// What a neighbour reads of this word: [`NEAR_TITLE`], [`NEAR_PLACE`],
    /// [`NEAR_ORG`], [`NEAR_LOC`], [`NEAR_EVENT`].
    pub(crate) near: u8,
}

/// [`Tok::near`]: a title or role noun.
const NEAR_TITLE: u8 = 1;
/// [`Tok::near`]: a place preposition.
const NEAR_PLACE: u8 = 2;
/// [`Tok::near`]: an organisation's last word.
const NEAR_ORG: u8 = 4;
/// [`Tok::near`]: a place's last word.
const NEAR_LOC: u8 = 8;
/// [`Tok::near`]: an event's last word.
const NEAR_EVENT: u8 = 16;

impl Tok {
    /// The form facts of `word` (`buf`: scratch).
    pub(crate) fn of(word: &str, buf: &mut String) -> Tok {
        let lower = lower_hash(word, buf);
        buf.clear();
        buf.extend(word.chars().filter(|&c| c != '.').flat_map(char::to_lowercase));
        let p = buf.as_str();
        let mut near = 0;
        if TITLES.contains(p) || ROLE_NOUNS.contains(p) {
            near |= NEAR_TITLE;
        }
        if PLACE_PREPOSITIONS.contains(p) {
            near |= NEAR_PLACE;
        }
        for (bit, set) in [(NEAR_ORG, &*ORG_LAST), (NEAR_LOC, &*LOC_LAST), (NEAR_EVENT, &*EVENT_LAST)] {
            if set.contains(p) {
                near |= bit;
            }
        }
        Tok { lower, exact: fnv1a(word.as_bytes()), shape: shape_hash(word), cap: starts_upper(word), near }
    }
}

fn shape_hash(word: &str) -> u64 {
    let mut s = [0u8; 12];
    let mut n = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if n > 0 && s[n - 1] == k {
            continue;
        }
        if n == s.len() {
            break;
        }
        s[n] = k;
        n += 1;
    }
    fnv1a(&s[..n]) ^ (word.chars().count().min(12) as u64) << 56
}

/// A feature id: a template number and a value, mixed.
#[inline(always)]
fn feat(template: u64, value: u64) -> u64 {
    splitmix(value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Everything [`sentence_features`] reads.
pub struct SentenceInput<'a> {
    /// The document's text.
    pub text: &'a str,
    /// The sentence's tokens.
    pub toks: &'a [Token],
    /// The rules' evidence per token.
    pub rules: &'a [RuleTag],
    /// The built-in dictionary's hits per token.
    pub gaz: &'a [(u8, bool)],
    /// Whether the corpus writes a word in lowercase.
    pub lowercase_elsewhere: &'a dyn Fn(&str) -> bool,
    /// The corpus evidence.
    pub corpus: &'a CorpusEvidence,
    /// The document evidence.
    pub doc: &'a DocEvidence,
    /// The part-of-speech tag of each token (`Document::pos`).
    pub pos: &'a [Upos],
}

const BOS: u64 = 0x5151_5151;
const EOS: u64 = 0x7272_7272;

/// The features of every token of a sentence, into `out` (one list per
/// token, cleared first).
pub fn sentence_features(inp: &SentenceInput<'_>, buf: &mut String, out: &mut Vec<Vec<u64>>) {
    let n = inp.toks.len();
    out.resize_with(n, Vec::new);
    out.truncate(n);
    let toks: Vec<Tok> = inp.toks.iter().map(|t| Tok::of(t.text(inp.text), buf)).collect();
    let ctx = Context::new(inp, &toks);
    let mut scratch = Scratch::default();
    for (i, f) in out.iter_mut().enumerate() {
        f.clear();
        let word = inp.toks[i].text(inp.text);
        lower_into(word, buf);
        let mut push = |h: u64| f.push(h);
        word_features_a(&toks[i], buf, &mut scratch, &mut push);
        ctx.features_a(i, &mut push);
        word_features_b(buf, &mut scratch, &mut push);
        ctx.features_b(i, &mut push);
        word_features_c(&toks[i], word, buf, &mut push);
        ctx.features_c(i, word, &mut push);
    }
}

/// Buffers reused over the tokens.
#[derive(Default)]
pub(crate) struct Scratch {
    chars: Vec<(usize, char)>,
    no_dots: String,
}

/// The features of a token that look at its form alone, in three groups
/// (a, b, c) kept in the order [`sentence_features`] lists them.
/// Group a: the bias, the word, its shape, prefixes and suffixes (`lower`:
/// the word lowercased by `lower_into`).
#[inline]
pub(crate) fn word_features_a(t: &Tok, lower: &str, scratch: &mut Scratch, push: &mut impl FnMut(u64)) {
    push(feat(0, 0));
    push(feat(1, t.lower));
    push(feat(2, t.exact));
    push(feat(3, t.shape));
    // Prefixes and suffixes of the lowercased word, by characters.
    let chars = &mut scratch.chars;
    chars.clear();
    chars.extend(lower.char_indices());
    let nc = chars.len();
    for k in 1..=3usize.min(nc) {
        let end = chars.get(k).map_or(lower.len(), |c| c.0);
        push(feat(10 + k as u64, fnv1a(&lower.as_bytes()[..end])));
    }
    for k in 1..=4usize.min(nc) {
        let start = chars[nc - k].0;
        push(feat(20 + k as u64, fnv1a(&lower.as_bytes()[start..])));
    }
}

/// Group b of [`word_features_a`]: cue words.
#[inline]
pub(crate) fn word_features_b(lower: &str, scratch: &mut Scratch, push: &mut impl FnMut(u64)) {
    let no_dots = &mut scratch.no_dots;
    no_dots.clear();
    no_dots.extend(lower.chars().filter(|&c| c != '.'));
    for (bit, set) in [
        (0, &*TITLES),
        (1, &*ROLE_NOUNS),
        (2, &*ORG_LAST),
        (3, &*ORG_FIRST),
        (4, &*LOC_LAST),
        (5, &*EVENT_LAST),
        (6, &*NOT_NAMES),
        (7, &*CONNECTORS),
        (8, &*PLACE_PREPOSITIONS),
    ] {
        if set.contains(no_dots.as_str()) {
            push(feat(50 + bit, 1));
        }
    }
}

/// Group c of [`word_features_a`]: acronyms and nationality words.
#[inline]
pub(crate) fn word_features_c(t: &Tok, word: &str, lower: &str, push: &mut impl FnMut(u64)) {
    if t.cap && is_acronym(word) {
        push(feat(70, 1));
    }
    if t.cap && looks_demonym(lower) {
        push(feat(71, 1));
    }
}

/// What the features of a token that look beyond its form read: the
/// sentence's tokens and the evidence, in three groups (a, b, c) that follow
/// the groups of [`word_features_a`].
pub(crate) struct Context<'i, 't> {
    inp: &'i SentenceInput<'i>,
    toks: &'t [Tok],
    first_word: Option<usize>,
}

impl<'i, 't> Context<'i, 't> {
    pub(crate) fn new(inp: &'i SentenceInput<'i>, toks: &'t [Tok]) -> Context<'i, 't> {
        let first_word = inp.toks.iter().position(|t| t.kind == TokenKind::Word);
        Context { inp, toks, first_word }
    }

    #[inline(always)]
    fn lw(&self, i: isize) -> u64 {
        if i < 0 {
            BOS
        } else if i as usize >= self.toks.len() {
            EOS
        } else {
            self.toks[i as usize].lower
        }
    }

    #[inline(always)]
    fn sh(&self, i: isize) -> u64 {
        if i < 0 {
            BOS
        } else if i as usize >= self.toks.len() {
            EOS
        } else {
            self.toks[i as usize].shape
        }
    }

    #[inline(always)]
    fn pos(&self, i: isize) -> u64 {
        if i < 0 {
            31
        } else if i as usize >= self.toks.len() {
            30
        } else {
            self.inp.pos[i as usize] as u64
        }
    }

    /// Group a: the words and shapes around, and parts of speech.
    #[inline]
    pub(crate) fn features_a(&self, i: usize, push: &mut impl FnMut(u64)) {
        let ii = i as isize;
        push(feat(30, self.lw(ii - 1)));
        push(feat(31, self.lw(ii + 1)));
        push(feat(32, self.lw(ii - 2)));
        push(feat(33, self.lw(ii + 2)));
        push(feat(34, self.sh(ii - 1)));
        push(feat(35, self.sh(ii + 1)));
        self.joint_features(i, push);
    }

    /// The features of group a that read the token with its neighbours
    /// (those that read one neighbour alone are [`neighbour_features`]).
    #[inline]
    pub(crate) fn joint_features(&self, i: usize, push: &mut impl FnMut(u64)) {
        let ii = i as isize;
        let t = &self.toks[i];
        push(feat(36, self.sh(ii - 1).rotate_left(17) ^ t.shape));
        push(feat(37, t.shape.rotate_left(17) ^ self.sh(ii + 1)));
        push(feat(38, self.lw(ii - 1).rotate_left(17) ^ t.lower));
        push(feat(39, t.lower.rotate_left(17) ^ self.lw(ii + 1)));
        push(feat(40, self.sh(ii - 1).rotate_left(9) ^ t.shape.rotate_left(27) ^ self.sh(ii + 1)));
        let initial = Some(i) == self.first_word;
        if initial {
            push(feat(41, t.shape));
        }
        // Part of speech: of the word, its neighbours, and with the shape
        // and the place in the sentence (a capitalised first word tagged as
        // a noun or verb is rarely a name).
        let p0 = self.pos(ii);
        push(feat(110, p0));
        push(feat(111, self.pos(ii - 1) << 5 | p0));
        push(feat(112, p0 << 5 | self.pos(ii + 1)));
        push(feat(113, self.pos(ii - 1) << 10 | p0 << 5 | self.pos(ii + 1)));
        push(feat(114, self.pos(ii - 2) << 5 | self.pos(ii - 1)));
        push(feat(115, self.pos(ii + 1) << 5 | self.pos(ii + 2)));
        push(feat(116, (p0 << 1 | initial as u64) << 1 | t.cap as u64));
        push(feat(117, t.lower.rotate_left(7) ^ p0));
    }

    /// Group b: cue words of the neighbours (also in [`neighbour_features`]).
    #[inline]
    pub(crate) fn features_b(&self, i: usize, push: &mut impl FnMut(u64)) {
        if i > 0 {
            let p = self.toks[i - 1].near;
            if p & NEAR_TITLE != 0 {
                push(feat(60, 1));
            }
            if p & NEAR_PLACE != 0 {
                push(feat(61, 1));
            }
        }
        if i + 1 < self.toks.len() {
            let q = self.toks[i + 1].near;
            for (bit, flag) in [(0, NEAR_ORG), (1, NEAR_LOC), (2, NEAR_EVENT)] {
                if q & flag != 0 {
                    push(feat(62 + bit, 1));
                }
            }
        }
    }

    /// Group c: the dictionary, the rules, and evidence from elsewhere in
    /// the document and the corpus (`word`: the token's text).
    #[inline]
    pub(crate) fn features_c(&self, i: usize, word: &str, push: &mut impl FnMut(u64)) {
        let inp = self.inp;
        let n = self.toks.len();
        let t = &self.toks[i];
        let initial = Some(i) == self.first_word;
        // The built-in dictionary.
        let (gl, gb) = inp.gaz[i];
        if gl > 0 {
            push(feat(80, gl as u64 * 2 + gb as u64));
            push(feat(81, gl as u64 * 16 + (inp.gaz.get(i + 1).is_some_and(|g| g.0 == gl && !g.1)) as u64));
        }
        if i > 0 && inp.gaz[i - 1].0 > 0 {
            push(feat(82, inp.gaz[i - 1].0 as u64));
        }
        if i + 1 < n && inp.gaz[i + 1].0 > 0 {
            push(feat(83, inp.gaz[i + 1].0 as u64));
        }
        // The rules.
        let r = inp.rules[i];
        if r.class > 0 {
            push(feat(90, r.class as u64 * 2 + r.begin as u64));
            push(feat(91, (r.class as u64 * 16 + r.evidence as u64) * 2 + r.begin as u64));
            push(feat(92, r.fine as u64 * 16 + r.evidence as u64));
            let next_inside = inp.rules.get(i + 1).is_some_and(|x| x.class == r.class && !x.begin);
            push(feat(93, r.class as u64 * 4 + r.begin as u64 * 2 + next_inside as u64));
        } else {
            push(feat(94, t.cap as u64));
        }
        if i > 0 && inp.rules[i - 1].class > 0 {
            push(feat(95, inp.rules[i - 1].class as u64));
        }
        if i + 1 < n && inp.rules[i + 1].class > 0 {
            push(feat(96, inp.rules[i + 1].class as u64 * 2 + inp.rules[i + 1].begin as u64));
        }
        // Evidence from elsewhere in the document and the corpus.
        if t.cap && inp.toks[i].kind == TokenKind::Word {
            if (inp.lowercase_elsewhere)(word) {
                push(feat(100, initial as u64));
            }
            if inp.corpus.titled.contains(&t.lower) {
                push(feat(101, 1));
            }
            if initial && inp.doc.mid_caps.contains(&t.lower) {
                push(feat(102, 1));
            }
            for (template, votes) in [(103, &inp.doc.votes), (104, &inp.corpus.votes)] {
                if let Some(v) = votes.get(&t.lower) {
                    let (best, &top) = v.iter().enumerate().max_by_key(|&(k, c)| (*c, 4 - k)).expect("four classes");
                    let total: u32 = v.iter().sum();
                    push(feat(template, best as u64 * 2 + (top * 4 >= total * 3) as u64));
                }
            }
        }
    }
}

/// [`neighbour_features`]: the word before.
pub(crate) const PREV1: usize = 0;
/// [`neighbour_features`]: the word two before.
pub(crate) const PREV2: usize = 1;
/// [`neighbour_features`]: the word after.
pub(crate) const NEXT1: usize = 2;
/// [`neighbour_features`]: the word two after.
pub(crate) const NEXT2: usize = 3;

/// The features of a token that read one neighbour alone, `t` (`None`:
/// outside the sentence) in `role` ([`PREV1`] ... [`NEXT2`]): features 30 to
/// 35 of [`Context::features_a`] and those of [`Context::features_b`],
/// grouped by the word they read, so that their weights can be summed once
/// per word form.
#[inline]
pub(crate) fn neighbour_features(t: Option<&Tok>, role: usize, push: &mut impl FnMut(u64)) {
    match role {
        PREV1 => {
            push(feat(30, t.map_or(BOS, |t| t.lower)));
            push(feat(34, t.map_or(BOS, |t| t.shape)));
            if let Some(t) = t {
                if t.near & NEAR_TITLE != 0 {
                    push(feat(60, 1));
                }
                if t.near & NEAR_PLACE != 0 {
                    push(feat(61, 1));
                }
            }
        }
        PREV2 => push(feat(32, t.map_or(BOS, |t| t.lower))),
        NEXT1 => {
            push(feat(31, t.map_or(EOS, |t| t.lower)));
            push(feat(35, t.map_or(EOS, |t| t.shape)));
            if let Some(t) = t {
                for (bit, flag) in [(0, NEAR_ORG), (1, NEAR_LOC), (2, NEAR_EVENT)] {
                    if t.near & flag != 0 {
                        push(feat(62 + bit, 1));
                    }
                }
            }
        }
        _ => push(feat(33, t.map_or(EOS, |t| t.lower))),
    }
}

/// Lowercases `word` into `buf` as [`lower_hash`] does.
pub(crate) fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        match c {
            '’' => buf.push('\''),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
}
