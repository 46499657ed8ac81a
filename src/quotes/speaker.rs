//! Step 3 of quotation finding: the speaker as written resolved to a
//! canonical entity of the corpus (see [`crate::entities`]).
//!
//! A name is the entity of the mention it holds (so `Karlsson` is `Erik
//! Karlsson` when linking joined them). A pronoun (`he`, `she`) or a
//! description (`the minister`, `the rookie defenceman`) is the nearest
//! fitting person named before it, outside quotations: the last speaker if
//! the sentence before names them, else the first person named in the
//! nearest sentence before that names one (one whose gender is known to
//! match first). A person fits when their gender
//! (from a title, `Mr.`/`Ms.`, or a first name) does not contradict the
//! pronoun's, and, for a description, when one of their roles (`Foreign
//! Minister`) holds its last word, if anyone's does. `it`, and a description
//! of an organisation (`the security firm`), is the nearest organisation.

use std::sync::LazyLock;

use crate::entities::{Entities, Label, Mention};
use crate::tokenize::Span;
use crate::wordlist::WordSet;

static MALE: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(MALE_FILE));
const MALE_FILE: &str = include_str!("words/male.txt");
static FEMALE: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(FEMALE_FILE));
const FEMALE_FILE: &str = include_str!("words/female.txt");

/// A person's gender as far as the text tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn fits(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// The gender a pronoun names.
fn pronoun_gender(w: &str) -> Option<Gender> {
    match w {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        "i" | "you" | "we" | "they" => Some(Gender::Unknown),
        _ => None,
    }
}

/// What one document's speakers are resolved against.
pub(super) struct People<'a> {
    text: &'a str,
    /// Mentions (span, entity), by position.
    mentions: Vec<(Span, u32)>,
    ents: &'a Entities,
    /// The entities' genders.
    gender: Vec<Gender>,
    sentences: &'a [Span],
    quoted: &'a [Span],
}

impl<'a> People<'a> {
    pub fn new(
        text: &'a str,
        mentions: &[(Mention, u32)],
        ents: &'a Entities,
        sentences: &'a [Span],
        quoted: &'a [Span],
    ) -> People<'a> {
        let mut ms: Vec<(Span, u32)> = mentions.iter().map(|(m, e)| (m.span, *e)).collect();
        ms.sort_by_key(|(s, _)| (s.start, s.end));
        // Genders of the people this document names, from titles and first names.
        let mut gender: Vec<Gender> = vec![Gender::Unknown; ents.entities.len()];
        for (m, e) in mentions {
            let ent = &ents.entities[*e as usize];
            if ent.label != Label::Person {
                continue;
            }
            let g = m
                .role
                .map(|r| title_gender(&text[r.start..r.end]))
                .filter(|g| *g != Gender::Unknown)
                .unwrap_or_else(|| name_gender(&ent.name));
            if g != Gender::Unknown {
                gender[*e as usize] = g;
            }
        }
        People { text, mentions: ms, ents, gender, sentences, quoted }
    }

    fn inside_quote(&self, s: Span) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= s.start);
        self.quoted.get(i).is_some_and(|q| q.start <= s.start && s.end <= q.end)
    }

    fn is_person(&self, e: u32) -> bool {
        self.ents.entities[e as usize].label == Label::Person
    }

    /// The entity a speaker span names, or the one it refers to; `last` is
    /// the previous quotation's speaker entity.
    pub fn resolve(&self, speaker: Span, last: Option<u32>) -> Option<u32> {
        // A name: the last mention inside the span, a person first.
        let lo = self.mentions.partition_point(|(s, _)| s.end <= speaker.start);
        let inside: Vec<(Span, u32)> = self.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start < speaker.end)
            .filter(|(s, _)| s.end <= speaker.end || s.start >= speaker.start)
            .copied()
            .collect();
        let phrase = self.text[speaker.start..speaker.end].to_lowercase();
        let mut words: Vec<&str> = phrase.split_whitespace().collect();
        let described = words.len() >= 2 && super::phrase::is_determiner(words[0]);
        if let Some(&(s, e)) = inside.iter().rev().find(|(_, e)| self.is_person(*e)).or(inside.last()) {
            // A place or organisation inside a description (`the self-taught
            // Cambridge resident`) is not who speaks.
            if self.is_person(e) || !described || s.end >= speaker.end {
                return Some(e);
            }
        }
        let mut head = *words.last()?;
        let capital = self.text[speaker.start..].starts_with(char::is_uppercase);
        if capital && words.len() <= 3 && pronoun_gender(head).is_none() && head != "it" {
            // A name the entities did not find (`Green`): the nearest person
            // named before whose name ends with it.
            let named = self.nearest(speaker.start, |e| {
                self.is_person(e)
                    && self.ents.entities[e as usize].name.rsplit(' ').next().is_some_and(|l| l.to_lowercase() == head)
            });
            if named.is_some() {
                return named;
            }
        }
        if words.len() == 2 && is_document_noun(head) {
            // `her statement`, `its post`: whoever the possessive names.
            let pronoun = match words[0] {
                "his" => Some("he"),
                "her" => Some("she"),
                "its" => Some("it"),
                _ => None,
            };
            if let Some(p) = pronoun {
                head = p;
                words = vec![p];
            }
        }
        if words.len() >= 2 && words[0] == "the" && is_org_noun(head) {
            // `the security firm`, `the agency`: the nearest organisation.
            return self.nearest(speaker.start, |e| self.ents.entities[e as usize].label == Label::Org);
        }
        if words.len() == 1 && head == "it" {
            return self
                .nearest(speaker.start, |e| matches!(self.ents.entities[e as usize].label, Label::Org | Label::Gpe));
        }
        let g = match pronoun_gender(head) {
            Some(Gender::Unknown) if head != "i" => return None,
            Some(g) => g,
            None if words.len() >= 2 && matches!(words[0], "the" | "his" | "her" | "their") => {
                // A description: someone whose role holds its last word.
                let by_role = self.nearest(speaker.start, |e| {
                    self.is_person(e)
                        && self.ents.entities[e as usize].roles.iter().any(|r| r.to_lowercase().contains(head))
                });
                if by_role.is_some() {
                    return by_role;
                }
                if !is_person_noun(head) {
                    return None;
                }
                Gender::Unknown
            }
            None => return None,
        };
        let fits = |e: u32| self.is_person(e) && self.gender[e as usize].fits(g);
        // The last speaker, when the sentence before (or this one) names them.
        let sent = self.sentences.partition_point(|s| s.end <= speaker.start);
        let from = self.sentences.get(sent.saturating_sub(1)).map_or(0, |s| s.start);
        if let Some(l) = last.filter(|&l| fits(l)) {
            let named = self.mentions.iter().any(|(s, e)| *e == l && s.start >= from && s.end <= speaker.start);
            if named {
                return Some(l);
            }
        }
        // The first fitting person of the nearest sentence before that names one.
        let mut k = sent.min(self.sentences.len());
        loop {
            let (a, b) = match self.sentences.get(k) {
                Some(s) if s.start < speaker.start => (s.start, speaker.start.min(s.end)),
                _ if k == sent => (from.min(speaker.start), speaker.start),
                _ => (0, 0),
            };
            if a < b {
                let mut hits = self
                    .mentions
                    .iter()
                    .filter(|(s, _)| s.start >= a && s.end <= b && !self.inside_quote(*s))
                    .filter(|(_, e)| fits(*e));
                let first = hits.next();
                // A full name whose gender is known to match beats a single
                // word of unknown gender, often a firm taken for a person
                // (`cybersecurity firm Symantec, Kevin Haley,`).
                let known = match first {
                    Some(&(_, e))
                        if g != Gender::Unknown
                            && self.gender[e as usize] != g
                            && !self.ents.entities[e as usize].name.contains(' ') =>
                    {
                        hits.find(|(_, x)| self.gender[*x as usize] == g)
                    }
                    _ => None,
                };
                if let Some(&(_, e)) = known.or(first) {
                    return Some(e);
                }
            }
            if k == 0 || sent - k > 6 {
                break;
            }
            k -= 1;
        }
        last.filter(|&l| fits(l))
    }

    /// The name of entity `e` as last written before `at`, outside
    /// quotations (`Karlsson`, for a quotation that continues his words).
    pub fn name_before(&self, at: usize, e: u32) -> Option<Span> {
        let hi = self.mentions.partition_point(|(s, _)| s.end <= at);
        self.mentions[..hi].iter().rev().find(|(s, x)| *x == e && !self.inside_quote(*s)).map(|&(s, _)| s)
    }

    /// The nearest entity before `at`, outside quotations, that `pred` accepts.
    fn nearest(&self, at: usize, pred: impl Fn(u32) -> bool) -> Option<u32> {
        let hi = self.mentions.partition_point(|(s, _)| s.end <= at);
        self.mentions[..hi]
            .iter()
            .rev()
            .filter(|(s, _)| !self.inside_quote(*s))
            .find(|(_, e)| pred(*e))
            .map(|&(_, e)| e)
    }
}

/// What a person or organisation issues in its own words (`her statement read`).
fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "statement" | "post" | "letter" | "tweet" | "email" | "e-mail" | "release" | "blog" | "website" | "memo"
    )
}

/// Nouns of descriptions that name an organisation (`the security firm`).
fn is_org_noun(w: &str) -> bool {
    matches!(
        w,
        "firm"
            | "company"
            | "agency"
            | "department"
            | "ministry"
            | "union"
            | "organization"
            | "organisation"
            | "group"
            | "campaign"
            | "committee"
            | "bank"
            | "network"
            | "newspaper"
            | "retailer"
            | "airline"
            | "automaker"
            | "insurer"
            | "broadcaster"
            | "charity"
            | "club"
            | "team"
    )
}

/// Nouns of descriptions that name a person (`the minister`, `the coach`).
fn is_person_noun(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "actor",
        "adviser",
        "advisor",
        "analyst",
        "author",
        "candidate",
        "chairman",
        "chairwoman",
        "chief",
        "coach",
        "commissioner",
        "congressman",
        "congresswoman",
        "councillor",
        "councilor",
        "defenceman",
        "defenseman",
        "democrat",
        "director",
        "economist",
        "executive",
        "forward",
        "founder",
        "goalie",
        "governor",
        "head",
        "leader",
        "manager",
        "mayor",
        "minister",
        "nominee",
        "official",
        "owner",
        "player",
        "premier",
        "president",
        "prime",
        "professor",
        "prosecutor",
        "rep.",
        "republican",
        "rookie",
        "secretary",
        "senator",
        "sen.",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "star",
        "veteran",
        "woman",
        "man",
        "mother",
        "father",
        "lawyer",
        "judge",
        "officer",
        "chancellor",
        "superintendent",
        "captain",
        "researcher",
        "scientist",
        "doctor",
        "businessman",
        "businesswoman",
        "billionaire",
        "ceo",
        "mogul",
        "lawmaker",
        "politician",
        "strategist",
        "pollster",
        "activist",
        "resident",
        "proprietor",
        "artist",
        "publisher",
        "student",
        "teacher",
        "nurse",
        "worker",
        "farmer",
        "neighbour",
        "neighbor",
        "friend",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "dad",
        "mom",
        "mum",
        "boss",
        "organizer",
        "organiser",
        "volunteer",
        "writer",
        "journalist",
        "editor",
        "producer",
        "singer",
        "musician",
        "athlete",
        "winger",
        "goaltender",
        "quarterback",
        "entrepreneur",
        "engineer",
        "physician",
        "surgeon",
        "delegate",
        "ambassador",
        "envoy",
        "diplomat",
        "aide",
        "maverick",
    ];
    NOUNS.contains(&w)
}

/// The gender a title tells (`Mr.`, `Ms.`, `Queen`).
fn title_gender(title: &str) -> Gender {
    let t = title.trim_end_matches('.').to_lowercase();
    match t.split_whitespace().next().unwrap_or("") {
        "mr" | "sir" | "king" | "prince" | "lord" | "father" | "brother" | "congressman" | "chairman" => Gender::Male,
        "mrs" | "ms" | "miss" | "madam" | "dame" | "queen" | "princess" | "lady" | "sister" | "congresswoman"
        | "chairwoman" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// The gender a first name tells.
pub(super) fn name_gender(name: &str) -> Gender {
    let mut parts = name.split_whitespace();
    let (Some(first), Some(_)) = (parts.next(), parts.next()) else { return Gender::Unknown };
    let f = first.to_lowercase();
    if MALE.contains(&f) {
        Gender::Male
    } else if FEMALE.contains(&f) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}
