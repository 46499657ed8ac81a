//! Trains the entity tagger's shipped weights (`src/entities/ner.weights`)
//! from the shareable training data (see `docs/entities.md` for sources,
//! licences and how their conventions are mapped to CoNLL-2003's).
//!
//!     cargo run --release --example train_ner -- [--data ../shared] [--epochs 8] [--bits 18] [--out src/entities/ner.weights]
//!     cargo run --release --example train_ner -- --load W.weights --measure FILE.jsonl
//!
//! Deterministic: the same data and arguments give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::entities::gazetteer::builtin;
use _lexiscope::entities::learned::Model;
use _lexiscope::entities::train::{self, class_of_name, Example, Gold, Source};
use _lexiscope::entities::Label;

mod common;

/// One document: id, text, entities as byte spans with a class.
struct Doc {
    id: String,
    text: String,
    gold: Vec<Gold>,
}

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Reads a JSONL file of `{"id", "text", "entities": [[start, end, label]]}`
/// (character offsets), joining consecutive records of one document (same
/// id up to its last `-`) when `group` is set.
fn read(path: &Path, group: bool, redocred: bool) -> Vec<Doc> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs: Vec<Doc> = Vec::new();
    let mut last_group = String::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON record");
        let id = v["id"].as_str().expect("id").to_string();
        let text = v["text"].as_str().expect("text").to_string();
        let c2b = char_to_byte(&text);
        let mut gold = Vec::new();
        for e in v["entities"].as_array().expect("entities") {
            let (s, t, lab) = (
                e[0].as_u64().expect("start") as usize,
                e[1].as_u64().expect("end") as usize,
                e[2].as_str().expect("label"),
            );
            let Some(mut class) = class_of_name(lab) else { continue };
            let (mut s, t) = (c2b[s], c2b[t]);
            let mut surface = &text[s..t];
            // Re-DocRED: a leading article is not part of the name.
            if redocred {
                for art in ["the ", "The "] {
                    if let Some(rest) = surface.strip_prefix(art) {
                        s += art.len();
                        surface = rest;
                    }
                }
                // Nationality words are LOC there, MISC in CoNLL.
                if class == 2 && builtin().lookup(surface).is_some_and(|x| x.label == Label::Norp) {
                    class = 3;
                }
            }
            // Common nouns (`souvlaki`) are not names.
            if !surface.chars().any(char::is_uppercase) {
                continue;
            }
            gold.push((s, t, class));
        }
        let key = if group { id.rsplit_once('-').map_or(id.clone(), |(a, _)| a.to_string()) } else { id.clone() };
        if group && key == last_group {
            let d = docs.last_mut().expect("a document");
            d.text.push('\n');
            let off = d.text.len();
            d.text.push_str(&text);
            d.gold.extend(gold.into_iter().map(|(s, t, c)| (s + off, t + off, c)));
        } else {
            docs.push(Doc { id: format!("{}:{}", path.display(), key), text, gold });
            last_group = key;
        }
    }
    docs
}

fn examples_of(docs: Vec<Doc>, source: Source, bits: u32) -> Vec<Example> {
    let (ids, texts): (Vec<String>, Vec<String>) = docs.iter().map(|d| (d.id.clone(), d.text.clone())).unzip();
    let opts = CorpusOptions { clean: false, ..CorpusOptions::default() };
    let corpus = Corpus::new(ids, texts, opts).expect("corpus");
    let gold: Vec<Vec<Gold>> = docs.into_iter().map(|d| d.gold).collect();
    train::examples(&corpus, &gold, source, bits)
}

fn main() {
    let mut args: BTreeMap<String, String> = BTreeMap::new();
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        args.insert(pair[0].trim_start_matches('-').to_string(), pair.get(1).cloned().unwrap_or_default());
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = args.get("data").map(PathBuf::from).unwrap_or_else(|| root.join("../shared"));
    let epochs: usize = args.get("epochs").map_or(8, |e| e.parse().expect("--epochs N"));
    let bits: u32 = args.get("bits").map_or(18, |b| b.parse().expect("--bits B"));
    let out = args.get("out").map(PathBuf::from).unwrap_or_else(|| root.join("src/entities/ner.weights"));
    // `--load W --measure FILE`: measure the weights `W` without training.
    if let (Some(w), Some(path)) = (args.get("load"), args.get("measure")) {
        let model = Model::parse(&std::fs::read(w).expect("the weights")).expect("a model");
        measure(Path::new(path), &model);
        return;
    }
    let ner = data.join("train/ner");
    let with_misc = Source { has_misc: true };
    let no_misc = Source { has_misc: false };
    let t0 = std::time::Instant::now();
    let mut examples = Vec::new();
    for (file, group, redocred, source) in [
        ("uner_ewt.train.jsonl", true, false, no_misc),
        ("gum.train.jsonl", true, false, with_misc),
        ("redocred.dev.jsonl", false, true, with_misc),
        ("redocred.test.jsonl", false, true, with_misc),
    ] {
        let ex = examples_of(read(&ner.join(file), group, redocred), source, bits);
        eprintln!("{file}: {} sentences", ex.len());
        examples.extend(ex);
    }
    let wikigold = data.join("eval/ner/wikigold.docs.jsonl");
    let ex = examples_of(read(&wikigold, false, false), with_misc, bits);
    eprintln!("wikigold.docs.jsonl: {} sentences", ex.len());
    examples.extend(ex);
    let dev_uner = examples_of(read(&ner.join("uner_ewt.dev.jsonl"), true, false), no_misc, bits);
    let dev_gum = examples_of(read(&ner.join("gum.dev.jsonl"), true, false), with_misc, bits);
    eprintln!("features in {:.1} s; training on {} sentences", t0.elapsed().as_secs_f64(), examples.len());
    let bytes = train::train(&examples, bits, epochs, 0x6c78_6e65, |e| {
        eprintln!("epoch {e} ({:.0} s)", t0.elapsed().as_secs_f64())
    });
    let model = Model::parse(&bytes).expect("a model");
    for (name, dev, source) in [("UNER-EWT dev (PER/ORG/LOC)", &dev_uner, no_misc), ("GUM dev", &dev_gum, with_misc)] {
        let (p, r, f) = train::evaluate(&model, dev, source);
        eprintln!("{name}: P {p:.3} R {r:.3} F1 {f:.3}");
    }
    if let Some(path) = args.get("measure") {
        measure(Path::new(path), &model);
    }
    std::fs::write(&out, &bytes).expect("write the weights");
    eprintln!("wrote {} ({:.1} MB)", out.display(), bytes.len() as f64 / 1e6);
}

/// Prints micro and per-label F1 (CoNLL labels) of the rules alone and of
/// rules with the new model on a labelled JSONL file (measurement only).
fn measure(path: &Path, model: &Model) {
    let docs = read(path, false, false);
    let (ids, texts): (Vec<String>, Vec<String>) = docs.iter().map(|d| (d.id.clone(), d.text.clone())).unzip();
    let opts = CorpusOptions { clean: false, ..CorpusOptions::default() };
    let corpus = Corpus::new(ids, texts, opts).expect("corpus");
    let gold: Vec<(usize, usize, usize, usize)> =
        docs.iter().enumerate().flat_map(|(d, doc)| doc.gold.iter().map(move |&(s, e, c)| (d, s, e, c))).collect();
    for (name, m) in [("rules", None), ("rules + learned", Some(model))] {
        let ents = _lexiscope::entities::extract_with(&corpus, None, m);
        let mut pred = Vec::new();
        for (d, ms) in ents.mentions.iter().enumerate() {
            for (mention, e) in ms {
                let label = if std::env::var_os("NER_MENTION_LABELS").is_some() {
                    mention.label
                } else {
                    ents.entities[*e as usize].label
                };
                let c = class_of_name(label.conll()).expect("a class");
                pred.push((d, mention.span.start, mention.span.end, c));
            }
        }
        let gold_set: std::collections::HashSet<_> = gold.iter().collect();
        let mut line = String::new();
        for c in [None, Some(0), Some(1), Some(2), Some(3)] {
            let keep = |x: &&(usize, usize, usize, usize)| c.is_none_or(|c| x.3 == c);
            let p: Vec<_> = pred.iter().filter(keep).collect();
            let g = gold.iter().filter(keep).count();
            let tp = p.iter().filter(|x| gold_set.contains(**x)).count();
            let (pr, re) = (tp as f64 / p.len().max(1) as f64, tp as f64 / g.max(1) as f64);
            let f = if pr + re > 0.0 { 2.0 * pr * re / (pr + re) } else { 0.0 };
            line += &format!(" {}={f:.4}", ["all", "PER", "ORG", "LOC", "MISC"][c.map_or(0, |c| c + 1)]);
        }
        eprintln!("{}: {name}:{line}", path.display());
        if std::env::var_os("NER_ERRORS").is_some() {
            let by_span: std::collections::HashMap<(usize, usize, usize), usize> =
                gold.iter().map(|&(d, s, e, c)| ((d, s, e), c)).collect();
            let mut kinds: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
            let names = ["PER", "ORG", "LOC", "MISC"];
            for &(d, s, e, c) in &pred {
                let k = match by_span.get(&(d, s, e)) {
                    Some(&g) if g == c => continue,
                    Some(&g) => format!("{} as {}", names[g], names[c]),
                    None => format!("spurious {}", names[c]),
                };
                let slot = kinds.entry(k).or_default();
                slot.0 += 1;
                if slot.1.len() < 25 {
                    slot.1.push(docs[d].text[s..e].to_string());
                }
            }
            let pred_spans: std::collections::HashSet<_> = pred.iter().map(|&(d, s, e, _)| (d, s, e)).collect();
            for &(d, s, e, c) in &gold {
                if !pred_spans.contains(&(d, s, e)) {
                    let slot = kinds.entry(format!("missed {}", names[c])).or_default();
                    slot.0 += 1;
                    if slot.1.len() < 25 {
                        slot.1.push(docs[d].text[s..e].to_string());
                    }
                }
            }
            let mut v: Vec<_> = kinds.into_iter().collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.1 .0));
            for (k, (n, ex)) in v.iter().take(14) {
                eprintln!("  {k}: {n}: {}", ex.join(" | "));
            }
        }
    }
}
