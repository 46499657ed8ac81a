//! Step 2 of quotation finding: segments grouped into quotations, and each
//! quotation's attribution (the speaker as written, and the reporting verb).
//!
//! The forms read, on the tokens around the marks:
//!
//! * after the closing mark: `"...," X said`, `"...," said X`, `"..." -- X`
//!   (an appositive may sit between the speaker and the verb: `X, a
//!   pollster, said`);
//! * before the opening mark, in the same sentence: `X said: "..."`, `X said
//!   that "..."`, `according to X, "..."`, and partial quotations (`X called
//!   the plan "a disaster"`);
//! * a segment split by its attribution (`"A," he said. "B."`) is one
//!   quotation of two segments;
//! * without any of these: a previous paragraph ending in `X said:`, then the
//!   speaker of the quotation before it when that one is near (the last
//!   speaker continues), then a reporting verb in the sentence before.
//!
//! The speaker found is a span of the text: a name, a pronoun or a
//! description (`the minister`); `speaker.rs` resolves it to a person.
//!
//! (Longer than 600 lines because every form above reads the tokens through
//! the one set of lookups of `Words`; the forms and the grouping would split
//! off as one file of their own.)

use std::borrow::Cow;
use std::sync::LazyLock;

use super::marks::Segment;
use crate::tokenize::{Span, Token, TokenKind};
use crate::wordlist::WordSet;

/// Reporting verbs, every form, lowercase.
static CUES: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(CUES_FILE));
const CUES_FILE: &str = include_str!("words/cues.txt");

/// Words allowed between a speaker and its verb (`X also said`, `X has said`).
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "would"
            | "will"
            | "once"
            | "previously"
            | "recently"
            | "further"
            | "again"
            | "earlier"
            | "just"
            | "often"
            | "finally"
            | "still"
            | "did"
            | "does"
            | "simply"
            | "even"
            | "quoted"
            | "as"
    ) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Pronouns that can be speakers.
pub(super) fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i" | "it" | "you")
}

/// Determiners that open a description (`the minister`, `a spokeswoman`).
fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "another" | "one" | "this" | "that")
}

/// Lowercase words inside a name (`Council of Europe`, `Ursula von der Leyen`).
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "van" | "von" | "der" | "den" | "al" | "bin" | "la" | "le" | "du" | "del" | "da" | "dos" | "for"
    )
}

/// A quotation: its segments (indices into the document's segments) and attribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attributed {
    /// Indices of its segments, in order.
    pub segments: Vec<usize>,
    /// The speaker as written.
    pub speaker: Option<Span>,
    /// The reporting verb.
    pub cue: Option<Span>,
    /// The speaker came from the quotation before (the last speaker continues).
    pub inherited: bool,
}

/// The tokens of one document with the lookups attribution needs.
pub(super) struct Words<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str, toks: &'a [Token]) -> Words<'a> {
        Words { text, toks }
    }

    /// Index of the first token starting at or after byte `b`.
    pub fn at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// Index one past the last token ending at or before byte `b`.
    pub fn before(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.end <= b)
    }

    /// Token `i` lowercased, `’` as `'`.
    pub fn lower(&self, i: usize) -> Cow<'a, str> {
        let w = self.toks[i].text(self.text);
        if w.bytes().all(|b| b.is_ascii_lowercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase().replace('’', "'"))
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word
    }

    fn cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_cue(&self, i: usize) -> bool {
        self.is_word(i) && CUES.contains(&self.lower(i))
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.toks[i].kind != TokenKind::Word && self.word(i) == p
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.word(i), "—" | "–" | "--" | "-" | "―")
    }

    fn sentence_end(&self, i: usize) -> bool {
        matches!(self.word(i), "." | "!" | "?" | "…")
    }

    fn span(&self, s: usize, e: usize) -> Span {
        Span { start: self.toks[s].start, end: self.toks[e - 1].end }
    }

    /// A run of capitalised words from `i` (with connectors and abbreviations inside), or None.
    fn caps_from(&self, i: usize, end: usize) -> Option<usize> {
        if i >= end || !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        while j < end {
            if self.cap(j) || (self.is_word(j) && self.word(j).starts_with(|c: char| c.is_ascii_digit())) {
                j += 1;
            } else if j + 1 < end && self.is_word(j) && is_connector(&self.lower(j)) && self.cap(j + 1) {
                j += 2;
            } else {
                break;
            }
        }
        Some(j)
    }

    /// After a name ending at `j`, up to three lowercase role words and
    /// another name (`MaRS director Adam Jagelewski`): the end of that name.
    fn role_then_name(&self, j: usize, end: usize) -> Option<usize> {
        let mut k = j;
        while k < end && k - j < 3 && self.is_word(k) && !self.cap(k) && !self.is_cue(k) && !is_stop(&self.lower(k)) {
            k += 1;
        }
        if k == j || k >= end || !self.cap(k) {
            return None;
        }
        self.caps_from(k, end)
    }

    /// The speaker phrase starting at token `i` (before `end`): a pronoun, a
    /// name (possibly after a few lowercase words: `senior adviser Jane Doe`),
    /// or a description opened by a determiner.
    pub fn phrase_from(&self, i: usize, end: usize) -> Option<(usize, usize)> {
        if i >= end || !self.is_word(i) {
            return None;
        }
        let lw = self.lower(i);
        let w = &*lw;
        if is_pronoun(w) {
            return Some((i, i + 1));
        }
        if let Some(j) = self.caps_from(i, end) {
            if j == i + 1 && (is_stop(w) || is_sentence_adverb(w)) {
                return None;
            }
            return Some((i, self.role_then_name(j, end).unwrap_or(j)));
        }
        // Lowercase words, then a name or the description's end.
        let mut j = i;
        let limit = (i + 6).min(end);
        while j < limit
            && self.is_word(j)
            && !self.cap(j)
            && !self.is_cue(j)
            && !is_stop(&self.lower(j))
            && (j == i || !is_filler(&self.lower(j)))
        {
            j += 1;
        }
        let det = is_determiner(w);
        if det && j == i + 1 {
            // `the Foreign Minister`: the determiner then a name.
            return self.caps_from(j, end).map(|k| (i, k));
        }
        if j < end && j > i && self.cap(j) {
            if let Some(k) = self.caps_from(j, end) {
                return Some((i, self.role_then_name(k, end).unwrap_or(k)));
            }
        }
        if j > i && (det || j == i + 1) {
            return Some((i, j));
        }
        None
    }

    /// The speaker phrase ending just before token `j` (after `start`):
    /// a pronoun, a name, a description back to its determiner; for an
    /// appositive (`X, a pollster,`) the name before it.
    pub fn phrase_before(&self, j: usize, start: usize) -> Option<(usize, usize)> {
        if j <= start {
            return None;
        }
        let last = j - 1;
        if self.punct(last, ",") {
            // `X, a pollster for Y, said`: the name before the first comma.
            let mut k = last;
            while k > start && last - k < 20 {
                k -= 1;
                if self.punct(k, ",") {
                    // `On Friday, Prime Minister X defended it, saying`: a
                    // clause with its own subject, not an appositive.
                    if k + 1 < last && self.cap(k + 1) {
                        return self.phrase_from(k + 1, last).filter(|p| self.cap(p.1 - 1));
                    }
                    if let Some(p) = self.phrase_before(k, start) {
                        if self.cap(p.1 - 1) || is_pronoun(&self.lower(p.0)) {
                            return Some(p);
                        }
                    }
                    break;
                }
                if !self.is_word(k) && !matches!(self.word(k), "’s" | "'s" | "-" | "(" | ")") {
                    break;
                }
            }
            return None;
        }
        if !self.is_word(last) {
            return None;
        }
        if is_pronoun(&self.lower(last)) {
            return Some((last, j));
        }
        if self.cap(last) {
            let mut s = last;
            while s > start {
                if self.cap(s - 1) || (self.is_word(s - 1) && self.word(s - 1).ends_with('.') && self.cap(s - 1)) {
                    s -= 1;
                } else if s - 1 > start && is_connector(&self.lower(s - 1)) && self.cap(s - 2) {
                    s -= 2;
                } else {
                    break;
                }
            }
            // A lowercase role before the name (`envoy Steve Witkoff`) stays out.
            return Some((s, j));
        }
        // A description: back to its determiner, over at most five words.
        if is_stop(&self.lower(last)) || is_determiner(&self.lower(last)) {
            return None;
        }
        let mut s = last;
        loop {
            if is_determiner(&self.lower(s)) {
                return Some((s, j));
            }
            if s == start
                || last - s >= 5
                || !self.is_word(s - 1)
                || is_stop(&self.lower(s - 1)) && !is_determiner(&self.lower(s - 1))
            {
                break;
            }
            s -= 1;
        }
        // A bare plural (`officials said`).
        let lw = self.lower(last);
        let w = &*lw;
        (w.len() > 3 && w.ends_with('s') && !is_stop(w)).then_some((last, j))
    }
}

/// Capitalised words that open a sentence without naming anyone.
fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        w,
        "however"
            | "of"
            | "despite"
            | "although"
            | "though"
            | "for"
            | "instead"
            | "meanwhile"
            | "still"
            | "yet"
            | "asked"
            | "here"
            | "now"
            | "today"
            | "yesterday"
            | "earlier"
            | "later"
            | "indeed"
            | "also"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Reporting verbs that are also nouns (`a stern warning`, `his remarks`).
fn is_noun_cue(w: &str) -> bool {
    matches!(w, "warning" | "remarks" | "comments" | "notes" | "claims" | "reports" | "answer" | "reply" | "tweets")
}

/// Function words that end a speaker phrase.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "to"
            | "and"
            | "or"
            | "but"
            | "with"
            | "by"
            | "from"
            | "that"
            | "who"
            | "which"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "because"
            | "about"
            | "into"
            | "over"
            | "during"
            | "was"
            | "is"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "not"
            | "this"
            | "it"
            | "there"
            | "said"
            | "says"
            | "told"
            | "so"
            | "than"
            | "then"
            | "also"
            | "what"
            | "how"
            | "why"
            | "where"
    ) || is_pronoun(w)
}

/// The attribution after a closing mark: tokens `i..end` (to the next
/// segment or the paragraph's end). Returns (speaker, cue).
fn after_close(w: &Words, i: usize, end: usize) -> Option<(Option<Span>, Option<Span>)> {
    let mut i = i;
    while i < end && matches!(w.word(i), "," | ":" | ";") {
        i += 1;
    }
    if i >= end {
        return None;
    }
    // `"..." -- X`
    if w.is_dash(i) {
        let mut k = i;
        while k < end && w.is_dash(k) {
            k += 1;
        }
        let p = w.phrase_from(k, end)?;
        if !w.cap(p.1 - 1) {
            return None;
        }
        return Some((Some(w.span(p.0, p.1)), None));
    }
    // `"...," according to X`
    if i + 1 < end && w.lower(i) == "according" && w.lower(i + 1) == "to" {
        let p = w.phrase_from(i + 2, end)?;
        return Some((Some(w.span(p.0, p.1)), Some(w.span(i, i + 2))));
    }
    // `"...," said X` (a capitalised verb opens a new sentence: `Asked whether`)
    if w.is_cue(i) && !w.cap(i) {
        let cue = Some(w.span(i, i + 1));
        let p = w.phrase_from(i + 1, end);
        return Some((p.map(|p| w.span(p.0, p.1)), cue));
    }
    // `"...," X [also] said`, `X, a pollster, said`, `X (D-Mo.) said`,
    // `a narrator in the ad asks`: a phrase, then a reporting verb in the
    // same sentence, within a few words.
    let p = w.phrase_from(i, end)?;
    let mut j = p.1;
    let mut depth = 0i32;
    while j < end && j - p.1 < 25 && !w.sentence_end(j) {
        match w.word(j) {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        if depth <= 0 && w.is_cue(j) {
            let words_between = (p.1..j).filter(|&k| w.is_word(k)).count();
            let after_comma = j > p.1 && w.punct(j - 1, ",");
            let fillers = (p.1..j).all(|k| !w.is_word(k) || is_filler(&w.lower(k)));
            if fillers || after_comma || words_between <= 6 {
                return Some((Some(w.span(p.0, p.1)), Some(w.span(j, j + 1))));
            }
            return None;
        }
        j += 1;
    }
    None
}

/// The attribution in the tokens `start..j` before an opening mark (the
/// same sentence): `X said: "`, `according to X, "`, `X called it "`.
fn before_open(w: &Words, start: usize, j: usize) -> Option<(Option<Span>, Option<Span>)> {
    // The sentence the mark is in.
    let mut s = j;
    while s > start && !w.sentence_end(s - 1) {
        s -= 1;
    }
    if s >= j {
        return None;
    }
    // `according to X,`
    for k in s..j.saturating_sub(2) {
        if w.lower(k) == "according" && w.lower(k + 1) == "to" {
            let p = w.phrase_from(k + 2, j)?;
            return Some((Some(w.span(p.0, p.1)), Some(w.span(k, k + 2))));
        }
    }
    // The last reporting verb of the sentence before the mark with a speaker before it.
    let mut last_cue = None;
    for cue in (s..j).rev().filter(|&k| w.is_cue(k)) {
        if is_noun_cue(&w.lower(cue)) && cue > s && w.is_word(cue - 1) && !w.cap(cue - 1) {
            let before = w.lower(cue - 1);
            if !is_pronoun(&before) && !before.ends_with('s') {
                continue;
            }
        }
        last_cue.get_or_insert(cue);
        let mut b = cue;
        let mut fillers = 0;
        while b > s && fillers < 3 && w.is_word(b - 1) && is_filler(&w.lower(b - 1)) {
            b -= 1;
            fillers += 1;
        }
        if let Some(p) = w.phrase_before(b, s) {
            return Some((Some(w.span(p.0, p.1)), Some(w.span(cue, cue + 1))));
        }
    }
    // `, said X: "`
    let cue = last_cue?;
    if let Some(p) = w.phrase_from(cue + 1, j) {
        if w.cap(p.1 - 1) && p.1 < j && matches!(w.word(p.1), "," | ":") {
            return Some((Some(w.span(p.0, p.1)), Some(w.span(cue, cue + 1))));
        }
    }
    // The sentence's subject (`Trump called on her to resign and said, "`).
    subject(w, s, cue).map(|p| (Some(w.span(p.0, p.1)), Some(w.span(cue, cue + 1))))
}

/// The subject of the sentence starting at token `s`: a name or pronoun
/// opening it (after a conjunction), before token `limit`.
fn subject(w: &Words, s: usize, limit: usize) -> Option<(usize, usize)> {
    let mut k = s;
    while k < limit
        && (!w.is_word(k) || matches!(&*w.lower(k), "but" | "and" | "so" | "yet" | "then" | "still" | "meanwhile"))
    {
        k += 1;
    }
    let p = w.phrase_from(k, limit)?;
    let lw = w.lower(p.0);
    (w.cap(p.1 - 1) || is_pronoun(&lw)).then_some(p)
}

/// Paragraphs: byte spans of the lines of `text` that hold something.
pub(super) fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut base = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end();
        if !line.trim().is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(Span { start: base + lead, end: base + line.len() });
        }
        base += raw.len();
    }
    out
}

/// Number of words in a segment.
fn words_in(w: &Words, s: &Segment) -> usize {
    (w.at(s.inner.start)..w.before(s.inner.end)).filter(|&i| w.is_word(i)).count()
}

/// Groups `segs` into quotations and attributes each one.
pub(super) fn attribute(w: &Words, segs: &[Segment]) -> Vec<Attributed> {
    let paras = paragraphs(w.text);
    let para_of = |b: usize| paras.partition_point(|p| p.end < b);
    let mut out: Vec<Attributed> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let first = &segs[i];
        let mut q = Attributed { segments: vec![i], ..Default::default() };
        let mut found: Option<(Option<Span>, Option<Span>)> = None;
        let mut k = i;
        loop {
            let s = &segs[k];
            let para = paras.get(para_of(s.outer.start)).copied().unwrap_or(Span { start: 0, end: w.text.len() });
            let next = segs.get(k + 1);
            let gap_end = match next {
                Some(n) if n.outer.start <= para.end => n.outer.start,
                _ => para.end,
            };
            // Tokens after the closing mark, to the end of their sentence.
            let a = w.at(s.outer.end);
            let mut e = w.before(gap_end);
            if let Some(stop) = (a..e).find(|&t| w.sentence_end(t) && t > a) {
                e = e.min(stop + 1);
            }
            let here = if s.open { None } else { after_close(w, a, e.min(a + 30)) };
            if found.is_none() {
                found = here;
            }
            let Some(n) = next else { break };
            // The next segment joins: a new paragraph of this quotation, or
            // the attribution split it (`"A," he said. "B."`).
            let joined = if n.continues {
                true
            } else {
                let same_para = n.outer.start <= para.end;
                let b = w.before(n.outer.start);
                let gap_words = (a..b).filter(|&t| w.is_word(t)).count();
                // Nothing after the attribution's sentence.
                let after_end =
                    (a..b).position(|t| w.sentence_end(t)).is_some_and(|e| (a + e..b).any(|t| w.is_word(t)));
                same_para && here.is_some_and(|(sp, _)| sp.is_some()) && gap_words <= 20 && !after_end && !s.open
            };
            if !joined {
                break;
            }
            k += 1;
            q.segments.push(k);
        }
        if !first.continues {
            // Before the opening mark: first when a reporting verb (and a
            // comma, colon or `that`) is right before it (`X replied, "`).
            let para = paras.get(para_of(first.outer.start)).copied().unwrap_or(Span { start: 0, end: 0 });
            let from = segs[..i].iter().rev().find(|s| s.outer.end <= first.outer.start && s.outer.end >= para.start);
            let start = w.at(from.map_or(para.start, |s| s.outer.end));
            let j = w.before(first.outer.start);
            let mut c = j;
            while c > start
                && (matches!(w.word(c - 1), "," | ":" | "that") || !w.is_word(c - 1) && w.word(c - 1) != ".")
            {
                c -= 1;
            }
            let adjacent = c > start && c < j && w.is_cue(c - 1);
            if found.is_none() || adjacent {
                if let Some(lead) = before_open(w, start, j).filter(|(sp, _)| sp.is_some() || found.is_none()) {
                    found = Some(lead);
                }
            }
        }
        if found.is_none() {
            // A previous paragraph ending with `X said:`.
            let p = para_of(first.outer.start);
            if p > 0 && first.outer.start == paras[p].start {
                let prev = paras[p - 1];
                if w.text[prev.start..prev.end].ends_with(':') {
                    let end = w.before(prev.end).saturating_sub(1);
                    found = before_open(w, w.at(prev.start), end);
                    if found.is_none() {
                        // `He then listed the qualities:`
                        let mut s = end;
                        while s > w.at(prev.start) && !w.sentence_end(s - 1) {
                            s -= 1;
                        }
                        found = subject(w, s, end).map(|p| (Some(w.span(p.0, p.1)), None));
                    }
                }
            }
        }
        if found.is_none() && !first.continues {
            // A reporting verb in the sentence before, in the same paragraph
            // (`Matlow said most tenants are unaware. "..."`).
            let para = paras.get(para_of(first.outer.start)).copied().unwrap_or(Span { start: 0, end: 0 });
            let j = w.before(first.outer.start);
            let quoted_before = segs[..i].iter().any(|s| s.outer.end > para.start && s.outer.start < first.outer.start);
            if !quoted_before && j > 0 && w.at(para.start) < j && w.sentence_end(j - 1) {
                found = before_open(w, w.at(para.start), j - 1).filter(|(sp, _)| sp.is_some());
            }
        }
        if let Some((speaker, cue)) = found {
            q.speaker = speaker;
            q.cue = cue;
        }
        if q.speaker.is_none() {
            // The last speaker continues, when the quotation before is near.
            if let Some(prev) = out.last().filter(|p| p.speaker.is_some()) {
                let last_seg = &segs[*prev.segments.last().expect("segments")];
                let near = para_of(first.outer.start) <= para_of(last_seg.outer.end) + 2;
                let own = words_in(w, first) >= 4 || first.continues;
                if near && own {
                    q.speaker = prev.speaker;
                    q.cue = prev.cue;
                    q.inherited = true;
                }
            }
        }
        out.push(q);
        i = k + 1;
    }
    out
}
