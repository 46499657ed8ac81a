//! The part-of-speech tagger from outside the crate: a tiny model trained on
//! hand-written sentences learns them; documents and corpora carry one tag
//! per token, the same for any number of threads.

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::tag::train::{accuracy, train, Sentence, TrainOptions};
use _lexiscope::tag::{Tagger, Upos};

fn tiny() -> Vec<Sentence> {
    use Upos::*;
    vec![
        Sentence::of(&[("Herons", Noun), ("wade", Verb), ("slowly", Adv), (".", Punct)]),
        Sentence::of(&[("A", Det), ("tall", Adj), ("lighthouse", Noun), ("blinked", Verb), (".", Punct)]),
        Sentence::of(&[("Ines", Propn), ("mends", Verb), ("torn", Adj), ("nets", Noun), ("?", Punct)]),
        Sentence::of(&[("We", Pron), ("or", Cconj), ("Oskar", Propn), ("row", Verb), ("to", Adp), ("shore", Noun)]),
        Sentence::of(&[("Three", Num), ("boats", Noun), ("can", Aux), ("wait", Verb), ("here", Adv), (".", Punct)]),
    ]
}

#[test]
fn a_tiny_model_learns_its_sentences() {
    for passes in [1, 2] {
        let opts = TrainOptions { epochs: 8, passes, ..TrainOptions::default() };
        let trained = train(&tiny(), &tiny(), &opts, |_| {}).unwrap();
        assert_eq!(trained.epochs.len(), 8 * passes);
        assert_eq!(trained.epochs.last().unwrap().dev, 1.0);
        let tagger = Tagger::from_bytes(&trained.bytes).unwrap();
        let (right, total) = accuracy(&tagger, &tiny());
        assert_eq!((right, total), (26, 26));
        assert_eq!(train(&tiny(), &[], &opts, |_| {}).unwrap().bytes, trained.bytes);
    }
    assert!(Tagger::from_bytes(b"LXPOS").is_err());
    assert!(train(&[], &[], &TrainOptions::default(), |_| {}).is_err());
}

#[test]
fn documents_and_corpora_carry_tags() {
    let texts: Vec<String> = (0..200)
        .map(|i| format!("Menu | Home\nThe council met on Monday. It voted {i} times.\n\nRussia’s talks didn't end."))
        .collect();
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let c1 = one.install(|| Corpus::new(ids.clone(), texts.clone(), CorpusOptions::default()).unwrap());
    one.install(|| c1.tag_all());
    let c2 = Corpus::new(ids, texts, CorpusOptions::default()).unwrap();
    assert!(c2.docs()[0].pos_if_ready().is_none());
    c2.tag_all();
    for (a, b) in c1.docs().iter().zip(c2.docs()) {
        assert_eq!(a.pos(), b.pos());
        assert_eq!(a.pos().len(), a.tokens().len());
    }
    let d = &c2.docs()[0];
    let tagged: Vec<(&str, Upos)> = d.tokens().iter().map(|t| t.text(&d.text)).zip(d.pos().iter().copied()).collect();
    assert!(tagged.contains(&("council", Upos::Noun)));
    assert!(tagged.contains(&("n't", Upos::Part)));
    assert!(tagged.contains(&(".", Upos::Punct)));
}
