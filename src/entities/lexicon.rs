//! Step 1 of entity extraction: the word lists (public facts and conventions
//! of news writing) and the small predicates on words that mention finding
//! (`mention.rs`) and linking (`link.rs`) decide with.

use std::sync::LazyLock;

use super::gazetteer::name_key;
use crate::wordlist::WordSet;

/// Titles and honorifics before a name, lowercase, without periods, of one to
/// four words.
pub(super) static TITLES: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(TITLES_FILE));
const TITLES_FILE: &str = include_str!("words/titles.txt");

/// Lowercase role nouns that mark a following capitalised name as a person.
pub(super) static ROLE_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(ROLE_NOUNS_FILE));
const ROLE_NOUNS_FILE: &str = include_str!("words/role_nouns.txt");

/// Last words that make a name an organisation.
pub(super) static ORG_LAST: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(ORG_LAST_FILE));
const ORG_LAST_FILE: &str = include_str!("words/org_last.txt");

/// Last words that make a name a location (`Oskel River`, `Lake Chad` is in the gazetteer).
pub(super) static LOC_LAST: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(LOC_LAST_FILE));
const LOC_LAST_FILE: &str = include_str!("words/loc_last.txt");

/// First words that make a name an organisation (`Ministry of Defence`).
pub(super) static ORG_FIRST: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(ORG_FIRST_FILE));
const ORG_FIRST_FILE: &str = include_str!("words/org_first.txt");

/// Last words that make a name an event.
pub(super) static EVENT_LAST: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(EVENT_LAST_FILE));
const EVENT_LAST_FILE: &str = include_str!("words/event_last.txt");

/// Lowercase words allowed between capitalised words of one name (`the`
/// only after `of`: `Council of the European Union`).
pub(super) static CONNECTORS: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(CONNECTORS_FILE));
const CONNECTORS_FILE: &str = include_str!("words/connectors.txt");

/// Capitalised words that are not names (months, weekdays).
pub(super) static NOT_NAMES: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(NOT_NAMES_FILE));
const NOT_NAMES_FILE: &str = include_str!("words/not_names.txt");

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
pub(super) static PLACE_PREPOSITIONS: LazyLock<WordSet> = LazyLock::new(|| WordSet::parse(PLACE_PREPOSITIONS_FILE));
const PLACE_PREPOSITIONS_FILE: &str = include_str!("words/place_prepositions.txt");

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
        if TITLES.contains(&phrase) {
            best = Some(i + 1);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::wordlist::{check_file, lower_word};

    #[test]
    fn titles_file() {
        // Looked up as up to four tokens, lowercased with periods dropped,
        // joined by one space.
        let words = check_file("titles.txt", TITLES_FILE, |w| {
            let parts: Vec<&str> = w.split(' ').collect();
            parts.len() <= 4 && parts.iter().all(|p| !p.is_empty() && lower_word(p))
        });
        assert!(words.iter().all(|w| TITLES.contains(w)));
        assert!(TITLES.contains("vice president") && !TITLES.contains("Vice President"));
    }

    #[test]
    fn role_nouns_file() {
        let words = check_file("role_nouns.txt", ROLE_NOUNS_FILE, lower_word);
        assert!(words.iter().all(|w| ROLE_NOUNS.contains(w)) && ROLE_NOUNS.contains("envoy"));
    }

    #[test]
    fn org_last_file() {
        let words = check_file("org_last.txt", ORG_LAST_FILE, lower_word);
        assert!(words.iter().all(|w| ORG_LAST.contains(w)) && ORG_LAST.contains("ministry"));
    }

    #[test]
    fn loc_last_file() {
        let words = check_file("loc_last.txt", LOC_LAST_FILE, lower_word);
        assert!(words.iter().all(|w| LOC_LAST.contains(w)) && LOC_LAST.contains("river"));
    }

    #[test]
    fn org_first_file() {
        let words = check_file("org_first.txt", ORG_FIRST_FILE, lower_word);
        assert!(words.iter().all(|w| ORG_FIRST.contains(w)) && ORG_FIRST.contains("ministry"));
    }

    #[test]
    fn event_last_file() {
        let words = check_file("event_last.txt", EVENT_LAST_FILE, lower_word);
        assert!(words.iter().all(|w| EVENT_LAST.contains(w)) && EVENT_LAST.contains("summit"));
    }

    #[test]
    fn connectors_file() {
        // Matched by exact case against the word as written.
        let words = check_file("connectors.txt", CONNECTORS_FILE, lower_word);
        assert!(words.iter().all(|w| CONNECTORS.contains(w)));
        assert!(CONNECTORS.contains("of") && !CONNECTORS.contains("Of"));
    }

    #[test]
    fn not_names_file() {
        let words = check_file("not_names.txt", NOT_NAMES_FILE, lower_word);
        assert!(words.iter().all(|w| NOT_NAMES.contains(w)) && NOT_NAMES.contains("monday"));
    }

    #[test]
    fn place_prepositions_file() {
        let words = check_file("place_prepositions.txt", PLACE_PREPOSITIONS_FILE, lower_word);
        assert!(words.iter().all(|w| PLACE_PREPOSITIONS.contains(w)) && PLACE_PREPOSITIONS.contains("in"));
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
