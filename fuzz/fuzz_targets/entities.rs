//! Entity extraction over a small corpus: every mention (and role) inside
//! its document on char boundaries, mentions in order, each linked to an
//! existing entity, and counts that add up.
#![no_main]

use _lexiscope::entities::extract;
use lexiscope_fuzz::{check_range, check_spans, corpus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let corpus = corpus(data);
    let ents = extract(&corpus, None);
    assert_eq!(ents.mentions.len(), corpus.len());
    let mut mentions = vec![0u32; ents.entities.len()];
    for (d, ms) in ents.mentions.iter().enumerate() {
        let text = corpus.docs()[d].text.as_str();
        check_spans(text, ms.iter().map(|(m, _)| m.span), "mention");
        for (m, e) in ms {
            if let Some(r) = m.role {
                check_range(text, r.start, r.end, "role");
            }
            let e = *e as usize;
            assert!(e < ents.entities.len(), "mention linked to entity {e} of {}", ents.entities.len());
            mentions[e] += 1;
        }
    }
    for (e, n) in ents.entities.iter().zip(mentions) {
        assert_eq!(e.mentions, n, "entity {:?}: mention count", e.name);
        assert!(e.docs >= 1 && e.docs as usize <= corpus.len() && e.docs <= e.mentions, "entity {:?}: docs", e.name);
    }
});
