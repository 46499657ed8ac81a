//! Step 3 of entity extraction: linking the mentions of the whole corpus
//! into canonical entities (dictionary aliases, transliterated spellings,
//! surnames and acronyms joined to the one longer name they belong to), each
//! with one label voted over its mentions.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::gazetteer::{builtin, name_key, Gazetteer};
use super::lexicon::{is_acronym, spelt_alike, translit_key, CONNECTORS, LOC_LAST};
use super::{Entities, Entity, Evidence, Label, Mention, UNKNOWN_LABEL};

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

    /// The most voted label (ties: the first label), without sorting: the
    /// first of the votes sorted by count, then label.
    fn label(&self) -> Label {
        self.label_votes.iter().min_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0))).map_or(UNKNOWN_LABEL, |(l, _)| *l)
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

/// The first of [`sorted_by_count`] (`""` for none), without sorting or
/// copying the others.
fn most_frequent(m: &FxHashMap<String, u32>) -> String {
    m.iter().min_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0))).map(|(s, _)| s.clone()).unwrap_or_default()
}

fn sorted_by_count(m: &FxHashMap<String, u32>) -> Vec<String> {
    let mut v: Vec<(&String, &u32)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.clone()).collect()
}

/// The group key of mention `m` written `surface`: its dictionary entry's
/// (with the entry's name, canonical), or the key of its name.
fn mention_key(m: &Mention, surface: &str, user: Option<&Gazetteer>, builtin: &Gazetteer) -> (String, Option<String>) {
    match m.entry {
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
    }
}

/// Links the mentions of every document into entities; `text_of(d)` is the
/// text the spans of document `d`'s mentions (and roles) point into. Nothing
/// else of the documents is read: only each mention's written form, role,
/// label, evidence and dictionary entry, in document order.
///
/// In parallel: each mention's key (per document), each entity made from its
/// group, each document's mentions pointed at their entities. Serial, with
/// the reason: gathering the mentions into groups (hash updates in document
/// order, which fixes the first canonical name a group gets) and the joining
/// of step 2, where each decision depends on the groups seen so far in a
/// fixed order; both are over the corpus's distinct names and a few hash
/// updates per mention, not over the text.
pub(super) fn link<'t>(
    per_doc: Vec<Vec<Mention>>,
    text_of: impl Fn(usize) -> &'t str + Sync,
    user: Option<&Gazetteer>,
) -> Entities {
    let builtin = builtin();
    // 1. One group per key: a dictionary entry, or the name's key. Each
    // mention's key (and the canonical name its dictionary entry gives) reads
    // that mention alone: computed in parallel, then gathered in document order.
    let keyed: Vec<Vec<(String, Option<String>)>> = per_doc
        .par_iter()
        .enumerate()
        .map(|(d, mentions)| {
            let text = text_of(d);
            mentions.iter().map(|m| mention_key(m, &text[m.span.start..m.span.end], user, builtin)).collect()
        })
        .collect();
    let mut key_of: Vec<Vec<String>> = Vec::with_capacity(per_doc.len());
    let mut groups: FxHashMap<String, Group> = FxHashMap::default();
    for (d, (mentions, keyed)) in per_doc.iter().zip(keyed).enumerate() {
        let text = text_of(d);
        let mut keys = Vec::with_capacity(mentions.len());
        for (m, (key, canonical)) in mentions.iter().zip(keyed) {
            let surface = &text[m.span.start..m.span.end];
            let g = groups.entry(key.clone()).or_insert_with(Group::new);
            *g.label_votes.entry(m.label).or_insert(0) += vote(m.evidence);
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
        // Per group, its most frequent form and its label, computed once
        // (groups do not change in this step).
        let top: FxHashMap<&String, (String, Label)> =
            keys.iter().map(|k| (*k, (most_frequent(&groups[*k].forms), groups[*k].label()))).collect();
        // Places of two words or more whose words after the first are all
        // place words (`Oskel River`), by their first word, as many times as
        // there are such groups, with the first of them.
        let mut places_by_first: FxHashMap<&str, (usize, &String)> = FxHashMap::default();
        for k in &keys {
            let (tf, tl) = &top[*k];
            let mut words = tf.split_whitespace();
            let first = words.next();
            if *tl == Label::Loc && words.clone().count() >= 1 && words.all(|w| LOC_LAST.contains(&w.to_lowercase())) {
                if let Some(first) = first {
                    places_by_first.entry(first).or_insert((0, *k)).0 += 1;
                }
            }
        }
        // A long name ending with another person's full name is that person
        // (`Home Globe JD Vance`, a breadcrumb glued to a name).
        let full_names: FxHashMap<String, &String> = keys
            .iter()
            .filter(|k| top[**k].1 == Label::Person && groups[**k].words == 2)
            .map(|k| (translit_key(&top[*k].0), *k))
            .collect();
        for k in &keys {
            let g = &groups[*k];
            if top[*k].1 != Label::Person || g.words < 3 {
                continue;
            }
            let form = &top[*k].0;
            let parts: Vec<&str> = form.split_whitespace().collect();
            let tail = parts[parts.len() - 2..].join(" ");
            if let Some(target) = full_names.get(&translit_key(&tail)) {
                redirect.insert((*k).clone(), (*target).clone());
            }
        }
        for k in &keys {
            let (form, label) = &top[*k];
            let parts: Vec<&str> = form.split_whitespace().collect();
            if parts.len() >= 2 && *label == Label::Person && !redirect.contains_key(*k) {
                by_surname.entry(translit_key(parts[parts.len() - 1])).or_default().push(k);
            }
            if parts.len() >= 2 && matches!(label, Label::Org | Label::Gpe) {
                let initials: String = parts
                    .iter()
                    .filter(|p| !CONNECTORS.contains(&p.to_lowercase()))
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
            let first_name = |k: &String| translit_key(top[k].0.split_whitespace().next().unwrap_or(""));
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
            let (form, label) = &top[*k];
            let (form, label) = (form.as_str(), *label);
            if matches!(label, Label::Person | Label::Misc | Label::Org)
                || g.label_votes.len() > 1
                || label == UNKNOWN_LABEL
            {
                if let Some(targets) = by_surname.get(&translit_key(form)) {
                    // A short name joins a surname only as written (`Shen` is not `Sheen`).
                    let last = |t: &String| name_key(top[t].0.split_whitespace().last().unwrap_or(""));
                    let close = form.chars().count() >= 6 || targets.iter().all(|t| last(t) == name_key(form));
                    if targets.len() == 1 && close && !k.starts_with("builtin:") {
                        redirect.insert((*k).clone(), targets[0].clone());
                        continue;
                    }
                    if targets.len() > 1 && close && !k.starts_with("builtin:") {
                        ambiguous.insert((*k).clone());
                        continue;
                    }
                }
            }
            // A place named by its first word alone (`the Oskel` for the
            // `Oskel River`): the one such place in the corpus.
            if !k.starts_with("builtin:") && label != Label::Person {
                if let Some(&(1, place)) = places_by_first.get(form) {
                    redirect.insert((*k).clone(), place.clone());
                    continue;
                }
            }
            if is_acronym(form) && !k.starts_with("builtin:") {
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
    let target_labels: FxHashMap<String, Label> = redirect
        .values()
        .filter_map(|t| groups.get(t).map(|g| (t.clone(), g.label())))
        .filter(|(_, l)| *l == Label::Loc)
        .collect();
    for k in sorted_keys {
        let g = groups.remove(&k).expect("key present");
        let target = resolve(&k);
        let is_ambiguous = ambiguous.contains(&k);
        let slot = merged.entry(target.clone()).or_insert_with(Group::new);
        if target != k {
            // A surname joining a person, a first word joining its place:
            // the vote is the person's or the place's.
            let votes: u32 = g.label_votes.values().sum();
            let mut g = g;
            g.label_votes.clear();
            g.label_votes.insert(target_labels.get(&target).copied().unwrap_or(Label::Person), votes.min(1));
            slot.absorb(g);
        } else {
            slot.absorb(g);
        }
        slot.ambiguous |= is_ambiguous;
    }
    // 3. Entities, most mentioned first (ties by name).
    // Each entity reads its own group only (in parallel); the sort below
    // gives the order.
    let mut order: Vec<(String, Entity)> = merged
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
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
        .into_par_iter()
        .zip(key_of)
        .map(|(ms, keys)| ms.into_iter().zip(keys).map(|(m, k)| (m, index[resolve(&k).as_str()])).collect())
        .collect();
    Entities { entities: order.into_iter().map(|(_, e)| e).collect(), mentions }
}

/// A mention's weight in its entity's label vote. A reading the rules give
/// counts its evidence plus two; the tagger's reading against the rules
/// ([`Evidence::Learned`]) counts two, as much as a rules' guess with nothing
/// behind it ([`Evidence::Unknown`]). With a model, the rules' mentions kept in
/// a tagged sentence are readings the tagger shared, so the tagger's guesses
/// against the rules do not outvote the readings both agree on: an unseen
/// country read as a place after `in` and `into` and as a person before
/// `'s` and a verb stays a place.
fn vote(e: Evidence) -> u32 {
    if e == Evidence::Learned {
        2
    } else {
        e as u32 + 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Span;

    /// The tagger's readings against the rules do not outvote as many
    /// readings the rules give (and, with a model, the tagger shared).
    #[test]
    fn learned_guesses_do_not_outvote_shared_readings() {
        let text = "Sarkhan Sarkhan Sarkhan Sarkhan Sarkhan Sarkhan";
        let mention = |i: usize, label, evidence| Mention {
            span: Span { start: 8 * i, end: 8 * i + 7 },
            label,
            evidence,
            role: None,
            entry: None,
        };
        let mut ms: Vec<Mention> = (0..3).map(|i| mention(i, Label::Person, Evidence::Learned)).collect();
        ms.extend((3..6).map(|i| mention(i, Label::Gpe, Evidence::Shape)));
        let ents = link(vec![ms], |_| text, None);
        assert_eq!(ents.entities.len(), 1);
        assert_eq!((ents.entities[0].label, ents.entities[0].mentions), (Label::Gpe, 6));
    }
}
