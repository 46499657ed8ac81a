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
//! steps 2 and 3 look names up in; `warm.rs` fills the per-thread caches of
//! word forms at model load.
//!
//! Between steps 2 and 3, a learned sequence tagger (`learned.rs`, features
//! in `features.rs`, training in `train.rs`, shipped weights `ner.weights`)
//! reads the rules' mentions as features and `combine.rs` merges the two
//! where each is strong (see `docs/entities.md`).
//!
//! What mention finding reads from the whole corpus (the words it writes in
//! lowercase, the rules' label votes per word, the words seen after a title)
//! is gathered in steps that merge exactly over parts of a collection, and
//! linking reads only each mention's written form and role: [`extract`] runs
//! [`lowercase_words`], [`find_mentions`] and linking, and a collection
//! analysed in parts runs the same with [`rule_evidence`], [`merge_evidence`]
//! and [`link_written`] (`docs/dask.md`).

mod combine;
mod features;
pub mod gazetteer;
pub mod learned;
mod lexicon;
mod link;
mod mention;
pub mod train;
mod warm;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::tokenize::Span;
pub use features::CorpusEvidence;
pub use gazetteer::{builtin, name_key, Gazetteer};
pub use lexicon::translit_key;
pub use mention::{lowercase_words, Extractor};

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
///
/// The steps, which [`find_mentions`] and [`link_written`] also run for a
/// collection analysed in parts: the words the corpus writes in lowercase
/// ([`lowercase_words`]); the rules' mentions and the evidence read off them
/// ([`rule_evidence`]); every document's mentions given that evidence; and
/// linking, which reads only each mention's written form and role.
pub fn extract_with(corpus: &Corpus, user: Option<&Gazetteer>, model: Option<&learned::Model>) -> Entities {
    let per_doc = find_mentions(corpus, lowercase_words(corpus), None, user, model);
    link::link(per_doc, |d| corpus.docs()[d].text.as_str(), user)
}

/// The mentions the rules alone find (what [`extract`] uses without a model).
pub fn rules_only(corpus: &Corpus, user: Option<&Gazetteer>) -> Vec<Vec<Mention>> {
    find_mentions(corpus, lowercase_words(corpus), None, user, None)
}

/// The evidence the rules give over `corpus` (label votes per word, words
/// seen after a title), with `lowercase` as the words the collection writes
/// in lowercase ([`lowercase_words`] of the corpus, or the union of those of
/// every part of a collection). Votes add up and words unite over documents:
/// [`merge_evidence`] of the parts' evidence is the whole's.
pub fn rule_evidence(corpus: &Corpus, lowercase: FxHashSet<String>, user: Option<&Gazetteer>) -> CorpusEvidence {
    combine::RulePass::with_extractor(corpus, Extractor::with_words(lowercase, user)).corpus
}

/// Adds the evidence of another part of a collection to `into`.
pub fn merge_evidence(into: &mut CorpusEvidence, other: CorpusEvidence) {
    into.titled.extend(other.titled);
    for (k, v) in other.votes {
        let slot = into.votes.entry(k).or_insert([0; 4]);
        for (a, b) in slot.iter_mut().zip(v) {
            *a += b;
        }
    }
}

/// Every document's mentions, not linked: the rules with `lowercase` as the
/// words the collection writes in lowercase, then (with a model) the learned
/// tagger reading the rules' mentions and `evidence`, the collection's
/// ([`rule_evidence`], merged), or the corpus's own when `None`.
pub fn find_mentions(
    corpus: &Corpus,
    lowercase: FxHashSet<String>,
    evidence: Option<CorpusEvidence>,
    user: Option<&Gazetteer>,
    model: Option<&learned::Model>,
) -> Vec<Vec<Mention>> {
    warm::warm(model);
    mentions_of(corpus, lowercase, evidence, user, model)
}

/// [`find_mentions`] without filling the per-thread caches first.
fn mentions_of(
    corpus: &Corpus,
    lowercase: FxHashSet<String>,
    evidence: Option<CorpusEvidence>,
    user: Option<&Gazetteer>,
    model: Option<&learned::Model>,
) -> Vec<Vec<Mention>> {
    let ex = Extractor::with_words(lowercase, user);
    match model {
        Some(model) => {
            let mut pass = combine::RulePass::with_extractor(corpus, ex);
            if let Some(evidence) = evidence {
                pass.corpus = evidence;
            }
            combine::mentions(corpus, &pass, model)
        }
        None => corpus
            .docs()
            .par_iter()
            .map(|d| if crate::interrupt::requested() { Vec::new() } else { ex.document(d) })
            .collect(),
    }
}

/// A mention with what linking reads of its document: its written form and
/// the title or role written before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WrittenMention {
    /// The mention (spans into its own document).
    pub mention: Mention,
    /// The name as written.
    pub text: String,
    /// The title or role before it, as written.
    pub role: Option<String>,
}

/// `per_doc`'s mentions of `corpus` with their written forms.
pub fn written(corpus: &Corpus, per_doc: Vec<Vec<Mention>>) -> Vec<Vec<WrittenMention>> {
    per_doc
        .into_iter()
        .zip(corpus.docs())
        .map(|(ms, doc)| {
            ms.into_iter()
                .map(|m| WrittenMention {
                    text: doc.text[m.span.start..m.span.end].to_string(),
                    role: m.role.map(|r| doc.text[r.start..r.end].to_string()),
                    mention: m,
                })
                .collect()
        })
        .collect()
}

/// Links mentions found elsewhere (every document's, in document order, as
/// [`find_mentions`] and [`written`] give them) without their texts: the same
/// linking as [`extract`], so mentions of a collection found part by part,
/// with the collection's evidence, link into the entities of one corpus of
/// the whole collection. The mentions keep their spans.
pub fn link_written(per_doc: Vec<Vec<WrittenMention>>, user: Option<&Gazetteer>) -> Entities {
    // Per document, a text of its written forms and roles, each on a line,
    // and the mentions pointing into it.
    let mut texts: Vec<String> = Vec::with_capacity(per_doc.len());
    let mut local: Vec<Vec<Mention>> = Vec::with_capacity(per_doc.len());
    let mut spans: Vec<Vec<(Span, Option<Span>)>> = Vec::with_capacity(per_doc.len());
    for ms in per_doc {
        let mut text = String::new();
        let mut put = |s: &str| {
            let start = text.len();
            text.push_str(s);
            let span = Span { start, end: text.len() };
            text.push('\n');
            span
        };
        let mut own = Vec::with_capacity(ms.len());
        let mut kept = Vec::with_capacity(ms.len());
        for w in ms {
            let span = put(&w.text);
            let role = w.role.as_deref().map(&mut put);
            kept.push((w.mention.span, w.mention.role));
            own.push(Mention { span, role, ..w.mention });
        }
        texts.push(text);
        local.push(own);
        spans.push(kept);
    }
    let mut ents = link::link(local, |d| texts[d].as_str(), user);
    for (ms, kept) in ents.mentions.iter_mut().zip(spans) {
        for ((m, _), (span, role)) in ms.iter_mut().zip(kept) {
            m.span = span;
            m.role = role;
        }
    }
    ents
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

    /// The entities of a collection found part by part, with the evidence of
    /// every part merged, then linked without the texts.
    fn in_parts(parts: &[&[&str]], model: Option<&learned::Model>) -> Entities {
        let corpora: Vec<Corpus> = parts.iter().map(|p| corpus(p)).collect();
        let mut words = FxHashSet::default();
        for c in &corpora {
            words.extend(lowercase_words(c));
        }
        let mut evidence = CorpusEvidence::default();
        for c in &corpora {
            merge_evidence(&mut evidence, rule_evidence(c, words.clone(), None));
        }
        let mut all = Vec::new();
        for c in &corpora {
            let ev = CorpusEvidence { titled: evidence.titled.clone(), votes: evidence.votes.clone() };
            all.extend(written(c, find_mentions(c, words.clone(), Some(ev), None, model)));
        }
        link_written(all, None)
    }

    /// Warming the per-thread caches changes nothing found: a fresh thread
    /// finds the same mentions with cold caches as with warm ones.
    #[test]
    fn warm_caches_find_the_same() {
        let c = corpus(&[
            "Ukrainian President Volodymyr Zelenskyy spoke in Kyiv. Foreign Minister Sergey Lavrov replied.",
            "Apple said sales rose 5 percent in the quarter, the company said on Tuesday in Cupertino.",
        ]);
        let model = learned::SHIPPED.as_ref();
        let fresh = || rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
        let cold = fresh().install(|| mentions_of(&c, lowercase_words(&c), None, None, model));
        let warm = fresh().install(|| find_mentions(&c, lowercase_words(&c), None, None, model));
        assert!(!cold.iter().all(Vec::is_empty));
        assert_eq!(cold, warm);
    }

    #[test]
    fn parts_link_as_one_corpus() {
        let texts = [
            "Ukrainian President Volodymyr Zelenskyy spoke in Kyiv. Foreign Minister Sergey Lavrov replied.",
            "Apple said sales rose. Critics of Lavrov met Zelenskyy.",
            "Zelensky met Sergei Lavrov and special envoy Steve Witkoff. Witkoff left.",
            "Orchard growers sell an apple a day. The Kremlin spoke of Lavrov.",
            "Envoy Witkoff and Zelensky met in Geneva.",
        ];
        let whole = corpus(&texts);
        for model in [learned::SHIPPED.as_ref(), None] {
            let one = extract_with(&whole, None, model);
            let parts = in_parts(&[&texts[..2], &texts[2..3], &texts[3..]], model);
            assert_eq!(parts.entities, one.entities);
            assert_eq!(parts.mentions, one.mentions);
        }
        // Split, each part on its own would not link the same: the variant
        // spellings sit in different parts.
        let alone = extract(&corpus(&texts[2..3]), None);
        assert!(alone.entities.iter().all(|e| !e.variants.contains(&"Volodymyr Zelenskyy".to_string())));
    }
}
