//! Reading documents from disk: whole text files and JSONL streamed record by
//! record, with UTF-8 decoding that fails with the file and byte offset or
//! replaces bad bytes. The first stage of the pipeline: what it reads goes to
//! [`crate::document`] (one document) or [`crate::corpus::Corpus`] (many).

use std::io::{BufRead, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// How to handle bytes that are not UTF-8 when reading files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDecodeError {
    /// Fail, naming the file and byte offset.
    Strict,
    /// Replace each invalid sequence with U+FFFD.
    Replace,
}

/// Decodes file contents as UTF-8 (a UTF-8 byte order mark is dropped).
pub fn decode(path: &str, bytes: Vec<u8>, on_error: OnDecodeError) -> Result<String> {
    let bytes = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { bytes[3..].to_vec() } else { bytes };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => match on_error {
            OnDecodeError::Replace => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
            OnDecodeError::Strict => Err(Error::Io {
                path: path.to_string(),
                message: format!(
                    "not valid UTF-8 at byte {} (pass errors=\"replace\" to replace bad bytes)",
                    e.utf8_error().valid_up_to()
                ),
            }),
        },
    }
}

/// Reads a whole file as text.
pub fn read_file(path: &Path, on_error: OnDecodeError) -> Result<String> {
    let name = path.display().to_string();
    not_special(path, &name)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    decode(&name, bytes, on_error)
}

/// Streams a JSONL file, calling `f(id, text)` for each record. `id_field`
/// `None` numbers records from 0. Blank lines are skipped; any other line that
/// is not a JSON object with a string `text_field` is an error naming the line.
pub fn read_jsonl(
    path: &Path,
    text_field: &str,
    id_field: Option<&str>,
    mut f: impl FnMut(String, String) -> Result<()>,
) -> Result<usize> {
    read_jsonl_at(path, 0, 0, text_field, id_field, |id, text| f(id, text).map(|()| true)).map(|(n, _)| n)
}

/// [`read_jsonl`] from byte offset `start` (the start of a line, as returned
/// by an earlier call), numbering records from `first` when `id_field` is
/// `None`, until `f` returns `false`: returns the records read and the byte
/// offset just after the last one, where a later call goes on. Errors name
/// the line counted from `start`, and the byte offset in the file.
pub fn read_jsonl_at(
    path: &Path,
    start: u64,
    first: usize,
    text_field: &str,
    id_field: Option<&str>,
    mut f: impl FnMut(String, String) -> Result<bool>,
) -> Result<(usize, u64)> {
    use std::io::{Seek, SeekFrom};
    let name = path.display().to_string();
    not_special(path, &name)?;
    let mut file = std::fs::File::open(path).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    if start > 0 {
        file.seek(SeekFrom::Start(start)).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    }
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let mut lineno = 0usize;
    let mut offset = start as usize;
    let mut n = 0usize;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
        if read == 0 {
            break;
        }
        lineno += 1;
        let at = |msg: String| {
            let line = if start == 0 { format!("line {lineno}") } else { format!("line {lineno} after byte {start}") };
            Error::Io { path: name.clone(), message: format!("{line}: {msg}") }
        };
        let text = std::str::from_utf8(&line)
            .map_err(|e| at(format!("not valid UTF-8 at byte {}", offset + e.valid_up_to())))?;
        offset += read;
        if text.trim().is_empty() {
            continue;
        }
        let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| at(format!("invalid JSON: {e}")))?;
        // Taken out of the record, not copied: the text is held once.
        let body = match value.get_mut(text_field) {
            Some(serde_json::Value::String(s)) => std::mem::take(s),
            Some(other) => return Err(at(format!("field {text_field:?} is not a string but {}", json_kind(other)))),
            None => return Err(at(format!("no field {text_field:?}"))),
        };
        let id = match id_field {
            None => (first + n).to_string(),
            // The text field, just taken out, read as the id too.
            Some(field) if field == text_field => body.clone(),
            Some(field) => match value.get(field) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(x)) => x.to_string(),
                Some(other) => return Err(at(format!("id field {field:?} is {}", json_kind(other)))),
                None => return Err(at(format!("no id field {field:?}"))),
            },
        };
        n += 1;
        if !f(id, body)? {
            break;
        }
    }
    Ok((n, offset as u64))
}

/// An error for a FIFO, socket or device: opening a FIFO with no writer
/// blocks for ever (where Ctrl-C cannot reach it) and a device may never end,
/// so only regular files (and what the OS says of others) are read.
fn not_special(path: &Path, name: &str) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(Error::Io {
            path: name.to_string(),
            message: "not a regular file (a FIFO, socket or device); lexiscope reads whole files".into(),
        }),
        // Missing files and directories fail on opening, with the OS's message.
        _ => Ok(()),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO is refused at once (the regression: opening one with no writer
    /// blocked the call for ever); a missing file names itself.
    #[cfg(target_os = "linux")]
    #[test]
    fn fifo_and_missing_file_are_errors() {
        let dir = std::env::temp_dir().join(format!("lexiscope-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `c` is a NUL-terminated path that lives across the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for r in [
            read_file(&fifo, OnDecodeError::Strict).map(drop),
            read_jsonl(&fifo, "text", None, |_, _| Ok(())).map(drop),
        ] {
            let e = r.unwrap_err().to_string();
            assert!(e.contains("pipe") && e.contains("not a regular file"), "{e}");
        }
        let e = read_file(&dir.join("gone.txt"), OnDecodeError::Strict).unwrap_err().to_string();
        assert!(e.contains("gone.txt"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
