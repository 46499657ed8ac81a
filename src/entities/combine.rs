//! Rules and the learned tagger together: the rules (`mention.rs`) run
//! first over the whole corpus; what they find, with the built-in dictionary
//! and evidence gathered over the document and the corpus, becomes features
//! of the learned tagger (`learned.rs`), whose spans and labels are the
//! mentions, except where the rules are the stronger source:
//!
//! - the user's dictionary always wins (its mentions are kept, learned spans
//!   overlapping them are dropped);
//! - headlines in capitals keep the rules' dictionary-only mentions (the
//!   training data has no such lines);
//! - where the tagger and the rules agree on a span's class (PER, ORG, LOC,
//!   MISC), the rules' mention is kept, with its finer label (GPE or LOC;
//!   NORP, EVENT, WORK or MISC), its title and its dictionary entry;
//! - a person span the tagger starts with a title (`President Putin`) is cut
//!   after the title, which becomes the role.
//!
//! Otherwise the learned span is the mention, with evidence
//! [`Evidence::Learned`], and its finer label comes from the dictionary and
//! cue words.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::features::{self, class_of, CorpusEvidence, DocEvidence, RuleTag, SentenceInput};
use super::gazetteer::{builtin, Gazetteer, Hit};
use super::learned::{spans, EmitBuffers, Model, TAGS};
use super::lexicon::{looks_demonym, lower_no_dots, title_at, EVENT_LAST, LOC_LAST};
use super::mention::{is_headline, Extractor};
use super::{Evidence, Label, Mention};
use crate::corpus::{Corpus, Document};
use crate::tag::Upos;

use crate::tokenize::{Span, Token, TokenKind};

/// The rules' pass over a corpus and the evidence gathered from it.
pub struct RulePass<'a> {
    /// The rules.
    pub extractor: Extractor<'a>,
    /// Per document, the rules' mentions.
    pub rules: Vec<Vec<Mention>>,
    /// Per document and kept sentence, the built-in dictionary's matches.
    pub hits: Vec<Vec<Vec<Hit>>>,
    /// Evidence over the corpus.
    pub corpus: CorpusEvidence,
}

impl<'a> RulePass<'a> {
    /// Runs the rules over `corpus`.
    pub fn new(corpus: &Corpus, user: Option<&'a Gazetteer>) -> RulePass<'a> {
        RulePass::with_extractor(corpus, Extractor::new(corpus, user))
    }

    /// Runs the rules of `extractor` over `corpus`.
    pub fn with_extractor(corpus: &Corpus, extractor: Extractor<'a>) -> RulePass<'a> {
        let (rules, hits): (Vec<Vec<Mention>>, Vec<Vec<Vec<Hit>>>) = corpus
            .docs()
            .par_iter()
            .map(|d| {
                let mut hits = Vec::new();
                let rules = if crate::interrupt::requested() {
                    Vec::new()
                } else {
                    extractor.document_hits(d, Some(&mut hits))
                };
                (rules, hits)
            })
            .unzip();
        // Serial: a few hash updates per mention of the rules (not per
        // token), small next to the rules' and the tagger's passes.
        let mut buf = String::new();
        let mut ev = CorpusEvidence::default();
        for (d, ms) in corpus.docs().iter().zip(&rules) {
            features::add_votes(&mut ev.votes, &d.text, d.tokens(), ms, &mut buf);
            for m in ms.iter().filter(|m| m.evidence == Evidence::Title && m.label == Label::Person) {
                for w in d.text[m.span.start..m.span.end].split_whitespace() {
                    ev.titled.insert(features::lower_hash(w, &mut buf));
                }
            }
        }
        RulePass { extractor, rules, hits, corpus: ev }
    }

    /// Calls `f` for each kept sentence of document `d` with its tokens, the
    /// rules' mentions in it, the features of its tokens and whether it is a
    /// headline in capitals.
    pub fn for_each_sentence(
        &self,
        d: usize,
        doc: &Document,
        mut f: impl FnMut(&[Token], &[Mention], &[Vec<u64>], bool),
    ) {
        let mut buf = String::new();
        let mut feats: Vec<Vec<u64>> = Vec::new();
        self.walk(d, doc, |toks, ms, inp| match inp {
            Some(inp) => {
                features::sentence_features(inp, &mut buf, &mut feats);
                f(toks, ms, &feats, false);
            }
            None => f(toks, ms, &[], true),
        });
    }

    /// [`RulePass::for_each_sentence`] with, instead of the features, the
    /// scores `model` gives each tag of each token ([`Model::emissions`]:
    /// the sums of the features' weights, computed faster).
    pub fn for_each_sentence_scored(
        &self,
        d: usize,
        doc: &Document,
        model: &Model,
        mut f: impl FnMut(&[Token], &[Mention], &[[i32; TAGS]], bool),
    ) {
        let mut buf = EmitBuffers::default();
        let mut scores: Vec<[i32; TAGS]> = Vec::new();
        self.walk(d, doc, |toks, ms, inp| match inp {
            Some(inp) => {
                model.emissions(inp, &mut buf, &mut scores);
                f(toks, ms, &scores, false);
            }
            None => f(toks, ms, &[], true),
        });
    }

    /// Calls `f` for each kept sentence of document `d` with its tokens, the
    /// rules' mentions in it and what its features read (`None` for a
    /// headline in capitals).
    fn walk(&self, d: usize, doc: &Document, mut f: impl FnMut(&[Token], &[Mention], Option<&SentenceInput<'_>>)) {
        let text: &str = &doc.text;
        let rules = &self.rules[d];
        let mut buf = String::new();
        let mut doc_ev = DocEvidence::default();
        let sentence_rules = |k: &crate::corpus::KeptSentence| {
            let a = rules.partition_point(|m| m.span.start < k.span.start);
            let b = rules.partition_point(|m| m.span.start < k.span.end);
            &rules[a..b]
        };
        for k in doc.kept() {
            doc_ev.add(text, doc.sentence_tokens(k), sentence_rules(k), &mut buf);
        }
        let lowercase = |w: &str| self.extractor.written_lowercase(w);
        let gaz = builtin();
        let pos = doc.pos();
        for (ki, k) in doc.kept().iter().enumerate() {
            let toks = doc.sentence_tokens(k);
            let ms = sentence_rules(k);
            if is_headline(text, toks) || !toks.iter().any(|t| super::lexicon::starts_upper(t.text(text))) {
                f(toks, ms, None);
                continue;
            }
            let rule_tags: Vec<RuleTag> = features::rule_tags(toks, ms);
            let found;
            let hits: &[Hit] = match self.hits.get(d).and_then(|h| h.get(ki)) {
                Some(h) => h,
                None => {
                    found = gaz.find(text, toks);
                    &found
                }
            };
            let gaz_tags = features::gazetteer_tags(hits, |e| gaz.entries()[e as usize].label, toks.len());
            let inp = SentenceInput {
                text,
                toks,
                rules: &rule_tags,
                gaz: &gaz_tags,
                lowercase_elsewhere: &lowercase,
                corpus: &self.corpus,
                doc: &doc_ev,
                pos: &pos[k.first as usize..k.last as usize],
            };
            f(toks, ms, Some(&inp));
        }
    }
}

/// The mentions of every document: rules and the learned tagger combined
/// (see the module documentation).
pub fn mentions(corpus: &Corpus, pass: &RulePass<'_>, model: &Model) -> Vec<Vec<Mention>> {
    corpus
        .docs()
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            if crate::interrupt::requested() {
                return Vec::new();
            }
            let mut out = Vec::new();
            let mut tags = Vec::new();
            let mut mask = Vec::new();
            let mut teams = FxHashSet::default();
            let mut unused: Vec<Mention> = Vec::new();
            pass.for_each_sentence_scored(d, doc, model, |toks, rules, scores, headline| {
                let first = out.len();
                if headline {
                    out.extend_from_slice(rules);
                } else {
                    number_mask(toks, &mut mask);
                    model.tag_scored(scores, Some(&mask), &mut tags);
                    let first = toks.first().map_or(0, |t| doc.tokens().partition_point(|u| u.start < t.start));
                    let pos = &doc.pos()[first..first + toks.len()];
                    combine_sentence(&doc.text, toks, pos, rules, &tags, &mut out, &mut teams);
                }
                // The rules' mentions the combination left out: a team's
                // name among them comes back below.
                let kept = &out[first..];
                let left = rules.iter().filter(|r| {
                    r.evidence != Evidence::User
                        && !kept.iter().any(|m| m.span.start < r.span.end && r.span.start < m.span.end)
                });
                let before = unused.len();
                unused.extend(left.cloned());
                score_line_teams(&doc.text, toks, out[first..].iter().chain(&unused[before..]), &mut teams);
            });
            // A name the document introduces as a club or a company (`French
            // side Nice`, `serie A club Atalanta`) is one throughout it.
            org_cued(&doc.text, doc.tokens(), &out, &mut teams);
            // A name the document gives as a team is a team throughout it.
            if !teams.is_empty() {
                // A cue (a line of scores, `side`, `club`) says it is a team.
                let team_ev = Evidence::Cue;
                for m in out.iter_mut().filter(|m| class_of(m.label) != 3 && m.evidence != Evidence::User) {
                    if teams.contains(&doc.text[m.span.start..m.span.end]) {
                        *m = Mention { label: Label::Org, evidence: team_ev, entry: None, ..m.clone() };
                    }
                }
                let back = unused.into_iter().filter(|m| teams.contains(&doc.text[m.span.start..m.span.end]));
                out.extend(back.map(|m| Mention { label: Label::Org, evidence: team_ev, entry: None, ..m }));
                out.sort_by_key(|m| m.span.start);
            }
            out
        })
        .collect()
}

/// One sentence: the learned spans `tags` and the rules' mentions, merged.
#[allow(clippy::too_many_arguments)]
fn combine_sentence<'t>(
    text: &'t str,
    toks: &[Token],
    pos: &[Upos],
    rules: &[Mention],
    tags: &[u8],
    out: &mut Vec<Mention>,
    teams: &mut FxHashSet<&'t str>,
) {
    let user: Vec<&Mention> = rules.iter().filter(|m| m.evidence == Evidence::User).collect();
    let mut found: Vec<Mention> = user.iter().map(|m| (*m).clone()).collect();
    let lw = |i: usize| lower_no_dots(toks[i].text(text));
    let span_of = |a: usize, b: usize| Span { start: toks[a].start, end: toks[b - 1].end };
    let numbers = toks.iter().filter(|t| t.kind == TokenKind::Number).count();
    // The first word of a sentence alone, which the tagger of parts of
    // speech reads as a common word (`Sanctions on Russia were extended`):
    // its capital is the sentence's, not a name's.
    let first_word = toks.iter().position(|t| t.kind == TokenKind::Word);
    let common_first = |a: usize, b: usize| {
        b == a + 1
            && Some(a) == first_word
            && !matches!(pos[a], Upos::Propn | Upos::X | Upos::Sym)
            && !rules.iter().any(|m| m.span == span_of(a, b) && m.evidence >= Evidence::Cue)
    };
    // A possessive inside a span ends one name and starts another
    // (`Sarkhan’s Ministry of Water Resources`).
    let mut learned = Vec::new();
    for (a, b, c) in spans(tags) {
        let mut start = a;
        for (k, t) in toks.iter().enumerate().take(b.saturating_sub(1)).skip(a + 1) {
            if matches!(t.text(text), "'s" | "’s") {
                learned.push((start, k, c));
                start = k + 1;
            }
        }
        learned.push((start, b, c));
    }
    for &(mut a, mut b, mut c) in &learned {
        if common_first(a, b) {
            continue;
        }
        // `Ontario-based Magna`: the place-based word is not part of the
        // name, and what it qualifies is an organisation.
        if b > a + 1 && based(toks[a].text(text)) {
            a += 1;
            c = 1;
        }
        // A sentence's first word that the rules left out of the place they
        // found after it (the corpus writes it in lowercase, or it reads as
        // a verb: `Upstream Dravinia must let…`): its capital is the
        // sentence's, and the name starts after it. Places only (by the
        // rules or by the tagger): before a person such a word is more often
        // a first name (`Mark`, `Will`).
        if b > a + 1
            && Some(a) == first_word
            && rules
                .iter()
                .any(|m| m.span == span_of(a + 1, b) && (c == 2 || matches!(m.label, Label::Gpe | Label::Loc)))
            && !rules.iter().any(|m| m.span.start == toks[a].start)
        {
            a += 1;
        }
        // A hyphenated compound of names is not a name (`Putin-Zelensky`,
        // `Russia-Ukraine`), as for the rules.
        if b == a + 1 && is_name_compound(toks[a].text(text)) && !rules.iter().any(|m| m.span == span_of(a, b)) {
            continue;
        }
        // Nor is a name with a lowercase word hyphenated after it
        // (`U.N.-backed`, `Serb-led`): an adjective made of a name.
        if b == a + 1 && ends_lowercase_compound(toks[a].text(text)) && !rules.iter().any(|m| m.span == span_of(a, b)) {
            continue;
        }
        // A name after `city of`, `town of` is a place.
        if a >= 2 && lw(a - 1) == "of" && PLACE_NOUNS.contains(&lw(a - 2).as_str()) {
            c = 2;
        }
        // Numbers after a person, organisation or place are not part of it
        // (`Somerset 83`); a place right before a score in a line of scores
        // is a team (`Leicestershire 296`, `Boston 3 Chicago 2`).
        while c != 3 && b > a + 1 && toks[b - 1].kind == TokenKind::Number {
            b -= 1;
        }
        let score_after = toks.get(b).is_some_and(|t| t.kind == TokenKind::Number && is_score(t.text(text)));
        let versus = |i: usize| toks.get(i).is_some_and(|t| matches!(t.text(text), "v" | "vs" | "vs."));
        if c == 2 && (numbers >= 2 && score_after || versus(b) || a > 0 && versus(a - 1)) {
            c = 1;
            teams.insert(&text[toks[a].start..toks[b - 1].end]);
        }
        // A lowercase article inside a name that no connector introduces
        // (`Meet the Press`, `Gone with the Wind`): the title of a work.
        let title_of_work = (a + 1..b - 1)
            .any(|k| matches!(toks[k].text(text), "the" | "a") && !super::lexicon::CONNECTORS.contains(&lw(k - 1)));
        if title_of_work && c != 0 {
            c = 3;
        }
        let span = span_of(a, b);
        if user.iter().any(|m| m.span.start < span.end && span.start < m.span.end) {
            continue;
        }
        if let Some(r) = rules.iter().find(|m| m.span == span && class_of(m.label) == c) {
            found.push(r.clone());
            continue;
        }
        let mut role = None;
        if c == 0 {
            if let Some(t_end) = title_at(&lw, a, b) {
                if t_end < b {
                    role = Some(span_of(a, t_end));
                    a = t_end;
                }
            }
            if let Some(r) = rules.iter().find(|m| m.span == span_of(a, b) && m.label == Label::Person) {
                found.push(Mention { role: role.or(r.role), ..r.clone() });
                continue;
            }
        }
        let span = span_of(a, b);
        let last = lw(b - 1);
        let gaz = builtin().lookup(&text[span.start..span.end]).map(|e| e.label).filter(|&l| class_of(l) == c);
        let label = match c {
            0 => Label::Person,
            1 => Label::Org,
            2 => gaz.unwrap_or(if b - a > 1 && LOC_LAST.contains(&last) { Label::Loc } else { Label::Gpe }),
            _ => gaz.unwrap_or(if title_of_work {
                Label::Work
            } else if b - a > 1 && EVENT_LAST.contains(&last) {
                Label::Event
            } else if b - a == 1 && looks_demonym(&last) {
                Label::Norp
            } else {
                Label::Misc
            }),
        };
        found.push(Mention { span, label, evidence: Evidence::Learned, role, entry: None });
    }
    // Rules' mentions from cue words, titles and the dictionary that no
    // learned span overlaps (not a capitalised stopword: `Who signed it?`).
    for r in rules {
        let surface = &text[r.span.start..r.span.end];
        let stopword =
            surface.chars().any(char::is_lowercase) && crate::stopwords::is_english_stopword(&lower_no_dots(surface));
        let a = toks.partition_point(|t| t.start < r.span.start);
        let b = toks.partition_point(|t| t.start < r.span.end);
        if (r.evidence >= Evidence::Cue || tags.len() <= 3 && !common_first(a, b))
            && !stopword
            && !found.iter().any(|m| m.span.start < r.span.end && r.span.start < m.span.end)
        {
            found.push(r.clone());
        }
    }
    found.sort_by_key(|m| m.span.start);
    out.extend(found);
}

/// Teams named by a line of scores (`Pohang 3 Ulsan 2`, `Glamorgan 259 and
/// 207 , Durham 114`, a league table's `Haitai 64 2 43 .596`): a name that
/// starts the line, or follows a number, and is itself followed by a score,
/// in a line of at least two numbers. Not a name with an initial or a title
/// (`A. Dale 69`: a player's score), nor a person's full name.
fn score_line_teams<'t, 'm>(
    text: &'t str,
    toks: &[Token],
    found: impl Iterator<Item = &'m Mention>,
    teams: &mut FxHashSet<&'t str>,
) {
    if toks.iter().filter(|t| t.kind == TokenKind::Number).count() < 2 {
        return;
    }
    let first_word = toks.iter().position(|t| t.kind != TokenKind::Punct);
    for m in found {
        let c = class_of(m.label);
        if c == 3 || m.role.is_some() || m.evidence == Evidence::User {
            continue;
        }
        let a = toks.partition_point(|t| t.start < m.span.start);
        let b = toks.partition_point(|t| t.start < m.span.end);
        if a >= b || toks[a..b].iter().any(|t| t.text(text).ends_with('.')) || c == 0 && b - a > 1 {
            continue;
        }
        let score_after = toks.get(b).is_some_and(|t| t.kind == TokenKind::Number && is_score(t.text(text)));
        // Also after the colon of a venue or the comma between two teams
        // (`Tunbridge Wells : Nottinghamshire 214 ( ... ) , Kent 108-3`),
        // for a name the tagger does not take for a person.
        let after_sep = c != 0 && a > 0 && matches!(toks[a - 1].text(text), ":" | ",");
        let starts = Some(a) == first_word || a > 0 && toks[a - 1].kind == TokenKind::Number || after_sep;
        if score_after && starts {
            teams.insert(&text[m.span.start..m.span.end]);
        }
    }
}

/// Names that follow a noun of [`ORG_BEFORE`] (`side Nice`, `club
/// Atalanta`, `engineer Comelf`), into `orgs`.
fn org_cued<'t>(text: &'t str, toks: &[Token], found: &[Mention], orgs: &mut FxHashSet<&'t str>) {
    for m in found {
        if m.evidence == Evidence::User || m.role.is_some() {
            continue;
        }
        let a = toks.partition_point(|t| t.start < m.span.start);
        let before = if a > 0 && toks[a - 1].kind == TokenKind::Word { toks[a - 1].text(text) } else { "" };
        if ORG_BEFORE.contains(&before) || based(before) {
            orgs.insert(&text[m.span.start..m.span.end]);
        }
    }
}

/// Whether a word is a place with `-based` (`Ontario-based`, `Bergamo-based`).
fn based(w: &str) -> bool {
    w.len() > 6 && w.ends_with("-based") && super::lexicon::starts_upper(w)
}

/// Nouns that name what kind of organisation the name after them is.
const ORG_BEFORE: &[&str] = &[
    "club",
    "side",
    "champions",
    "company",
    "firm",
    "group",
    "maker",
    "manufacturer",
    "producer",
    "retailer",
    "insurer",
    "lender",
    "bank",
    "broker",
    "brokerage",
    "carrier",
    "airline",
    "operator",
    "newspaper",
    "daily",
    "agency",
    "engineer",
    "conglomerate",
    "subsidiary",
    "unit",
];

/// Whether a number reads as a score or tally (digits, at most three of
/// them, or a cricket score such as `296-8`), not a year.
fn is_score(n: &str) -> bool {
    let head = n.split(['-', '/']).next().unwrap_or("");
    !head.is_empty() && head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit())
}

/// The tags a token may take whatever the model says: a number is outside
/// any name (the training data have few `Euro 96`; score lines have many
/// `Somerset 83`).
fn number_mask(toks: &[Token], mask: &mut Vec<u16>) {
    mask.clear();
    mask.extend(toks.iter().map(|t| if t.kind == TokenKind::Number { 1 } else { u16::MAX }));
}

/// Nouns after which `of` introduces a place (`the city of Marhanets`).
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "port",
    "province",
    "region",
    "district",
    "county",
    "state",
    "island",
    "capital",
    "suburb",
    "settlement",
    "municipality",
    "oblast",
];

/// Whether a word is a name with a lowercase word hyphenated after it
/// (`U.N.-backed`, `Serb-led`).
fn ends_lowercase_compound(w: &str) -> bool {
    w.rsplit_once(['-', '‐', '‑']).is_some_and(|(head, tail)| {
        super::lexicon::starts_upper(head) && tail.chars().next().is_some_and(char::is_lowercase)
    })
}

/// Whether a word is a hyphenated compound of capitalised names (`Putin-Zelensky`).
fn is_name_compound(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['-', '‐', '‑']).collect();
    parts.len() >= 2 && parts.iter().all(|p| super::lexicon::starts_upper(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusOptions};

    /// The fast scores equal the sums of the listed features' weights, and
    /// the tags decoded from them equal those of the features, sentence by
    /// sentence (twice, so the second pass reads the cache of word forms).
    fn check_scores(corpus: &Corpus) -> usize {
        let model = super::super::learned::SHIPPED.as_ref().expect("the shipped weights");
        let pass = RulePass::new(corpus, None);
        let mut checked = 0;
        for _ in 0..2 {
            for (d, doc) in corpus.docs().iter().enumerate() {
                let mut listed: Vec<Vec<Vec<u64>>> = Vec::new();
                pass.for_each_sentence(d, doc, |_, _, feats, _| listed.push(feats.to_vec()));
                let mut k = 0;
                pass.for_each_sentence_scored(d, doc, model, |toks, _, scores, _| {
                    let feats = &listed[k];
                    k += 1;
                    assert_eq!(feats.len(), scores.len());
                    let mut mask = Vec::new();
                    number_mask(toks, &mut mask);
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    model.tag_masked(feats, Some(&mask), &mut a);
                    model.tag_scored(scores, Some(&mask), &mut b);
                    assert_eq!(a, b, "{:?}", &doc.text[toks.first().map_or(0, |t| t.start)..]);
                    for (f, s) in feats.iter().zip(scores) {
                        assert_eq!(&model.scores(f), s);
                    }
                    checked += feats.len();
                });
                assert_eq!(k, listed.len());
            }
        }
        checked
    }

    #[test]
    fn names_with_a_lowercase_word_hyphenated_after_them() {
        for w in ["U.N.-backed", "Serb-led", "Ontario-based"] {
            assert!(ends_lowercase_compound(w), "{w}");
        }
        for w in ["Putin-Zelensky", "ex-England", "Bergamo", "post-Games", "Al-Zaman"] {
            assert!(!ends_lowercase_compound(w), "{w}");
        }
    }

    #[test]
    fn fast_scores_equal_the_features() {
        let c = crate::corpus::test_corpus(&[
            "U.S. Vice President JD Vance met Russian President Vladimir Putin in Anchorage, Alaska. \
             Vance’s aides said Putin agreed; the Kremlin (Moscow) did not comment.",
            "THE COUNCIL MET AGAIN. Supercalifragilisticexpialidociousnessisms-Incorporated Holdings Ltd \
             said Müller & Søn A/S of Zürich bought 3.5% of Al-Zaman for $1.13bn. Leicestershire 296 Durham 114.",
            "Who signed it? Mr. O'Neill of the European Commission and Sen. Warren. \
             Secretary of State Marco Rubio flew to Kyiv with envoy Steve Witkoff.",
        ]);
        assert!(check_scores(&c) > 50);
    }

    #[test]
    fn fast_scores_equal_the_features_on_reuters() {
        let path = std::path::Path::new("../shared/eval/corpus/news_reuters21578.jsonl");
        if !path.exists() {
            return;
        }
        let mut texts = Vec::new();
        crate::io::read_jsonl(path, "text", None, |_, t| {
            if texts.len() < 300 {
                texts.push(t);
            }
            Ok(())
        })
        .expect("the Reuters file");
        let ids = (0..texts.len()).map(|i| i.to_string()).collect();
        let c = Corpus::new(ids, texts, CorpusOptions::default()).expect("corpus");
        assert!(check_scores(&c) > 10_000);
    }
}
