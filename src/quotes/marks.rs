//! Step 1 of quotation finding: the quotation-mark segments of a text.
//!
//! Marks are read paragraph by paragraph (a paragraph is a line), with a
//! small state machine: outside a quotation an opening mark opens one; inside,
//! a mark that can close the opener closes it. Double marks are the straight
//! `"`, the curly `“ ”`, the low-high `„ “`, the guillemets `« »` and the
//! two-apostrophe `''` (with its ```` `` ```` opener) of some archives. A
//! document that has no double marks at all may use single marks `‘ ’` and
//! `'` as quotation marks; only then are they read, and an apostrophe inside
//! a word (`don’t`) or a plural possessive (`voters’`) is not a mark.
//!
//! A mark's shape (what touches it on either side) settles the cases the
//! state alone cannot: a straight mark that can only open (space before, a
//! letter after) while a quotation is open means the earlier opener was
//! stray, so the quotation restarts there; a mark that can only close while
//! none is open is ignored. So an odd mark never puts the rest of the
//! document out of phase, and a glued `said."They` still opens.
//!
//! A quotation still open at a paragraph's end runs to that end (`open`);
//! when the next paragraph opens with a mark, the quotation continues there
//! (the convention for quotations that span paragraphs).

use crate::tokenize::Span;

/// One quotation-mark segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// From the opening mark to the closing mark, both included (or to the
    /// paragraph's end when `open`).
    pub outer: Span,
    /// The words between the marks, edge white space trimmed.
    pub inner: Span,
    /// No closing mark before the paragraph's end.
    pub open: bool,
    /// Continues the open segment before it (a new paragraph of one quotation).
    pub continues: bool,
}

/// The kinds of marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `"`: opens and closes (a `”` closes it too, in careless typography).
    Straight,
    /// `“`: opens (closes a `„`; closes a `“` in careless typography).
    LeftCurly,
    /// `”`: closes (opens when shaped as an opener).
    RightCurly,
    /// `„`.
    Low,
    /// `«`.
    LeftGuillemet,
    /// `»`.
    RightGuillemet,
    /// `''` (two apostrophes).
    TwoApostrophes,
    /// ```` `` ````.
    TwoBackticks,
    /// `‘`.
    LeftSingle,
    /// `’` or `'` (single mode only).
    RightSingle,
}

impl Mark {
    fn can_open(self) -> bool {
        !matches!(self, Mark::RightGuillemet)
    }

    /// Whether `self` closes a quotation opened by `opener`.
    fn closes(self, opener: Mark) -> bool {
        match opener {
            Mark::Straight => matches!(self, Mark::Straight | Mark::RightCurly),
            Mark::LeftCurly | Mark::RightCurly => matches!(self, Mark::RightCurly | Mark::LeftCurly | Mark::Straight),
            Mark::Low => matches!(self, Mark::LeftCurly | Mark::RightCurly),
            Mark::LeftGuillemet => self == Mark::RightGuillemet,
            Mark::RightGuillemet => self == Mark::LeftGuillemet,
            Mark::TwoApostrophes | Mark::TwoBackticks => self == Mark::TwoApostrophes,
            Mark::LeftSingle | Mark::RightSingle => self == Mark::RightSingle,
        }
    }
}

/// Whether `text` holds a double quotation mark of any kind.
pub fn has_double_marks(text: &str) -> bool {
    text.contains(['"', '“', '”', '„', '«', '»']) || text.contains("''") || text.contains("``")
}

/// The marks of one line: (byte offset, byte length, kind).
fn line_marks(line: &str, singles: bool, out: &mut Vec<(usize, usize, Mark)>) {
    out.clear();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            match c {
                b'"' => out.push((i, 1, Mark::Straight)),
                b'\'' if i + 1 < b.len() && b[i + 1] == b'\'' => {
                    out.push((i, 2, Mark::TwoApostrophes));
                    i += 2;
                    continue;
                }
                b'`' if i + 1 < b.len() && b[i + 1] == b'`' => {
                    out.push((i, 2, Mark::TwoBackticks));
                    i += 2;
                    continue;
                }
                b'\'' if singles => out.push((i, 1, Mark::RightSingle)),
                _ => {}
            }
            i += 1;
            continue;
        }
        let ch = line[i..].chars().next().expect("char boundary");
        let kind = match ch {
            '“' => Some(Mark::LeftCurly),
            '”' => Some(Mark::RightCurly),
            '„' => Some(Mark::Low),
            '«' => Some(Mark::LeftGuillemet),
            '»' => Some(Mark::RightGuillemet),
            '‘' if singles => Some(Mark::LeftSingle),
            '’' if singles => Some(Mark::RightSingle),
            _ => None,
        };
        if let Some(k) = kind {
            out.push((i, ch.len_utf8(), k));
        }
        i += ch.len_utf8();
    }
}

/// What touches a mark: whether it is shaped as an opener (nothing or a
/// space, bracket or dash before it, something visible after) and as a
/// closer (something visible before, nothing, a space or punctuation after).
fn shape(line: &str, at: usize, len: usize) -> (bool, bool) {
    let before = line[..at].chars().next_back();
    let after = line[at + len..].chars().next();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let opener_before = |c: char| c.is_whitespace() || "([{—–-/:;…".contains(c);
    let opens = before.is_none_or(opener_before) && !space(after);
    let closes = !space(before)
        && !before.is_some_and(|c| "([{".contains(c))
        && after.is_none_or(|c| !c.is_alphanumeric() || c.is_whitespace());
    (opens, closes)
}

/// Whether a single mark at `at` is an apostrophe rather than a quotation mark.
fn is_apostrophe(line: &str, at: usize, len: usize) -> bool {
    let before = line[..at].chars().next_back();
    let after = line[at + len..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Inside a word (`don’t`, `Russia’s`) or eliding a year (`’90s`).
    (letter(before) && letter(after)) || (after.is_some_and(|c| c.is_ascii_digit()) && !letter(before))
}

/// The segments of `text` (in order). `singles` reads single marks as
/// quotation marks (see the module docs; [`uses_single_marks`] decides it).
pub fn segments(text: &str, singles: bool) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut marks = Vec::new();
    let mut base = 0;
    // The previous paragraph ended inside a quotation.
    let mut carried = false;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let line_base = base;
        base += raw.len();
        if line.trim().is_empty() {
            continue;
        }
        line_marks(line, singles, &mut marks);
        let first_visible = line.len() - line.trim_start().len();
        let mut open: Option<(usize, usize, Mark)> = None;
        let mut continues_next = false;
        let mut k = 0;
        while k < marks.len() {
            let (at, len, kind) = marks[k];
            k += 1;
            let single = matches!(kind, Mark::LeftSingle | Mark::RightSingle);
            if single && is_apostrophe(line, at, len) {
                continue;
            }
            let (mut opens, mut closes) = shape(line, at, len);
            if matches!(kind, Mark::LeftGuillemet | Mark::RightGuillemet) {
                // French typography puts a space inside guillemets.
                opens = kind == Mark::LeftGuillemet;
                closes = kind == Mark::RightGuillemet;
            }
            // Punctuation before and a letter after (`said."They`): opens or closes.
            let glued = kind == Mark::Straight
                && line[..at].ends_with(['.', ',', '!', '?', ';'])
                && line[at + len..].starts_with(|c: char| c.is_alphanumeric());
            match open {
                None => {
                    let opener = match kind {
                        Mark::RightCurly | Mark::RightSingle => opens && !closes,
                        k => k.can_open() && (opens || glued),
                    };
                    if opener {
                        continues_next = carried && at == first_visible && out.last().is_some_and(|s| s.open);
                        open = Some((at, len, kind));
                    }
                }
                Some((o_at, o_len, o_kind)) => {
                    if kind.closes(o_kind) && (closes || glued) {
                        // A plural possessive `voters’ ` in single mode: a
                        // later closer of this quotation is the real one.
                        if single && line[..at].ends_with('s') && opens_later_or_closes(line, &marks[k..], o_kind) {
                            continue;
                        }
                        push(&mut out, line, line_base, o_at, o_len, at, len, continues_next);
                        open = None;
                    } else if opens && !closes && matches!(kind, Mark::Straight | Mark::LeftCurly) && kind == o_kind {
                        // The earlier opener was stray: restart here.
                        open = Some((at, len, kind));
                        continues_next = false;
                    }
                }
            }
        }
        carried = false;
        if let Some((o_at, o_len, _)) = open {
            // Runs to the paragraph's end.
            let inner = trim(line, o_at + o_len, line.len());
            if inner.0 < inner.1 {
                out.push(Segment {
                    outer: Span { start: line_base + o_at, end: line_base + line.trim_end().len() },
                    inner: Span { start: line_base + inner.0, end: line_base + inner.1 },
                    open: true,
                    continues: continues_next,
                });
                carried = true;
            }
        }
    }
    out
}

/// Whether another mark among `rest` closes a quotation opened by `opener`
/// before any mark that opens a new one.
fn opens_later_or_closes(line: &str, rest: &[(usize, usize, Mark)], opener: Mark) -> bool {
    for &(at, len, kind) in rest {
        if is_apostrophe(line, at, len) {
            continue;
        }
        let (opens, closes) = shape(line, at, len);
        if kind.closes(opener) && closes {
            return true;
        }
        if opens && !closes {
            return false;
        }
    }
    false
}

fn trim(line: &str, from: usize, to: usize) -> (usize, usize) {
    let s = &line[from..to];
    let start = from + (s.len() - s.trim_start().len());
    let end = from + s.trim_end().len();
    (start, end.max(start))
}

#[allow(clippy::too_many_arguments, reason = "the parts of one segment, named")]
fn push(
    out: &mut Vec<Segment>,
    line: &str,
    base: usize,
    o_at: usize,
    o_len: usize,
    at: usize,
    len: usize,
    continues: bool,
) {
    let (s, e) = trim(line, o_at + o_len, at);
    if s >= e {
        return;
    }
    out.push(Segment {
        outer: Span { start: base + o_at, end: base + at + len },
        inner: Span { start: base + s, end: base + e },
        open: false,
        continues,
    });
}

/// Whether a text without double marks uses single marks as quotation marks:
/// it has a single mark shaped as an opener (`‘`, or `'` with a space before
/// it and a letter after).
pub fn uses_single_marks(text: &str) -> bool {
    if has_double_marks(text) {
        return false;
    }
    let mut marks = Vec::new();
    text.lines().any(|line| {
        line_marks(line, true, &mut marks);
        marks.iter().any(|&(at, len, _)| {
            !is_apostrophe(line, at, len) && {
                let (opens, closes) = shape(line, at, len);
                opens && !closes
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        let singles = uses_single_marks(text);
        segments(text, singles).iter().map(|s| &text[s.inner.start..s.inner.end]).collect()
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(inner("He said \"yes, now\" and left."), ["yes, now"]);
        assert_eq!(inner("“We won,” he said. “Again.”"), ["We won,", "Again."]);
        assert_eq!(inner("Er sagte: „Wir gewinnen.“ Dann ging er."), ["Wir gewinnen."]);
        assert_eq!(inner("Il a dit « nous gagnons » hier."), ["nous gagnons"]);
        assert_eq!(inner("''We finally may be seeing it,'' the economist said."), ["We finally may be seeing it,"]);
        assert_eq!(inner("``Yes,'' she said."), ["Yes,"]);
        assert_eq!(inner("He said: ‘We don’t know.’ Then he left."), ["We don’t know."]);
    }

    #[test]
    fn stray_marks_keep_the_phase() {
        // A plural possessive in single mode.
        assert_eq!(inner("The voters’ choice, she said, was ‘clear as day’ to all."), ["clear as day"]);
        // A glued closer and opener.
        let t = "\"One,\" Vance said.\"They've been flexible,\" he said. \"Three.\"";
        assert_eq!(inner(t), ["One,", "They've been flexible,", "Three."]);
        // A stray opener mid-paragraph restarts the quotation at the next opener.
        assert_eq!(inner("A 12\" pipe burst. He said \"it is fine\" later."), ["it is fine"]);
    }

    #[test]
    fn open_paragraphs_continue() {
        let t = "“First paragraph goes on\n\n“Second one ends,” he said.\nNo quote.";
        let s = segments(t, false);
        assert_eq!(s.len(), 2);
        assert!(s[0].open && !s[0].continues);
        assert!(!s[1].open && s[1].continues);
        assert_eq!(&t[s[0].outer.start..s[0].outer.end], "“First paragraph goes on");
    }
}
