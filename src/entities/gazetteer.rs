//! Dictionaries of names matched over normalized tokens with the
//! aho-corasick crate: the built-in one (countries, cities, regions,
//! nationalities, international organisations, news media) and the user's own.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::Label;
use crate::error::{Error, Result};
use crate::normalize::{normalize_into, NormalizeOptions};
use crate::tokenize::{tokenize, Token, TokenKind};

/// The normalization used for dictionary keys: case folding, typographic
/// folding, accents removed.
pub fn key_options() -> NormalizeOptions {
    NormalizeOptions { lowercase: true, fold_typography: true, nfkc: true, strip_accents: true }
}

/// The dictionary key of a name: its tokens' normalized forms joined by one
/// space, periods of abbreviations dropped (`U.S.` → `us`).
pub fn name_key(name: &str) -> String {
    let opts = key_options();
    let mut out = String::new();
    let mut buf = String::new();
    for t in tokenize(name) {
        push_token_key(t.text(name), t.kind, &opts, &mut buf, &mut out);
    }
    out
}

fn push_token_key(text: &str, kind: TokenKind, opts: &NormalizeOptions, buf: &mut String, out: &mut String) {
    normalize_into(text, opts, buf);
    let word = kind == TokenKind::Word;
    if buf.is_empty() || word && buf.bytes().all(|b| b == b'.') {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    if word {
        out.extend(buf.chars().filter(|&c| c != '.'));
    } else {
        out.push_str(buf);
    }
}

/// Dictionaries of at most this many patterns are searched by a DFA.
const DFA_PATTERNS: usize = 20_000;

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    /// Its label.
    pub label: Label,
}

/// A compiled dictionary.
#[derive(Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Pattern index -> entry index.
    pattern_entry: Vec<u32>,
    patterns: Vec<String>,
    matcher: Arc<AhoCorasick>,
    /// Whether matched tokens must start with a capital (the built-in
    /// dictionary: `us` the pronoun is not `US` the country).
    require_capital: bool,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} entries, {} patterns)", self.entries.len(), self.patterns.len())
    }
}

/// A dictionary match over a document's tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Index of the entry.
    pub entry: u32,
}

impl Gazetteer {
    /// A dictionary of `entries` (label, canonical name, aliases). Empty names
    /// are an error; a name or alias listed twice for the same entity is
    /// merged; an alias claimed by two entities keeps the first.
    pub fn new(entries: Vec<(Label, String, Vec<String>)>, require_capital: bool) -> Result<Gazetteer> {
        let mut out_entries: Vec<Entry> = Vec::with_capacity(entries.len());
        let mut by_key: HashMap<String, u32> = HashMap::with_capacity(entries.len() * 2);
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry: Vec<u32> = Vec::new();
        let mut canonical: HashMap<(String, Label), u32> = HashMap::new();
        for (label, name, aliases) in entries {
            let name_k = name_key(&name);
            if name_k.is_empty() {
                return Err(Error::InvalidArgument(format!("gazetteer entry {name:?} ({}) is empty", label.as_str())));
            }
            let idx = *canonical.entry((name_k.clone(), label)).or_insert_with(|| {
                out_entries.push(Entry { name: name.clone(), label });
                (out_entries.len() - 1) as u32
            });
            for form in std::iter::once(&name).chain(aliases.iter()) {
                let k = name_key(form);
                if k.is_empty() {
                    return Err(Error::InvalidArgument(format!("alias {form:?} of {name:?} is empty")));
                }
                if let std::collections::hash_map::Entry::Vacant(v) = by_key.entry(k.clone()) {
                    v.insert(idx);
                    patterns.push(k);
                    pattern_entry.push(idx);
                }
            }
        }
        // A small dictionary (the built-in one: a few thousand names) is
        // searched fastest as a DFA; a large one would make the DFA too big,
        // and the crate chooses. The matches are the same either way.
        let kind = (patterns.len() <= DFA_PATTERNS).then_some(AhoCorasickKind::DFA);
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(&patterns)
            .map_err(|e| Error::InvalidArgument(format!("cannot build gazetteer: {e}")))?;
        Ok(Gazetteer { entries: out_entries, pattern_entry, patterns, matcher: Arc::new(matcher), require_capital })
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// A stable hash of the whole dictionary (entries, patterns, the capital
    /// rule): two gazetteers with the same fingerprint find the same names, so
    /// a corpus keeps entities per fingerprint.
    pub fn fingerprint(&self) -> u64 {
        let mut h = crate::hash::StableHasher::new(0x6761_7a65);
        h.write_u64(self.require_capital as u64);
        for e in &self.entries {
            h.write_str(&e.name);
            h.write_u64(e.label as u64);
        }
        for (p, &e) in self.patterns.iter().zip(&self.pattern_entry) {
            h.write_str(p);
            h.write_u64(e as u64);
        }
        h.finish()
    }

    /// Number of patterns (names and aliases).
    pub fn n_patterns(&self) -> usize {
        self.patterns.len()
    }

    /// The entry a name (or alias) belongs to.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let k = name_key(name);
        self.lookup_key(&k)
    }

    /// The entry of an already computed key.
    pub fn lookup_key(&self, key: &str) -> Option<&Entry> {
        // A whole-string match of one pattern.
        let m = self.matcher.find(key)?;
        (m.start() == 0 && m.end() == key.len())
            .then(|| &self.entries[self.pattern_entry[m.pattern().as_usize()] as usize])
    }

    /// Matches over `tokens` of `text`: whole tokens only, leftmost-longest,
    /// not overlapping.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Hit> {
        let opts = key_options();
        let mut joined = String::with_capacity(text.len());
        let mut starts: Vec<usize> = Vec::with_capacity(tokens.len());
        let mut ends: Vec<usize> = Vec::with_capacity(tokens.len());
        let mut buf = String::new();
        for t in tokens {
            let before = joined.len();
            push_token_key(t.text(text), t.kind, &opts, &mut buf, &mut joined);
            // Token start in `joined` (after the separating space, if any).
            let start = if joined.len() > before && before > 0 { before + 1 } else { before };
            starts.push(start);
            ends.push(joined.len());
        }
        let mut hits = Vec::new();
        for m in self.matcher.find_iter(&joined) {
            let Ok(first) = starts.binary_search(&m.start()) else { continue };
            let last = ends.partition_point(|&e| e < m.end());
            if last >= ends.len() || ends[last] != m.end() || last < first {
                continue;
            }
            let entry = self.pattern_entry[m.pattern().as_usize()];
            if self.require_capital
                && !tokens[first..=last].iter().any(|t| t.text(text).chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            hits.push(Hit { first, last: last + 1, entry });
        }
        hits
    }
}

/// The built-in dictionary (compiled once).
pub fn builtin() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let data = include_str!("builtin.tsv");
        let mut entries = Vec::new();
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(label), Some(name)) = (cols.next(), cols.next()) else { continue };
            let Some(label) = Label::parse(label) else { continue };
            let aliases: Vec<String> = cols
                .next()
                .unwrap_or("")
                .split('|')
                .filter(|a| !a.trim().is_empty())
                .map(|a| a.trim().to_string())
                .collect();
            entries.push((label, name.trim().to_string(), aliases));
        }
        Gazetteer::new(entries, true).expect("the built-in gazetteer is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(name_key("  New   Delhi "), "new delhi");
    }

    #[test]
    fn matching() {
        let g = Gazetteer::new(
            vec![
                (Label::Gpe, "United States".into(), vec!["US".into(), "U.S.".into()]),
                (Label::Gpe, "New Delhi".into(), vec![]),
                (Label::Org, "United Nations".into(), vec!["UN".into()]),
            ],
            true,
        )
        .unwrap();
        let text = "The U.S. and the UN met in New Delhi, said us.";
        let toks = tokenize(text);
        let hits: Vec<(&str, &str)> = g
            .find(text, &toks)
            .iter()
            .map(|h| (&text[toks[h.first].start..toks[h.last - 1].end], g.entries()[h.entry as usize].name.as_str()))
            .collect();
        assert_eq!(hits, [("U.S.", "United States"), ("UN", "United Nations"), ("New Delhi", "New Delhi")]);
        assert_eq!(g.lookup("united states").map(|e| e.label), Some(Label::Gpe));
        assert!(Gazetteer::new(vec![(Label::Org, " ".into(), vec![])], false).is_err());
    }
}
