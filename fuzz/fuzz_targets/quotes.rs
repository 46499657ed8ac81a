//! Quotations over a small corpus: every segment's spans inside its
//! document on char boundaries and slicing back, the outer span opening
//! (and, when closed, ending) with a quotation mark, the inner span inside
//! it, segments in order and not overlapping, speakers and cues inside the
//! document, groups numbered in order, entities and cross-document links
//! that name real entities, documents and shared sets.
#![no_main]

use _lexiscope::quotes::segments;
use lexiscope_fuzz::{check_range, check_spans, corpus};
use libfuzzer_sys::fuzz_target;

/// Characters a quotation mark can be or begin with.
const MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '\'', '`', '‘', '’'];

fuzz_target!(|data: &[u8]| {
    let corpus = corpus(data);
    let n = corpus.len();
    let ents = corpus.entities(None).expect("entities of any corpus");
    let q = corpus.quotes(None).expect("quotes of any corpus");
    assert_eq!(q.docs.len(), n);
    assert_eq!(q.also_in.len(), n);
    assert_eq!(q.shared.len(), n);
    for (d, quotes) in q.docs.iter().enumerate() {
        let text = corpus.docs()[d].text.as_str();
        check_spans(text, quotes.iter().map(|x| x.outer), "quotation");
        let mut groups = 0u32;
        for x in quotes {
            check_range(text, x.inner.start, x.inner.end, "quoted words");
            assert!(x.outer.start <= x.inner.start && x.inner.end <= x.outer.end, "quoted words outside their marks");
            assert!(text[x.outer.start..].starts_with(MARKS), "quotation not opening with a mark");
            if !x.open {
                assert!(text[..x.outer.end].ends_with(MARKS), "closed quotation not ending with a mark");
            }
            for (span, what) in [(x.speaker, "speaker"), (x.cue, "cue")] {
                if let Some(s) = span {
                    check_range(text, s.start, s.end, what);
                    assert!(s.start < s.end, "empty {what}");
                }
            }
            assert!(x.group == groups || x.group + 1 == groups, "group {} after {groups} groups", x.group);
            groups = groups.max(x.group + 1);
            if let Some(e) = x.entity {
                assert!((e as usize) < ents.entities.len(), "speaker entity {e} of {}", ents.entities.len());
            }
        }
        assert_eq!(q.also_in[d].len(), groups as usize, "links per quotation");
        assert_eq!(q.shared[d].len(), groups as usize, "shared sets per quotation");
        for list in &q.also_in[d] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "other documents not ascending");
            assert!(list.iter().all(|&o| (o as usize) < n && o as usize != d), "a link to itself or nowhere");
        }
        for &s in &q.shared[d] {
            assert!(s == u32::MAX || (s as usize) < q.shared_text.len(), "shared set {s}");
        }
        // The mark reader alone, in both modes.
        for singles in [false, true] {
            let segs = segments(text, singles);
            check_spans(text, segs.iter().map(|s| s.outer), "segment");
            for s in &segs {
                check_range(text, s.inner.start, s.inner.end, "segment words");
                assert!(s.outer.start <= s.inner.start && s.inner.end <= s.outer.end, "segment words outside");
            }
        }
    }
});
