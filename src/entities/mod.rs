//! Named entities: mentions found by rules and dictionaries, then linked
//! across the corpus into canonical entities (one real-world thing, all its
//! spellings merged, one label).
//!
//! # Labels
//!
//! | label  | what                                   | CoNLL |
//! |--------|----------------------------------------|-------|
//! | PERSON | people                                 | PER   |
//! | ORG    | organisations, companies, media, teams | ORG   |
//! | GPE    | countries, cities, states              | LOC   |
//! | LOC    | regions, seas, rivers, mountains       | LOC   |
//! | NORP   | nationalities, religious or political groups | MISC |
//! | EVENT  | wars, summits, games, elections        | MISC  |
//! | WORK   | titles of works (programmes, books)    | MISC  |
//! | MISC   | other names                            | MISC  |
//!
//! # Mentions
//!
//! In each kept sentence: the user's dictionary first, then runs of
//! capitalised words (with connectors such as `of`, `the`, `de`, `von`
//! inside), split by the built-in dictionary (countries, cities, regions,
//! nationalities, international organisations, media), titles before names
//! (`Vice President`, `Foreign Minister`, `Sen.`; kept as the person's role,
//! never part of the name), lowercase roles before names (`envoy Steve
//! Witkoff`), organisation and event cue words (`Ministry`, `Council`,
//! `Summit`), acronyms, and place prepositions (`in`, `from`). A capitalised
//! first word of a sentence that the corpus also writes in lowercase is not a
//! name. Headlines in capitals use the dictionaries only.
//!
//! # Linking
//!
//! Dictionary names merge with their aliases (`US`, `U.S.`, `United States`).
//! Person names merge when their transliteration keys agree (`Zelensky` /
//! `Zelenskyy`, `Sergei` / `Sergey`); a surname alone joins the one full name
//! that ends with it (`Vance` → `JD Vance`) or is reported as ambiguous when
//! several do. Acronyms join the one multi-word organisation whose initials
//! they spell. Each entity gets one label, voted over all its mentions.
//!
//! # The steps
//!
//! 1. `lexicon.rs`: the word lists and the small predicates on words
//!    (titles, role nouns, cue words, connectors, transliteration keys).
//! 2. `mention.rs`: [`Extractor`] finds the mentions of each document, with a
//!    local label and the evidence for it.
//! 3. `link.rs`: the mentions of the whole corpus are merged into canonical
//!    entities, each with one label by vote.
//!
//! `gazetteer.rs` holds the dictionaries (built-in and the user's) that
//! steps 2 and 3 look names up in.
//!
//! Between steps 2 and 3, a learned sequence tagger (`learned.rs`, features
//! in `features.rs`, training in `train.rs`, shipped weights `ner.weights`)
//! reads the rules' mentions as features and `combine.rs` merges the two
//! where each is strong (see `docs/entities.md`).

mod combine;
mod features;
pub mod gazetteer;
pub mod learned;
mod lexicon;
mod link;
mod mention;
pub mod train;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::tokenize::Span;
pub use gazetteer::{builtin, name_key, Gazetteer};
pub use lexicon::translit_key;
pub use mention::Extractor;

/// The label of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Geo-political entities: countries, cities, states.
    Gpe,
    /// Other locations.
    Loc,
    /// Nationalities, religious and political groups.
    Norp,
    /// Named events.
    Event,
    /// Titles of works.
    Work,
    /// Other names.
    Misc,
}

impl Label {
    /// Every label.
    pub const ALL: [Label; 8] =
        [Label::Person, Label::Org, Label::Gpe, Label::Loc, Label::Norp, Label::Event, Label::Work, Label::Misc];

    /// The name used in Python.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Event => "EVENT",
            Label::Work => "WORK",
            Label::Misc => "MISC",
        }
    }

    /// Parses a label name (also spaCy's `PER`, `WORK_OF_ART`, `FAC`).
    pub fn parse(name: &str) -> Option<Label> {
        Some(match name.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Label::Person,
            "ORG" => Label::Org,
            "GPE" => Label::Gpe,
            "LOC" | "FAC" => Label::Loc,
            "NORP" => Label::Norp,
            "EVENT" => Label::Event,
            "WORK" | "WORK_OF_ART" => Label::Work,
            "MISC" => Label::Misc,
            _ => return None,
        })
    }

    /// The CoNLL-2003 label (PER, ORG, LOC, MISC).
    pub fn conll(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Org => "ORG",
            Label::Gpe | Label::Loc => "LOC",
            Label::Norp | Label::Event | Label::Work | Label::Misc => "MISC",
        }
    }
}

/// How sure the rule that found a mention is of its label (for voting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Evidence {
    /// A single capitalised word nothing else says anything about.
    Unknown = 0,
    /// The shape of the name (two capitalised words, a place preposition).
    Shape = 1,
    /// A cue word (`Ministry`, `Summit`) or an acronym.
    Cue = 2,
    /// A title or role before the name.
    Title = 3,
    /// The built-in dictionary.
    Builtin = 4,
    /// The learned tagger, where the rules say otherwise.
    Learned = 5,
    /// The user's dictionary.
    User = 6,
}

/// One mention of a name in a document.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Byte span of the name (no title, possessive or punctuation).
    pub span: Span,
    /// Label from local evidence (the entity's label may differ).
    pub label: Label,
    /// How the label was found.
    pub evidence: Evidence,
    /// The title or role before the name, if any.
    pub role: Option<Span>,
    /// Dictionary entry (built-in or user), if any.
    pub entry: Option<(bool, u32)>,
}

/// A canonical entity of a corpus.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// Label decided from all mentions.
    pub label: Label,
    /// Documents that mention it.
    pub docs: u32,
    /// Mentions.
    pub mentions: u32,
    /// Written forms, most frequent first.
    pub variants: Vec<String>,
    /// Titles and roles seen before the name, most frequent first.
    pub roles: Vec<String>,
    /// A surname shared by several people: not merged with any of them.
    pub ambiguous: bool,
}

/// Mentions of every document linked to entities.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Entities {
    /// The entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Per document, its mentions with the index of their entity.
    pub mentions: Vec<Vec<(Mention, u32)>>,
}

/// The label of a single capitalised word nothing says anything about,
/// unless linking finds it is a surname (chosen on CoNLL-2003 dev).
pub const UNKNOWN_LABEL: Label = Label::Org;

/// Finds and links the entities of a corpus.
pub fn extract(corpus: &Corpus, user: Option<&Gazetteer>) -> Entities {
    extract_with(corpus, user, learned::SHIPPED.as_ref())
}

/// [`extract`] with another model, or with the rules alone (`None`).
pub fn extract_with(corpus: &Corpus, user: Option<&Gazetteer>, model: Option<&learned::Model>) -> Entities {
    let per_doc = match model {
        Some(model) => combine::mentions(corpus, user, model),
        None => rules_only(corpus, user),
    };
    link::link(corpus, per_doc, user)
}

/// The mentions the rules alone find (what [`extract`] uses without a model).
pub fn rules_only(corpus: &Corpus, user: Option<&Gazetteer>) -> Vec<Vec<Mention>> {
    let ex = Extractor::new(corpus, user);
    corpus.docs().par_iter().map(|d| if crate::interrupt::requested() { Vec::new() } else { ex.document(d) }).collect()
}

impl Entities {
    /// Canonical names of the entities document `doc` mentions and none of
    /// `others` does, sorted (what a document adds to its story).
    pub fn only_in(&self, doc: usize, others: &[usize]) -> Vec<&str> {
        let seen: rustc_hash::FxHashSet<u32> =
            others.iter().filter_map(|&o| self.mentions.get(o)).flatten().map(|&(_, e)| e).collect();
        let mut own: Vec<&str> = self
            .mentions
            .get(doc)
            .into_iter()
            .flatten()
            .filter(|(_, e)| !seen.contains(e))
            .map(|&(_, e)| self.entities[e as usize].name.as_str())
            .collect();
        own.sort_unstable();
        own.dedup();
        own
    }
}

impl crate::cache::HeapSize for Entities {
    fn heap_size(&self) -> usize {
        let ents: usize = self
            .entities
            .iter()
            .map(|e| {
                e.name.capacity()
                    + crate::cache::HeapSize::heap_size(&e.variants)
                    + crate::cache::HeapSize::heap_size(&e.roles)
            })
            .sum::<usize>()
            + self.entities.capacity() * std::mem::size_of::<crate::entities::Entity>();
        let mentions: usize = self
            .mentions
            .iter()
            .map(|m| m.capacity() * std::mem::size_of::<(crate::entities::Mention, u32)>() + 24)
            .sum();
        ents + mentions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::test_corpus as corpus;

    #[test]
    fn people_titles_and_merging() {
        let c = corpus(&[
            "U.S. Vice President JD Vance met Russian President Vladimir Putin. Vance’s aides said Putin agreed.",
            "Ukrainian President Volodymyr Zelenskyy spoke. Foreign Minister Sergey Lavrov replied to President Trump.",
            "Volodymyr Zelensky and Sergei Lavrov met Donald Trump and special envoy Steve Witkoff in Alaska.",
        ]);
        let ents = extract(&c, None);
        let find =
            |name: &str| ents.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name}: {ents:#?}"));
        let vance = find("JD Vance");
        assert_eq!(vance.label, Label::Person);
        assert_eq!(vance.mentions, 2);
        assert_eq!(vance.roles, ["Vice President"]);
        assert_eq!(find("Vladimir Putin").mentions, 2);
        let z = ents.entities.iter().find(|e| e.variants.contains(&"Volodymyr Zelenskyy".to_string())).unwrap();
        assert!(z.variants.contains(&"Volodymyr Zelensky".to_string()));
        let l = ents.entities.iter().find(|e| e.variants.contains(&"Sergei Lavrov".to_string())).unwrap();
        assert!(l.variants.contains(&"Sergey Lavrov".to_string()));
        let t = find("Donald Trump");
        assert!(t.variants.contains(&"Trump".to_string()));
        assert_eq!(find("Steve Witkoff").roles, ["envoy"]);
        assert_eq!(find("United States").label, Label::Gpe);
        assert_eq!(find("Russian").label, Label::Norp);
        assert_eq!(find("Alaska").label, Label::Gpe);
    }
}
