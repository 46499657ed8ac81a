//! Date and time stamps: `Published 14 March 2026`, `Updated 10:32 AM EDT,
//! Sat March 14, 2026`, `date 2025-08-24`, `Posted 2 hours ago`, and the
//! dates inside them (read into ISO `YYYY-MM-DD` when the form is not
//! ambiguous).
//!
//! A stamp is one or more groups, each an optional keyword (`published`,
//! `posted`, `updated`, `last updated`, `date`, ...) followed by a date and
//! time, or by a relative time after a keyword (`2 hours ago`); groups are
//! separated by `|`, `·`, `•`, `,`, `-` or `—`.

use super::words::{word_spans, WordSpan};

/// Keywords that open a stamp, lowercase, longest first where one is a
/// prefix of another.
const KEYWORDS: &[&[&str]] = &[
    &["first", "published"],
    &["originally", "published"],
    &["last", "updated"],
    &["last", "modified"],
    &["published"],
    &["posted"],
    &["updated"],
    &["modified"],
    &["created"],
    &["dated"],
    &["date"],
];

/// Month names and abbreviations, by month number (1-based index + 1).
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// Time zone abbreviations accepted after a time.
const ZONES: &[&str] = &[
    "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt",
    "pt", "pst", "pdt", "ist", "jst", "kst", "aest", "aedt", "sast", "msk", "z",
];

/// A date found in a stamp: where it is (byte offsets into the stamp's
/// text) and its ISO form when it can be read without ambiguity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// Byte offset of the date's first character.
    pub start: usize,
    /// Byte offset just past the date (or past its time, when it has one).
    pub end: usize,
    /// `YYYY-MM-DD`, when the form says which number is the day.
    pub iso: Option<String>,
}

/// A stamp at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes of the text the stamp covers.
    pub len: usize,
    /// Whether it opens with a keyword (`Published`, `date`, ...).
    pub keyword: bool,
    /// The first date in it, if any (a relative stamp has none).
    pub date: Option<Date>,
}

/// The lowercase form of a word without surrounding punctuation other than
/// what dates use.
fn bare(w: &str) -> String {
    w.trim_matches(|c: char| matches!(c, ',' | ':' | '(' | ')' | ';')).to_lowercase()
}

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS.iter().position(|names| names.contains(&w)).map(|m| m as u32 + 1)
}

fn day_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2199).contains(&y).then_some(y)
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A numeric date in one word: `2025-08-24`, `2025/08/24`, `2025-08-24T10:00Z`,
/// `24.08.2025`, `24/08/2025` (read only when one number exceeds 12).
/// Returns whether it is a date and its ISO form when unambiguous.
fn numeric_date(w: &str) -> Option<Option<String>> {
    let core = w.split('T').next().unwrap_or(w);
    let parts: Vec<&str> = core.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let sep = core.as_bytes()[parts[0].len()];
    if parts[0].len() == 4 {
        let (y, m, d) = (n[0] as i32, n[1], n[2]);
        return ((1..=12).contains(&m) && (1..=31).contains(&d) && year_of(parts[0]).is_some())
            .then(|| Some(iso(y, m, d)));
    }
    if parts[2].len() != 4 || year_of(parts[2]).is_none() || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let y = n[2] as i32;
    let (a, b) = (n[0], n[1]);
    if !(1..=31).contains(&a) || !(1..=31).contains(&b) || (a > 12 && b > 12) {
        return None;
    }
    // Day first with dots (European), or when the first number cannot be a month.
    let day_first = sep == b'.' || a > 12;
    let month_first = b > 12;
    Some(match (day_first, month_first) {
        (true, false) => Some(iso(y, b, a)),
        (false, true) => Some(iso(y, a, b)),
        _ => None,
    })
}

/// A time at word `i`: `18:40`, `10.32`, `10:32:05`, with `am`/`pm`/`a.m.`
/// and a zone after it. Returns the index past it.
fn time_at(ws: &[WordSpan<'_>], mut i: usize) -> Option<usize> {
    let w = ws.get(i)?.text.trim_end_matches([',', ';']);
    let (clock, suffix) = match w.find(|c: char| c.is_ascii_alphabetic()) {
        Some(k) => w.split_at(k),
        None => (w, ""),
    };
    let parts: Vec<&str> = clock.split([':', '.']).collect();
    let ok = (2..=3).contains(&parts.len())
        && parts[0].len() <= 2
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2);
    if !ok || parts[0].parse::<u32>().map_or(true, |h| h > 24) {
        return None;
    }
    if !suffix.is_empty() && !matches!(suffix.to_lowercase().as_str(), "am" | "pm" | "a.m." | "p.m." | "h" | "hrs") {
        return None;
    }
    i += 1;
    if let Some(next) = ws.get(i) {
        if matches!(bare(next.text).as_str(), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m") {
            i += 1;
        }
    }
    if let Some(next) = ws.get(i) {
        let z = bare(next.text);
        let offset =
            z.starts_with(['+', '-']) && z.len() >= 3 && z[1..].bytes().all(|b| b.is_ascii_digit() || b == b':');
        if ZONES.contains(&z.as_str()) || offset {
            i += 1;
        }
    }
    Some(i)
}

/// A calendar date at word `i` (with an optional weekday before it and a
/// time after it). Returns the index past it and the ISO form.
fn date_at(ws: &[WordSpan<'_>], mut i: usize) -> Option<(usize, Option<String>)> {
    if ws.get(i).is_some_and(|w| WEEKDAYS.contains(&bare(w.text).trim_end_matches('.'))) {
        i += 1;
    }
    let w0 = bare(ws.get(i)?.text);
    let (end, date) = if let Some(date) = numeric_date(&w0) {
        (i + 1, date)
    } else if let Some(m) = month_of(&w0) {
        // Month Day[,] Year
        let d = day_of(&bare(ws.get(i + 1)?.text))?;
        let y = year_of(&bare(ws.get(i + 2)?.text))?;
        (i + 3, Some(iso(y, m, d)))
    } else if let Some(d) = day_of(&w0) {
        // Day Month Year
        if w0.bytes().next().is_some_and(|b| !b.is_ascii_digit()) {
            return None;
        }
        let m = month_of(&bare(ws.get(i + 1)?.text))?;
        let y = year_of(&bare(ws.get(i + 2)?.text))?;
        (i + 3, Some(iso(y, m, d)))
    } else {
        return None;
    };
    let mut end = end;
    // An optional time, possibly after `at`.
    let at = usize::from(ws.get(end).is_some_and(|w| bare(w.text) == "at"));
    if let Some(t) = time_at(ws, end + at) {
        end = t;
    }
    Some((end, date))
}

/// A relative time at word `i`: `2 hours ago`, `yesterday`, `just now`.
fn relative_at(ws: &[WordSpan<'_>], i: usize) -> Option<usize> {
    let w = bare(ws.get(i)?.text);
    if matches!(w.as_str(), "yesterday" | "today") {
        return Some(i + 1);
    }
    if w == "just" && ws.get(i + 1).is_some_and(|n| bare(n.text) == "now") {
        return Some(i + 2);
    }
    w.parse::<u32>().ok()?;
    let unit = bare(ws.get(i + 1)?.text);
    let units = ["second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs"];
    let long = ["day", "days", "week", "weeks", "month", "months", "year", "years"];
    (units.contains(&unit.as_str()) || long.contains(&unit.as_str()))
        .then_some(())
        .filter(|_| ws.get(i + 2).is_some_and(|n| bare(n.text) == "ago"))
        .map(|_| i + 3)
}

fn keyword_at(ws: &[WordSpan<'_>], i: usize) -> Option<usize> {
    for kw in KEYWORDS {
        let ok = kw.iter().enumerate().all(|(k, part)| ws.get(i + k).is_some_and(|w| bare(w.text) == *part));
        if ok {
            let mut j = i + kw.len();
            // `Published on`, `Updated at`.
            if ws.get(j).is_some_and(|w| matches!(bare(w.text).as_str(), "on" | "at")) {
                j += 1;
            }
            return Some(j);
        }
    }
    None
}

fn is_separator(w: &str) -> bool {
    matches!(w, "|" | "·" | "•" | "-" | "—" | "–" | "/" | ",")
}

/// Whether the first word of `text` may open a stamp (a keyword, or with
/// `!need_keyword` also a digit, a month, a weekday): a test without
/// allocation that most lines fail.
fn may_open(text: &str, need_keyword: bool) -> bool {
    // The first letters of the keywords.
    let lead = text.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if need_keyword && !matches!(lead, b'f' | b'o' | b'l' | b'p' | b'u' | b'm' | b'c' | b'd') {
        return false;
    }
    let first = text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '.')).next().unwrap_or("");
    let is = |list: &[&str]| list.iter().any(|k| first.eq_ignore_ascii_case(k));
    if is(&["first", "originally", "last", "published", "posted", "updated", "modified", "created", "dated", "date"]) {
        return true;
    }
    if need_keyword {
        return false;
    }
    first.starts_with(|c: char| c.is_ascii_digit())
        || WEEKDAYS.iter().any(|w| first.eq_ignore_ascii_case(w))
        || MONTHS.iter().any(|names| names.iter().any(|m| first.eq_ignore_ascii_case(m)))
}

/// A stamp at the start of `text` (leading white space not allowed). With
/// `need_keyword`, a bare date (`March 15, 2026`) is not enough.
pub fn at_start(text: &str, need_keyword: bool) -> Option<Stamp> {
    if !may_open(text, need_keyword) {
        return None;
    }
    let ws: Vec<WordSpan<'_>> = word_spans(text).take(24).collect();
    if ws.first().is_none_or(|w| w.start != 0) {
        return None;
    }
    let mut i = 0;
    let mut end_word = 0;
    let mut keyword = false;
    let mut first_date: Option<Date> = None;
    loop {
        let kw = keyword_at(&ws, i);
        let after_kw = kw.unwrap_or(i);
        // A date, or a time then a date (`10:32 AM EDT, Sat March 14, 2026`).
        let dated = date_at(&ws, after_kw).or_else(|| time_at(&ws, after_kw).and_then(|t| date_at(&ws, t)));
        let found = match dated {
            Some((end, iso)) => {
                if first_date.is_none() {
                    let start = ws[after_kw].start;
                    let date_end = ws[end - 1].start + ws[end - 1].text.trim_end_matches([',', ';', '|']).len();
                    first_date = Some(Date { start, end: date_end, iso });
                }
                Some(end)
            }
            None if kw.is_some() => relative_at(&ws, after_kw),
            None => None,
        };
        let Some(end) = found else { break };
        keyword |= kw.is_some();
        end_word = end;
        i = end;
        // Another group after a separator.
        if ws.get(i).is_some_and(|w| is_separator(w.text)) {
            i += 1;
        }
        if i >= ws.len() {
            break;
        }
    }
    if end_word == 0 || (need_keyword && !keyword) {
        return None;
    }
    let last = &ws[end_word - 1];
    let len = last.start + last.text.trim_end_matches([',', ';']).len();
    // A trailing separator belongs to the stamp when nothing follows it.
    Some(Stamp { len, keyword, date: first_date })
}

/// The stamp that makes up all of `line` (`Published 14 March 2026 | Updated
/// 15 March 2026`, or a bare date when `bare_date_ok`).
pub fn whole_line(line: &str, bare_date_ok: bool) -> Option<Stamp> {
    let s = at_start(line, !bare_date_ok)?;
    let rest = line[s.len..].trim_matches(|c: char| c.is_whitespace() || is_separator(&c.to_string()));
    rest.is_empty().then_some(s)
}

/// A keyword stamp glued before the text of a line (`date 2025-08-24 The
/// minister said ...`): its length, when what follows starts a sentence
/// (a capital letter, a digit or an opening quote).
pub fn prefix(line: &str) -> Option<Stamp> {
    let s = at_start(line, true)?;
    let rest =
        line[s.len..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '—' | '–'));
    let starts = rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    starts.then_some(s)
}

/// The ISO date of a date written anywhere in `text` as a stamp would write
/// it (for the metadata of a line already known to be a stamp).
pub fn date_in(text: &str) -> Option<Date> {
    let ws: Vec<WordSpan<'_>> = word_spans(text).collect();
    (0..ws.len()).find_map(|i| {
        date_at(&ws, i).map(|(end, iso)| Date {
            start: ws[i].start,
            end: ws[end - 1].start + ws[end - 1].text.trim_end_matches([',', ';', '|']).len(),
            iso,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(line: &str) -> Option<String> {
        whole_line(line, true).and_then(|s| s.date).and_then(|d| d.iso)
    }

    #[test]
    fn stamp_forms() {
        assert_eq!(iso_of("Published 14 March 2026").as_deref(), Some("2026-03-14"));
        assert_eq!(iso_of("Posted 2025-10-02 18:40").as_deref(), Some("2025-10-02"));
        assert_eq!(iso_of("Updated 10:32 AM EDT, Sat March 14, 2026").as_deref(), Some("2026-03-14"));
        assert_eq!(iso_of("Last updated: Sat 14 Mar 2026 10.32 GMT").as_deref(), Some("2026-03-14"));
        assert_eq!(iso_of("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(iso_of("03.09.2024").as_deref(), Some("2024-09-03"));
        assert_eq!(iso_of("Published 3 March 2026 | Updated 4 March 2026").as_deref(), Some("2026-03-03"));
        assert!(whole_line("03/09/2024", true).is_some_and(|s| s.date.unwrap().iso.is_none()), "ambiguous");
        assert!(whole_line("Updated 2 hours ago", false).is_some_and(|s| s.date.is_none()));
        assert!(whole_line("March 15, 2026", false).is_none(), "a bare date needs bare_date_ok");
        assert!(whole_line("Published by the council on Monday", true).is_none());
        assert!(whole_line("May 2026 be better", true).is_none());
    }

    #[test]
    fn prefixes_cut_before_a_sentence() {
        let line = "date 2024-05-06 Officials in the capital said the bridge would reopen.";
        let s = prefix(line).unwrap();
        assert_eq!(&line[..s.len], "date 2024-05-06");
        assert_eq!(s.date.unwrap().iso.as_deref(), Some("2024-05-06"));
        assert!(prefix("Dated plans were shelved, officials said on Monday.").is_none());
        assert!(prefix("2024-05-06 Officials said.").is_none(), "no keyword");
        assert!(prefix("Updated 4 March 2026 to add comment from the ministry").is_none(), "lowercase goes on");
    }
}
