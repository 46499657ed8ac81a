//! One document: its text (owned or shared with Python without a copy), the
//! lines cleaning set aside, and its tokens and sentences, parsed on first use
//! or streamed run by run. Sits between [`crate::io`] (which reads texts) and
//! the counting stages ([`crate::count`], [`crate::keywords`], ...), which read
//! the tokens of kept sentences through [`Document::for_each_run`].

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::clean::{self, Line, Removed};
use crate::tokenize::{self, Span, Token};

/// A sentence kept after cleaning and the range of its tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptSentence {
    /// The sentence.
    pub span: Span,
    /// Index of its first token in [`Parsed::tokens`].
    pub first: u32,
    /// One past the index of its last token.
    pub last: u32,
}

/// The tokens and sentences of a document, computed the first time a result
/// needs them (see [`Document::parsed`]).
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Every token of the original text.
    pub tokens: Vec<Token>,
    /// Every sentence of the original text.
    pub sentences: Vec<Span>,
    /// Sentences outside removed lines, with their tokens.
    pub kept: Vec<KeptSentence>,
}

impl crate::cache::HeapSize for Parsed {
    fn heap_size(&self) -> usize {
        self.tokens.capacity() * std::mem::size_of::<Token>()
            + self.sentences.capacity() * std::mem::size_of::<Span>()
            + self.kept.capacity() * std::mem::size_of::<KeptSentence>()
    }
}

impl Parsed {
    fn of(text: &str, removed: &[Removed]) -> Parsed {
        let tokens = tokenize::tokenize(text);
        let sentences = tokenize::sentences(text);
        let mut kept = Vec::new();
        kept_sentences(&tokens, &sentences, removed, &mut kept);
        Parsed { tokens, sentences, kept }
    }
}

/// The sentences of `sentences` that no removed line touches, with the range
/// of their tokens, written into `out` (cleared first).
fn kept_sentences(tokens: &[Token], sentences: &[Span], removed: &[Removed], out: &mut Vec<KeptSentence>) {
    out.clear();
    let mut t = 0usize;
    let mut r = 0usize;
    for s in sentences {
        while t < tokens.len() && tokens[t].end <= s.start {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].start < s.end {
            t += 1;
        }
        while r < removed.len() && removed[r].span.end <= s.start {
            r += 1;
        }
        let inside_removed = r < removed.len() && removed[r].span.start < s.end;
        if !inside_removed {
            out.push(KeptSentence { span: *s, first: first as u32, last: t as u32 });
        } else {
            cut_sentence(tokens, *s, first, t, &removed[r..], out);
        }
    }
}

/// The pieces of sentence `s` (tokens `first..last`) outside the removed
/// spans that touch it (`removed` starts with the first of them), when all of
/// them are cuts (see [`Removed::cut`]); a whole-line rule sets the
/// sentence aside whole. A piece keeps the tokens entirely inside it and is
/// kept when one of them is a word or a number.
#[cold]
fn cut_sentence(
    tokens: &[Token],
    s: Span,
    first: usize,
    last: usize,
    removed: &[Removed],
    out: &mut Vec<KeptSentence>,
) {
    let touching = || removed.iter().take_while(|x| x.span.start < s.end);
    if touching().any(|x| !x.cut) {
        return;
    }
    let mut start = s.start;
    let mut ti = first;
    let ends = touching().map(|x| (x.span.start, x.span.end)).chain(std::iter::once((s.end, s.end)));
    for (cut_start, cut_end) in ends {
        let end = cut_start.min(s.end);
        while ti < last && tokens[ti].start < start {
            ti += 1;
        }
        let a = ti;
        while ti < last && tokens[ti].end <= end {
            ti += 1;
        }
        if tokens[a..ti].iter().any(|t| t.kind.is_content()) {
            let span = Span { start: tokens[a].start, end: tokens[ti - 1].end };
            out.push(KeptSentence { span, first: a as u32, last: ti as u32 });
        }
        start = start.max(cut_end);
    }
}

/// Reusable buffers for [`Document::for_each_run`] (one per thread).
#[derive(Default)]
pub struct Scratch {
    tokens: Vec<Token>,
    sentences: Vec<Span>,
    kept: Vec<KeptSentence>,
}

/// A document's text: a `String` of its own, or bytes kept alive by another
/// owner (the bindings use a Python `str` this way, so a corpus built from
/// Python does not copy its texts). Dereferences to `str`.
pub struct DocText {
    ptr: std::ptr::NonNull<u8>,
    len: usize,
    owner: TextOwner,
}

enum TextOwner {
    Owned(String),
    Shared(std::sync::Arc<dyn Send + Sync>),
}

// SAFETY: `ptr` points into memory that `owner` keeps alive and never
// changes, and `owner` itself is Send + Sync.
unsafe impl Send for DocText {}
// SAFETY: as above; the text is only ever read.
unsafe impl Sync for DocText {}

impl DocText {
    /// Text shared with `owner` without a copy.
    ///
    /// # Safety
    /// `text` must stay valid and unchanged for as long as `owner` lives.
    pub unsafe fn shared(text: &str, owner: std::sync::Arc<dyn Send + Sync>) -> DocText {
        DocText {
            ptr: std::ptr::NonNull::from(text.as_bytes()).cast(),
            len: text.len(),
            owner: TextOwner::Shared(owner),
        }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: `ptr`/`len` were taken from a valid `str` that `owner`,
        // alive as long as `self`, keeps alive and unchanged: an owned
        // `String` is never mutated after construction and its buffer does
        // not move when the `String` does; a shared text is so by the
        // contract of `DocText::shared`.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr.as_ptr(), self.len)) }
    }
}

impl From<String> for DocText {
    fn from(s: String) -> DocText {
        let ptr = std::ptr::NonNull::from(s.as_bytes()).cast();
        DocText { ptr, len: s.len(), owner: TextOwner::Owned(s) }
    }
}

impl Clone for DocText {
    fn clone(&self) -> DocText {
        match &self.owner {
            TextOwner::Owned(s) => DocText::from(s.clone()),
            TextOwner::Shared(o) => DocText { ptr: self.ptr, len: self.len, owner: TextOwner::Shared(o.clone()) },
        }
    }
}

impl std::ops::Deref for DocText {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for DocText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// One document: its text, the lines cleaning set aside, and (once a result
/// has needed them) its tokens and sentences.
#[derive(Clone, Debug)]
pub struct Document {
    /// Identifier (unique in the corpus).
    pub id: String,
    /// The original text.
    pub text: DocText,
    // Boxed slices and a boxed analysis keep each document small (a million
    // documents hold a million of each): the lines and what the document
    // set aside itself never change once analysed.
    pub(crate) lines: Box<[Line]>,
    pub(crate) local: Box<[Removed]>,
    /// Lines set aside by cleaning (sorted by offset).
    pub removed: Vec<Removed>,
    parsed: OnceLock<Box<Parsed>>,
    /// Part-of-speech tags of every token, made on first need (see [`Document::pos`]).
    pos: OnceLock<Box<[crate::tag::Upos]>>,
}

impl Document {
    /// A document, with its lines analysed for cleaning when `clean` is set.
    /// Tokens and sentences are left for [`Document::parsed`].
    pub fn analyse_one(id: String, text: impl Into<DocText>, clean: bool) -> Document {
        let text: DocText = text.into();
        let (lines, local) = if clean {
            let lines = clean::lines(&text);
            let local = clean::local_furniture(&text, &lines);
            (lines, local)
        } else {
            (Vec::new(), Vec::new())
        };
        // Exact sizes: `removed` is a copy of `local` with no spare room.
        let removed = local.clone();
        Document {
            id,
            text,
            lines: lines.into_boxed_slice(),
            local: local.into_boxed_slice(),
            removed,
            parsed: OnceLock::new(),
            pos: OnceLock::new(),
        }
    }

    /// Forgets the lines and what the document set aside itself, once the
    /// corpus has cleaned it: results read `removed` only, and a merge or a
    /// part cleaned again makes them again from the text
    /// ([`Document::cleaning`], [`Document::restore_lines`]). A million
    /// documents hold a million of each otherwise.
    pub(crate) fn drop_lines(&mut self) {
        self.lines = Box::default();
        self.local = Box::default();
    }

    /// The lines and the spans the document sets aside itself: as kept, or
    /// made again from the text when [`Document::drop_lines`] dropped them.
    /// For a document of a cleaning corpus only (without cleaning, a
    /// document has no lines to make).
    pub(crate) fn cleaning(&self) -> (Cow<'_, [Line]>, Cow<'_, [Removed]>) {
        if !self.lines.is_empty() {
            return (Cow::Borrowed(&self.lines), Cow::Borrowed(&self.local));
        }
        let lines = clean::lines(&self.text);
        let local = clean::local_furniture(&self.text, &lines);
        (Cow::Owned(lines), Cow::Owned(local))
    }

    /// Makes the lines and local spans again after [`Document::drop_lines`]
    /// (a no-op when they are kept). For a document of a cleaning corpus only.
    pub(crate) fn restore_lines(&mut self) {
        if self.lines.is_empty() {
            let lines = clean::lines(&self.text);
            let local = clean::local_furniture(&self.text, &lines);
            self.lines = lines.into_boxed_slice();
            self.local = local.into_boxed_slice();
        }
    }

    /// Forgets the tokens and sentences (they are made again when needed).
    pub fn drop_analysis(&mut self) {
        self.parsed = OnceLock::new();
        self.pos = OnceLock::new();
    }

    /// The tokens and sentences if a result has needed them already.
    pub fn parsed_if_ready(&self) -> Option<&Parsed> {
        self.parsed.get().map(|p| &**p)
    }

    /// Heap bytes of the id, lines and removed lines (not the text, not the tokens).
    pub fn heap_size_without_analysis(&self) -> usize {
        self.id.capacity()
            + self.lines.len() * std::mem::size_of::<Line>()
            + (self.local.len() + self.removed.capacity()) * std::mem::size_of::<Removed>()
    }

    pub(crate) fn set_removed(&mut self, removed: Vec<Removed>) {
        if removed != self.removed {
            self.removed = removed;
            self.removed.shrink_to_fit();
            self.parsed = OnceLock::new();
        }
    }

    /// The section labels cleaning found (`Why it matters:`): spans that are
    /// never a name, cut out of the kept sentences.
    pub fn labels(&self) -> impl Iterator<Item = Span> + '_ {
        self.removed.iter().filter(|r| r.reason == clean::Reason::SectionLabel).map(|r| r.span)
    }

    /// Headline, byline and date, read off the furniture (see
    /// [`clean::meta`]); found the same way when the corpus was built
    /// without cleaning.
    pub fn meta(&self) -> clean::Meta {
        if self.lines.is_empty() {
            let lines = clean::lines(&self.text);
            // Built without cleaning, nothing is set aside: the document's
            // own furniture. Cleaned, the lines were dropped once cleaning
            // was done (`removed` is what it set aside; when that is empty,
            // so is the document's own furniture, which it always holds).
            if !self.removed.is_empty() {
                return clean::meta(&self.text, &lines, &self.removed);
            }
            let local = clean::local_furniture(&self.text, &lines);
            return clean::meta(&self.text, &lines, &local);
        }
        clean::meta(&self.text, &self.lines, &self.removed)
    }

    /// Tokens, sentences and kept sentences, computed on first use and kept.
    pub fn parsed(&self) -> &Parsed {
        self.parsed.get_or_init(|| Box::new(Parsed::of(&self.text, &self.removed)))
    }

    /// Every token of the original text.
    pub fn tokens(&self) -> &[Token] {
        &self.parsed().tokens
    }

    /// The part-of-speech tag of each token of [`Document::tokens`], by the
    /// built-in English tagger, each sentence tagged alone. Made on first
    /// call and kept (cleaning does not change them: they depend on the text
    /// only), so passes that do not need tags do not pay for them.
    pub fn pos(&self) -> &[crate::tag::Upos] {
        self.pos.get_or_init(|| {
            let p = self.parsed();
            let mut out = Vec::with_capacity(p.tokens.len());
            crate::tag::Tagger::english().tag_tokens(&self.text, &p.tokens, &p.sentences, &mut out);
            out.into_boxed_slice()
        })
    }

    /// Heap bytes of the tags, if made.
    pub fn pos_heap_size(&self) -> usize {
        self.pos.get().map_or(0, |p| p.len() * std::mem::size_of::<crate::tag::Upos>())
    }

    /// The tags if a result has needed them already.
    pub fn pos_if_ready(&self) -> Option<&[crate::tag::Upos]> {
        self.pos.get().map(|p| &**p)
    }

    /// Sentences outside removed lines.
    pub fn kept(&self) -> &[KeptSentence] {
        &self.parsed().kept
    }

    /// Tokens of a kept sentence.
    #[inline]
    pub fn sentence_tokens(&self, k: &KeptSentence) -> &[Token] {
        &self.parsed().tokens[k.first as usize..k.last as usize]
    }

    /// Number of tokens kept after cleaning.
    pub fn kept_tokens(&self) -> usize {
        self.kept().iter().map(|k| (k.last - k.first) as usize).sum()
    }

    /// Calls `f` with the tokens of each kept sentence, in order. When
    /// `sentences` is false and no line was set aside, `f` may instead get all
    /// tokens at once (enough for anything that does not look across tokens).
    /// Uses the parsed document when it exists; otherwise tokenizes into
    /// `scratch` without keeping anything, which is what makes one-off passes
    /// (counts, matrices, shingles) cheap in time and memory.
    pub fn for_each_run(&self, sentences: bool, scratch: &mut Scratch, mut f: impl FnMut(&[Token])) {
        if let Some(p) = self.parsed.get() {
            for k in &p.kept {
                f(&p.tokens[k.first as usize..k.last as usize]);
            }
            return;
        }
        scratch.tokens.clear();
        tokenize::tokenize_into(&self.text, &mut scratch.tokens);
        if !sentences && self.removed.is_empty() {
            f(&scratch.tokens);
            return;
        }
        scratch.sentences = tokenize::sentences(&self.text);
        kept_sentences(&scratch.tokens, &scratch.sentences, &self.removed, &mut scratch.kept);
        for k in &scratch.kept {
            f(&scratch.tokens[k.first as usize..k.last as usize]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::test_corpus as corpus;

    #[test]
    fn streaming_runs_equal_parsed_runs() {
        let texts = ["Menu | Home\nA first sentence. A second one!\n\nShare this", "one.two three", "", "  \n"];
        let c = corpus(&[texts[0], texts[0], texts[1], texts[2], texts[3]]);
        assert!(!c.docs()[0].removed.is_empty() && c.docs()[2].removed.is_empty());
        for doc in c.docs() {
            let streamed: Vec<Vec<Token>> = [false, true]
                .iter()
                .map(|&sentences| {
                    let mut out: Vec<Token> = Vec::new();
                    doc.for_each_run(sentences, &mut Scratch::default(), |run| out.extend_from_slice(run));
                    out
                })
                .collect();
            let parsed: Vec<Token> = doc.kept().iter().flat_map(|k| doc.sentence_tokens(k).to_vec()).collect();
            assert_eq!(streamed[0], parsed);
            assert_eq!(streamed[1], parsed);
        }
    }
}
