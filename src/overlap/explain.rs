//! Readable explanations: the parts of a score grouped by channel, with
//! stems and stem bigrams shown as they are written in the documents, and
//! the shared-neighbour part listed by the third documents both resemble.
//! Story labels use the same surface forms.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Channel, Part, Vectors};
use crate::corpus::{Corpus, Scratch};
use crate::error::Result;
use crate::normalize::{normalize_cow, Stem};
use crate::tokenize::TokenKind;

/// The channel of the shared-neighbour part of a score.
pub const CONTEXT: &str = "context";

/// What one row of an explanation refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// A shared term, phrase or entity, as written in the documents.
    Feature(String),
    /// A third document both documents resemble (its position).
    Neighbor(u32),
    /// The two documents being among each other's nearest neighbours.
    EachOther,
    /// The rest of a channel, cut by `top`: how many parts.
    More(usize),
}

/// One row of an explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `entity`, `quote`, `phrase`, `term` or [`CONTEXT`].
    pub channel: &'static str,
    /// What the row is about.
    pub subject: Subject,
    /// Its part of the score.
    pub contribution: f64,
}

/// Channels in the order an explanation lists them.
const ORDER: [&str; 5] = ["entity", "quote", "phrase", "term", CONTEXT];

/// Per (channel, stem key): each written form's count and when it was first seen.
type Seen = FxHashMap<(Channel, String), FxHashMap<String, (u32, usize)>>;

/// The most frequent written form of each stem (`Channel::Terms`) and stem
/// bigram (`Channel::Phrases`) of `wanted` in documents `docs`, made with the
/// options the overlap vectors use (stopwords out; numbers in for terms, out
/// for phrases). A phrase's written form is the text from its first word to
/// its second, whitespace collapsed, so a stopword between them shows.
/// Ties go to the form seen first.
pub fn surface_forms(
    corpus: &Corpus,
    docs: &[usize],
    stem: &Stem,
    wanted: &FxHashSet<(Channel, &str)>,
) -> FxHashMap<(Channel, String), String> {
    let mut seen: Seen = FxHashMap::default();
    let want_terms = wanted.iter().any(|(c, _)| *c == Channel::Terms);
    let want_phrases = wanted.iter().any(|(c, _)| *c == Channel::Phrases);
    let mut order = 0usize;
    let mut note = |seen: &mut Seen, key: (Channel, String), form: String| {
        order += 1;
        let e = seen.entry(key).or_default().entry(form).or_insert((0, order));
        e.0 += 1;
    };
    for &d in docs {
        for_each_kept_run(corpus, d, stem, |text, words| {
            if want_terms {
                for w in words {
                    if wanted.contains(&(Channel::Terms, w.stem.as_str())) {
                        note(&mut seen, (Channel::Terms, w.stem.clone()), text[w.start..w.end].to_string());
                    }
                }
            }
            if want_phrases {
                let words: Vec<&KeptWord> = words.iter().filter(|w| !w.number).collect();
                for w in words.windows(2) {
                    let key = format!("{} {}", w[0].stem, w[1].stem);
                    if wanted.contains(&(Channel::Phrases, key.as_str())) {
                        note(&mut seen, (Channel::Phrases, key), collapse(&text[w[0].start..w[1].end]));
                    }
                }
            }
        });
    }
    seen.into_iter()
        .map(|(key, forms)| {
            let best = forms
                .into_iter()
                .max_by(|x, y| x.1 .0.cmp(&y.1 .0).then(y.1 .1.cmp(&x.1 .1)))
                .map(|(f, _)| f)
                .unwrap_or_default();
            (key, best)
        })
        .collect()
}

/// A kept word of a run, as the overlap vectors see it: its stem and offsets.
struct KeptWord {
    stem: String,
    start: usize,
    end: usize,
    number: bool,
}

/// Calls `f` with the text of document `d` and, for each run of its tokens
/// (a sentence without the marks that break it), the words the overlap
/// vectors keep (content words that are not stopwords), stemmed.
fn for_each_kept_run(corpus: &Corpus, d: usize, stem: &Stem, mut f: impl FnMut(&str, &[KeptWord])) {
    let spec = &corpus.options().tokenizer;
    let tok = corpus.tokenizer();
    let mut buf = String::new();
    let doc = &corpus.docs()[d];
    let text: &str = &doc.text;
    let mut words: Vec<KeptWord> = Vec::new();
    doc.for_each_run(true, &mut Scratch::default(), |run| {
        words.clear();
        for t in run {
            if !t.kind.is_content() {
                continue;
            }
            let norm = normalize_cow(t.text(text), &spec.normalize, &mut buf);
            if tok.is_stop(norm) {
                continue;
            }
            let st = stem.stem(norm).into_owned();
            words.push(KeptWord { stem: st, start: t.start, end: t.end, number: t.kind == TokenKind::Number });
        }
        f(text, &words);
    });
}

/// `s` with each stretch of white space made one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Passages of document `d` made of two or more shared stem bigrams in a
/// row (`puppet regime` + `regime in Kyiv` is `puppet regime in Kyiv`): per
/// passage, its bigram keys in order and its text as written. A passage
/// reads as the shared wording it is, where its bigrams alone read as
/// fragments (`able to install`, `want to stop`).
fn shared_passages(corpus: &Corpus, d: usize, stem: &Stem, phrases: &FxHashSet<&str>) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for_each_kept_run(corpus, d, stem, |text, words| {
        let words: Vec<&KeptWord> = words.iter().filter(|w| !w.number).collect();
        let mut i = 0;
        while i + 1 < words.len() {
            let mut keys: Vec<String> = Vec::new();
            let mut j = i;
            while j + 1 < words.len() {
                let key = format!("{} {}", words[j].stem, words[j + 1].stem);
                if !phrases.contains(key.as_str()) {
                    break;
                }
                keys.push(key);
                j += 1;
            }
            if keys.len() >= 2 {
                out.push((keys, collapse(&text[words[i].start..words[j].end])));
            }
            i = j.max(i + 1);
        }
    });
    out
}

impl Vectors {
    /// The parts of the score of `a` and `b` grouped by channel (entities,
    /// phrases, terms, then the shared-neighbour context), each channel
    /// largest first and cut to its `top` parts plus one [`Subject::More`]
    /// row holding the rest, so the contributions always add up to the
    /// score. Terms and phrases are shown as written in `a` and `b`; the
    /// context never lists `a` or `b` themselves: the share that comes from
    /// their being each other's neighbours grows with their direct score, so
    /// it is added to the shared features in proportion (one
    /// [`Subject::EachOther`] row when they share none).
    pub fn explain_readable(
        &self,
        corpus: &Corpus,
        language: &str,
        a: usize,
        b: usize,
        top: usize,
    ) -> Result<Vec<Row>> {
        let parts = self.explain(a, b);
        let stem = Stem::new(language)?;
        let wanted: FxHashSet<(Channel, &str)> = parts
            .iter()
            .filter_map(|(p, _)| match p {
                Part::Feature(f) => {
                    let feat = &self.features[*f as usize];
                    matches!(feat.channel, Channel::Terms | Channel::Phrases)
                        .then_some((feat.channel, feat.name.as_str()))
                }
                Part::Neighbor(_) => None,
            })
            .collect();
        let docs: Vec<usize> = if a == b { vec![a] } else { vec![a, b] };
        let forms = surface_forms(corpus, &docs, &stem, &wanted);
        let mut by_channel: FxHashMap<&'static str, Vec<(Subject, f64)>> = FxHashMap::default();
        let mut each_other = 0.0;
        let mut has_each_other = false;
        // The stem key of each phrase row, in the order of the rows.
        let mut phrase_keys: Vec<String> = Vec::new();
        for (p, c) in parts {
            match p {
                Part::Feature(f) => {
                    let feat = &self.features[f as usize];
                    let name =
                        forms.get(&(feat.channel, feat.name.clone())).cloned().unwrap_or_else(|| feat.name.clone());
                    if feat.channel == Channel::Phrases {
                        phrase_keys.push(feat.name.clone());
                    }
                    by_channel.entry(feat.channel.as_str()).or_default().push((Subject::Feature(name), c));
                }
                Part::Neighbor(nb) if nb as usize == a || nb as usize == b => {
                    each_other += c;
                    has_each_other = true;
                }
                Part::Neighbor(nb) => by_channel.entry(CONTEXT).or_default().push((Subject::Neighbor(nb), c)),
            }
        }
        // The shared-neighbour part that comes from `a` and `b` being in
        // each other's profiles is, by construction, the direct score times a
        // constant (each profile holds its own document at 1 and the other's
        // direct score, over the same norms): it is spread over the shared
        // features in proportion to their direct parts, which is exact.
        // Without shared features it stays one row.
        let direct: f64 = by_channel
            .iter()
            .filter(|(ch, _)| **ch != CONTEXT)
            .flat_map(|(_, items)| items.iter().map(|(_, c)| *c))
            .sum();
        if has_each_other && direct > 0.0 {
            let scale = 1.0 + each_other / direct;
            for (ch, items) in by_channel.iter_mut() {
                if *ch != CONTEXT {
                    items.iter_mut().for_each(|(_, c)| *c *= scale);
                }
            }
        } else if has_each_other {
            by_channel.entry(CONTEXT).or_default().push((Subject::EachOther, each_other));
        }
        if let Some(items) = by_channel.remove("phrase") {
            by_channel.insert("phrase", self.join_passages(corpus, &stem, a, items, &phrase_keys));
        }
        let mut rows = Vec::new();
        for channel in ORDER {
            let Some(mut items) = by_channel.remove(channel) else { continue };
            // Largest first (a stable sort keeps the feature order of ties).
            items.sort_by(|x, y| y.1.total_cmp(&x.1));
            let cut = items.len() > top.saturating_add(1);
            let rest: Vec<(Subject, f64)> = if cut { items.split_off(top) } else { Vec::new() };
            rows.extend(items.into_iter().map(|(subject, contribution)| Row { channel, subject, contribution }));
            if cut {
                let contribution = rest.iter().map(|(_, c)| c).sum();
                rows.push(Row { channel, subject: Subject::More(rest.len()), contribution });
            }
        }
        Ok(rows)
    }

    /// The phrase rows of an explanation of `a` and another document, with
    /// the bigrams that run on into each other in `a` joined into one row
    /// per passage (its contributions summed), longest passages first; a
    /// bigram joins at most one passage. `items` are the phrase rows and
    /// `keys` their stem bigrams, in the same order.
    fn join_passages(
        &self,
        corpus: &Corpus,
        stem: &Stem,
        a: usize,
        items: Vec<(Subject, f64)>,
        keys: &[String],
    ) -> Vec<(Subject, f64)> {
        let phrases: FxHashSet<&str> = keys.iter().map(String::as_str).collect();
        let mut passages = shared_passages(corpus, a, stem, &phrases);
        // Longest first; ties keep the order of the text (a stable sort).
        passages.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        let index: FxHashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
        let mut taken = vec![false; items.len()];
        let mut out: Vec<(Subject, f64)> = Vec::new();
        let mut shown: FxHashSet<String> = FxHashSet::default();
        for (pkeys, form) in passages {
            let mut ids: Vec<usize> = pkeys.iter().filter_map(|k| index.get(k.as_str()).copied()).collect();
            ids.sort_unstable();
            ids.dedup();
            if ids.len() < 2 || ids.iter().any(|&i| taken[i]) || shown.contains(&form) {
                continue;
            }
            let contribution = ids.iter().map(|&i| items[i].1).sum();
            for &i in &ids {
                taken[i] = true;
            }
            shown.insert(form.clone());
            out.push((Subject::Feature(form), contribution));
        }
        out.extend(items.into_iter().zip(taken).filter(|(_, t)| !t).map(|(item, _)| item));
        out
    }

    /// A story label: from `candidates` (see
    /// [`crate::scores::OverlapScores::label_candidates`]), up to 2 entities
    /// as named, then the strongest phrase and terms to make 3 parts, each in
    /// its most frequent written form in the group's documents that hold it
    /// (the 3 strongest of them), skipping a part whose words repeat one
    /// already chosen; joined by ` · `.
    pub fn label(&self, corpus: &Corpus, language: &str, candidates: &[u32], group: &[u32]) -> Result<String> {
        const PER_FEATURE: usize = 3;
        let stem = Stem::new(language)?;
        let members: FxHashSet<u32> = group.iter().copied().collect();
        let mut docs: Vec<usize> = Vec::new();
        for &f in candidates {
            if matches!(self.features[f as usize].channel, Channel::Entities | Channel::Quotes) {
                continue;
            }
            let mut holders: Vec<(u32, f64)> =
                self.postings[f as usize].iter().copied().filter(|(d, _)| members.contains(d)).collect();
            holders.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            docs.extend(holders.iter().take(PER_FEATURE).map(|&(d, _)| d as usize));
        }
        docs.sort_unstable();
        docs.dedup();
        let wanted: FxHashSet<(Channel, &str)> = candidates
            .iter()
            .map(|&f| &self.features[f as usize])
            .filter(|feat| matches!(feat.channel, Channel::Terms | Channel::Phrases))
            .map(|feat| (feat.channel, feat.name.as_str()))
            .collect();
        let forms = surface_forms(corpus, &docs, &stem, &wanted);
        let mut parts: Vec<String> = Vec::new();
        let mut words: FxHashSet<String> = FxHashSet::default();
        let mut phrases = 0;
        for &f in candidates {
            let feat = &self.features[f as usize];
            let form = forms.get(&(feat.channel, feat.name.clone())).cloned().unwrap_or_else(|| feat.name.clone());
            let lower: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
            let take = match feat.channel {
                Channel::Entities => true,
                Channel::Phrases => phrases == 0 && parts.len() < 3,
                Channel::Terms => parts.len() < 3,
                Channel::Quotes => false,
            };
            if !take || lower.iter().all(|w| words.contains(w)) {
                continue;
            }
            if feat.channel == Channel::Phrases {
                phrases += 1;
            }
            words.extend(lower);
            parts.push(form);
        }
        Ok(parts.join(" · "))
    }
}
