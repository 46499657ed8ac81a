//! Keyphrase candidates: noun phrases found from part-of-speech tags.
//!
//! A **chunk** is a maximal run of adjectives, nouns, proper nouns and
//! numbers, `(ADJ|NOUN|PROPN|NUM)*`, cut back so it ends in a noun or proper
//! noun. Inside a capitalised name, function words and possessives may join
//! two capitalised words (`Secretary of State`, `Meet the Press`,
//! `Seoul’s Four Seasons hotel`); anywhere else a verb, a function word or
//! punctuation ends the chunk, so `Welker asked Vance` never forms one.
//!
//! A title written before a name is cut off it (`Russian President |
//! Vladimir Putin`, `Secretary of State | Marco Rubio`), and so is a common
//! noun in apposition (`director | Rupert Goold`, `stance | Reuters`). The **candidates**
//! of a chunk are its suffixes that start with a content word (dropping
//! premodifiers gives a more general phrase with the same head:
//! `aggressive economic leverage`, `economic leverage`, `leverage`), up to
//! [`super::MAX_PHRASE_WORDS`] words, and the same for a name inside it
//! (`Donald Trump` in `Donald Trump administration`). A candidate whose head
//! is a title and that holds no function word (`President`, `Foreign
//! Minister`) is a bare title and is dropped; `Secretary of State` stays. A
//! reporting noun alone (`comments`, `remarks`, `statement`) names the
//! telling, not what is told, and is dropped too.

/// The coarse classes the grammar reads (from Universal POS tags).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cat {
    /// Common noun.
    Noun,
    /// Proper noun.
    Propn,
    /// Adjective.
    Adj,
    /// Number.
    Num,
    /// Anything else (verbs, function words, punctuation, ...).
    Other,
}

impl Cat {
    #[inline]
    fn is_content(self) -> bool {
        !matches!(self, Cat::Other)
    }

    #[inline]
    fn is_head(self) -> bool {
        matches!(self, Cat::Noun | Cat::Propn)
    }
}

impl From<crate::tag::Upos> for Cat {
    #[inline]
    fn from(u: crate::tag::Upos) -> Cat {
        use crate::tag::Upos;
        match u {
            Upos::Noun => Cat::Noun,
            Upos::Propn => Cat::Propn,
            Upos::Adj => Cat::Adj,
            Upos::Num => Cat::Num,
            _ => Cat::Other,
        }
    }
}

/// What the grammar knows about one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tok {
    /// Its class.
    pub cat: Option<Cat>,
    /// Written with a capital first letter.
    pub cap: bool,
    /// A function word that may join the words of a name (`of`, `the`, `and`, `de`).
    pub connector: bool,
    /// A possessive clitic (`’s`, `'`).
    pub clitic: bool,
    /// A title or role (`president`, `minister`, `secretary`).
    pub title: bool,
    /// A reporting noun (`comments`, `remarks`): not a candidate alone.
    pub reporting: bool,
    /// A lowercase word ending in a single `s` (`warns`, `talks`), which may
    /// be a verb in the third person.
    pub s_form: bool,
}

impl Tok {
    #[inline]
    fn cat(&self) -> Cat {
        self.cat.unwrap_or(Cat::Other)
    }

    /// Whether a candidate may start here.
    #[inline]
    fn starts(&self) -> bool {
        matches!(self.cat(), Cat::Noun | Cat::Propn | Cat::Adj) && !self.connector && !self.clitic
    }

    /// A capitalised word that can continue a name.
    #[inline]
    fn name_word(&self) -> bool {
        self.cap && self.cat().is_content() && !self.connector && !self.clitic
    }
}

/// Takes a lowercase common noun in `-s` written between two names for the
/// verb of a headline (`JD Vance warns U.S. may withdraw`, `Trump says
/// Putin ...`): a name and a plural noun do not make a compound that a name
/// follows directly, a name, its verb and its object do. The tagger often
/// reads such a verb as a noun, and a keyphrase must not end in one.
pub fn demote_headline_verbs(toks: &mut [Tok]) {
    let name = |t: &Tok| t.cap && t.cat() == Cat::Propn;
    for i in 1..toks.len().saturating_sub(1) {
        let t = &toks[i];
        if t.s_form && !t.cap && t.cat() == Cat::Noun && name(&toks[i - 1]) && name(&toks[i + 1]) {
            toks[i].cat = Some(Cat::Other);
        }
    }
}

/// Calls `emit(start, end, nested)` for every candidate (a token range, end
/// exclusive) of one sentence's tokens; see the module docs. `nested` is set
/// when the candidate is a proper suffix of a longer one emitted with it
/// (`guarantees` in `security guarantees`), which is what C-value counts.
pub fn candidates(toks: &[Tok], max_words: usize, mut emit: impl FnMut(usize, usize, bool)) {
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if !toks[i].starts() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < n {
            let t = &toks[j];
            if t.cat().is_content() && !t.connector && !t.clitic {
                j += 1;
                continue;
            }
            // A function word or possessive inside a capitalised name.
            let prev = &toks[j - 1];
            if prev.cap && prev.cat().is_head() && (t.connector || t.clitic) {
                let mut k = j;
                let limit = if t.clitic { j + 1 } else { j + 2 };
                while k < n && k < limit && (toks[k].connector || toks[k].clitic) {
                    k += 1;
                }
                if k < n && toks[k].name_word() {
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        chunk(toks, start, j, max_words, &mut emit);
        i = j;
    }
}

/// The candidates of the chunk `toks[start..end]`.
fn chunk(toks: &[Tok], start: usize, mut end: usize, max_words: usize, emit: &mut impl FnMut(usize, usize, bool)) {
    while end > start && (!toks[end - 1].cat().is_head() || toks[end - 1].connector || toks[end - 1].clitic) {
        end -= 1;
    }
    if end == start {
        return;
    }
    // Cut titles off the names they precede.
    let mut seg = start;
    let mut p = start;
    while p + 1 < end {
        // A common noun before a name is its apposition (`director | Rupert Goold`).
        if !toks[p].cap && toks[p].cat().is_head() && toks[p + 1].name_word() && toks[p + 1].cat() == Cat::Propn {
            segment(toks, seg, p + 1, max_words, emit);
            seg = p + 1;
            p += 1;
            continue;
        }
        if toks[p].title && toks[p].cat().is_head() {
            let mut q = p + 1;
            // `Secretary of State Marco Rubio`: the title keeps `of State`.
            if toks[q].connector && toks[p].cap {
                let mut r = q;
                while r < end && r < q + 2 && toks[r].connector {
                    r += 1;
                }
                if r < end && toks[r].name_word() && !toks[r].title {
                    q = r + 1;
                }
            }
            if q < end && toks[q].name_word() && !toks[q].title && toks[q].cat() == Cat::Propn {
                segment(toks, seg, q, max_words, emit);
                seg = q;
                p = q;
                continue;
            }
        }
        p += 1;
    }
    segment(toks, seg, end, max_words, emit);
}

/// The candidates of one segment of a chunk: its suffixes, and those of each
/// capitalised name inside it that common nouns follow.
fn segment(toks: &[Tok], start: usize, mut end: usize, max_words: usize, emit: &mut impl FnMut(usize, usize, bool)) {
    while end > start && (!toks[end - 1].cat().is_head() || toks[end - 1].connector || toks[end - 1].clitic) {
        end -= 1;
    }
    if end == start {
        return;
    }
    suffixes(toks, start, end, max_words, emit);
    // Names followed by common nouns (`Donald Trump administration`).
    let mut e = start + 1;
    while e < end {
        let name_end = toks[e - 1].cap && toks[e - 1].cat() == Cat::Propn;
        if name_end && !toks[e].cap && toks[e].cat().is_head() && !toks[e].connector {
            suffixes(toks, start, e, max_words, emit);
        }
        e += 1;
    }
}

fn suffixes(toks: &[Tok], start: usize, end: usize, max_words: usize, emit: &mut impl FnMut(usize, usize, bool)) {
    let head_title = toks[end - 1].title;
    let mut words = 0;
    let mut connector = false;
    let mut starts = [0usize; 2 * super::MAX_PHRASE_WORDS];
    let mut n = 0;
    for s in (start..end).rev() {
        let t = &toks[s];
        if t.connector {
            connector = true;
        }
        if !t.clitic && !t.connector {
            words += 1;
        }
        if words > max_words || n == starts.len() {
            break;
        }
        let bare_title = head_title && !connector;
        let reporting = s + 1 == end && t.reporting;
        if t.starts() && !bare_title && !reporting && !inside_name(toks, start, s) {
            starts[n] = s;
            n += 1;
        }
    }
    for (i, &s) in starts[..n].iter().enumerate() {
        emit(s, end, i + 1 < n);
    }
}

/// Whether `toks[s]` continues a capitalised name begun before it (`Aires`
/// in `Buenos Aires`, `State` in `Secretary of State`): a name is not cut.
#[inline]
fn inside_name(toks: &[Tok], start: usize, s: usize) -> bool {
    if s == start || !toks[s].name_word() {
        return false;
    }
    let prev = &toks[s - 1];
    prev.name_word() || (prev.connector && s >= start + 2 && toks[s - 2].name_word())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens from `word/TAG` pairs (N, P, A, #, or anything else for other).
    fn toks(s: &str) -> (Vec<&str>, Vec<Tok>) {
        let mut words = Vec::new();
        let mut out = Vec::new();
        for item in s.split(' ') {
            let (w, tag) = item.rsplit_once('/').unwrap();
            let cat = match tag {
                "N" => Cat::Noun,
                "P" => Cat::Propn,
                "A" => Cat::Adj,
                "#" => Cat::Num,
                _ => Cat::Other,
            };
            let lower = w.to_lowercase();
            out.push(Tok {
                cat: Some(cat),
                cap: w.chars().next().unwrap().is_uppercase(),
                connector: matches!(lower.as_str(), "of" | "the" | "and"),
                clitic: w == "’s",
                title: matches!(lower.as_str(), "president" | "vice" | "minister" | "secretary" | "foreign"),
                reporting: lower == "comments",
                s_form: lower.ends_with('s') && !lower.ends_with("ss"),
            });
            words.push(w);
        }
        (words, out)
    }

    fn phrases(s: &str) -> Vec<String> {
        let (words, mut t) = toks(s);
        demote_headline_verbs(&mut t);
        let mut out = Vec::new();
        candidates(&t, 4, |a, b, _| out.push(words[a..b].join(" ")));
        out
    }

    #[test]
    fn noun_phrases_only() {
        let got = phrases("Welker/P asked/V Vance/P about/O security/N guarantees/N ./O");
        assert_eq!(got, ["Welker", "Vance", "guarantees", "security guarantees"]);
        let got = phrases("aggressive/A economic/A leverage/N");
        assert_eq!(got, ["leverage", "economic leverage", "aggressive economic leverage"]);
        // A chunk ends in a noun: the trailing adjective is dropped.
        assert_eq!(phrases("the/O war/N was/O long/A"), ["war"]);
    }

    #[test]
    fn names_connectors_and_titles() {
        let got = phrases("on/O NBC/P ’s/O Meet/P the/O Press/P");
        assert!(got.contains(&"Meet the Press".to_string()), "{got:?}");
        assert!(got.contains(&"NBC ’s Meet the Press".to_string()), "{got:?}");
        assert!(!got.iter().any(|p| p.starts_with("the") || p.starts_with("’s")), "{got:?}");
        let got = phrases("Secretary/P of/O State/P Marco/P Rubio/P said/V");
        assert!(got.contains(&"Secretary of State".to_string()), "{got:?}");
        assert!(got.contains(&"Marco Rubio".to_string()), "{got:?}");
        assert!(!got.iter().any(|p| p.contains("State Marco")), "{got:?}");
        let got = phrases("Russian/A President/P Vladimir/P Putin/P");
        // The title is cut off, and the name is not cut (`Putin` counts where written alone).
        assert_eq!(got, ["Vladimir Putin"]);
        assert_eq!(phrases("Buenos/P Aires/P"), ["Buenos Aires"]);
        assert_eq!(phrases("director/N Rupert/P Goold/P"), ["director", "Rupert Goold"]);
        assert_eq!(phrases("Vance/P ’s/O comments/N"), ["Vance"]);
        let got = phrases("the/O Foreign/P Minister/P spoke/V to/O the/O President/N");
        assert!(got.is_empty(), "{got:?}");
        // A lowercase connector between lowercase words is not part of a name.
        assert_eq!(phrases("security/N of/O Ukraine/P"), ["security", "Ukraine"]);
        // A headline verb read as a noun ends no candidate.
        let got = phrases("JD/P Vance/P warns/N U.S./P may/O withdraw/V support/N");
        assert_eq!(got, ["JD Vance", "U.S.", "support"]);
        assert_eq!(phrases("Ukraine/P talks/N in/O London/P"), ["talks", "Ukraine talks", "Ukraine", "London"]);
        let got = phrases("Donald/P Trump/P administration/N");
        assert_eq!(got, ["administration", "Donald Trump administration", "Donald Trump"]);
    }
}
