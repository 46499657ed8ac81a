//! Links to other stories: `Related:`, `Read more:`, `Also read:`, `See
//! also:`, `More from <outlet>:`, `You may also like`, followed by headlines,
//! often glued to the end of the last paragraph when the page was flattened
//! (`... the war."More from <outlet>:<headline><headline>`).
//!
//! A marker (capitalised) counts at the start of a paragraph (the start of a line, or right
//! after the end of a sentence), alone or followed by a colon or an arrow;
//! what follows it to the end of the line is set aside with it when it holds
//! no sentence end (headlines have none: `... talksWhy the summit ...`).

use super::words::has_inner_sentence_end;

/// Markers, lowercase, as sequences of words.
const MARKERS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related posts",
    "related coverage",
    "related content",
    "related reading",
    "related news",
    "related topics",
    "related links",
    "related video",
    "related videos",
    "read more",
    "read also",
    "also read",
    "see also",
    "also see",
    "read next",
    "up next",
    "recommended",
    "recommended stories",
    "recommended reading",
    "recommended for you",
    "further reading",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "top stories",
    "editor's picks",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "more stories",
    "more news",
    "more like this",
    "latest news",
    "don't miss",
];

/// `More from`, `More on`: followed by a name (`More from The Outlet:`).
const MORE: &[&str] = &["more from", "more on", "more in", "more at", "more about"];

/// The bytes of `s` that spell `m` at its start, ignoring ASCII case and
/// reading `’` as `'`.
fn starts_with_ci(s: &str, m: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for want in m.chars() {
        let (_, c) = chars.next()?;
        let c = if c == '’' { '\'' } else { c };
        if !c.eq_ignore_ascii_case(&want) {
            return None;
        }
    }
    let end = chars.next().map_or(s.len(), |(i, _)| i);
    // The marker ends at a word boundary.
    s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric()).then_some(end)
}

/// The length of a marker at the start of `s` when it is followed by the end
/// of `s`, a colon or an arrow (whose length is included).
fn marker_len(s: &str) -> Option<usize> {
    let ends_marker = |n: usize| -> Option<usize> {
        let rest = &s[n..];
        let trimmed = rest.trim_start();
        let gap = rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return Some(n);
        }
        for arrow in [":", "»", "›", ">", "|", "—"] {
            if trimmed.starts_with(arrow) {
                return Some(n + gap + arrow.len());
            }
        }
        None
    };
    // Only the markers that start with the right letter are tried.
    let lead = s.as_bytes().first()?.to_ascii_lowercase();
    let mut best = None;
    for m in MARKERS.iter().filter(|m| m.as_bytes()[0] == lead) {
        if let Some(n) = starts_with_ci(s, m).and_then(ends_marker) {
            best = best.max(Some(n));
        }
    }
    if best.is_some() {
        return best;
    }
    for m in MORE.iter().filter(|_| lead == b'm') {
        let Some(len) = starts_with_ci(s, m).filter(|&n| s[n..].starts_with(' ')) else { continue };
        // One to four capitalised words (`The` may open them).
        let mut end = len;
        let mut names = 0;
        for w in s[len..].split(' ').skip(1).take(4) {
            let (bare, stop) = match w.find([':', '»', '›']) {
                Some(k) => (&w[..k], true),
                None => (w, false),
            };
            if bare.is_empty() || !bare.starts_with(char::is_uppercase) {
                break;
            }
            end = w.as_ptr() as usize - s.as_ptr() as usize + bare.len();
            names += 1;
            if stop {
                break;
            }
        }
        if names > 0 {
            return ends_marker(end);
        }
    }
    None
}

/// Where related links start in one trimmed line, if they run to its end:
/// the byte offset of their marker. `glued_ok` allows a marker after the end
/// of a sentence inside the line (only in the document's last lines).
pub fn find(line: &str, glued_ok: bool) -> Option<usize> {
    if !glued_ok {
        // A marker opens a paragraph with a capital letter.
        if !line.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let n = marker_len(line)?;
        return (!has_inner_sentence_end(&line[n..])).then_some(0);
    }
    // Paragraph starts inside the line: after sentence punctuation, closing
    // quotes and spaces, a capital letter.
    let b = line.as_bytes();
    let glued = memchr::memchr3_iter(b'.', b'!', b'?', b).filter_map(move |p| {
        let mut i = p + 1;
        while i < b.len() && matches!(b[i], b'"' | b'\'' | b')' | b' ') {
            i += 1;
        }
        // `”` and `’` (three bytes each) close quotes too.
        while line[i..].starts_with(['”', '’']) {
            i += 3;
        }
        (i < b.len() && line[i..].starts_with(char::is_uppercase)).then_some(i)
    });
    let first = line.starts_with(|c: char| c.is_ascii_uppercase()).then_some(0);
    let starts = first.into_iter().chain(glued);
    for at in starts {
        let Some(n) = marker_len(&line[at..]) else { continue };
        let tail = &line[at + n..];
        if !has_inner_sentence_end(tail) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(line: &str, glued: bool) -> Option<&str> {
        find(line, glued).map(|at| &line[at..])
    }

    #[test]
    fn markers() {
        assert_eq!(cut("Related Posts", false), Some("Related Posts"));
        assert_eq!(
            cut("READ MORE: Floods close the northern highway", false),
            Some("READ MORE: Floods close the northern highway")
        );
        assert_eq!(
            cut("The port stays shut.\u{201d}More from The Daily Courier:Port strike endsWhy fares rose", true),
            Some("More from The Daily Courier:Port strike endsWhy fares rose")
        );
        assert_eq!(
            cut("It ended. Also read: Storm warning for the coast", true),
            Some("Also read: Storm warning for the coast")
        );
        assert_eq!(cut("It ended. Also read: Storm warning for the coast", false), None, "glued only at the end");
    }

    #[test]
    fn sentences_that_only_look_like_markers() {
        assert_eq!(cut("Related to this, the council met again on Monday.", false), None);
        assert_eq!(cut("More from the minister: he said the talks went well.", false), None);
        assert_eq!(cut("Trending downward, prices fell for a third week.", false), None);
        // A marker followed by real sentences.
        assert_eq!(cut("Read more: the report runs long. It says a lot more than that.", false), None);
    }
}
