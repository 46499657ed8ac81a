//! A rough guess of the grammar's word classes from spelling alone (word
//! lists, suffixes, capitals), for use where no part-of-speech tags exist.

use super::grammar::Cat;

/// Common verbs that suffixes do not reveal.
const VERBS: &[&str] = &[
    "ask", "asks", "believe", "believes", "came", "come", "comes", "gave", "get", "gets", "give", "gives", "go", "goes",
    "got", "keep", "keeps", "kept", "know", "knew", "knows", "let", "make", "makes", "made", "need", "needs", "put",
    "puts", "said", "saw", "say", "says", "see", "seem", "seems", "seen", "sees", "show", "shows", "take", "takes",
    "tell", "tells", "think", "thinks", "thought", "told", "took", "want", "wants", "went",
];

const ADJ_SUFFIXES: &[&str] =
    &["ous", "ful", "ive", "able", "ible", "ic", "ical", "ant", "est", "less", "ary", "ish", "ese", "ian", "al"];

/// How to find a word's class once the next word is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// This class, whatever follows.
    Is(Cat),
    /// A participle (`-ing`, `-ed`): an adjective before a noun (`annexed
    /// territories`), a verb elsewhere.
    Participle,
    /// An `-al` word: an adjective before a noun, a noun elsewhere (`proposal`).
    Al,
}

impl Rule {
    /// The class when the next word does (`next_nounish`) or does not look like a noun.
    #[inline]
    pub fn resolve(self, next_nounish: bool) -> Cat {
        match self {
            Rule::Is(c) => c,
            Rule::Participle if next_nounish => Cat::Adj,
            Rule::Participle => Cat::Other,
            Rule::Al if next_nounish => Cat::Adj,
            Rule::Al => Cat::Noun,
        }
    }
}

/// The rule for a word from its written form `raw`, its normalized form
/// `norm` (lowercase), whether it is a stopword and whether it starts its sentence.
pub fn rule(raw: &str, norm: &str, stop: bool, initial: bool) -> Rule {
    if stop {
        return Rule::Is(Cat::Other);
    }
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    if cap && !initial {
        return Rule::Is(Cat::Propn);
    }
    if norm.ends_with("ly") || VERBS.contains(&norm) {
        return Rule::Is(Cat::Other);
    }
    if norm.ends_with("ing") || norm.ends_with("ed") {
        return Rule::Participle;
    }
    if cap {
        return Rule::Is(Cat::Propn);
    }
    if norm.ends_with("al") {
        return Rule::Al;
    }
    if ADJ_SUFFIXES.iter().any(|s| norm.len() > s.len() + 2 && norm.ends_with(s)) {
        return Rule::Is(Cat::Adj);
    }
    Rule::Is(Cat::Noun)
}

#[cfg(test)]
/// The class of a word (see [`rule`]) given whether the next word looks like a noun.
pub fn guess(raw: &str, norm: &str, stop: bool, initial: bool, next_nounish: bool) -> Cat {
    rule(raw, norm, stop, initial).resolve(next_nounish)
}

/// Whether a word could be a lowercase noun (what [`Rule::resolve`] asks of the next word).
pub fn nounish(raw: &str, norm: &str, stop: bool) -> bool {
    !stop
        && !raw.chars().next().is_some_and(char::is_uppercase)
        && !norm.ends_with("ly")
        && !norm.ends_with("ed")
        && !VERBS.contains(&norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rough_classes() {
        assert_eq!(guess("asked", "asked", false, false, false), Cat::Other);
        assert_eq!(guess("Vance", "vance", false, false, false), Cat::Propn);
        assert_eq!(guess("annexed", "annexed", false, false, true), Cat::Adj);
        assert_eq!(guess("significant", "significant", false, false, true), Cat::Adj);
        assert_eq!(guess("guarantees", "guarantees", false, false, false), Cat::Noun);
        assert_eq!(guess("the", "the", true, false, false), Cat::Other);
    }
}
