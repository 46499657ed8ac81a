//! Step 1 of entity extraction: the word lists (public facts and conventions
//! of news writing) and the small predicates on words that mention finding
//! (`mention.rs`) and linking (`link.rs`) decide with.

use super::gazetteer::name_key;

/// Titles and honorifics before a name, lowercase, without periods, longest first within each start.
pub(super) const TITLES: &[&str] = &[
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
pub(super) const ROLE_NOUNS: &[&str] = &[
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
pub(super) const ORG_LAST: &[&str] = &[
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
pub(super) const LOC_LAST: &[&str] = &[
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
pub(super) const ORG_FIRST: &[&str] =
    &["bank", "college", "council", "court", "department", "institute", "ministry", "office", "party", "university"];

/// Last words that make a name an event.
pub(super) const EVENT_LAST: &[&str] = &[
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
pub(super) const CONNECTORS: &[&str] =
    &["al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "of", "the", "van", "von"];

/// Capitalised words that are not names (months, weekdays), sorted.
pub(super) const NOT_NAMES: &[&str] = &[
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

pub(super) fn is_roman(w: &str) -> bool {
    matches!(w, "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "xi" | "xii")
}

/// Whether a capitalised sentence-initial word looks like an inflected verb
/// or an adverb rather than a name (`Escalating`, `Reportedly`).
pub(super) fn looks_inflected(w: &str) -> bool {
    let l = w.to_lowercase();
    l.chars().count() > 4 && (l.ends_with("ing") || l.ends_with("ly") || l.ends_with("ed"))
}

/// Whether an unknown capitalised word looks like a nationality (`Dravinian`).
pub(super) fn looks_demonym(lower: &str) -> bool {
    lower.chars().count() > 5 && (lower.ends_with("ian") || lower.ends_with("ians") || lower.ends_with("ese"))
}

/// Prepositions after which an unknown name is a place.
pub(super) const PLACE_PREPOSITIONS: &[&str] =
    &["across", "at", "from", "in", "into", "near", "outside", "to", "towards"];

pub(super) fn lower_no_dots(s: &str) -> String {
    s.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect::<String>().replace('’', "'")
}

pub(super) fn is_clitic(t: &str) -> bool {
    matches!(lower_no_dots(t).as_str(), "'s" | "'" | "n't" | "'ll" | "'re" | "'ve" | "'d" | "'m" | "s")
}

pub(super) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_acronym(s: &str) -> bool {
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
pub(super) fn spelt_alike(a: &str, b: &str) -> bool {
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

/// The end of the longest title starting at token `s` (before `e`).
pub(super) fn title_at(lw: &dyn Fn(usize) -> String, s: usize, e: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
