//! Entities of the sample corpus (`python/lexiscope/data/sample/*.txt`, five
//! invented news reports of one event): the people, organisations and places
//! found and linked, pinned so that a change to the rules or word lists that
//! moves them is seen.

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::entities::{extract, Entities, Entity, Label};

fn sample() -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("python/lexiscope/data/sample");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the sample corpus is in the repository")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).expect("readable sample")).collect();
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    Corpus::new(ids, texts, CorpusOptions::default()).expect("corpus")
}

fn find<'a>(ents: &'a Entities, name: &str) -> &'a Entity {
    ents.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name:?}"))
}

#[test]
fn sample_entities() {
    let c = sample();
    assert_eq!(c.len(), 5);
    let ents = extract(&c, None);
    let top: Vec<(&str, Label, u32, u32)> =
        ents.entities.iter().take(7).map(|e| (e.name.as_str(), e.label, e.mentions, e.docs)).collect();
    assert_eq!(
        top,
        [
            ("Sarkhan", Label::Gpe, 20, 5),
            ("Dravinia", Label::Gpe, 18, 5),
            ("Aleksandr Petrenko", Label::Person, 15, 5),
            ("Amira Haddad", Label::Person, 12, 5),
            ("Oskel River", Label::Loc, 11, 5),
            ("United Nations", Label::Org, 11, 5),
            ("Geneva", Label::Gpe, 9, 4),
        ]
    );
    // The river named by its first word alone is the same place.
    assert_eq!(find(&ents, "Oskel River").variants, ["Oskel", "Oskel River"]);
    // A language is not a place.
    assert_eq!(find(&ents, "Arabic").label, Label::Misc);
    // Spellings, surnames and aliases merged; titles kept as roles.
    let p = find(&ents, "Aleksandr Petrenko");
    assert_eq!(p.variants, ["Petrenko", "Aleksandr Petrenko", "Alexander Petrenko"]);
    assert_eq!(p.roles, ["Minister", "Mr.", "Foreign Minister"]);
    assert_eq!(find(&ents, "United Nations").variants, ["UN", "United Nations"]);
    assert_eq!(find(&ents, "United States").variants, ["U.S."]);
    assert_eq!(find(&ents, "Helena Marsh").roles, ["Dr."]);
    assert_eq!(find(&ents, "Thomas Whitcombe").roles, ["Sen."]);
    assert_eq!(find(&ents, "Lev Sorokin").roles, ["Prime Minister"]);
    // Cue words: a river, a ministry, a nationality.
    assert_eq!(find(&ents, "Oskel River").label, Label::Loc);
    assert_eq!(find(&ents, "Ministry of Water Resources").label, Label::Org);
    assert_eq!(find(&ents, "Dravinian").label, Label::Norp);
    // 29: the byline `By Northern Ledger staff` is furniture, not a person,
    // and `Upstream Dravinia` (a sentence's first word) is Dravinia.
    assert!(ents.entities.iter().all(|e| !e.name.starts_with("Upstream")));
    assert_eq!(ents.entities.len(), 29);
    assert!(ents.entities.iter().all(|e| !e.ambiguous));

    // Every mention points at its entity, spans are on the text, and the
    // counts add up.
    assert_eq!(ents.mentions.len(), c.len());
    let mut mentions = vec![0u32; ents.entities.len()];
    let mut docs = vec![0u32; ents.entities.len()];
    for (d, ms) in ents.mentions.iter().enumerate() {
        let text = &c.docs()[d].text;
        let mut seen = vec![false; ents.entities.len()];
        for (m, e) in ms {
            let surface = &text[m.span.start..m.span.end];
            assert!(ents.entities[*e as usize].variants.iter().any(|v| v == surface), "{surface:?}");
            mentions[*e as usize] += 1;
            if !std::mem::replace(&mut seen[*e as usize], true) {
                docs[*e as usize] += 1;
            }
        }
        assert!(ms.windows(2).all(|w| w[0].0.span.start < w[1].0.span.start), "mentions in text order");
    }
    assert_eq!(mentions, ents.entities.iter().map(|e| e.mentions).collect::<Vec<_>>());
    assert_eq!(docs, ents.entities.iter().map(|e| e.docs).collect::<Vec<_>>());
}

/// A tiny model trained on hand-written sentences learns them: the training
/// command's code path (features, partial labels, perceptron, weights file)
/// end to end.
#[test]
fn tiny_model_learns_its_training_sentences() {
    use _lexiscope::entities::learned::Model;
    use _lexiscope::entities::train::{evaluate, examples, train, Source};
    let texts = [
        "Marta Kowalczyk joined Ferrovia Nord in Ostrava last year.",
        "Ferrovia Nord said on Monday that Marta Kowalczyk would stay in Ostrava.",
        "The Blue Lantern Festival drew crowds to Ostrava, Marta Kowalczyk said.",
        "Officials at Ferrovia Nord praised the Blue Lantern Festival.",
    ];
    let span = |t: &str, name: &str, c: usize| {
        let s = t.find(name).expect("name in text");
        (s, s + name.len(), c)
    };
    let gold: Vec<Vec<(usize, usize, usize)>> = texts
        .iter()
        .map(|t| {
            let mut g: Vec<_> =
                [("Marta Kowalczyk", 0), ("Ferrovia Nord", 1), ("Ostrava", 2), ("Blue Lantern Festival", 3)]
                    .iter()
                    .filter(|(n, _)| t.contains(n))
                    .map(|&(n, c)| span(t, n, c))
                    .collect();
            g.sort();
            g
        })
        .collect();
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    let opts = CorpusOptions { clean: false, ..CorpusOptions::default() };
    let c = Corpus::new(ids, texts.iter().map(|t| t.to_string()).collect(), opts).expect("corpus");
    let source = Source { has_misc: true };
    let ex = examples(&c, &gold, source, 12);
    assert_eq!(ex.len(), 4);
    let bytes = train(&ex, 12, 10, 1, |_| {});
    assert_eq!(bytes, train(&ex, 12, 10, 1, |_| {}), "training is deterministic");
    let model = Model::parse(&bytes).expect("weights parse");
    let (p, r, f) = evaluate(&model, &ex, source);
    assert!(p == 1.0 && r == 1.0 && f == 1.0, "{p} {r} {f}");
}

#[test]
fn a_short_name_joins_a_surname_only_as_written() {
    let texts = vec![
        "The actor Charlie Sheen arrived in Beijing on Monday. Sheen said he was glad to be there.".to_string(),
        "The minister, Shen Yiqin, met reporters. Shen said the talks went well, and Mr. Shen left.".to_string(),
    ];
    let c = Corpus::new(vec!["a".into(), "b".into()], texts, CorpusOptions::default()).expect("corpus");
    let ents = extract(&c, None);
    let sheen = find(&ents, "Charlie Sheen");
    assert!(!sheen.variants.iter().any(|v| v == "Shen"), "{:?}", sheen.variants);
}

#[test]
fn a_common_word_starting_a_sentence_before_a_place_is_not_part_of_it() {
    // `landlocked` is written in lowercase too, so the rules leave it out.
    let texts = vec!["Is it fair? Landlocked Moldova pays more for gas than its landlocked neighbours. \
                      Moldova said so."
        .to_string()];
    let c = Corpus::new(vec!["a".into()], texts, CorpusOptions::default()).expect("corpus");
    let ents = extract(&c, None);
    let names: Vec<&str> = ents.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Landlocked")), "{names:?}");
    assert_eq!(find(&ents, "Moldova").mentions, 2);
}

#[test]
fn a_common_word_starting_a_sentence_is_not_a_name() {
    let texts = vec!["Sanctions on Russia were extended. Sanctions again.".to_string()];
    let c = Corpus::new(vec!["a".into()], texts, CorpusOptions::default()).expect("corpus");
    let ents = extract(&c, None);
    let names: Vec<&str> = ents.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Russia"]);
}
