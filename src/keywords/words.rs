//! Word lists of keyphrase candidates: prepositions the stopword list
//! lacks, reporting nouns and titles.

/// Prepositions and conjunctions missing from the stopword list that the
/// tagger may read as nouns in headlines (`efforts struggle amidst`): never
/// part of a candidate.
pub(super) const FUNCTION_WORDS: &[&str] =
    &["amid", "amidst", "despite", "per", "toward", "towards", "upon", "versus", "via", "whilst"];

/// Nouns that name the telling, not what is told (`Vance’s comments`): never a keyphrase alone.
pub(super) const REPORTING: &[&str] = &["comment", "comments", "remark", "remarks", "statement", "statements"];

/// Titles and roles: a phrase with one as its head and no function word is
/// a bare title, never a keyphrase; before a name, one is cut off it.
pub(super) const TITLES: &[&str] = &[
    "ambassador",
    "chairman",
    "chairwoman",
    "chancellor",
    "commissioner",
    "dr",
    "envoy",
    "gen",
    "general",
    "gov",
    "governor",
    "king",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pm",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "queen",
    "rep",
    "secretary",
    "sen",
    "senator",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "vice",
];

#[inline]
pub(super) fn is_title(norm: &str) -> bool {
    let n = norm.trim_end_matches('.');
    n.len() <= 12
        && TITLES
            .binary_search_by(|t| {
                t.as_bytes().iter().map(u8::to_ascii_lowercase).cmp(n.bytes().map(|b| b.to_ascii_lowercase()))
            })
            .is_ok()
}
