//! Quotations of a corpus through the public core API: attribution and
//! speakers, shared quotations, the kept result, and the same result for one
//! thread and several.

use _lexiscope::corpus::{Corpus, CorpusOptions};
use _lexiscope::quotes::Quotes;
use std::sync::Arc;

fn corpus(texts: &[&str]) -> Corpus {
    let ids = (0..texts.len()).map(|i| i.to_string()).collect();
    let opts = CorpusOptions { clean: false, ..Default::default() };
    Corpus::new(ids, texts.iter().map(|t| t.to_string()).collect(), opts).expect("corpus")
}

const TEXTS: [&str; 3] = [
    "Finance Minister Ana Ruiz met Tom Berg on Monday.\n\n“We will not raise taxes on working families this year,” she said. “Not one cent.”\n\nBerg disagreed. “The numbers do not add up at all,” he said.",
    "Ana Ruiz spoke in Varn. She said: “We will not raise taxes on working families this year or next.”",
    "“The numbers simply do not add up at all,” Tom Berg told reporters.",
];

/// One row: doc, text, speaker, entity, also_in.
type Row = (usize, String, Option<String>, Option<String>, Vec<u32>);

/// The rows of every quotation segment.
fn table(c: &Corpus, q: &Quotes) -> Vec<Row> {
    let ents = c.entities(None).expect("entities");
    let mut out = Vec::new();
    for (d, qs) in q.docs.iter().enumerate() {
        let t: &str = &c.docs()[d].text;
        for x in qs {
            out.push((
                d,
                t[x.inner.start..x.inner.end].to_string(),
                x.speaker.map(|s| t[s.start..s.end].to_string()),
                x.entity.map(|e| ents.entities[e as usize].name.clone()),
                q.also_in[d][x.group as usize].clone(),
            ));
        }
    }
    out
}

#[test]
fn speakers_and_shared_quotations() {
    let c = corpus(&TEXTS);
    let q = c.quotes(None).expect("quotes");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        table(&c, &q),
        vec![
            (0, "We will not raise taxes on working families this year,".into(), s("she"), s("Ana Ruiz"), vec![1]),
            (0, "Not one cent.".into(), s("she"), s("Ana Ruiz"), vec![1]),
            (0, "The numbers do not add up at all,".into(), s("he"), s("Tom Berg"), vec![2]),
            (
                1,
                "We will not raise taxes on working families this year or next.".into(),
                s("She"),
                s("Ana Ruiz"),
                vec![0]
            ),
            (2, "The numbers simply do not add up at all,".into(), s("Tom Berg"), s("Tom Berg"), vec![0]),
        ]
    );
    // The two segments of the split quotation are one quotation.
    assert_eq!(q.docs[0][0].group, q.docs[0][1].group);
    // Kept: the second call returns the same value.
    assert!(std::sync::Arc::ptr_eq(&q, &c.quotes(None).expect("quotes")));
    // Offsets: the outer span holds the marks, the inner one the words.
    for (d, qs) in q.docs.iter().enumerate() {
        let t: &str = &c.docs()[d].text;
        for x in qs {
            assert!(x.outer.start < x.inner.start && x.inner.end < x.outer.end);
            assert!(t[x.outer.start..x.inner.start].trim_end().ends_with(['“', '"']));
        }
    }
}

#[test]
fn one_thread_and_many_agree() {
    let texts: Vec<&str> = TEXTS.iter().cycle().take(30).copied().collect();
    let run = |n: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("pool");
        pool.install(|| {
            let c = corpus(&texts);
            let q = c.quotes(None).expect("quotes");
            table(&c, &q)
        })
    };
    assert_eq!(run(1), run(4));
}

#[test]
fn quotations_feed_overlap() {
    let c = corpus(&TEXTS);
    let m = _lexiscope::overlap::DEFAULT_METHOD;
    let plain = c.overlap_with_quotes(m, "en", None, None, None, Some(0.0)).expect("overlap");
    let default = c.overlap(m, "en", None, None, None).expect("overlap");
    let at_default = c.overlap_with_quotes(m, "en", None, None, None, Some(_lexiscope::overlap::DEFAULT_QUOTES));
    assert!(Arc::ptr_eq(&default, &at_default.expect("overlap")), "the default is kept once, under its value");
    let quoted = c.overlap_with_quotes(m, "en", None, None, None, Some(0.3)).expect("overlap");
    let _lexiscope::scores::Scores::Vectors(v) = &quoted.scores else { panic!("vectors") };
    assert!(v.features.iter().any(|f| f.channel == _lexiscope::overlap::Channel::Quotes));
    assert!(plain.score(0, 2).expect("score") != quoted.score(0, 2).expect("score"));
    assert!(c.overlap_with_quotes(_lexiscope::overlap::Method::TfIdf, "en", None, None, None, Some(0.3)).is_err());
}

#[test]
fn follow_on_quotations_show_the_name_as_last_written() {
    let text = "Finance Minister Ana Ruiz met Tom Berg on Monday.\n\n“We will not raise taxes on working families this year,” she said.\n\n“The budget is balanced and it will stay balanced for years.”";
    let c = corpus(&[text]);
    let q = c.quotes(None).expect("quotes");
    let rows = table(&c, &q);
    let s = |x: &str| Some(x.to_string());
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].2.clone(), rows[0].3.clone()), (s("she"), s("Ana Ruiz")));
    // The follow-on quotation has no mention of its own: the name as written, with its offsets.
    assert_eq!((rows[1].2.clone(), rows[1].3.clone()), (s("Ana Ruiz"), s("Ana Ruiz")));
    let sp = q.docs[0][1].speaker.expect("speaker");
    assert_eq!(&text[sp.start..sp.end], "Ana Ruiz");
    assert_ne!(q.docs[0][0].group, q.docs[0][1].group);
}

#[test]
fn a_later_segment_with_its_own_lead_in_is_a_quotation_of_its_own() {
    let text = "Asked whether the vote angered her, Ana Ruiz replied, “I do not like it. But this is a vote, and we said so from the start.” She then criticised Tom Berg, saying he had “done less for working families” than anyone.\n\n“We are ready,” Ruiz said. “The budget is balanced.”\n\n“We will wait,” she told reporters, “and we will win the next one.”\n\n“Not now,” she said, adding that “the numbers have to come first.”";
    let c = corpus(&[text]);
    let q = c.quotes(None).expect("quotes");
    let rows = table(&c, &q);
    let texts: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        texts,
        [
            "I do not like it. But this is a vote, and we said so from the start.",
            "done less for working families",
            "We are ready,",
            "The budget is balanced.",
            "We will wait,",
            "and we will win the next one.",
            "Not now,",
            "the numbers have to come first.",
        ]
    );
    let groups: Vec<u32> = q.docs[0].iter().map(|x| x.group).collect();
    // The partial quotation after `saying` and the one after `adding that`
    // have a verb of their own; the segments split by `Ruiz said.` and by
    // `she told reporters,` stay one quotation each.
    assert_eq!(groups, [0, 1, 2, 2, 3, 3, 4, 5]);
    let s = |x: &str| Some(x.to_string());
    assert_eq!((rows[0].2.clone(), rows[0].3.clone()), (s("Ana Ruiz"), s("Ana Ruiz")));
    assert_eq!((rows[1].2.clone(), rows[1].3.clone()), (s("She"), s("Ana Ruiz")));
    let cue = |k: usize| q.docs[0][k].cue.map(|c| text[c.start..c.end].to_string());
    assert_eq!((cue(0), cue(1)), (s("replied"), s("saying")));
}
