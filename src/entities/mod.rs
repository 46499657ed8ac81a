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

pub mod gazetteer;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Document};
use crate::tokenize::{Span, Token, TokenKind};
pub use gazetteer::{builtin, name_key, Gazetteer};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
    /// The user's dictionary.
    User = 6,
}

/// One mention of a name in a document.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// The entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Per document, its mentions with the index of their entity.
    pub mentions: Vec<Vec<(Mention, u32)>>,
}

// ---------------------------------------------------------------------------
// Word lists (public facts and conventions of news writing).

/// Titles and honorifics before a name, lowercase, without periods, longest first within each start.
const TITLES: &[&str] = &[
    "acting president",
    "admiral",
    "ambassador",
    "archbishop",
    "attorney general",
    "bishop",
    "brig gen",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief executive",
    "chief justice",
    "chief of staff",
    "col",
    "colonel",
    "commander",
    "congressman",
    "congresswoman",
    "crown prince",
    "dame",
    "defence minister",
    "defence secretary",
    "defense minister",
    "defense secretary",
    "deputy foreign minister",
    "deputy prime minister",
    "dr",
    "duke",
    "emir",
    "envoy",
    "finance minister",
    "first lady",
    "foreign minister",
    "foreign secretary",
    "former president",
    "gen",
    "general",
    "gov",
    "governor",
    "health minister",
    "health secretary",
    "home secretary",
    "interior minister",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "lt gen",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "national security adviser",
    "pope",
    "premier",
    "president",
    "president-elect",
    "presidential envoy",
    "prime minister",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "secretary",
    "secretary of state",
    "secretary-general",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "special envoy",
    "st",
    "sultan",
    "supreme leader",
    "treasury secretary",
    "vice chancellor",
    "vice president",
    "vice-president",
];

/// Lowercase role nouns that mark a following capitalised name as a person.
const ROLE_NOUNS: &[&str] = &[
    "actor",
    "actress",
    "adviser",
    "advisor",
    "analyst",
    "anchor",
    "author",
    "candidate",
    "coach",
    "correspondent",
    "director",
    "economist",
    "envoy",
    "executive",
    "founder",
    "host",
    "journalist",
    "leader",
    "lawmaker",
    "manager",
    "minister",
    "moderator",
    "negotiator",
    "official",
    "president",
    "presenter",
    "professor",
    "prosecutor",
    "reporter",
    "secretary",
    "senator",
    "singer",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "chairman",
    "chief",
    "writer",
];

/// Last words that make a name an organisation.
const ORG_LAST: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "channel",
    "club",
    "coalition",
    "co",
    "college",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "embassy",
    "exchange",
    "fc",
    "federation",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "government",
    "group",
    "guard",
    "holdings",
    "inc",
    "industries",
    "institute",
    "journal",
    "league",
    "llc",
    "ltd",
    "media",
    "ministry",
    "motors",
    "movement",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "plc",
    "police",
    "post",
    "press",
    "radio",
    "school",
    "senate",
    "service",
    "services",
    "society",
    "systems",
    "technologies",
    "television",
    "times",
    "tribune",
    "tv",
    "union",
    "united",
    "university",
];

/// Last words that make a name a location (`Oskel River`, `Lake Chad` is in the gazetteer).
const LOC_LAST: &[&str] = &[
    "basin",
    "bay",
    "canal",
    "coast",
    "desert",
    "gulf",
    "island",
    "islands",
    "lake",
    "mountain",
    "mountains",
    "ocean",
    "peninsula",
    "river",
    "sea",
    "strait",
    "valley",
];

/// First words that make a name an organisation (`Ministry of Defence`).
const ORG_FIRST: &[&str] =
    &["bank", "college", "council", "court", "department", "institute", "ministry", "office", "party", "university"];

/// Last words that make a name an event.
const EVENT_LAST: &[&str] = &[
    "championship",
    "championships",
    "conference",
    "crisis",
    "cup",
    "election",
    "elections",
    "festival",
    "forum",
    "games",
    "olympics",
    "open",
    "revolution",
    "summit",
    "war",
];

/// Lowercase words allowed between capitalised words of one name (`the`
/// only after `of`: `Council of the European Union`).
const CONNECTORS: &[&str] = &["al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "of", "the", "van", "von"];

/// Capitalised words that are not names (months, weekdays), sorted.
const NOT_NAMES: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

fn is_roman(w: &str) -> bool {
    matches!(w, "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "xi" | "xii")
}

/// Whether a capitalised sentence-initial word looks like an inflected verb
/// or an adverb rather than a name (`Escalating`, `Reportedly`).
fn looks_inflected(w: &str) -> bool {
    let l = w.to_lowercase();
    l.chars().count() > 4 && (l.ends_with("ing") || l.ends_with("ly") || l.ends_with("ed"))
}

/// Whether an unknown capitalised word looks like a nationality (`Dravinian`).
fn looks_demonym(lower: &str) -> bool {
    lower.chars().count() > 5 && (lower.ends_with("ian") || lower.ends_with("ians") || lower.ends_with("ese"))
}

/// Prepositions after which an unknown name is a place.
const PLACE_PREPOSITIONS: &[&str] = &["across", "at", "from", "in", "into", "near", "outside", "to", "towards"];

fn lower_no_dots(s: &str) -> String {
    s.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect::<String>().replace('’', "'")
}

fn is_clitic(t: &str) -> bool {
    matches!(lower_no_dots(t).as_str(), "'s" | "'" | "n't" | "'ll" | "'re" | "'ve" | "'d" | "'m" | "s")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| *c != '.' && *c != '&').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// A transliteration key that makes common spelling variants of names equal:
/// ASCII-folded, lowercase, `y` → `i`, `w` → `v`, `kh` → `h`, `ck` → `k`,
/// doubled letters collapsed (`Zelenskyy` = `Zelensky` = `Zelenskiy`,
/// `Sergey` = `Sergei`).
pub fn translit_key(name: &str) -> String {
    let base = name_key(name);
    let mut s: String = base
        .replace("kh", "h")
        .replace("ck", "k")
        .replace('x', "ks")
        .replace('y', "i")
        .replace('w', "v")
        .replace('j', "i");
    s = s.replace("ii", "i");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if out.ends_with(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether two first names (transliteration keys) are spellings of one
/// name: same first letter and at most two edits apart, both at least four
/// letters long.
fn spelt_alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < 4 || b.len() < 4 || a[0] != b[0] || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Levenshtein distance, two rows.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= 2
}

// ---------------------------------------------------------------------------
// Mentions.

/// Finds mentions; holds what the corpus says about words (which capitalised
/// words are also written in lowercase).
pub struct Extractor<'a> {
    lower_words: FxHashSet<String>,
    user: Option<&'a Gazetteer>,
    builtin: &'static Gazetteer,
}

impl<'a> Extractor<'a> {
    /// An extractor for `corpus`, with the user's dictionary if any.
    pub fn new(corpus: &Corpus, user: Option<&'a Gazetteer>) -> Extractor<'a> {
        let lower_words = corpus
            .docs()
            .par_iter()
            .fold(FxHashSet::default, |mut set, doc| {
                for k in doc.kept() {
                    for (i, t) in doc.sentence_tokens(k).iter().enumerate() {
                        let w = t.text(&doc.text);
                        if i > 0 && t.kind == TokenKind::Word && w.chars().next().is_some_and(char::is_lowercase) {
                            set.insert(w.to_string());
                        }
                    }
                }
                set
            })
            .reduce(FxHashSet::default, |mut a, b| {
                if a.len() < b.len() {
                    return b.into_iter().chain(a).collect();
                }
                a.extend(b);
                a
            });
        Extractor { lower_words, user, builtin: builtin() }
    }

    fn written_lowercase(&self, word: &str) -> bool {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        self.lower_words.contains(&lower) || crate::stopwords::is_english_stopword(&lower.replace('’', "'"))
    }

    /// The mentions of one document, in order.
    pub fn document(&self, doc: &Document) -> Vec<Mention> {
        let mut out = Vec::new();
        for k in doc.kept() {
            self.sentence(&doc.text, doc.sentence_tokens(k), &mut out);
        }
        out
    }

    fn sentence(&self, text: &str, toks: &[Token], out: &mut Vec<Mention>) {
        let n = toks.len();
        let word = |i: usize| toks[i].text(text);
        let mut taken = vec![false; n];
        let mut found: Vec<Mention> = Vec::new();
        // 1. The user's dictionary wins.
        if let Some(user) = self.user {
            for h in user.find(text, toks) {
                let e = &user.entries()[h.entry as usize];
                taken[h.first..h.last].iter_mut().for_each(|t| *t = true);
                found.push(Mention {
                    span: Span { start: toks[h.first].start, end: toks[h.last - 1].end },
                    label: e.label,
                    evidence: Evidence::User,
                    role: None,
                    entry: Some((true, h.entry)),
                });
            }
        }
        let hits: FxHashMap<usize, gazetteer::Hit> =
            self.builtin.find(text, toks).into_iter().map(|h| (h.first, h)).collect();
        // 2. Headlines in capitals: dictionaries only.
        let words: Vec<&str> = toks.iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.text(text)).collect();
        let caps =
            words.iter().filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)).count();
        let headline = words.len() >= 3 && caps * 10 >= words.len() * 7;
        let first_word = toks.iter().position(|t| t.kind == TokenKind::Word);
        let mut i = 0;
        while i < n {
            if taken[i] {
                i += 1;
                continue;
            }
            if headline {
                if let Some(h) = hits.get(&i).filter(|h| !taken[h.first..h.last].iter().any(|&t| t)) {
                    found.push(self.builtin_mention(toks, *h));
                    i = h.last;
                } else {
                    i += 1;
                }
                continue;
            }
            if !self.is_cap(toks, text, i) {
                i += 1;
                continue;
            }
            // A run of capitalised words with connectors inside.
            let mut j = i + 1;
            loop {
                if j < n && !taken[j] && self.is_cap(toks, text, j) {
                    j += 1;
                } else if j + 1 < n
                    && !taken[j + 1]
                    && toks[j].kind == TokenKind::Word
                    && CONNECTORS.contains(&word(j))
                    && (word(j) != "the" || word(j - 1) == "of")
                    && self.is_cap(toks, text, j + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // A dictionary name may run past the capitals (`Bosnia and Herzegovina`).
            if let Some(h) = hits.get(&i) {
                if h.last > j && !taken[j..h.last].iter().any(|&t| t) {
                    j = h.last;
                }
            }
            let mut s = i;
            // A sentence's first word that is also written in lowercase (or
            // looks like a verb or adverb) is not a name.
            let starts_clause = Some(i) == first_word
                || (i > 0 && matches!(word(i - 1), "“" | "\"" | "‘" | "(" | "[" | ":" | "—" | "–"));
            if starts_clause && !hits.contains_key(&i) && (self.written_lowercase(word(i)) || looks_inflected(word(i)))
            {
                s += 1;
                while s < j && !self.is_cap(toks, text, s) {
                    s += 1;
                }
            }
            // Calendar words are dates, not names.
            while s < j && NOT_NAMES.binary_search(&lower_no_dots(word(s)).as_str()).is_ok() {
                s += 1;
            }
            let mut e = j;
            while e > s && NOT_NAMES.binary_search(&lower_no_dots(word(e - 1)).as_str()).is_ok() {
                e -= 1;
            }
            // A stopword alone, or a hyphenated compound of names
            // (`Russia-Ukraine`, `U.S.-based`), is not a name.
            let single = e == s + 1 && !hits.contains_key(&s);
            let skip = single
                && (crate::stopwords::is_english_stopword(&lower_no_dots(word(s)))
                    || word(s).contains(['-', '‐', '‑']));
            if s < e && !skip {
                self.classify_run(text, toks, s, e, &hits, &mut found);
            }
            i = j;
        }
        found.sort_by_key(|m| m.span.start);
        out.extend(found);
    }

    fn is_cap(&self, toks: &[Token], text: &str, i: usize) -> bool {
        let t = &toks[i];
        let w = t.text(text);
        t.kind == TokenKind::Word && starts_upper(w) && w != "I" && !is_clitic(w)
    }

    fn builtin_mention(&self, toks: &[Token], h: gazetteer::Hit) -> Mention {
        let e = &self.builtin.entries()[h.entry as usize];
        Mention {
            span: Span { start: toks[h.first].start, end: toks[h.last - 1].end },
            label: e.label,
            evidence: Evidence::Builtin,
            role: None,
            entry: Some((false, h.entry)),
        }
    }

    /// Splits and labels one run of capitalised words `[s, e)`.
    fn classify_run(
        &self,
        text: &str,
        toks: &[Token],
        mut s: usize,
        e: usize,
        hits: &FxHashMap<usize, gazetteer::Hit>,
        out: &mut Vec<Mention>,
    ) {
        let lw = |i: usize| lower_no_dots(toks[i].text(text));
        let span_of = |a: usize, b: usize| Span { start: toks[a].start, end: toks[b - 1].end };
        // The whole run is a dictionary name.
        if let Some(h) = hits.get(&s).filter(|h| h.last == e) {
            out.push(self.builtin_mention(toks, *h));
            return;
        }
        // Leading nationality or place before a title: `Russian President ...`, `UK Defence Secretary ...`.
        if let Some(h) = hits.get(&s) {
            if h.last < e && title_at(&lw, h.last, e).is_some() {
                out.push(self.builtin_mention(toks, *h));
                s = h.last;
            }
        }
        // A title: the rest is a person (up to an `of`: `Amira Haddad of Sarkhan`).
        if let Some(t_end) = title_at(&lw, s, e) {
            if t_end < e {
                let name_end = (t_end..e).find(|&i| lw(i) == "of").unwrap_or(e);
                if name_end > t_end {
                    out.push(Mention {
                        span: span_of(t_end, name_end),
                        label: Label::Person,
                        evidence: Evidence::Title,
                        role: Some(span_of(s, t_end)),
                        entry: None,
                    });
                }
                if name_end + 1 < e {
                    self.classify_run(text, toks, name_end + 1, e, hits, out);
                }
            }
            return;
        }
        // A lowercase role before the run: `envoy Steve Witkoff`.
        let prev = (s > 0).then(|| lw(s - 1));
        let prev_is_role = prev.as_deref().is_some_and(|p| ROLE_NOUNS.contains(&p) || TITLES.contains(&p));
        // A trailing roman numeral does not decide the kind (`World War II`).
        let cue_end = if e - s > 1 && is_roman(&lw(e - 1)) { e - 1 } else { e };
        let last = lw(cue_end - 1);
        let first = lw(s);
        let (label, evidence) = if ORG_LAST.contains(&last.as_str()) || ORG_FIRST.contains(&first.as_str()) && e - s > 1
        {
            (Label::Org, Evidence::Cue)
        } else if EVENT_LAST.contains(&last.as_str()) && e - s > 1 {
            (Label::Event, Evidence::Cue)
        } else if prev_is_role && !hits.contains_key(&s) {
            (Label::Person, Evidence::Title)
        } else if hits.values().any(|h| h.first >= s && h.last <= e) {
            // Dictionary names inside an otherwise unknown run: report each.
            let mut i = s;
            let mut rest_start = s;
            while i < e {
                if let Some(h) = hits.get(&i).filter(|h| h.last <= e) {
                    if rest_start < i {
                        self.classify_run(text, toks, rest_start, i, &FxHashMap::default(), out);
                    }
                    out.push(self.builtin_mention(toks, *h));
                    i = h.last;
                    rest_start = i;
                } else {
                    i += 1;
                }
            }
            if rest_start < e {
                self.classify_run(text, toks, rest_start, e, &FxHashMap::default(), out);
            }
            return;
        } else if LOC_LAST.contains(&last.as_str()) && e - s > 1 {
            (Label::Loc, Evidence::Cue)
        } else if e - s == 1 && is_acronym(toks[s].text(text)) {
            (Label::Org, Evidence::Cue)
        } else if e - s >= 2 {
            // Two capitalised words: a person, unless joined by `of`.
            if let Some(of) = (s + 1..e - 1).find(|&i| lw(i) == "of") {
                self.classify_run(text, toks, s, of, hits, out);
                self.classify_run(text, toks, of + 1, e, hits, out);
                return;
            }
            (Label::Person, Evidence::Shape)
        } else if e - s == 1 && looks_demonym(&last) {
            (Label::Norp, Evidence::Shape)
        } else if prev.as_deref().is_some_and(|p| PLACE_PREPOSITIONS.contains(&p)) {
            (Label::Gpe, Evidence::Shape)
        } else {
            (UNKNOWN_LABEL, Evidence::Unknown)
        };
        let role = if prev_is_role && label == Label::Person { Some(span_of(s - 1, s)) } else { None };
        out.push(Mention { span: span_of(s, e), label, evidence, role, entry: None });
    }
}

/// The label of a single capitalised word nothing says anything about,
/// unless linking finds it is a surname (chosen on CoNLL-2003 dev).
pub const UNKNOWN_LABEL: Label = Label::Org;

/// The end of the longest title starting at token `s` (before `e`).
fn title_at(lw: &dyn Fn(usize) -> String, s: usize, e: usize) -> Option<usize> {
    let mut best = None;
    let mut phrase = String::new();
    for i in s..e.min(s + 4) {
        if i > s {
            phrase.push(' ');
        }
        phrase.push_str(&lw(i));
        if TITLES.binary_search(&phrase.as_str()).is_ok() {
            best = Some(i + 1);
        }
    }
    best
}

// ---------------------------------------------------------------------------
// Linking.

struct Group {
    label_votes: FxHashMap<Label, u32>,
    forms: FxHashMap<String, u32>,
    roles: FxHashMap<String, u32>,
    docs: FxHashSet<usize>,
    mentions: u32,
    words: usize,
    canonical: Option<String>,
    ambiguous: bool,
}

impl Group {
    fn new() -> Group {
        Group {
            label_votes: FxHashMap::default(),
            forms: FxHashMap::default(),
            roles: FxHashMap::default(),
            docs: FxHashSet::default(),
            mentions: 0,
            words: 0,
            canonical: None,
            ambiguous: false,
        }
    }

    fn label(&self) -> Label {
        let mut v: Vec<(&Label, &u32)> = self.label_votes.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.first().map(|(l, _)| **l).unwrap_or(UNKNOWN_LABEL)
    }

    fn absorb(&mut self, other: Group) {
        for (l, c) in other.label_votes {
            *self.label_votes.entry(l).or_insert(0) += c;
        }
        for (f, c) in other.forms {
            *self.forms.entry(f).or_insert(0) += c;
        }
        for (r, c) in other.roles {
            *self.roles.entry(r).or_insert(0) += c;
        }
        self.docs.extend(other.docs);
        self.mentions += other.mentions;
        self.words = self.words.max(other.words);
        if self.canonical.is_none() {
            self.canonical = other.canonical;
        }
    }
}

fn sorted_by_count(m: &FxHashMap<String, u32>) -> Vec<String> {
    let mut v: Vec<(&String, &u32)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.clone()).collect()
}

/// Finds and links the entities of a corpus.
pub fn extract(corpus: &Corpus, user: Option<&Gazetteer>) -> Entities {
    let ex = Extractor::new(corpus, user);
    let per_doc: Vec<Vec<Mention>> = corpus.docs().par_iter().map(|d| ex.document(d)).collect();
    link(corpus, per_doc, user)
}

fn link(corpus: &Corpus, per_doc: Vec<Vec<Mention>>, user: Option<&Gazetteer>) -> Entities {
    let builtin = builtin();
    // 1. One group per key: a dictionary entry, or the name's key.
    let mut key_of: Vec<Vec<String>> = Vec::with_capacity(per_doc.len());
    let mut groups: FxHashMap<String, Group> = FxHashMap::default();
    for (d, mentions) in per_doc.iter().enumerate() {
        let text = &corpus.docs()[d].text;
        let mut keys = Vec::with_capacity(mentions.len());
        for m in mentions {
            let surface = &text[m.span.start..m.span.end];
            let (key, canonical) = match m.entry {
                Some((true, e)) => {
                    let entry = &user.expect("user dictionary").entries()[e as usize];
                    (format!("user:{}", name_key(&entry.name)), Some(entry.name.clone()))
                }
                Some((false, e)) => {
                    let entry = &builtin.entries()[e as usize];
                    (format!("builtin:{}", name_key(&entry.name)), Some(entry.name.clone()))
                }
                None => {
                    let k = name_key(surface);
                    match builtin.lookup_key(&k) {
                        Some(entry) if m.evidence < Evidence::Title => {
                            (format!("builtin:{}", name_key(&entry.name)), Some(entry.name.clone()))
                        }
                        _ => (format!("name:{}", translit_key(surface)), None),
                    }
                }
            };
            let g = groups.entry(key.clone()).or_insert_with(Group::new);
            *g.label_votes.entry(m.label).or_insert(0) += m.evidence as u32 + 1;
            *g.forms.entry(surface.to_string()).or_insert(0) += 1;
            if let Some(r) = m.role {
                *g.roles.entry(text[r.start..r.end].to_string()).or_insert(0) += 1;
            }
            g.docs.insert(d);
            g.mentions += 1;
            g.words = g.words.max(surface.split_whitespace().count());
            if g.canonical.is_none() {
                g.canonical = canonical;
            }
            keys.push(key);
        }
        key_of.push(keys);
    }
    // 2. Surnames and acronyms join the one longer name they belong to.
    let mut redirect: FxHashMap<String, String> = FxHashMap::default();
    let mut ambiguous: FxHashSet<String> = FxHashSet::default();
    {
        let mut by_surname: FxHashMap<String, Vec<&String>> = FxHashMap::default();
        let mut by_initials: FxHashMap<String, Vec<&String>> = FxHashMap::default();
        let mut keys: Vec<&String> = groups.keys().collect();
        keys.sort();
        // A long name ending with another person's full name is that person
        // (`Home Globe JD Vance`, a breadcrumb glued to a name).
        let full_names: FxHashMap<String, &String> = keys
            .iter()
            .filter(|k| groups[**k].label() == Label::Person && groups[**k].words == 2)
            .map(|k| (translit_key(&sorted_by_count(&groups[*k].forms)[0]), *k))
            .collect();
        for k in &keys {
            let g = &groups[*k];
            if g.label() != Label::Person || g.words < 3 {
                continue;
            }
            let form = sorted_by_count(&g.forms).into_iter().next().unwrap_or_default();
            let parts: Vec<&str> = form.split_whitespace().collect();
            let tail = parts[parts.len() - 2..].join(" ");
            if let Some(target) = full_names.get(&translit_key(&tail)) {
                redirect.insert((*k).clone(), (*target).clone());
            }
        }
        for k in &keys {
            let g = &groups[*k];
            let form = sorted_by_count(&g.forms).into_iter().next().unwrap_or_default();
            let parts: Vec<&str> = form.split_whitespace().collect();
            if parts.len() >= 2 && g.label() == Label::Person && !redirect.contains_key(*k) {
                by_surname.entry(translit_key(parts[parts.len() - 1])).or_default().push(k);
            }
            if parts.len() >= 2 && matches!(g.label(), Label::Org | Label::Gpe) {
                let initials: String = parts
                    .iter()
                    .filter(|p| !CONNECTORS.contains(&p.to_lowercase().as_str()))
                    .filter_map(|p| p.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                if initials.len() >= 2 {
                    by_initials.entry(initials).or_default().push(k);
                }
            }
        }
        // Full names with one surname and first names spelt alike are one
        // person (`Aleksandr` / `Alexander Petrenko`): the most mentioned
        // spelling takes the others.
        for targets in by_surname.values_mut() {
            if targets.len() < 2 {
                continue;
            }
            targets.sort_by(|a, b| groups[*b].mentions.cmp(&groups[*a].mentions).then_with(|| a.cmp(b)));
            let first_name = |k: &String| {
                let form = sorted_by_count(&groups[k].forms).into_iter().next().unwrap_or_default();
                translit_key(form.split_whitespace().next().unwrap_or(""))
            };
            let mut kept: Vec<&String> = Vec::new();
            for t in targets.iter() {
                let f = first_name(t);
                match kept.iter().find(|k| spelt_alike(&first_name(k), &f)) {
                    Some(k) => {
                        redirect.insert((*t).clone(), (*k).clone());
                    }
                    None => kept.push(t),
                }
            }
            *targets = kept;
        }
        for k in &keys {
            let g = &groups[*k];
            if g.words != 1 || k.starts_with("user:") {
                continue;
            }
            let form = sorted_by_count(&g.forms).into_iter().next().unwrap_or_default();
            let label = g.label();
            if matches!(label, Label::Person | Label::Misc | Label::Org)
                || g.label_votes.len() > 1
                || label == UNKNOWN_LABEL
            {
                if let Some(targets) = by_surname.get(&translit_key(&form)) {
                    if targets.len() == 1 && !k.starts_with("builtin:") {
                        redirect.insert((*k).clone(), targets[0].clone());
                        continue;
                    }
                    if targets.len() > 1 && !k.starts_with("builtin:") {
                        ambiguous.insert((*k).clone());
                        continue;
                    }
                }
            }
            if is_acronym(&form) && !k.starts_with("builtin:") {
                let letters: String = form.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
                if let Some(targets) = by_initials.get(&letters) {
                    if targets.len() == 1 {
                        redirect.insert((*k).clone(), targets[0].clone());
                    }
                }
            }
        }
    }
    let resolve = |k: &String| -> String { redirect.get(k).cloned().unwrap_or_else(|| k.clone()) };
    let mut merged: FxHashMap<String, Group> = FxHashMap::default();
    let mut sorted_keys: Vec<String> = groups.keys().cloned().collect();
    // Groups that stay first, so that they name the entities others join.
    sorted_keys.sort_by_key(|k| (redirect.contains_key(k), k.clone()));
    for g in groups.values_mut() {
        if g.canonical.is_none() {
            let variants = sorted_by_count(&g.forms);
            let max_words = variants.iter().map(|v| v.split_whitespace().count()).max().unwrap_or(0);
            g.canonical = variants.iter().find(|v| v.split_whitespace().count() == max_words).cloned();
        }
    }
    for k in sorted_keys {
        let g = groups.remove(&k).expect("key present");
        let target = resolve(&k);
        let is_ambiguous = ambiguous.contains(&k);
        let slot = merged.entry(target.clone()).or_insert_with(Group::new);
        if target != k {
            // A surname joining a person: the vote is the person's.
            let votes: u32 = g.label_votes.values().sum();
            let mut g = g;
            g.label_votes.clear();
            g.label_votes.insert(Label::Person, votes.min(1));
            slot.absorb(g);
        } else {
            slot.absorb(g);
        }
        slot.ambiguous |= is_ambiguous;
    }
    // 3. Entities, most mentioned first (ties by name).
    let mut order: Vec<(String, Entity)> = merged
        .into_iter()
        .map(|(k, g)| {
            let variants = sorted_by_count(&g.forms);
            let name = g.canonical.clone().unwrap_or_else(|| {
                // The most frequent among the longest forms.
                let max_words = variants.iter().map(|v| v.split_whitespace().count()).max().unwrap_or(0);
                variants.iter().find(|v| v.split_whitespace().count() == max_words).cloned().unwrap_or_default()
            });
            let label = if g.ambiguous { Label::Person } else { g.label() };
            let entity = Entity {
                name,
                label,
                docs: g.docs.len() as u32,
                mentions: g.mentions,
                variants,
                roles: sorted_by_count(&g.roles),
                ambiguous: g.ambiguous,
            };
            (k, entity)
        })
        .collect();
    order.sort_by(|a, b| {
        b.1.mentions.cmp(&a.1.mentions).then_with(|| a.1.name.cmp(&b.1.name)).then_with(|| a.0.cmp(&b.0))
    });
    let index: FxHashMap<&str, u32> = order.iter().enumerate().map(|(i, (k, _))| (k.as_str(), i as u32)).collect();
    let mentions = per_doc
        .into_iter()
        .zip(key_of)
        .map(|(ms, keys)| ms.into_iter().zip(keys).map(|(m, k)| (m, index[resolve(&k).as_str()])).collect())
        .collect();
    Entities { entities: order.into_iter().map(|(_, e)| e).collect(), mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::test_corpus as corpus;

    #[test]
    fn lists_sorted() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]), "TITLES must be sorted for binary search");
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]), "NOT_NAMES must be sorted for binary search");
    }

    #[test]
    fn translit() {
        assert_eq!(translit_key("Zelenskyy"), translit_key("Zelensky"));
        assert_eq!(translit_key("Sergei Lavrov"), translit_key("Sergey Lavrov"));
        assert_ne!(translit_key("Vance"), translit_key("Vince"));
        assert!(spelt_alike(&translit_key("Aleksandr"), &translit_key("Alexander")));
        assert!(!spelt_alike(&translit_key("John"), &translit_key("Anna")));
        assert!(!spelt_alike(&translit_key("Jon"), &translit_key("Jan")));
    }

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
