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
//! * without any of these: a previous paragraph ending in `X said:`, a
//!   reporting verb in the sentence before (in the same paragraph, or ending
//!   the paragraph before when that one quotes no one), then the speaker of
//!   the quotation before it when that one is near (the last speaker
//!   continues).
//!
//! The speaker found is a span of the text: a name, a pronoun or a
//! description (`the minister`), read by the phrase lookups of `phrase.rs`;
//! `speaker.rs` resolves it to a person.

use super::marks::Segment;
use super::phrase::{is_filler, is_noun_cue, is_pronoun, Words};
use crate::tokenize::Span;

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
    // A period inside a parenthesis (`(D-Nev.)`) ends no sentence.
    while j < end && j - p.1 < 25 && !(depth <= 0 && w.sentence_end(j)) {
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

/// The first sentence end in the tokens `a + 1..e` outside parentheses.
fn sentence_stop(w: &Words, a: usize, e: usize) -> Option<usize> {
    let mut depth = 0i32;
    for t in a..e {
        match w.word(t) {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        if t > a && depth <= 0 && w.sentence_end(t) {
            return Some(t);
        }
    }
    None
}

/// A label right before a colon and the opening mark, opening its paragraph
/// or following a dash: a name, then nothing or a comma or parenthesis
/// before the colon (`Jeremy Lott, author: "`, `Rep. Trey Gowdy (R-S.C.):"`,
/// `... overhype - HuffPollster: "`). Returns the name's tokens.
fn label_before(w: &Words, para: Span, first: &Segment) -> Option<(usize, usize)> {
    let j = w.before(first.outer.start);
    let lo = w.at(para.start);
    if j <= lo + 1 || w.word(j - 1) != ":" {
        return None;
    }
    let c = j - 1;
    let mut s = c;
    while s > lo && c - s < 16 && !w.is_dash(s - 1) && !w.sentence_end(s - 1) {
        s -= 1;
    }
    if s > lo && !w.is_dash(s - 1) {
        return None;
    }
    if (s..c).any(|k| w.is_cue(k)) {
        return None;
    }
    let p = w.phrase_from(s, c)?;
    (w.cap(p.1 - 1) && (p.1 == c || matches!(w.word(p.1), "," | "("))).then_some(p)
}

/// A transcript's speaker label opening a segment: up to three uppercase
/// words and a colon (`PENCE:`, `MR. TRUMP:`).
fn label_inside(w: &Words, s: &Segment) -> Option<Span> {
    let t0 = w.at(s.inner.start);
    let mut k = t0;
    let upper = |x: &str| {
        x.chars().any(char::is_alphabetic) && x.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    while k < w.toks.len() && k - t0 < 3 && w.is_word(k) && upper(w.word(k)) {
        k += 1;
    }
    if k == t0 || k >= w.toks.len() || w.word(k) != ":" || w.toks[k].end > s.inner.end {
        return None;
    }
    let span = w.span(t0, k);
    (span.end - span.start >= 2).then_some(span)
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

/// Whether the next segment, opening at token `b`, has a lead-in of its own
/// in the sentence of the attribution `here` found in the tokens `a..b`
/// after a closing mark: a reporting verb with no sentence end between it and
/// the next mark, and either another verb than the attribution's (`"A," she
/// said, adding that "B"`) or words after the attribution that the mark
/// follows directly (`"A." He then criticised Biden, saying Trump had "B"`). Then the next
/// segment starts a quotation of its own; `"A," he said. "B."` and `"A,"
/// said X, "B."` (nothing but the attribution between the segments) do not.
fn own_lead_in(w: &Words, here: Option<(Option<Span>, Option<Span>)>, a: usize, b: usize) -> bool {
    let Some(c) = (a..b).rev().find(|&t| w.is_cue(t) && !is_noun_cue(&w.lower(t))) else {
        return false;
    };
    if (c..b).any(|t| w.sentence_end(t)) {
        return false;
    }
    let (speaker, cue) = here.unwrap_or_default();
    if cue.is_none_or(|cue| w.toks[c].start != cue.start) {
        return true;
    }
    // Words after the attribution, the mark glued to the last of them (a
    // partial quotation: `saying Trump had "`); a comma or colon before the
    // mark resumes the quotation (`"A," he told reporters, "B."`).
    let attribution_end = speaker.map_or(c + 1, |sp| w.before(sp.end).max(c + 1));
    b > 0 && w.is_word(b - 1) && (attribution_end..b).any(|t| w.is_word(t))
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
            if let Some(stop) = sentence_stop(w, a, e) {
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
                same_para
                    && here.is_some_and(|(sp, _)| sp.is_some())
                    && gap_words <= 20
                    && !after_end
                    && !s.open
                    && !own_lead_in(w, here, a, b)
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
            // A verb after the quotation without a speaker (`"...," adding`)
            // leaves the speaker to the sentence before the mark.
            let unnamed = found.is_none_or(|(sp, _)| sp.is_none());
            if unnamed || adjacent {
                if let Some(lead) = before_open(w, start, j).filter(|(sp, _)| sp.is_some() || found.is_none()) {
                    found = Some(lead);
                }
            }
        }
        if found.is_none() && !first.continues {
            // A label before a colon (`Gerald F. Seib, The Wall Street Journal: "`).
            let para = paras.get(para_of(first.outer.start)).copied().unwrap_or(Span { start: 0, end: 0 });
            found = label_before(w, para, first).map(|p| (Some(w.span(p.0, p.1)), None));
        }
        if let Some(label) = label_inside(w, first) {
            // A transcript's speaker label (`"PENCE: Well, look, ..."`).
            found = Some((Some(label), None));
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
        if found.is_none() && !first.continues {
            // A reporting verb in the last sentence of the paragraph before,
            // when the quotation opens its paragraph and that one quotes no
            // one (`Being young is hard, Lonechild said.` then `"It ..."`).
            let p = para_of(first.outer.start);
            if p > 0 && first.outer.start == paras[p].start {
                let prev = paras[p - 1];
                let quoted = segs[..i].iter().any(|s| s.outer.end > prev.start && s.outer.start < prev.end);
                let end = w.before(prev.end);
                if !quoted && end > w.at(prev.start) + 1 && w.sentence_end(end - 1) {
                    found = before_open(w, w.at(prev.start), end - 1).filter(|(sp, _)| sp.is_some());
                }
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
