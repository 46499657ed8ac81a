//! Quotations: who said what, resolved to the person, and which documents
//! carried the same words.
//!
//! # The steps
//!
//! 1. `marks.rs`: the quotation-mark segments of each document (straight,
//!    curly, low-high and guillemet marks, the two-apostrophe `''` of some
//!    archives, single marks where a document uses them so), paragraph by
//!    paragraph, with quotations that run on into the next paragraph; an odd
//!    mark never puts the rest of the document out of phase.
//! 2. `attribution.rs`: segments grouped into quotations (`"A," he said.
//!    "B."` is one quotation of two segments) and each one's speaker as
//!    written and reporting verb, from the forms news writing uses (`"...,"
//!    X said`, `X said: "..."`, `according to X`, `"..." -- X`, a speaker in
//!    the sentence before, the last speaker continuing), read through the
//!    token lookups and speaker phrases of `phrase.rs`.
//! 3. `speaker.rs`: the speaker resolved to a canonical entity of the corpus
//!    (a pronoun or description to the nearest fitting person named before it).
//! 4. `matching.rs`: quotations shared across documents, exactly or nearly.
//!
//! Steps 1 to 3 run per document, in parallel; step 4 over the corpus. The
//! corpus keeps the result ([`crate::corpus::Corpus::quotes`]).

mod attribution;
mod marks;
mod matching;
mod phrase;
mod speaker;

use rayon::prelude::*;

use crate::corpus::{Corpus, Document};
use crate::entities::{Entities, Mention};
use crate::tokenize::{Span, TokenKind};
pub use marks::{segments, uses_single_marks, Segment};
pub use matching::{same_words, word_hash, MIN_RUN, MIN_WORDS};

/// One quotation-mark segment of a quotation, with the quotation's attribution.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// From the opening to the closing mark, both included (to the
    /// paragraph's end when `open`).
    pub outer: Span,
    /// The quoted words, without the marks, edge white space trimmed.
    pub inner: Span,
    /// The quotation it belongs to (its index in the document): the segments
    /// of a quotation split by its attribution share it.
    pub group: u32,
    /// Runs to a paragraph's end with no closing mark.
    pub open: bool,
    /// The speaker as written (a name, a pronoun, a description).
    pub speaker: Option<Span>,
    /// The reporting verb (`said`, `according to`).
    pub cue: Option<Span>,
    /// The speaker's canonical entity (an index into [`Entities::entities`]).
    pub entity: Option<u32>,
}

/// The quotations of every document of a corpus.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Quotes {
    /// Per document, its quotation segments in order.
    pub docs: Vec<Vec<Quote>>,
    /// Per document, per quotation (group): the other documents (positions,
    /// ascending) that carry the same words.
    pub also_in: Vec<Vec<Vec<u32>>>,
    /// Per document, per quotation: the id of the set of quotations that
    /// carry the same words (matches joined transitively), or `u32::MAX` for
    /// a quotation found in one document only.
    pub shared: Vec<Vec<u32>>,
    /// Per shared set: its text (the quotation of its first document).
    pub shared_text: Vec<String>,
}

impl crate::cache::HeapSize for Quotes {
    fn heap_size(&self) -> usize {
        let q: usize = self.docs.iter().map(|d| d.capacity() * std::mem::size_of::<Quote>() + 24).sum();
        let a: usize = self.also_in.iter().map(|d| d.iter().map(|g| g.capacity() * 4 + 24).sum::<usize>() + 24).sum();
        let s: usize = self.shared.iter().map(|d| d.capacity() * 4 + 24).sum();
        q + a + s + crate::cache::HeapSize::heap_size(&self.shared_text)
    }
}

/// Words of a quotation segment needed for it to stand without a speaker.
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// The quotations of one document, attributed and resolved against the
/// document's linked `mentions` (entities of `ents`).
pub fn document(doc: &Document, mentions: &[(Mention, u32)], ents: &Entities) -> Vec<Quote> {
    let text: &str = &doc.text;
    if !marks::has_double_marks(text) && !text.contains(['‘', '\'', '’']) {
        return Vec::new();
    }
    let singles = marks::uses_single_marks(text);
    let mut segs = marks::segments(text, singles);
    if !doc.removed.is_empty() {
        segs.retain(|s| !doc.removed.iter().any(|r| r.span.start < s.outer.end && s.outer.start < r.span.end));
    }
    if segs.is_empty() {
        return Vec::new();
    }
    let parsed = doc.parsed();
    let words = phrase::Words::new(text, &parsed.tokens);
    let groups = attribution::attribute(&words, &segs);
    let quoted: Vec<Span> = segs.iter().map(|s| s.outer).collect();
    let people = speaker::People::new(text, mentions, ents, &parsed.sentences, &quoted);
    let mut out = Vec::new();
    let mut last: Option<u32> = None;
    let mut previous: Option<u32> = None;
    let mut group = 0u32;
    for g in groups {
        let first = &segs[g.segments[0]];
        if g.segments.len() == 1 && is_title(text, first) {
            continue;
        }
        if g.speaker.is_none() {
            let n: usize = g
                .segments
                .iter()
                .map(|&k| {
                    let s = &segs[k];
                    (words.at(s.inner.start)..words.before(s.inner.end))
                        .filter(|&t| parsed.tokens[t].kind == TokenKind::Word)
                        .count()
                })
                .sum();
            let capital =
                text[first.inner.start..].chars().find(|c| c.is_alphanumeric()).is_some_and(|c| !c.is_lowercase());
            if n < MIN_UNATTRIBUTED_WORDS || !(capital || first.continues) {
                continue;
            }
            if g.segments.len() == 1 && is_long_title(text, first) {
                continue;
            }
        }
        // A follow-on quotation is the previous quotation's speaker's, resolved or not.
        let entity = g.speaker.and_then(|s| if g.inherited { previous } else { people.resolve(s, last) });
        if entity.is_some() {
            last = entity;
        }
        previous = entity;
        // A quotation that only continues the last speaker's words has no
        // mention of its own: it shows the person's name as last written
        // (`Karlsson`), not a pronoun carried from another sentence.
        let speaker = match entity {
            Some(e) if g.inherited => people.name_before(first.outer.start, e).or(g.speaker),
            _ => g.speaker,
        };
        for &k in &g.segments {
            let s = &segs[k];
            out.push(Quote { outer: s.outer, inner: s.inner, group, open: s.open, speaker, cue: g.cue, entity });
        }
        group += 1;
    }
    out
}

/// Whether a segment is the title of a work (`“Meet the Press”`): at most
/// four words, all capitalised but short function words, no final punctuation.
fn is_title(text: &str, s: &Segment) -> bool {
    let inner = &text[s.inner.start..s.inner.end];
    let words: Vec<&str> = inner.split_whitespace().collect();
    let small = |w: &str| matches!(w, "the" | "of" | "a" | "an" | "and" | "in" | "on" | "to" | "for" | "at");
    (2..=4).contains(&words.len())
        && !inner.ends_with(['.', ',', '!', '?', '…'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| small(w) || w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether an unattributed segment reads as the title of a work (`“The Kid
/// Who Would Be King.”`): two to eight words, every one capitalised but
/// short function words, nothing but a final period or comma.
fn is_long_title(text: &str, s: &Segment) -> bool {
    let inner = text[s.inner.start..s.inner.end].trim_end_matches(['.', ',']);
    if inner.contains(['.', '!', '?', ':', ';', ',', '…']) {
        return false;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    let small = |w: &str| {
        matches!(
            w,
            "the"
                | "of"
                | "a"
                | "an"
                | "and"
                | "or"
                | "in"
                | "on"
                | "to"
                | "for"
                | "at"
                | "by"
                | "with"
                | "from"
                | "as"
        )
    };
    let capital = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (2..=8).contains(&words.len())
        && capital(words[0])
        && capital(words[words.len() - 1])
        && words.iter().all(|w| small(w) || capital(w))
}

/// The normalized words of each quotation (group) of a document.
fn group_words(doc: &Document, quotes: &[Quote]) -> Vec<Vec<u64>> {
    let n = quotes.last().map_or(0, |q| q.group as usize + 1);
    let mut out = vec![Vec::new(); n];
    let toks = doc.tokens();
    for q in quotes {
        let a = toks.partition_point(|t| t.start < q.inner.start);
        let words = &mut out[q.group as usize];
        for t in &toks[a..] {
            if t.start >= q.inner.end {
                break;
            }
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                words.push(word_hash(t.text(&doc.text)));
            }
        }
    }
    out
}

/// The quotations of every document of `corpus`, resolved against its linked entities.
pub fn extract(corpus: &Corpus, ents: &Entities) -> Quotes {
    let per_doc: Vec<(Vec<Quote>, Vec<Vec<u64>>)> = corpus
        .docs()
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            if crate::interrupt::requested() {
                return (Vec::new(), Vec::new());
            }
            let mentions = ents.mentions.get(d).map_or(&[][..], Vec::as_slice);
            let q = document(doc, mentions, ents);
            let w = group_words(doc, &q);
            (q, w)
        })
        .collect();
    // Cross-document matches over every quotation (group).
    let mut flat: Vec<(u32, Vec<u64>)> = Vec::new();
    let mut first_of: Vec<usize> = Vec::with_capacity(per_doc.len());
    for (d, (_, ws)) in per_doc.iter().enumerate() {
        first_of.push(flat.len());
        flat.extend(ws.iter().map(|w| (d as u32, w.clone())));
    }
    let m = matching::matches(&flat);
    // Sets of quotations joined by matches (union-find, smallest index as root).
    let mut parent: Vec<usize> = (0..flat.len()).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (q, list) in m.iter().enumerate() {
        for &o in list {
            let (a, b) = (root(&mut parent, q), root(&mut parent, o as usize));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut set_id: rustc_hash::FxHashMap<usize, u32> = Default::default();
    let mut shared_text = Vec::new();
    let mut docs = Vec::with_capacity(per_doc.len());
    let mut also_in = Vec::with_capacity(per_doc.len());
    let mut shared = Vec::with_capacity(per_doc.len());
    for (d, (quotes, ws)) in per_doc.into_iter().enumerate() {
        let mut a = Vec::with_capacity(ws.len());
        let mut s = Vec::with_capacity(ws.len());
        for g in 0..ws.len() {
            let q = first_of[d] + g;
            let mut other: Vec<u32> = m[q].iter().map(|&o| flat[o as usize].0).collect();
            other.dedup();
            if other.is_empty() {
                s.push(u32::MAX);
            } else {
                let r = root(&mut parent, q);
                let next = set_id.len() as u32;
                let id = *set_id.entry(r).or_insert(next);
                if id == next {
                    let text = &corpus.docs()[d].text;
                    let parts: Vec<&str> = quotes
                        .iter()
                        .filter(|x| x.group as usize == g)
                        .map(|x| &text[x.inner.start..x.inner.end])
                        .collect();
                    shared_text.push(parts.join(" "));
                }
                s.push(id);
            }
            a.push(other);
        }
        docs.push(quotes);
        also_in.push(a);
        shared.push(s);
    }
    Quotes { docs, also_in, shared, shared_text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_lowercase_words() {
        let lower = |w: &str| !w.chars().any(|c| c.is_uppercase() || c.is_whitespace());
        crate::wordlist::check_file("cues.txt", include_str!("words/cues.txt"), lower);
        crate::wordlist::check_file("male.txt", include_str!("words/male.txt"), lower);
        crate::wordlist::check_file("female.txt", include_str!("words/female.txt"), lower);
    }

    #[test]
    fn titles_are_not_quotations() {
        let seg = |t: &str| marks::segments(t, false)[0];
        let t = "on “Meet the Press” today";
        assert!(is_title(t, &seg(t)));
        let t = "he said “We Will Win.” today";
        assert!(!is_title(t, &seg(t)));
        let t = "a scene from “The Kid Who Would Be King.” Here";
        assert!(is_long_title(t, &seg(t)));
        let t = "“No. It’s the mom.”";
        assert!(!is_long_title(t, &seg(t)));
    }
}
