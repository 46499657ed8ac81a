//! The quotation columns of `CorpusCore.quotes()`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::corpus::Corpus;
use crate::entities::Entities;
use crate::offsets::CharOffsets;
use crate::quotes::Quotes;

/// Columns of `CorpusCore.quotes()`: one row per quotation-mark segment,
/// character offsets, `also_in` as the other documents' ids.
pub fn quote_columns<'py>(
    py: Python<'py>,
    corpus: &Corpus,
    quotes: &Quotes,
    ents: &Entities,
    ids: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyDict>> {
    let mut names: Vec<Option<Bound<'py, PyString>>> = vec![None; ents.entities.len()];
    let (mut doc, mut start, mut end, mut inner_start, mut inner_end, mut text) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut speaker, mut speaker_start, mut speaker_end, mut entity, mut cue, mut also_in, mut open) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (d, qs) in quotes.docs.iter().enumerate() {
        if qs.is_empty() {
            continue;
        }
        let document = &corpus.docs()[d];
        let t: &str = &document.text;
        // Offsets in increasing order for one forward pass of the converter;
        // the speaker may come before its quotation, so it has its own.
        let mut conv = CharOffsets::new(t);
        let mut conv_speaker = CharOffsets::new(t);
        for q in qs {
            doc.push(ids[d].clone());
            start.push(conv.to_char(q.outer.start));
            inner_start.push(conv.to_char(q.inner.start));
            inner_end.push(conv.to_char(q.inner.end));
            end.push(conv.to_char(q.outer.end));
            text.push(&t[q.inner.start..q.inner.end]);
            speaker.push(q.speaker.map(|s| &t[s.start..s.end]));
            speaker_start.push(q.speaker.map(|s| conv_speaker.to_char(s.start)));
            speaker_end.push(q.speaker.map(|s| conv_speaker.to_char(s.end)));
            entity.push(q.entity.map(|e| {
                names[e as usize].get_or_insert_with(|| PyString::new(py, &ents.entities[e as usize].name)).clone()
            }));
            cue.push(q.cue.map(|c| &t[c.start..c.end]));
            let others: Vec<Bound<'py, PyAny>> =
                quotes.also_in[d][q.group as usize].iter().map(|&o| ids[o as usize].clone()).collect();
            also_in.push(others);
            open.push(q.open);
        }
    }
    let cols = PyDict::new(py);
    cols.set_item("doc", doc)?;
    cols.set_item("start", start)?;
    cols.set_item("end", end)?;
    cols.set_item("inner_start", inner_start)?;
    cols.set_item("inner_end", inner_end)?;
    cols.set_item("text", text)?;
    cols.set_item("speaker", speaker)?;
    cols.set_item("speaker_start", speaker_start)?;
    cols.set_item("speaker_end", speaker_end)?;
    cols.set_item("entity", entity)?;
    cols.set_item("cue", cue)?;
    cols.set_item("also_in", also_in)?;
    cols.set_item("open", open)?;
    Ok(cols)
}
