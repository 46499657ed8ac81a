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
            ("Sarkhan", Label::Org, 20, 5),
            ("Dravinia", Label::Org, 18, 5),
            ("Aleksandr Petrenko", Label::Person, 15, 5),
            ("Amira Haddad", Label::Person, 12, 5),
            ("United Nations", Label::Org, 11, 5),
            ("Geneva", Label::Gpe, 9, 4),
            ("World Bank", Label::Org, 8, 5),
        ]
    );
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
    // 37: the byline `By Northern Ledger staff` is furniture, not a person.
    assert_eq!(ents.entities.len(), 37);
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
