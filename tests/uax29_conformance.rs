//! Unicode 17.0 word and sentence break conformance of the boundaries the
//! tokenizer starts from (UAX #29 via unicode-segmentation). Runs when the
//! test files are in `../shared/eval/unicode/` (or `$LEXISCOPE_UNICODE_TESTS`);
//! otherwise prints which file is missing and skips, except under CI (`CI`
//! set), which has the files, where a missing one is a failure.

use std::path::PathBuf;

use unicode_segmentation::UnicodeSegmentation;

/// The path of the UCD test file `name`, or `None` (with a line on stderr
/// saying which file is missing) when it is absent; under CI a missing file
/// fails the test instead.
fn test_file(name: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("LEXISCOPE_UNICODE_TESTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/unicode"));
    let path = dir.join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(std::env::var_os("CI").is_none(), "{} is missing, and CI has it", path.display());
    eprintln!("skipped: {} not found (the shared evaluation data; set LEXISCOPE_UNICODE_TESTS)", path.display());
    None
}

/// (text, expected segments) of every case in a UCD break test file.
fn cases(path: &PathBuf) -> Vec<(String, Vec<String>)> {
    let body = std::fs::read_to_string(path).expect("readable test file");
    let mut out = Vec::new();
    for line in body.lines() {
        let data = line.split('#').next().unwrap_or("").trim();
        if data.is_empty() {
            continue;
        }
        let mut segments: Vec<String> = Vec::new();
        let mut current = String::new();
        for item in data.split_whitespace() {
            match item {
                "÷" => {
                    if !current.is_empty() {
                        segments.push(std::mem::take(&mut current));
                    }
                }
                "×" => {}
                hex => {
                    let cp = u32::from_str_radix(hex, 16).expect("hex code point");
                    current.push(char::from_u32(cp).expect("scalar value"));
                }
            }
        }
        out.push((segments.concat(), segments));
    }
    out
}

fn run(file: &str, split: fn(&str) -> Vec<String>) {
    let Some(path) = test_file(file) else { return };
    let cases = cases(&path);
    assert!(!cases.is_empty(), "no cases in {file}");
    let failures: Vec<_> = cases.iter().filter(|(text, expected)| &split(text) != expected).collect();
    println!("{file}: {} of {} cases pass", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} failures, first: {:?}", failures.len(), failures.first());
}

#[test]
fn word_breaks_conform() {
    run("WordBreakTest-17.0.0.from-unicode-segmentation.txt", |t| t.split_word_bounds().map(str::to_string).collect());
}

#[test]
fn sentence_breaks_conform() {
    run("SentenceBreakTest-17.0.0.from-unicode-segmentation.txt", |t| {
        t.split_sentence_bounds().map(str::to_string).collect()
    });
}

/// Where no news rule applies (no apostrophe, hyphen, period, currency, sign,
/// percent, `#`, `@`, URL or e-mail), the tokenizer's non-space tokens are
/// exactly the UAX #29 segments of the case.
#[test]
fn tokenizer_defers_to_uax29() {
    let Some(path) = test_file("WordBreakTest-17.0.0.from-unicode-segmentation.txt") else { return };
    let mut checked = 0;
    for (text, expected) in cases(&path) {
        let ruled = text.chars().any(|c| {
            matches!(c, '\'' | '’' | 'ʼ' | '-' | '‐' | '‑' | '.' | '#' | '@' | '%' | '‰' | '+' | '−' | ':' | '/')
                || unicode_properties::UnicodeGeneralCategory::general_category(c)
                    == unicode_properties::GeneralCategory::CurrencySymbol
                || _lexiscope::tokenize::is_skipped(c)
        });
        if ruled {
            continue;
        }
        let got: Vec<String> =
            _lexiscope::tokenize::tokenize(&text).iter().map(|t| t.text(&text).to_string()).collect();
        assert_eq!(got, expected, "case {text:?}");
        checked += 1;
    }
    println!("tokenizer equals UAX #29 on {checked} word-break cases without news rules");
    assert!(checked > 300, "only {checked} cases checked");
}
