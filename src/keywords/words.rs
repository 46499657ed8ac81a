//! Word lists of keyphrase candidates: prepositions the stopword list
//! lacks, reporting nouns, titles and fixed expressions.

/// Prepositions and conjunctions missing from the stopword list that the
/// tagger may read as nouns in headlines (`efforts struggle amidst`): never
/// part of a candidate.
pub(super) const FUNCTION_WORDS: &[&str] =
    &["amid", "amidst", "despite", "per", "toward", "towards", "upon", "versus", "via", "whilst"];

/// Nouns that name the telling or the view held, not what is told or held
/// (`Vance’s comments`, `his stance`): never a keyphrase alone.
pub(super) const REPORTING: &[&str] =
    &["comment", "comments", "remark", "remarks", "stance", "stances", "statement", "statements"];

/// Nouns of time that place an event, not what it is about (`two weeks`,
/// `last month`): never a keyphrase alone.
pub(super) const TIME_NOUNS: &[&str] = &[
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "month",
    "months",
    "today",
    "tonight",
    "week",
    "weekend",
    "weeks",
    "year",
    "years",
    "yesterday",
];

/// Fixed expressions whose words join through function words, written as
/// the words of the text (matched on their stems, so any inflection counts).
/// A **whole** one is a single candidate, never cut (`boots on the ground`,
/// `rule of law`): the grammar joins function words only inside capitalised
/// names, so it would otherwise give only `boots` and `ground`.
pub(super) const WHOLE_IDIOMS: &[&str] = &[
    "balance of payments",
    "balance of power",
    "boots on the ground",
    "burden of proof",
    "cards on the table",
    "conflict of interest",
    "conflicts of interest",
    "cost of living",
    "crimes against humanity",
    "elephant in the room",
    "freedom of navigation",
    "freedom of speech",
    "freedom of the press",
    "head of state",
    "heads of state",
    "line of control",
    "point of no return",
    "prisoners of war",
    "quality of life",
    "right of return",
    "rule of law",
    "rules of engagement",
    "separation of powers",
    "sphere of influence",
    "spheres of influence",
    "standard of living",
    "state of emergency",
    "troops on the ground",
    "vote of no confidence",
    "weapons of mass destruction",
];

/// Fixed expressions used as adverbs or light-verb phrases, whose nouns say
/// nothing of the topic (`off the table`, `a lot of`, `on a case by case
/// basis`, `make progress`, `apply pressure`): their words are never part of
/// a candidate (`economic pressure` elsewhere still is).
pub(super) const EMPTY_IDIOMS: &[&str] = &[
    "a lot",
    "at the end of the day",
    "at the moment",
    "at the same time",
    "at the table",
    "apply pressure",
    "by the way",
    "card to play",
    "cards left to play",
    "cards to play",
    "case by case",
    "case-by-case",
    "case-by-case basis",
    "for the first time",
    "from the get-go",
    "in a row",
    "in case",
    "in fact",
    "in front of",
    "in good faith",
    "in place",
    "in terms of",
    "in the end",
    "in the long run",
    "in the meantime",
    "in the wake of",
    "make progress",
    "make sense",
    "make sure",
    "off the table",
    "on behalf of",
    "on the ground",
    "on the other hand",
    "on the same page",
    "on the table",
    "take part",
    "take place",
    "to the table",
];

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

/// One fixed expression: each word's normalized form and stem (a token
/// matches either), and whether it is kept whole.
pub(super) struct Idiom {
    words: Vec<(String, String)>,
    /// A single candidate ([`WHOLE_IDIOMS`]) rather than no candidate ([`EMPTY_IDIOMS`]).
    pub(super) whole: bool,
}

/// The fixed expressions, grouped by their first word: each group is
/// longest first, so the longest expression that matches wins.
pub(super) struct Idioms {
    groups: Vec<Vec<Idiom>>,
    /// First word's stem → its group.
    first: rustc_hash::FxHashMap<String, u16>,
}

impl Idioms {
    /// The group of expressions that may start at a word of stem `stem`.
    #[inline]
    pub(super) fn group(&self, stem: &str) -> Option<u16> {
        self.first.get(stem).copied()
    }

    /// The longest expression of group `g` that the words from `at` on
    /// match, as (number of tokens, whole); `word(i)` gives the form and
    /// stem of token `i` (`None` past a non-word or the sentence's end).
    pub(super) fn longest<'w>(
        &self,
        g: u16,
        at: usize,
        word: impl Fn(usize) -> Option<(&'w str, &'w str)>,
    ) -> Option<(usize, bool)> {
        self.groups[g as usize].iter().find_map(|idiom| {
            let all = idiom.words.iter().enumerate().all(|(k, (form, stem))| match word(at + k) {
                Some((f, s)) => f == form || s == stem,
                None => false,
            });
            all.then_some((idiom.words.len(), idiom.whole))
        })
    }
}

/// The English fixed expressions, stemmed on first use.
pub(super) fn english_idioms() -> &'static Idioms {
    static IDIOMS: std::sync::OnceLock<Idioms> = std::sync::OnceLock::new();
    IDIOMS.get_or_init(|| {
        let stem = crate::normalize::Stem::new("english").expect("the English stemmer exists");
        let mut groups: Vec<Vec<Idiom>> = Vec::new();
        let mut first: rustc_hash::FxHashMap<String, u16> = rustc_hash::FxHashMap::default();
        let lists = [(WHOLE_IDIOMS, true), (EMPTY_IDIOMS, false)];
        for (list, whole) in lists {
            for text in list.iter() {
                let words: Vec<(String, String)> =
                    text.split(' ').map(|w| (w.to_string(), stem.stem(w).into_owned())).collect();
                let key = words[0].1.clone();
                let g = *first.entry(key).or_insert_with(|| {
                    groups.push(Vec::new());
                    (groups.len() - 1) as u16
                });
                groups[g as usize].push(Idiom { words, whole });
            }
        }
        for g in &mut groups {
            g.sort_by_key(|i| std::cmp::Reverse(i.words.len()));
        }
        Idioms { groups, first }
    })
}
