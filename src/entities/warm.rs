//! Per-thread caches filled at model load.
//!
//! The part-of-speech tagger (`crate::tag`) and the learned entity tagger
//! (`learned.rs`) each keep, per thread, the summed weights of the features
//! that read one word form alone; a form seen for the first time costs tens
//! of weight lookups, a cached one a copy. A fresh thread starts empty, so
//! the first documents it reads ran at about half the speed of the later
//! ones. Before the shipped model's first use on a thread, that thread tags
//! a document of the forms written most often in the training sets
//! (`words/frequent_forms.txt`, `scripts/frequent_forms.py`), once: model
//! loading, as reading the weights is. The caches only change the speed, so
//! the mentions are the same with or without it (a test checks it).

use std::cell::Cell;

use super::learned::{Model, SHIPPED};
use crate::corpus::{Corpus, CorpusOptions};

const FORMS_FILE: &str = include_str!("words/frequent_forms.txt");

/// Forms per line of the warming document.
const LINE: usize = 16;

thread_local! {
    static WARM: Cell<bool> = const { Cell::new(false) };
}

/// The warming document: the frequent forms, [`LINE`] to a line, each line
/// opened by a capitalised word so that the learned tagger reads it (it skips
/// sentences with no capital).
fn document() -> String {
    let forms: Vec<&str> = crate::wordlist::entries(FORMS_FILE).collect();
    let mut text = String::with_capacity(FORMS_FILE.len() + forms.len() / LINE * 6);
    for line in forms.chunks(LINE) {
        text.push_str("The");
        for f in line {
            text.push(' ');
            text.push_str(f);
        }
        text.push('\n');
    }
    text
}

/// Fills the caches of every thread of the current pool for `model`, on the
/// threads that have not done it yet; only for the shipped model (another
/// model's caches fill as it reads).
pub(super) fn warm(model: Option<&Model>) {
    let Some(model) = model else { return };
    if !SHIPPED.as_ref().is_some_and(|m| std::ptr::eq(m, model)) {
        return;
    }
    rayon::broadcast(|_| warm_this_thread(model));
}

fn warm_this_thread(model: &Model) {
    if WARM.with(|w| w.replace(true)) {
        return;
    }
    let Ok(corpus) =
        Corpus::new(vec!["warm".into()], vec![document()], CorpusOptions { clean: false, ..Default::default() })
    else {
        return;
    };
    // One document: every parallel step below runs on this thread.
    let words = super::lowercase_words(&corpus);
    std::hint::black_box(super::mentions_of(&corpus, words, None, None, Some(model)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_read() {
        let text = document();
        assert!(text.lines().count() > 300, "{}", text.len());
        assert!(text.lines().all(|l| l.starts_with("The ")));
    }
}
