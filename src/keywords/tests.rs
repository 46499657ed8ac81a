//! Tests of keyphrase scoring and selection.

use super::*;

use crate::corpus::test_corpus as corpus;

#[test]
fn phrases_and_containment() {
    let c =
        corpus(&["Guests at Seoul’s Four Seasons hotel met the Secretary of State. The Secretary of State praised \
         Seoul’s Four Seasons hotel. Seoul’s Four Seasons hotel was calm."]);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    let got: Vec<String> = k.document(0, 10).into_iter().map(|p| p.text).collect();
    assert!(got.contains(&"Seoul’s Four Seasons hotel".to_string()), "{got:?}");
    assert!(got.contains(&"Secretary of State".to_string()), "{got:?}");
    assert!(!got.contains(&"Four Seasons".to_string()), "{got:?}");
    for p in &got {
        let first = p.split(' ').next().unwrap().to_lowercase();
        assert!(!crate::stopwords::is_english_stopword(&first), "{p}");
    }
}

#[test]
fn partial_ordering_equals_full_ordering() {
    let text = "Guests at Seoul’s Four Seasons hotel met the Secretary of State. The Secretary of State \
         praised Seoul’s Four Seasons hotel. Seoul’s Four Seasons hotel was calm. Talks on security \
         guarantees and territorial integrity went on; security guarantees came first. The Four Seasons \
         staff, the hotel guests and the State Department all watched the talks on security.";
    let c = corpus(&[text, "Another story about the talks, the guarantees and the hotel."]);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    // Reference: every candidate ordered, then the same selection; and no
    // phrase listed contains or is contained in another.
    for top in [1, 2, 3, 5, 8, 40] {
        let want = k.document_fully_ordered(0, top);
        let got = k.document(0, top);
        let ids = |p: &Keyphrase| p.key.split(' ').map(str::to_string).collect::<Vec<_>>();
        for (i, a) in got.iter().enumerate() {
            assert!(got[i + 1..].iter().all(|b| !contains_run(&ids(a), &ids(b)) && !contains_run(&ids(b), &ids(a))));
        }
        assert_eq!(got.iter().map(|p| &p.key).collect::<Vec<_>>(), want.iter().map(|p| &p.key).collect::<Vec<_>>());
    }
}

#[test]
fn names_and_topics() {
    let t = |cat: Cat, cap: bool| Tok { cat: Some(cat), cap, ..Tok::default() };
    let of = Tok { cat: Some(Cat::Other), connector: true, ..Tok::default() };
    // `Meet the Press`, `Vance` anywhere, a capitalised common noun opening a sentence is not a name.
    assert!(is_name(&[t(Cat::Propn, true), of, t(Cat::Propn, true)], false));
    assert!(is_name(&[t(Cat::Propn, true)], true));
    assert!(!is_name(&[t(Cat::Noun, true), t(Cat::Noun, false)], true));
    assert!(!is_name(&[t(Cat::Noun, true)], true));
    assert!(is_name(&[t(Cat::Noun, true)], false));
    // A topic as often repeated as a name ranks above it.
    let c = corpus(&["Vance spoke about security guarantees. Vance wants security guarantees. \
         Vance discussed security guarantees. The weather was mild."]);
    let got: Vec<String> =
        KeyphraseExtractor::new(&c, "en").unwrap().document(0, 5).into_iter().map(|p| p.text).collect();
    let rank = |p: &str| got.iter().position(|g| g == p);
    assert!(rank("security guarantees") < rank("Vance"), "{got:?}");
}

#[test]
fn fixed_expressions_whole_or_not_at_all() {
    let c = corpus(&["There will be no boots on the ground in the region. Sanctions are not off the table, \
         officials said. Boots on the ground were ruled out again, and sanctions were discussed. \
         Progress was slow, but they are making progress on a case-by-case basis."]);
    let got: Vec<String> =
        KeyphraseExtractor::new(&c, "en").unwrap().document(0, 10).into_iter().map(|p| p.text).collect();
    assert!(got.iter().any(|p| p.eq_ignore_ascii_case("boots on the ground")), "{got:?}");
    for part in ["table", "ground", "boots", "case-by-case basis", "basis"] {
        assert!(!got.iter().any(|p| p.eq_ignore_ascii_case(part)), "{part}: {got:?}");
    }
    // `Progress` written alone still counts; `making progress` adds nothing to it.
    let progress = KeyphraseExtractor::new(&c, "en").unwrap().candidates(0);
    let p = progress.iter().find(|p| p.key == "progress").expect("progress");
    assert_eq!(p.count, 1, "{progress:?}");
}

#[test]
fn a_head_is_shown_as_its_phrase_the_story_repeats() {
    let c = corpus(&[
        "Russia made notable concessions, Vance said. Russia made significant concessions on land. \
         The talks went on.",
        "Vance said Russia made significant concessions. The significant concessions covered land.",
        "The weather was mild and the harvest was early.",
    ]);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    let got: Vec<String> = k.document(0, 10).into_iter().map(|p| p.text).collect();
    assert!(got.contains(&"significant concessions".to_string()), "{got:?}");
    assert!(!got.contains(&"concessions".to_string()) && !got.contains(&"notable concessions".to_string()), "{got:?}");
}

#[test]
fn collection_folds_a_surname_into_the_one_fuller_name() {
    let story = [
        "Senator Ana Ruiz met the harbour board in Varn on Monday. Ruiz said the port would open in May. \
         Ruiz added that the harbour board had agreed to the dates.",
        "Ana Ruiz spoke after the vote. Ruiz said the port of Varn would open in May, and the harbour \
         board agreed.",
        "Ruiz told reporters the port of Varn would open. The harbour board did not comment on Ruiz.",
    ];
    let c = corpus(&story);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    let got = k.corpus(20, 15);
    let texts: Vec<&str> = got.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.contains(&"Ana Ruiz"), "{texts:?}");
    assert!(!texts.contains(&"Ruiz"), "{texts:?}");
    let ana = got.iter().find(|p| p.text == "Ana Ruiz").unwrap();
    assert_eq!(ana.docs, 3, "the surname's documents join the full name's");
    // Two fuller names ending in one word: the word stays as it is.
    let forms = |t: &'static str| std::iter::once((t, 1u32)).collect::<rustc_hash::FxHashMap<&str, u32>>();
    let mut acc = vec![
        ("korea", (1.0, vec![0], 3, forms("Korea"))),
        ("north korea", (1.0, vec![0], 2, forms("North Korea"))),
        ("ruiz", (2.0, vec![0, 1], 4, forms("Ruiz"))),
        ("ruiz said", (0.5, vec![1], 1, forms("Ruiz said"))),
        ("south korea", (1.0, vec![1], 2, forms("South Korea"))),
        ("tom ruiz", (1.0, vec![0, 2], 1, forms("Tom Ruiz"))),
        ("un's varn", (1.0, vec![0], 1, forms("UN's Varn"))),
        ("upstream oskel", (1.0, vec![3], 1, forms("Upstream Oskel"))),
        ("oskel", (1.0, vec![0, 1, 3], 1, forms("Oskel"))),
        ("varn", (1.0, vec![0], 1, forms("Varn"))),
    ];
    acc.sort_unstable_by(|a, b| a.0.cmp(b.0));
    super::collection::fold_surnames(&mut acc);
    let keys: Vec<&str> = acc.iter().map(|a| a.0).collect();
    // Folded: Ruiz (Tom Ruiz is in half its documents). Not folded: Korea
    // (two fuller names), Oskel (in one of its three documents), Varn (a
    // possessive).
    assert_eq!(
        keys,
        [
            "korea",
            "north korea",
            "oskel",
            "ruiz said",
            "south korea",
            "tom ruiz",
            "un's varn",
            "upstream oskel",
            "varn"
        ]
    );
    assert_eq!(acc[5].1 .1, vec![0, 1, 2]);
    assert_eq!(acc[5].1 .2, 5);
}

#[test]
fn loose_stopwords_and_single_characters() {
    let c = corpus(&["The talks took a few weeks. Few weeks passed. The S&P index rose and the P index fell. \
         Analysts watched the S&P index."]);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    let got: Vec<String> = k.candidates(0).into_iter().map(|p| p.text.to_lowercase()).collect();
    // `few` (a stopword read as a modifier) neither opens nor closes a candidate.
    assert!(!got.iter().any(|p| p.split(' ').any(|w| w == "few")), "{got:?}");
    // A single character alone is no candidate.
    assert!(!got.iter().any(|p| p.chars().count() == 1), "{got:?}");
    assert!(got.iter().any(|p| p.ends_with("index")), "{got:?}");
}

#[test]
fn longer_words_rank_above_shorter_ones_alike() {
    // Two nouns of the same count and position in one sentence each; the
    // corpus idf alone would tie them (both unknown to general English).
    let c = corpus(&["The zorblax saw the quuxwibblethorp. The zorblax saw the quuxwibblethorp."]);
    let k = KeyphraseExtractor::new(&c, "en").unwrap();
    let got: Vec<String> = k.candidates(0).into_iter().map(|p| p.text).collect();
    let rank = |p: &str| got.iter().position(|g| g == p);
    assert!(rank("quuxwibblethorp").is_some() && rank("quuxwibblethorp") < rank("zorblax"), "{got:?}");
}
