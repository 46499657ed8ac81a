//! The tokens of a document with the lookups attribution reads them by: the
//! word classes (reporting verbs, fillers, pronouns, determiners, stop
//! words) and the speaker phrases before and after a position (a pronoun, a
//! name, a description back to its determiner, an appositive's name).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::tokenize::{Span, Token, TokenKind};
use crate::wordlist::WordSet;

/// Reporting verbs, every form, lowercase.
static CUES: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(CUES_FILE));
const CUES_FILE: &str = include_str!("words/cues.txt");

/// Words allowed between a speaker and its verb (`X also said`, `X has said`,
/// `X later Thursday told`).
pub(super) fn is_filler(w: &str) -> bool {
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
            | "today"
            | "tonight"
            | "yesterday"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    ) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Pronouns that can be speakers.
pub(super) fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i" | "it" | "you")
}

/// Determiners that open a description (`the minister`, `a spokeswoman`).
pub(super) fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "another" | "one" | "this" | "that")
}

/// Lowercase words inside a name (`Council of Europe`, `Ursula von der Leyen`).
pub(super) fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "van" | "von" | "der" | "den" | "al" | "bin" | "la" | "le" | "du" | "del" | "da" | "dos" | "for"
    )
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

    pub fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word
    }

    pub fn cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A reporting verb (`put` only in `as X put it`).
    pub fn is_cue(&self, i: usize) -> bool {
        self.is_word(i)
            && (CUES.contains(&self.lower(i))
                || self.lower(i) == "put" && i + 1 < self.toks.len() && self.lower(i + 1) == "it")
    }

    pub fn punct(&self, i: usize, p: &str) -> bool {
        self.toks[i].kind != TokenKind::Word && self.word(i) == p
    }

    pub fn is_dash(&self, i: usize) -> bool {
        matches!(self.word(i), "—" | "–" | "--" | "-" | "―")
    }

    pub fn sentence_end(&self, i: usize) -> bool {
        matches!(self.word(i), "." | "!" | "?" | "…")
    }

    pub fn span(&self, s: usize, e: usize) -> Span {
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
            } else if j + 1 < end
                && self.toks[j].kind == TokenKind::Number
                && self.is_word(j + 1)
                && !self.is_cue(j + 1)
                && !is_stop(&self.lower(j + 1))
            {
                // A number inside a name, a word after it (`UFCW Local 832
                // president Jeff Traeger`).
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

    /// [`Self::role_then_name`] repeated (`University of the Fraser Valley
    /// political scientist Hamish Telford`): the end of the last name, or `j`.
    fn names_chain(&self, mut j: usize, end: usize) -> usize {
        for _ in 0..3 {
            match self.role_then_name(j, end) {
                Some(k) => j = k,
                None => break,
            }
        }
        j
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
            return Some((i, self.names_chain(j, end)));
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
            // `the Foreign Minister`: the determiner then a name; `the
            // report stated`: a noun that is also a reporting verb, then the verb.
            let noun_cue = j + 1 < end && self.is_cue(j) && !self.cap(j) && self.is_cue(j + 1);
            return self.caps_from(j, end).map(|k| (i, k)).or(noun_cue.then_some((i, j + 1)));
        }
        if j < end && j > i && self.cap(j) {
            if let Some(k) = self.caps_from(j, end) {
                let named = self.names_chain(k, end);
                if det && named == k {
                    // `the self-taught Cambridge resident`: the description's
                    // nouns after the name, up to a verb or punctuation.
                    let mut m = k;
                    while m < end
                        && m - k < 2
                        && self.is_word(m)
                        && !self.cap(m)
                        && !self.is_cue(m)
                        && !is_stop(&self.lower(m))
                        && !is_filler(&self.lower(m))
                    {
                        m += 1;
                    }
                    if m > k && (m == end || !self.is_word(m) || self.is_cue(m)) {
                        return Some((i, m));
                    }
                }
                return Some((i, named));
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
            // A capitalised function word opening the sentence (`As Tom
            // Ridge put it`, `And Mike Huckabee said`) stays out.
            while s < last && is_stop(&self.lower(s)) {
                s += 1;
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
pub(super) fn is_sentence_adverb(w: &str) -> bool {
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
pub(super) fn is_noun_cue(w: &str) -> bool {
    matches!(w, "warning" | "remarks" | "comments" | "notes" | "claims" | "reports" | "answer" | "reply" | "tweets")
}

/// Function words that end a speaker phrase.
pub(super) fn is_stop(w: &str) -> bool {
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
            | "between"
            | "among"
            | "against"
            | "through"
            | "since"
            | "until"
            | "under"
            | "without"
            | "across"
            | "toward"
            | "towards"
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
