//! Byte offsets (what the core works in) to character offsets (what Python
//! strings index by), and text decoding that keeps character offsets exact.

/// Converts increasing byte offsets of one text to character offsets in O(n)
/// overall. Decreasing offsets are allowed but restart the scan.
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// A converter for `text`.
    pub fn new(text: &'a str) -> Self {
        CharOffsets { text, ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The character offset of byte offset `byte` (which must be a char boundary).
    #[inline]
    pub fn to_char(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let piece = &self.text.as_bytes()[self.byte..byte];
        // Count the bytes that start a character.
        self.chars += piece.iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

/// The byte offset of character offset `ch` in `text`, if inside it.
pub fn char_to_byte(text: &str, ch: usize) -> Option<usize> {
    if text.is_ascii() {
        return (ch <= text.len()).then_some(ch);
    }
    if ch == 0 {
        return Some(0);
    }
    let mut n = 0;
    for (i, _) in text.char_indices() {
        if n == ch {
            return Some(i);
        }
        n += 1;
    }
    (n == ch).then_some(text.len())
}

/// Decodes UTF-8 in which lone surrogates were encoded as three bytes (Python's
/// `surrogatepass`), replacing each surrogate by one U+FFFD, so that character
/// offsets in the result equal those of the original Python string. Any other
/// invalid byte becomes one U+FFFD as well.
pub fn decode_surrogatepass(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                // SAFETY-free: the prefix is valid UTF-8 by construction.
                out.push_str(std::str::from_utf8(&rest[..valid]).unwrap_or_default());
                out.push('\u{FFFD}');
                let bad = &rest[valid..];
                let skip = if bad.len() >= 3 && bad[0] == 0xED && (0xA0..=0xBF).contains(&bad[1]) {
                    3
                } else {
                    e.error_len().unwrap_or(bad.len()).max(1)
                };
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let t = "aé中😀b";
        let mut c = CharOffsets::new(t);
        let idx: Vec<usize> = t.char_indices().map(|(i, _)| c.to_char(i)).collect();
        assert_eq!(idx, [0, 1, 2, 3, 4]);
        assert_eq!(c.to_char(t.len()), 5);
        assert_eq!(c.to_char(1), 1);
        assert_eq!(char_to_byte(t, 3), Some(6));
        assert_eq!(char_to_byte(t, 5), Some(t.len()));
        assert_eq!(char_to_byte(t, 6), None);
    }

    #[test]
    fn surrogates() {
        // "a" + lone high surrogate U+D800 + "b", as Python's surrogatepass writes it.
        let s = decode_surrogatepass(b"a\xED\xA0\x80b");
        assert_eq!(s, "a\u{FFFD}b");
        assert_eq!(decode_surrogatepass(b"\xFFx"), "\u{FFFD}x");
    }
}
