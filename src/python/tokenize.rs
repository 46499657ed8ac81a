//! `Token`, `Span` and `Tokenizer` for Python.

use rustc_hash::FxHashMap as HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple, PyType};

use super::enter::par_map;
use super::errors::{invalid_argument, state_error, to_py};
use super::text::{self, Text};
use crate::offsets::CharOffsets;
use crate::tokenize::{hyphen_parts, sentences, Token, TokenKind};
use crate::tokenizer::{Tokenizer, TokenizerSpec};

/// A token: its text exactly as in the input, its normalized form, its kind
/// and its character offsets.
///
/// ``text == original[start:end]`` always holds. ``kind`` is one of
/// ``"word"``, ``"number"``, ``"punct"``, ``"symbol"``, ``"url"``, ``"email"``,
/// ``"hashtag"``, ``"mention"``, ``"emoji"``, ``"other"``. ``pos`` is the
/// Universal POS tag (``"NOUN"``, ``"VERB"``, ...) when the tokens were asked
/// for with ``pos=True``, else None.
#[pyclass(frozen, module = "lexiscope", name = "Token")]
pub struct PyToken {
    text: String,
    /// The original characters when the input held lone surrogates (which a
    /// Rust string cannot hold); `text` then has U+FFFD in their place.
    raw: Option<Py<PyString>>,
    /// The normalized form.
    #[pyo3(get)]
    norm: String,
    kind: TokenKind,
    /// Character offset of the first character.
    #[pyo3(get)]
    start: usize,
    /// Character offset one past the last character.
    #[pyo3(get)]
    end: usize,
    /// Whether the normalized form is a stopword.
    #[pyo3(get)]
    is_stop: bool,
    /// The part-of-speech tag, when asked for.
    pos: Option<crate::tag::Upos>,
}

#[pymethods]
impl PyToken {
    #[new]
    #[pyo3(signature = (text, norm, kind, start, end, is_stop=false, pos=None))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python argument")]
    fn new(
        py: Python<'_>,
        text: Bound<'_, PyString>,
        norm: String,
        kind: &str,
        start: usize,
        end: usize,
        is_stop: bool,
        pos: Option<&str>,
    ) -> PyResult<Self> {
        let pos = match pos {
            Some(p) => {
                Some(crate::tag::Upos::parse(p).ok_or_else(|| invalid_argument(py, format!("unknown POS tag {p:?}")))?)
            }
            None => None,
        };
        let kind =
            TokenKind::parse(kind).ok_or_else(|| invalid_argument(py, format!("unknown token kind {kind:?}")))?;
        if end < start {
            return Err(invalid_argument(py, format!("end ({end}) < start ({start})")));
        }
        let (text, raw) = match text.to_str() {
            Ok(t) => (t.to_string(), None),
            Err(_) => (text.to_string_lossy().into_owned(), Some(text.unbind())),
        };
        Ok(PyToken { text, raw, norm, kind, start, end, is_stop, pos })
    }

    /// The text exactly as in the input (``original[start:end]``).
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyAny> {
        match &self.raw {
            Some(r) => r.clone_ref(py).into_any(),
            None => PyString::new(py, &self.text).into_any().unbind(),
        }
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(o) = other.cast::<PyToken>() else {
            return Ok(false);
        };
        let o = o.get();
        Ok(self.text(py).bind(py).eq(o.text(py))?
            && self.norm == o.norm
            && self.kind == o.kind
            && self.start == o.start
            && self.end == o.end
            && self.is_stop == o.is_stop
            && self.pos == o.pos)
    }

    /// The Universal POS tag (``"NOUN"``, ...), or None when not asked for.
    #[getter]
    fn pos(&self) -> Option<&'static str> {
        self.pos.map(crate::tag::Upos::as_str)
    }

    /// The kind of token.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The parts of a hyphenated word (``["pro", "Russian"]``); one part otherwise.
    #[getter]
    fn parts(&self) -> Vec<String> {
        if self.kind == TokenKind::Word {
            hyphen_parts(&self.text).into_iter().map(str::to_string).collect()
        } else {
            vec![self.text.clone()]
        }
    }

    fn __len__(&self) -> usize {
        self.end - self.start
    }

    fn __repr__(&self) -> String {
        match self.pos {
            Some(p) => format!(
                "Token({:?}, kind={:?}, start={}, end={}, pos={:?})",
                self.text,
                self.kind.as_str(),
                self.start,
                self.end,
                p.as_str()
            ),
            None => {
                format!("Token({:?}, kind={:?}, start={}, end={})", self.text, self.kind.as_str(), self.start, self.end)
            }
        }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let t = slf.get();
        let pos = t.pos.map(crate::tag::Upos::as_str);
        let args = (t.text(slf.py()), t.norm.clone(), t.kind.as_str(), t.start, t.end, t.is_stop, pos)
            .into_pyobject(slf.py())?;
        Ok((slf.get_type(), args))
    }
}

/// A span of the input (a sentence): its text and character offsets.
#[pyclass(frozen, module = "lexiscope", name = "Span")]
pub struct PySpan {
    /// The text exactly as in the input.
    #[pyo3(get)]
    text: Py<PyAny>,
    /// Character offset of the first character.
    #[pyo3(get)]
    start: usize,
    /// Character offset one past the last character.
    #[pyo3(get)]
    end: usize,
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(text: Bound<'_, PyString>, start: usize, end: usize) -> Self {
        PySpan { text: text.into_any().unbind(), start, end }
    }

    fn __len__(&self) -> usize {
        self.end - self.start
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(o) = other.cast::<PySpan>() else {
            return Ok(false);
        };
        let o = o.get();
        Ok(self.start == o.start && self.end == o.end && self.text.bind(py).eq(o.text.bind(py))?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let text = self.text.bind(py).to_string();
        let preview: String = text.chars().take(40).collect();
        let more = if text.chars().count() > 40 { "..." } else { "" };
        format!("Span({preview:?}{more}, start={}, end={})", self.start, self.end)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let s = slf.get();
        let args = (s.text.clone_ref(slf.py()), s.start, s.end).into_pyobject(slf.py())?;
        Ok((slf.get_type(), args))
    }
}

/// The original characters of `[start, end)` when the input's lone surrogates
/// were replaced inside this range: a slice of the original Python str.
fn raw_slice(
    py: Python<'_>,
    original: &Bound<'_, PyAny>,
    text: &Text,
    b: (usize, usize),
    c: (usize, usize),
) -> PyResult<Option<Py<PyString>>> {
    if text.is_replaced() && text[b.0..b.1].contains('\u{FFFD}') {
        let sliced = original.get_item(pyo3::types::PySlice::new(py, c.0 as isize, c.1 as isize, 1))?;
        return Ok(Some(sliced.cast_into::<PyString>()?.unbind()));
    }
    Ok(None)
}

/// A reusable tokenizer with its options fixed at construction.
///
/// Parameters
/// ----------
/// lowercase : bool, default True
///     Full Unicode case folding of ``Token.norm`` (``Straße`` -> ``strasse``).
/// fold_typography : bool, default True
///     ``’`` -> ``'``, ``“ ”`` -> ``"``, dashes -> ``-``, NBSP -> space, soft hyphen removed.
/// nfkc : bool, default False
///     Unicode NFKC normalization of ``norm``.
/// strip_accents : bool, default False
///     Remove combining accents from ``norm`` (``Müller`` -> ``muller``).
/// stopwords : str, iterable of str or None, default "en"
///     ``"en"`` for the built-in English list (``lexiscope.stopwords("en")``),
///     your own list (which replaces the built-in one), or None.
/// drop_stopwords : bool, default False
///     Leave stopwords out of :meth:`words` (tokens always carry ``is_stop``).
/// stem : str or None, default None
///     Snowball stemmer language for :meth:`words` (``"en"``, ``"de"``, ``"ru"``, ...).
/// ngram_range : (int, int), default (1, 1)
///     Word n-grams produced by :meth:`words`, joined by a space.
/// n_threads : int or None, default None
///     Threads for the ``*_batch`` methods; None means ``LEXISCOPE_NUM_THREADS`` or all cores.
///
/// Examples
/// --------
/// >>> import lexiscope as lx
/// >>> tok = lx.Tokenizer(stem="en", drop_stopwords=True)
/// >>> tok.words("Russia’s sanctions don't work")
/// ['russia', 'sanction', 'work']
#[pyclass(frozen, module = "lexiscope", name = "Tokenizer")]
pub struct PyTokenizer {
    inner: Tokenizer,
    n_threads: Option<usize>,
}

impl PyTokenizer {
    pub fn core(&self) -> &Tokenizer {
        &self.inner
    }

    fn tokens_to_py(
        &self,
        py: Python<'_>,
        original: &Bound<'_, PyAny>,
        text: &Text,
        tokens: &[Token],
        pos: Option<&[crate::tag::Upos]>,
    ) -> PyResult<Vec<PyToken>> {
        let mut conv = CharOffsets::new(text);
        let mut norm = String::new();
        let mut out = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let (cs, ce) = (conv.to_char(t.start), conv.to_char(t.end));
            let raw = t.text(text);
            self.inner.norm_into(raw, &mut norm);
            out.push(PyToken {
                text: raw.to_string(),
                raw: raw_slice(py, original, text, (t.start, t.end), (cs, ce))?,
                norm: norm.clone(),
                kind: t.kind,
                start: cs,
                end: ce,
                is_stop: self.inner.is_stop(&norm),
                pos: pos.map(|p| p[i]),
            });
        }
        Ok(out)
    }
}

/// Words of one text as one buffer plus word ends (no per-word allocation).
struct WordBuf {
    data: String,
    ends: Vec<u32>,
}

impl WordBuf {
    fn of(tok: &Tokenizer, text: &str) -> WordBuf {
        let mut data = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(text.len() / 5);
        tok.words_each(text, &mut Vec::new(), |w| {
            data.push_str(w);
            ends.push(data.len() as u32);
        });
        WordBuf { data, ends }
    }

    /// The words as a Python list. Equal words share one str object through
    /// `cache` (creating str objects is most of the cost of this call).
    fn to_list<'py, 'a>(
        &'a self,
        py: Python<'py>,
        cache: &mut HashMap<&'a str, Bound<'py, PyString>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let mut start = 0usize;
        let items = self.ends.iter().map(|&e| {
            let word = &self.data[start..e as usize];
            start = e as usize;
            cache.entry(word).or_insert_with(|| PyString::new(py, word)).clone()
        });
        PyList::new(py, items)
    }
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (*, lowercase=true, fold_typography=true, nfkc=false, strip_accents=false, stopwords=StopwordsArg::english(), drop_stopwords=false, stem=None, ngram_range=(1, 1), n_threads=None))]
    #[allow(clippy::too_many_arguments, reason = "one parameter per Python keyword argument")]
    fn new(
        py: Python<'_>,
        lowercase: bool,
        fold_typography: bool,
        nfkc: bool,
        strip_accents: bool,
        stopwords: StopwordsArg,
        drop_stopwords: bool,
        stem: Option<String>,
        ngram_range: (usize, usize),
        n_threads: Option<usize>,
    ) -> PyResult<Self> {
        let (builtin, extra) = stopwords.into_parts();
        let spec = TokenizerSpec {
            normalize: crate::normalize::NormalizeOptions { lowercase, fold_typography, nfkc, strip_accents },
            stopwords: builtin,
            extra_stopwords: extra,
            drop_stopwords,
            stem,
            ngram_range,
        };
        if n_threads == Some(0) {
            return Err(invalid_argument(py, "n_threads must be at least 1 (or None for all cores)"));
        }
        Ok(PyTokenizer { inner: Tokenizer::new(spec).map_err(to_py)?, n_threads })
    }

    /// Tokens of ``text`` with character offsets; with ``pos=True`` each
    /// gets its part-of-speech tag (``Token.pos``), each sentence tagged alone.
    ///
    /// Examples
    /// --------
    /// >>> [t.text for t in lexiscope.Tokenizer().tokenize("U.S.-led talks")]
    /// ['U.S.-led', 'talks']
    /// >>> [t.pos for t in lexiscope.Tokenizer().tokenize("Talks ended.", pos=True)]
    /// ['NOUN', 'VERB', 'PUNCT']
    #[pyo3(signature = (text, pos=false))]
    fn tokenize(&self, py: Python<'_>, text: &Bound<'_, PyAny>, pos: bool) -> PyResult<Vec<PyToken>> {
        let t = text::text(text, "text")?;
        let (tokens, tags) = py.detach(|| self.tokens_and_tags(&t, pos));
        self.tokens_to_py(py, text, &t, &tokens, tags.as_deref())
    }

    /// Tokens of each text, in input order, computed in parallel with the GIL released.
    #[pyo3(signature = (texts, n_threads=None, pos=false))]
    fn tokenize_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        n_threads: Option<usize>,
        pos: bool,
    ) -> PyResult<Vec<Vec<PyToken>>> {
        let items = text::texts(texts)?;
        let all = par_map(py, &items, n_threads.or(self.n_threads), None, |t| self.tokens_and_tags(t, pos))?;
        let originals: Vec<Bound<'_, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
        all.iter()
            .zip(&items)
            .zip(&originals)
            .map(|(((toks, tags), t), o)| self.tokens_to_py(py, o, t, toks, tags.as_deref()))
            .collect()
    }

    /// Sentences of ``text`` with character offsets.
    fn sentences(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<PySpan>> {
        let t = text::text(text, "text")?;
        let spans = py.detach(|| sentences(&t));
        let mut conv = CharOffsets::new(&t);
        spans
            .iter()
            .map(|s| {
                let (cs, ce) = (conv.to_char(s.start), conv.to_char(s.end));
                let text = match raw_slice(py, text, &t, (s.start, s.end), (cs, ce))? {
                    Some(r) => r.into_any(),
                    None => PyString::new(py, &t[s.start..s.end]).into_any().unbind(),
                };
                Ok(PySpan { text, start: cs, end: ce })
            })
            .collect()
    }

    /// The words of ``text`` as a list of str: normalized forms of content
    /// tokens (no punctuation or symbols), stemmed and without stopwords if so
    /// configured, plus n-grams if ``ngram_range`` asks for them.
    fn words<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let t = text::text(text, "text")?;
        let buf = WordBuf::of(&self.inner, &t);
        buf.to_list(py, &mut HashMap::default())
    }

    /// :meth:`words` of each text, in input order, computed in parallel.
    #[pyo3(signature = (texts, n_threads=None))]
    fn words_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = text::texts(texts)?;
        let bufs = par_map(py, &items, n_threads.or(self.n_threads), None, |t| WordBuf::of(&self.inner, t))?;
        let mut cache = HashMap::default();
        let lists = bufs.iter().map(|b| b.to_list(py, &mut cache)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// Number of words (as :meth:`words` counts them) of each text, computed
    /// in Rust without creating Python objects for the words.
    #[pyo3(signature = (texts, n_threads=None))]
    fn count_batch(&self, py: Python<'_>, texts: &Bound<'_, PyAny>, n_threads: Option<usize>) -> PyResult<Vec<usize>> {
        let items = text::texts(texts)?;
        par_map(py, &items, n_threads.or(self.n_threads), None, |t| {
            let mut buf = Vec::new();
            self.inner.words_each(t, &mut buf, |_| {})
        })
    }

    /// The normalized form of ``text`` under this tokenizer's options.
    fn normalize(&self, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let t = text::text(text, "text")?;
        let mut out = String::new();
        self.inner.norm_into(&t, &mut out);
        Ok(out)
    }

    /// The options as a dict.
    fn get_params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = self.state_json();
        py.import("json")?.call_method1("loads", (json,))
    }

    fn __repr__(&self) -> String {
        let s = self.inner.spec();
        format!(
            "Tokenizer(lowercase={}, fold_typography={}, nfkc={}, strip_accents={}, stopwords={}, drop_stopwords={}, stem={}, ngram_range=({}, {}))",
            py_bool(s.normalize.lowercase),
            py_bool(s.normalize.fold_typography),
            py_bool(s.normalize.nfkc),
            py_bool(s.normalize.strip_accents),
            match (&s.stopwords, s.extra_stopwords.len()) {
                (Some(l), 0) => format!("{l:?}"),
                (None, 0) => "None".into(),
                (_, n) => format!("<{n} words>"),
            },
            py_bool(s.drop_stopwords),
            s.stem.as_ref().map_or("None".to_string(), |l| format!("{l:?}")),
            s.ngram_range.0,
            s.ngram_range.1
        )
    }

    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, py: Python<'_>, state: &str) -> PyResult<Self> {
        let v: serde_json::Value = serde_json::from_str(state).map_err(|e| state_error(py, e.to_string()))?;
        let spec: TokenizerSpec =
            serde_json::from_value(v["spec"].clone()).map_err(|e| state_error(py, e.to_string()))?;
        let n_threads = v["n_threads"].as_u64().map(|n| n as usize);
        Ok(PyTokenizer { inner: Tokenizer::new(spec).map_err(to_py)?, n_threads })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = slf.get_type().getattr("_from_state")?;
        Ok((ctor, (slf.get().state_json(),)))
    }
}

impl PyTokenizer {
    /// The tokens of `text`, and their tags when `pos` is set.
    fn tokens_and_tags(&self, text: &str, pos: bool) -> (Vec<Token>, Option<Vec<crate::tag::Upos>>) {
        let tokens = self.inner.tokens(text);
        let tags = pos.then(|| {
            let mut out = Vec::with_capacity(tokens.len());
            crate::tag::Tagger::english().tag_tokens(text, &tokens, &sentences(text), &mut out);
            out
        });
        (tokens, tags)
    }

    fn state_json(&self) -> String {
        serde_json::json!({"spec": self.inner.spec(), "n_threads": self.n_threads}).to_string()
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The `stopwords=` argument: `"en"` (a built-in list), None, or the user's own words.
pub enum StopwordsArg {
    Builtin(String),
    Nothing,
    Words(Vec<String>),
}

impl StopwordsArg {
    pub fn english() -> Self {
        StopwordsArg::Builtin("en".into())
    }

    /// (built-in language, user words)
    pub fn into_parts(self) -> (Option<String>, Vec<String>) {
        match self {
            StopwordsArg::Builtin(l) => (Some(l), Vec::new()),
            StopwordsArg::Nothing => (None, Vec::new()),
            StopwordsArg::Words(w) => (None, w),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for StopwordsArg {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(StopwordsArg::Nothing);
        }
        if let Ok(s) = obj.extract::<String>() {
            return Ok(StopwordsArg::Builtin(s));
        }
        let words: Vec<String> = obj
            .try_iter()
            .and_then(|it| it.map(|w| w?.extract::<String>()).collect())
            .map_err(|_| invalid_argument(obj.py(), "stopwords must be \"en\", None, or an iterable of str"))?;
        Ok(StopwordsArg::Words(words))
    }
}

/// The built-in stopword list for a language.
#[pyfunction]
#[pyo3(signature = (language="en"))]
fn stopwords(py: Python<'_>, language: &str) -> PyResult<Vec<&'static str>> {
    crate::stopwords::builtin(language).map(|l| l.to_vec()).ok_or_else(|| {
        invalid_argument(
            py,
            format!("no built-in stopword list for {language:?}; built-in: {:?}", crate::stopwords::LANGUAGES),
        )
    })
}

/// The raw UAX #29 word boundaries of ``text`` (every segment, spaces included),
/// as the tokenizer's starting point. For conformance checks and debugging.
#[pyfunction]
fn word_bounds(text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    use unicode_segmentation::UnicodeSegmentation;
    let t = text::text(text, "text")?;
    Ok(t.split_word_bounds().map(str::to_string).collect())
}

/// The raw UAX #29 sentence boundaries of ``text``, before lexiscope's corrections.
#[pyfunction]
fn sentence_bounds(text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    use unicode_segmentation::UnicodeSegmentation;
    let t = text::text(text, "text")?;
    Ok(t.split_sentence_bounds().map(str::to_string).collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyToken>()?;
    m.add_class::<PySpan>()?;
    m.add_class::<PyTokenizer>()?;
    m.add_function(wrap_pyfunction!(stopwords, m)?)?;
    m.add_function(wrap_pyfunction!(word_bounds, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_bounds, m)?)?;
    Ok(())
}
