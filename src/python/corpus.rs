//! `CorpusCore`: the native half of `lexiscope.Corpus`. Methods return plain
//! columns (dicts of lists, numpy arrays); `lexiscope/corpus.py` turns them
//! into DataFrames. Every Python-visible method is here: construction,
//! documents, entities, overlap, merging and pickling in full; the term
//! columns and the matrix call into `counts.rs`, the keyword columns into
//! `keywords.rs`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use super::counts::{self, CsrArrays};
use super::enter;
use super::enter::par_map;
use super::entities::{entity_columns, mention_columns, PyGazetteer};
use super::errors::{document_error, input_type, invalid_argument, state_error, to_py};
use super::keywords;
use super::options::PyOptions;
use super::overlap::PyOverlap;
use super::text;
use crate::clean::Removed;
use std::sync::atomic::Ordering;

use crate::corpus::{read_file, Corpus, CorpusOptions, DocText, Document, OnDecodeError};
use crate::offsets::CharOffsets;
use crate::overlap::{near_duplicates, shingle_sets, Method};

/// What `__reduce__` pickles and `_from_state` takes back: the options as
/// JSON, the ids, the texts.
type State = (String, Vec<String>, Vec<String>);

/// The native corpus. Use ``lexiscope.Corpus``, which wraps it.
#[pyclass(frozen, module = "lexiscope._lexiscope", name = "CorpusCore")]
pub struct PyCorpus {
    pub(super) inner: Corpus,
    pub(super) n_threads: Option<usize>,
}

fn on_error(py: Python<'_>, errors: &str) -> PyResult<OnDecodeError> {
    match errors {
        "strict" => Ok(OnDecodeError::Strict),
        "replace" => Ok(OnDecodeError::Replace),
        other => Err(invalid_argument(py, format!("errors must be \"strict\" or \"replace\", got {other:?}"))),
    }
}

impl PyCorpus {
    /// The `doc` column's value for each document: the caller's ids when it
    /// passes them (``lexiscope.Corpus`` passes its ids as given, int or
    /// str), else the core's str ids; one Python object per document, shared
    /// by every row of that document.
    pub(super) fn py_ids<'py>(
        &self,
        py: Python<'py>,
        ids: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        match ids {
            Some(list) if list.len() == self.inner.len() => Ok(list.iter().collect()),
            Some(list) => Err(invalid_argument(py, format!("{} ids for {} documents", list.len(), self.inner.len()))),
            None => Ok(self.inner.docs().iter().map(|d| PyString::new(py, &d.id).into_any()).collect()),
        }
    }

    /// The position of the document a Python caller names by its id (the
    /// str form of the id; ``lexiscope.Corpus`` converts int ids).
    pub(super) fn doc_index(&self, py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<usize> {
        let Ok(id) = doc.extract::<String>() else {
            return Err(input_type(py, format!("a document is named by its id (str), got {}", text::type_name(doc))));
        };
        self.inner.position(&id).ok_or_else(|| document_error(py, format!("no document with id {id:?}")))
    }

    fn threads(&self) -> Option<usize> {
        self.n_threads
    }

    /// Another corpus run in this one's thread pool.
    pub(super) fn with_inner(&self, inner: Corpus) -> PyCorpus {
        PyCorpus { inner, n_threads: self.n_threads }
    }

    /// Runs `f` in this corpus's thread pool through [`enter::run`].
    pub(super) fn run<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce() -> crate::error::Result<R> + Send,
    ) -> PyResult<R> {
        enter::run(py, self.n_threads, None, |_| f())
    }
}

fn removed_columns<'py>(py: Python<'py>, doc: &Document, removed: &[Removed]) -> PyResult<Bound<'py, PyDict>> {
    let mut conv = CharOffsets::new(&doc.text);
    let cols = PyDict::new(py);
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut texts = Vec::new();
    let mut reasons = Vec::new();
    for r in removed {
        starts.push(conv.to_char(r.span.start));
        ends.push(conv.to_char(r.span.end));
        texts.push(&doc.text[r.span.start..r.span.end]);
        reasons.push(r.reason.as_str());
    }
    cols.set_item("start", starts)?;
    cols.set_item("end", ends)?;
    cols.set_item("text", texts)?;
    cols.set_item("reason", reasons)?;
    Ok(cols)
}

#[pymethods]
impl PyCorpus {
    /// Analyses ``texts`` (an iterable of str) with ``ids`` (a list of str).
    #[staticmethod]
    #[pyo3(signature = (texts, ids=None, *, options=None, n_threads=None, progress=None))]
    fn build(
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        ids: Option<Vec<String>>,
        options: Option<PyRef<'_, PyOptions>>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let opts = options.map(|o| o.inner.clone()).unwrap_or_default();
        let clean = opts.clean;
        // One pass over the Python objects: each item checked to be a str
        // and its UTF-8 taken in place (the error names the first bad item).
        let items = text::texts(texts)?;
        // Ids default to "0", "1", ..., unique by construction.
        let numbered = ids.is_none();
        let ids = ids.unwrap_or_else(|| (0..items.len()).map(|i| i.to_string()).collect());
        if items.len() != ids.len() {
            return Err(invalid_argument(py, format!("{} ids for {} texts", ids.len(), items.len())));
        }
        // Each document shares its Python str's UTF-8 bytes instead of copying them.
        let pairs: Vec<(String, DocText)> = ids.into_iter().zip(items.into_iter().map(text::doc_text)).collect();
        let total = pairs.len();
        let corpus = move |docs: Vec<Document>| {
            if numbered {
                Corpus::from_numbered_documents(docs, opts)
            } else {
                Corpus::from_documents(docs, opts)
            }
        };
        if !clean {
            crate::parallel::resolve_threads(n_threads).map_err(to_py)?;
            // Nothing to analyse before the first result asks for tokens, and
            // nothing corpus-wide to do: made here, on the calling thread, as a
            // trip into the pool and back (two threads to wake, each a wait
            // for a core on a busy machine) would take longer than the work.
            let docs: Vec<Document> = pairs.into_iter().map(|(id, t)| Document::analyse_one(id, t, false)).collect();
            let inner = corpus(docs).map_err(to_py)?;
            if let Some(cb) = progress {
                cb.call1((total, total))?;
            }
            return Ok(PyCorpus { inner, n_threads });
        }
        let progress = progress.map(|callback| enter::Progress { callback, total: Some(total) });
        // One entry into the pool for the documents and the corpus-wide step,
        // the ids and texts moved into the documents, not copied.
        let inner = enter::run(py, n_threads, progress, move |done| {
            use rayon::prelude::*;
            let docs: Vec<Document> = pairs
                .into_par_iter()
                .map(|(id, t)| {
                    crate::interrupt::check()?;
                    let d = Document::analyse_one(id, t, true);
                    done.fetch_add(1, Ordering::Relaxed);
                    Ok(d)
                })
                .collect::<crate::error::Result<_>>()?;
            corpus(docs)
        })?;
        Ok(PyCorpus { inner, n_threads })
    }

    /// Reads and analyses files (UTF-8; ``errors="replace"`` replaces bad bytes).
    #[staticmethod]
    #[pyo3(signature = (paths, ids, *, errors="strict", options=None, n_threads=None, progress=None))]
    fn from_files(
        py: Python<'_>,
        paths: Vec<std::path::PathBuf>,
        ids: Vec<String>,
        errors: &str,
        options: Option<PyRef<'_, PyOptions>>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mode = on_error(py, errors)?;
        let opts = options.map(|o| o.inner.clone()).unwrap_or_default();
        let clean = opts.clean;
        let pairs: Vec<(String, std::path::PathBuf)> = ids.into_iter().zip(paths).collect();
        let docs = par_map(py, &pairs, n_threads, progress, |(id, p)| {
            read_file(p, mode).map(|text| Document::analyse_one(id.clone(), text, clean))
        })?;
        let docs: Vec<Document> = docs.into_iter().collect::<Result<_, _>>().map_err(to_py)?;
        let inner = enter::run(py, n_threads, None, |_| Corpus::from_documents(docs, opts))?;
        Ok(PyCorpus { inner, n_threads })
    }

    /// Streams a JSONL file: only the current chunk of records is held
    /// before analysis, and no Python object is made per record.
    #[staticmethod]
    #[pyo3(signature = (path, text="text", id=None, *, options=None, n_threads=None, progress=None))]
    fn from_jsonl(
        py: Python<'_>,
        path: std::path::PathBuf,
        text: &str,
        id: Option<&str>,
        options: Option<PyRef<'_, PyOptions>>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let opts = options.map(|o| o.inner.clone()).unwrap_or_default();
        let progress = progress.map(|callback| enter::Progress { callback, total: None });
        let inner = enter::run(py, n_threads, progress, |done| Corpus::from_jsonl(&path, text, id, opts, done))?;
        Ok(PyCorpus { inner, n_threads })
    }

    /// Document ids, in order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.inner.docs().iter().map(|d| d.id.clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The original text of a document.
    fn text(&self, py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<String> {
        let d = self.doc_index(py, doc)?;
        Ok(self.inner.docs()[d].text.to_string())
    }

    /// Position of a document given by id or position.
    fn index(&self, py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<usize> {
        self.doc_index(py, doc)
    }

    /// Lines set aside by cleaning: columns start, end, text, reason.
    fn removed<'py>(&self, py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let d = self.doc_index(py, doc)?;
        let document = &self.inner.docs()[d];
        removed_columns(py, document, &document.removed)
    }

    /// Headline, byline and date of every document, read off the furniture:
    /// columns doc, headline, headline_start, headline_end, byline,
    /// byline_start, byline_end, date (ISO ``YYYY-MM-DD`` when it can be
    /// read, else as written), date_start, date_end; None where the text
    /// shows none. Offsets are character offsets into the original text.
    #[pyo3(signature = (ids=None))]
    fn meta<'py>(&self, py: Python<'py>, ids: Option<&Bound<'py, PyList>>) -> PyResult<Bound<'py, PyDict>> {
        use rayon::prelude::*;
        let doc_ids = self.py_ids(py, ids)?;
        let docs = self.inner.docs();
        let metas = self.run(py, || Ok(docs.par_iter().map(Document::meta).collect::<Vec<_>>()))?;
        type Col<'a> = (Vec<Option<&'a str>>, Vec<Option<usize>>, Vec<Option<usize>>);
        let (mut head, mut by, mut date): (Col<'_>, Col<'_>, Col<'_>) = Default::default();
        let mut iso: Vec<Option<String>> = Vec::with_capacity(docs.len());
        for (doc, m) in docs.iter().zip(&metas) {
            let mut conv = CharOffsets::new(&doc.text);
            for (col, span) in [(&mut head, m.headline), (&mut by, m.byline), (&mut date, m.date)] {
                col.0.push(span.map(|s| &doc.text[s.start..s.end]));
                col.1.push(span.map(|s| conv.to_char(s.start)));
                col.2.push(span.map(|s| conv.to_char(s.end)));
            }
            iso.push(m.iso.clone().or_else(|| m.date.map(|s| doc.text[s.start..s.end].to_string())));
        }
        let cols = PyDict::new(py);
        cols.set_item("doc", doc_ids)?;
        cols.set_item("headline", head.0)?;
        cols.set_item("headline_start", head.1)?;
        cols.set_item("headline_end", head.2)?;
        cols.set_item("byline", by.0)?;
        cols.set_item("byline_start", by.1)?;
        cols.set_item("byline_end", by.2)?;
        cols.set_item("date", iso)?;
        cols.set_item("date_start", date.1)?;
        cols.set_item("date_end", date.2)?;
        Ok(cols)
    }

    /// Kept sentences of a document: columns start, end, text.
    fn sentences<'py>(&self, py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let d = self.doc_index(py, doc)?;
        let document = &self.inner.docs()[d];
        let mut conv = CharOffsets::new(&document.text);
        let cols = PyDict::new(py);
        let (mut s, mut e, mut t) = (Vec::new(), Vec::new(), Vec::new());
        for k in document.kept() {
            s.push(conv.to_char(k.span.start));
            e.push(conv.to_char(k.span.end));
            t.push(&document.text[k.span.start..k.span.end]);
        }
        cols.set_item("start", s)?;
        cols.set_item("end", e)?;
        cols.set_item("text", t)?;
        Ok(cols)
    }

    /// Per-document statistics: columns doc, tokens, kept_tokens, sentences, removed_lines, chars.
    #[pyo3(signature = (ids=None))]
    fn stats<'py>(&self, py: Python<'py>, ids: Option<&Bound<'py, PyList>>) -> PyResult<Bound<'py, PyDict>> {
        let doc_ids = self.py_ids(py, ids)?;
        self.run(py, || {
            self.inner.parse_all();
            Ok(())
        })?;
        let docs = self.inner.docs();
        let cols = PyDict::new(py);
        cols.set_item("doc", doc_ids)?;
        cols.set_item("tokens", docs.iter().map(|d| d.tokens().len()).collect::<Vec<_>>())?;
        cols.set_item("kept_tokens", docs.iter().map(|d| d.kept_tokens()).collect::<Vec<_>>())?;
        cols.set_item("sentences", docs.iter().map(|d| d.kept().len()).collect::<Vec<_>>())?;
        cols.set_item("removed_lines", docs.iter().map(|d| d.removed.len()).collect::<Vec<_>>())?;
        cols.set_item("chars", docs.iter().map(|d| d.text.chars().count()).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// Corpus term statistics: columns term, count, df.
    #[pyo3(signature = (top=None, ngram=(1, 1), stopwords=true, stem=None, numbers=true, min_df=None, max_df=None))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn terms<'py>(
        &self,
        py: Python<'py>,
        top: Option<usize>,
        ngram: (usize, usize),
        stopwords: bool,
        stem: Option<&str>,
        numbers: bool,
        min_df: Option<&Bound<'py, PyAny>>,
        max_df: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        counts::terms(self, py, top, ngram, stopwords, stem, numbers, min_df, max_df)
    }

    /// Document-term matrix as CSR arrays: (vocabulary, data, indices, indptr, shape).
    #[pyo3(signature = (weight="count", ngram=(1, 1), stopwords=true, stem=None, numbers=true, min_df=None, max_df=None, max_features=None, sublinear_tf=false, smooth_idf=true, norm=Some("l2"), k1=1.2, b=0.75, sort_indices=false))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn matrix<'py>(
        &self,
        py: Python<'py>,
        weight: &str,
        ngram: (usize, usize),
        stopwords: bool,
        stem: Option<&str>,
        numbers: bool,
        min_df: Option<&Bound<'py, PyAny>>,
        max_df: Option<&Bound<'py, PyAny>>,
        max_features: Option<usize>,
        sublinear_tf: bool,
        smooth_idf: bool,
        norm: Option<&str>,
        k1: f64,
        b: f64,
        sort_indices: bool,
    ) -> PyResult<CsrArrays<'py>> {
        counts::matrix(
            self,
            py,
            weight,
            ngram,
            stopwords,
            stem,
            numbers,
            min_df,
            max_df,
            max_features,
            sublinear_tf,
            smooth_idf,
            norm,
            k1,
            b,
            sort_indices,
        )
    }

    /// Keyphrases of every document (``doc=None``) or one: columns doc, rank, keyphrase, score, count, start, end.
    #[pyo3(signature = (top=10, doc=None, language="en", ids=None))]
    fn keywords<'py>(
        &self,
        py: Python<'py>,
        top: usize,
        doc: Option<&Bound<'py, PyAny>>,
        language: &str,
        ids: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        keywords::keywords(self, py, top, doc, language, ids)
    }

    /// Collection keyphrases: columns keyphrase, score, docs, count.
    #[pyo3(signature = (top=20, per_doc=usize::MAX, language="en"))]
    fn corpus_keywords<'py>(
        &self,
        py: Python<'py>,
        top: usize,
        per_doc: usize,
        language: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        keywords::corpus_keywords(self, py, top, per_doc, language)
    }

    /// Terms over-represented in ``group`` (ids or positions) against the rest,
    /// with z at least ``min_z``: columns term, z, delta, count, count_rest.
    #[pyo3(signature = (group, top=20, ngram=(1, 1), stopwords=true, stem=None, numbers=false, prior=None, against=None, min_z=1.96, language="en"))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn distinctive<'py>(
        &self,
        py: Python<'py>,
        group: Vec<Bound<'py, PyAny>>,
        top: usize,
        ngram: (usize, usize),
        stopwords: bool,
        stem: Option<&str>,
        numbers: bool,
        prior: Option<f64>,
        against: Option<Vec<Bound<'py, PyAny>>>,
        min_z: f64,
        language: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        keywords::distinctive(self, py, group, top, ngram, stopwords, stem, numbers, prior, against, min_z, language)
    }

    /// Entity mentions: columns doc, start, end, text, entity, label, role.
    #[pyo3(signature = (gazetteer=None, ids=None))]
    fn mentions<'py>(
        &self,
        py: Python<'py>,
        gazetteer: Option<PyRef<'py, PyGazetteer>>,
        ids: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let doc_ids = self.py_ids(py, ids)?;
        let user = gazetteer.as_deref().map(|g| &g.inner);
        let ents = self.run(py, || self.inner.entities(user))?;
        mention_columns(py, &self.inner, &ents, &doc_ids)
    }

    /// Quotations: columns doc, start, end, inner_start, inner_end, text,
    /// speaker, speaker_start, speaker_end, entity, cue, also_in, open.
    #[pyo3(signature = (gazetteer=None, ids=None))]
    fn quotes<'py>(
        &self,
        py: Python<'py>,
        gazetteer: Option<PyRef<'py, PyGazetteer>>,
        ids: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let doc_ids = self.py_ids(py, ids)?;
        let user = gazetteer.as_deref().map(|g| &g.inner);
        let (q, ents) = self.run(py, || Ok((self.inner.quotes(user)?, self.inner.entities(user)?)))?;
        super::quotes::quote_columns(py, &self.inner, &q, &ents, &doc_ids)
    }

    /// Canonical names of the entities that position ``doc`` mentions and
    /// none of positions ``others`` does, sorted.
    #[pyo3(signature = (doc, others, gazetteer=None))]
    fn entities_only_in(
        &self,
        py: Python<'_>,
        doc: usize,
        others: Vec<usize>,
        gazetteer: Option<PyRef<'_, PyGazetteer>>,
    ) -> PyResult<Vec<String>> {
        let n = self.inner.len();
        if let Some(&bad) = others.iter().chain(std::iter::once(&doc)).find(|&&d| d >= n) {
            return Err(document_error(py, format!("document position {bad} out of range for {n} documents")));
        }
        let user = gazetteer.as_deref().map(|g| &g.inner);
        let ents = self.run(py, || self.inner.entities(user))?;
        Ok(ents.only_in(doc, &others).into_iter().map(str::to_string).collect())
    }

    /// Canonical entities: columns entity, label, docs, mentions, variants, roles, ambiguous.
    #[pyo3(signature = (gazetteer=None))]
    fn entities<'py>(
        &self,
        py: Python<'py>,
        gazetteer: Option<PyRef<'py, PyGazetteer>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let user = gazetteer.as_deref().map(|g| &g.inner);
        let ents = self.run(py, || self.inner.entities(user))?;
        entity_columns(py, &ents)
    }

    /// Pairwise overlap by ``method`` (``"default"``, ``"tfidf"``, ``"entities"``, ``"jaccard"``);
    /// ``progress(done, total)`` is called at the start and the end (one step).
    #[pyo3(signature = (method="default", weights=None, language="en", gazetteer=None, context=None, direct=None, quotes=None, progress=None))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn overlap(
        &self,
        py: Python<'_>,
        method: &str,
        weights: Option<(f64, f64, f64)>,
        language: &str,
        gazetteer: Option<PyRef<'_, PyGazetteer>>,
        context: Option<usize>,
        direct: Option<f64>,
        quotes: Option<f64>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyOverlap> {
        let m = Method::parse(method, weights).map_err(to_py)?;
        let user = gazetteer.as_deref().map(|g| &g.inner);
        let progress = progress.map(|callback| enter::Progress { callback, total: Some(1) });
        let scores = enter::run(py, self.n_threads, progress, |done| {
            let s = self.inner.overlap_with_quotes(m, language, user, context, direct, quotes)?;
            done.store(1, std::sync::atomic::Ordering::Relaxed);
            Ok(s)
        })?;
        Ok(PyOverlap { scores, n_threads: self.n_threads, method: method.to_string(), language: language.to_string() })
    }

    /// Near-duplicate pairs: columns a, b (positions), jaccard, containment.
    #[pyo3(signature = (threshold=0.8, num_perm=128, seed=1, containment=None, shingle=5))]
    fn near_duplicates<'py>(
        &self,
        py: Python<'py>,
        threshold: f64,
        num_perm: usize,
        seed: u64,
        containment: Option<f64>,
        shingle: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        if !(0.0 < threshold && threshold <= 1.0) || containment.is_some_and(|c| !(0.0 < c && c <= 1.0)) {
            return Err(invalid_argument(py, "threshold and containment must be in (0, 1]"));
        }
        if !(1..=1024).contains(&num_perm) || !(1..=32).contains(&shingle) {
            return Err(invalid_argument(py, "num_perm must be in 1..=1024 and shingle in 1..=32"));
        }
        let pairs = self.run(py, || {
            let sets = shingle_sets(&self.inner, shingle);
            Ok(near_duplicates(&sets, threshold, num_perm, seed, containment))
        })?;
        let cols = PyDict::new(py);
        cols.set_item("a", pairs.iter().map(|p| p.a).collect::<Vec<_>>())?;
        cols.set_item("b", pairs.iter().map(|p| p.b).collect::<Vec<_>>())?;
        cols.set_item("jaccard", pairs.iter().map(|p| p.jaccard).collect::<Vec<_>>())?;
        cols.set_item("containment", pairs.iter().map(|p| p.containment).collect::<Vec<_>>())?;
        Ok(cols)
    }

    /// This corpus's documents followed by ``other``'s (same options required).
    fn merge(&self, py: Python<'_>, other: &PyCorpus) -> PyResult<PyCorpus> {
        let inner = self.run(py, || self.inner.merge(&other.inner))?;
        Ok(PyCorpus { inner, n_threads: self.threads() })
    }

    /// Bytes held, by part: texts, documents, analysis (tokens, sentences,
    /// part-of-speech tags, the lexicon and each token's form), counts,
    /// keyphrases, entities (and quotations), overlap.
    fn memory(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let m = self.inner.memory();
        [
            ("texts", m.texts),
            ("documents", m.documents),
            ("analysis", m.analysis + m.pos + m.lexicon),
            ("counts", m.counts),
            ("keyphrases", m.keyphrases),
            ("entities", m.entities + m.quotes),
            ("overlap", m.overlap),
        ]
        .into_iter()
        .collect()
    }

    /// Forgets every kept corpus-wide result (see ``Corpus.clear_cache``).
    fn clear_results(&self) {
        self.inner.clear_results();
    }

    /// A corpus of the same documents with nothing computed yet (tokens and
    /// sentences included), sharing the texts.
    fn without_analysis(&self, py: Python<'_>) -> PyResult<PyCorpus> {
        let inner = self.run(py, || Ok(self.inner.without_analysis()))?;
        Ok(PyCorpus { inner, n_threads: self.n_threads })
    }

    /// The analysis options as a JSON string.
    fn options_json(&self) -> String {
        serde_json::to_string(self.inner.options()).unwrap_or_default()
    }

    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        options: &str,
        ids: Vec<String>,
        texts: Vec<String>,
    ) -> PyResult<Self> {
        let opts: CorpusOptions = serde_json::from_str(options).map_err(|e| state_error(py, e.to_string()))?;
        let inner = enter::run(py, None, None, |_| Corpus::new(ids, texts, opts))?;
        Ok(PyCorpus { inner, n_threads: None })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, State)> {
        let c = slf.get();
        let ctor = slf.get_type().getattr("_from_state")?;
        let ids = c.inner.docs().iter().map(|d| d.id.clone()).collect();
        let texts = c.inner.docs().iter().map(|d| d.text.to_string()).collect();
        Ok((ctor, (c.options_json(), ids, texts)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCorpus>()?;
    Ok(())
}
