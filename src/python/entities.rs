//! `Gazetteer` for Python, and the entity columns of `CorpusCore`.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};
use pyo3::IntoPyObject;

use super::errors::{invalid_argument, to_py};
use super::text;
use crate::entities::{Entities, Gazetteer, Label};
use crate::offsets::CharOffsets;
use crate::tokenize::tokenize;

/// What `Gazetteer.__reduce__` pickles: the constructor's `entries` and `aliases`.
type State = (BTreeMap<String, Vec<String>>, BTreeMap<String, String>);

/// A dictionary of names to find in documents.
///
/// Parameters
/// ----------
/// entries : dict[str, list[str]]
///     Names by label (``"PERSON"``, ``"ORG"``, ``"GPE"``, ``"LOC"``,
///     ``"NORP"``, ``"EVENT"``, ``"WORK"``, ``"MISC"``).
/// aliases : dict[str, str], optional
///     Other names of an entry: ``{"alias": "canonical name"}``.
///
/// Matching is over whole tokens after Unicode case folding, typographic
/// folding and accent removal; longer names win over shorter ones that
/// overlap them. Empty names are an error; duplicates are merged.
///
/// Examples
/// --------
/// >>> g = lexiscope.Gazetteer({"ORG": ["Oskel River Commission"]}, aliases={"ORC": "Oskel River Commission"})
/// >>> g.find("The ORC met. The oskel river commission agreed.")
/// [(4, 7, 'Oskel River Commission', 'ORG'), (17, 39, 'Oskel River Commission', 'ORG')]
#[pyclass(frozen, module = "lexiscope", name = "Gazetteer")]
pub struct PyGazetteer {
    pub inner: Gazetteer,
    entries: BTreeMap<String, Vec<String>>,
    aliases: BTreeMap<String, String>,
}

#[pymethods]
impl PyGazetteer {
    #[new]
    #[pyo3(signature = (entries, aliases=None))]
    fn new(
        py: Python<'_>,
        entries: BTreeMap<String, Vec<String>>,
        aliases: Option<BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let aliases = aliases.unwrap_or_default();
        let mut items: Vec<(Label, String, Vec<String>)> = Vec::new();
        let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (label, names) in &entries {
            let l = Label::parse(label).ok_or_else(|| {
                invalid_argument(
                    py,
                    format!("unknown label {label:?}; use one of PERSON, ORG, GPE, LOC, NORP, EVENT, WORK, MISC"),
                )
            })?;
            for name in names {
                by_name.entry(name.clone()).or_insert(items.len());
                items.push((l, name.clone(), Vec::new()));
            }
        }
        for (alias, canonical) in &aliases {
            let i = *by_name.get(canonical).ok_or_else(|| {
                invalid_argument(py, format!("alias {alias:?} points to {canonical:?}, which is not an entry"))
            })?;
            items[i].2.push(alias.clone());
        }
        let inner = py.detach(|| Gazetteer::new(items, false)).map_err(to_py)?;
        Ok(PyGazetteer { inner, entries, aliases })
    }

    /// Number of distinct entries.
    fn __len__(&self) -> usize {
        self.inner.entries().len()
    }

    /// Number of names and aliases matched.
    #[getter]
    fn n_patterns(&self) -> usize {
        self.inner.n_patterns()
    }

    /// Matches in ``text``: (start, end, canonical name, label), character offsets.
    fn find(&self, text: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize, String, &'static str)>> {
        let t = text::text(text, "text")?;
        let toks = tokenize(&t);
        let mut conv = CharOffsets::new(&t);
        Ok(self
            .inner
            .find(&t, &toks)
            .into_iter()
            .map(|h| {
                let e = &self.inner.entries()[h.entry as usize];
                (
                    conv.to_char(toks[h.first].start),
                    conv.to_char(toks[h.last - 1].end),
                    e.name.clone(),
                    e.label.as_str(),
                )
            })
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Gazetteer({} entries, {} names and aliases)", self.inner.entries().len(), self.inner.n_patterns())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, State)> {
        let g = slf.get();
        Ok((slf.get_type(), (g.entries.clone(), g.aliases.clone())))
    }
}

/// Offsets below this are made once each in a table indexed by value;
/// larger ones (long documents) through a hash map.
const DIRECT_INTS: usize = 1 << 16;

/// One Python int per distinct value, shared by every cell that repeats it.
/// A corpus's mentions repeat few offsets, so the columns hold far fewer
/// objects: they are made faster, and a kept table (``Corpus.mentions``
/// keeps it) is handed out again as new lists faster, since copying a list
/// touches each distinct object it holds.
pub(super) struct SharedInts<'py> {
    py: Python<'py>,
    direct: Vec<Option<Bound<'py, PyAny>>>,
    other: rustc_hash::FxHashMap<usize, Bound<'py, PyAny>>,
}

impl<'py> SharedInts<'py> {
    pub(super) fn new(py: Python<'py>) -> Self {
        SharedInts { py, direct: Vec::new(), other: Default::default() }
    }

    pub(super) fn get(&mut self, v: usize) -> Bound<'py, PyAny> {
        let py = self.py;
        let make = || match v.into_pyobject(py) {
            Ok(i) => i.into_any(),
            Err(never) => match never {},
        };
        if v < DIRECT_INTS {
            if v >= self.direct.len() {
                self.direct.resize(v + 1, None);
            }
            self.direct[v].get_or_insert_with(make).clone()
        } else {
            self.other.entry(v).or_insert_with(make).clone()
        }
    }
}

/// Columns of `CorpusCore.mentions()`.
pub fn mention_columns<'py>(
    py: Python<'py>,
    corpus: &crate::corpus::Corpus,
    ents: &Entities,
    ids: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyDict>> {
    // One Python str per document id, entity name, label and written form,
    // and one int per offset, shared by every row that repeats it (a corpus
    // has many more mentions than entities; see `SharedInts`).
    let mut names: Vec<Option<Bound<'py, PyString>>> = vec![None; ents.entities.len()];
    let mut labels: std::collections::HashMap<&'static str, Bound<'py, PyString>> = Default::default();
    let mut texts: rustc_hash::FxHashMap<&str, Bound<'py, PyString>> = Default::default();
    let mut ints = SharedInts::new(py);
    let (mut doc, mut start, mut end, mut text, mut entity, mut label, mut role) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (d, ms) in ents.mentions.iter().enumerate() {
        if ms.is_empty() {
            continue;
        }
        let document = &corpus.docs()[d];
        let id = &ids[d];
        let mut conv = CharOffsets::new(&document.text);
        for (m, e) in ms {
            let ent = &ents.entities[*e as usize];
            doc.push(id.clone());
            start.push(ints.get(conv.to_char(m.span.start)));
            end.push(ints.get(conv.to_char(m.span.end)));
            let t = &document.text[m.span.start..m.span.end];
            text.push(texts.entry(t).or_insert_with(|| PyString::new(py, t)).clone());
            entity.push(names[*e as usize].get_or_insert_with(|| PyString::new(py, &ent.name)).clone());
            let l = ent.label.as_str();
            label.push(labels.entry(l).or_insert_with(|| PyString::new(py, l)).clone());
            role.push(m.role.map(|r| {
                let t = &document.text[r.start..r.end];
                texts.entry(t).or_insert_with(|| PyString::new(py, t)).clone()
            }));
        }
    }
    let cols = PyDict::new(py);
    cols.set_item("doc", doc)?;
    cols.set_item("start", start)?;
    cols.set_item("end", end)?;
    cols.set_item("text", text)?;
    cols.set_item("entity", entity)?;
    cols.set_item("label", label)?;
    cols.set_item("role", role)?;
    Ok(cols)
}

/// Columns of `CorpusCore.entities()`.
pub fn entity_columns<'py>(py: Python<'py>, ents: &Entities) -> PyResult<Bound<'py, PyDict>> {
    let e = &ents.entities;
    let cols = PyDict::new(py);
    cols.set_item("entity", e.iter().map(|x| x.name.as_str()).collect::<Vec<_>>())?;
    cols.set_item("label", e.iter().map(|x| x.label.as_str()).collect::<Vec<_>>())?;
    cols.set_item("docs", e.iter().map(|x| x.docs).collect::<Vec<_>>())?;
    cols.set_item("mentions", e.iter().map(|x| x.mentions).collect::<Vec<_>>())?;
    cols.set_item("variants", e.iter().map(|x| x.variants.clone()).collect::<Vec<_>>())?;
    cols.set_item("roles", e.iter().map(|x| x.roles.clone()).collect::<Vec<_>>())?;
    cols.set_item("ambiguous", e.iter().map(|x| x.ambiguous).collect::<Vec<_>>())?;
    Ok(cols)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGazetteer>()?;
    Ok(())
}
