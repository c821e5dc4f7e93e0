//! The Unicode tables of the UTS #46 conversion (`src/origin/idna/tables.rs`)
//! are generated from the data of the crates the `idna` crate's unicode-rs
//! back end uses, and checked in, so that users build a few sorted arrays
//! instead of a Unicode back end. The UTS #46 mapping comes from the
//! `IdnaMappingTable.txt` that `idna_mapping` ships, the Bidi_Class from
//! `unicode-bidi`, the Joining_Type from `unicode-joining-type` (all
//! development dependencies; `idna_adapter` 1.1 in the lock file brings the
//! first). This test regenerates the file and fails on any difference;
//! `CORS_REGENERATE_IDNA=1` rewrites it.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

#[path = "support/metadata.rs"]
mod metadata;

/// UTS #46 statuses, as `tables.rs` encodes them (the top 3 bits of an entry).
const VALID: u16 = 0;
const IGNORED: u16 = 1;
const MAPPED: u16 = 2;
const DEVIATION: u16 = 3;
const DISALLOWED: u16 = 4;

fn parse_code_point(text: &str) -> u32 {
    u32::from_str_radix(text.trim(), 16).expect("a hexadecimal code point")
}

/// `(start, status, mapping)` per line of the table, in order.
fn mapping_table(text: &str) -> Vec<(u32, u16, String)> {
    let mut rows = Vec::new();
    let mut next = 0;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').map(str::trim).collect();
        let (start, end) = match fields[0].split_once("..") {
            Some((a, b)) => (parse_code_point(a), parse_code_point(b)),
            None => (parse_code_point(fields[0]), parse_code_point(fields[0])),
        };
        assert_eq!(start, next, "the table leaves a gap before {start:04X}");
        next = end + 1;
        let mapping = || -> String {
            fields
                .get(2)
                .filter(|m| !m.is_empty())
                .map(|m| {
                    m.split_whitespace()
                        .map(|cp| char::from_u32(parse_code_point(cp)).expect("a scalar value"))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (status, mapped) = match fields[1] {
            "valid" | "disallowed_STD3_valid" => (VALID, String::new()),
            "ignored" => (IGNORED, String::new()),
            "mapped" | "disallowed_STD3_mapped" => (MAPPED, mapping()),
            "deviation" => (DEVIATION, String::new()),
            "disallowed" => (DISALLOWED, String::new()),
            other => panic!("unknown status {other:?}"),
        };
        rows.push((start, status, mapped));
    }
    assert_eq!(next, 0x11_0000, "the table does not reach U+10FFFF");
    rows
}

/// Runs of equal values of `class` over every scalar value: `(start,
/// value)`. Surrogates (never looked up) belong to the run before them.
fn runs(class: impl Fn(char) -> &'static str) -> Vec<(u32, &'static str)> {
    let mut runs: Vec<(u32, &'static str)> = Vec::new();
    for cp in 0..=0x10_FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let value = class(c);
        if runs.last().is_none_or(|&(_, last)| last != value) {
            runs.push((cp, value));
        }
    }
    runs
}

/// A property's variant name for a character.
type ClassOf = fn(char) -> &'static str;

/// The `Bidi` variant (`src/origin/idna/bidi.rs`) of `c`'s Bidi_Class.
fn bidi(c: char) -> &'static str {
    use unicode_bidi::BidiClass::*;
    match unicode_bidi::bidi_class(c) {
        L => "LeftToRight",
        R => "RightToLeft",
        AL => "ArabicLetter",
        AN => "ArabicNumber",
        EN => "EuropeanNumber",
        ES => "EuropeanSeparator",
        CS => "CommonSeparator",
        ET => "EuropeanTerminator",
        ON => "OtherNeutral",
        BN => "BoundaryNeutral",
        NSM => "NonspacingMark",
        _ => "Other",
    }
}

/// The `JoiningType` variant (`src/origin/idna/joiners.rs`) of `c`'s Joining_Type.
fn joining(c: char) -> &'static str {
    use unicode_joining_type::JoiningType::*;
    match unicode_joining_type::get_joining_type(c) {
        DualJoining => "Dual",
        RightJoining => "Right",
        LeftJoining => "Left",
        Transparent => "Transparent",
        JoinCausing => "JoinCausing",
        _ => "NonJoining",
    }
}

fn generate() -> String {
    let (mapping_version, mapping_folder) = metadata::package("idna_mapping");
    let table_path = mapping_folder.join("src/IdnaMappingTable.txt");
    let table = std::fs::read_to_string(&table_path)
        .unwrap_or_else(|e| panic!("read {}: {e}", table_path.display()));
    let date = table
        .lines()
        .find(|l| l.starts_with("# Date:"))
        .unwrap_or("# Date: unknown")
        .trim_start_matches("# ");
    let rows = mapping_table(&table);
    // Mapped strings, each once.
    let mut strings: BTreeMap<String, u16> = BTreeMap::new();
    for (_, status, mapped) in &rows {
        if *status == MAPPED {
            let next = strings.len() as u16;
            strings.entry(mapped.clone()).or_insert(next);
        }
    }
    assert!(
        strings.len() < 1 << 13,
        "too many mapped strings for 13 bits"
    );
    let mut by_index: Vec<&str> = vec![""; strings.len()];
    for (s, i) in &strings {
        by_index[*i as usize] = s;
    }
    let mut out = String::new();
    let (_, bidi_version) = (0, unicode_bidi::UNICODE_VERSION);
    writeln!(
        out,
        "\
// @generated by tests/idna_tables.rs; do not edit.
// Regenerate: CORS_REGENERATE_IDNA=1 cargo test -p cors-dsl --test idna_tables
//
// From Unicode data (https://www.unicode.org/terms_of_use.html): the UTS #46
// IdnaMappingTable.txt of idna_mapping {mapping_version} ({date}), Bidi_Class
// of unicode-bidi (Unicode {}.{}.{}), Joining_Type of unicode-joining-type.

//! The Unicode data of the UTS #46 conversion, as sorted runs: each entry
//! holds from its start to the next entry's start.

use super::bidi::Bidi;
use super::joiners::JoiningType;
",
        bidi_version.0, bidi_version.1, bidi_version.2
    )
    .unwrap();
    writeln!(
        out,
        "/// UTS #46 status per run: `status << 13 | index into [`MAPPED`]`."
    )
    .unwrap();
    writeln!(out, "pub(super) static MAPPING: &[(u32, u16)] = &[").unwrap();
    for (start, status, mapped) in &rows {
        let index = if *status == MAPPED {
            strings[mapped]
        } else {
            0
        };
        writeln!(out, "    (0x{start:X}, {}),", status << 13 | index).unwrap();
    }
    writeln!(
        out,
        "];\n\n/// What `mapped` runs map to.\npub(super) static MAPPED: &[&str] = &["
    )
    .unwrap();
    for s in by_index {
        writeln!(out, "    {s:?},").unwrap();
    }
    let properties: [(&str, &str, &str, ClassOf); 2] = [
        ("Bidi_Class", "BIDI", "Bidi", bidi),
        ("Joining_Type", "JOINING", "JoiningType", joining),
    ];
    for (property, table, ty, class_of) in properties {
        writeln!(
            out,
            "];\n\n/// {property} per run.\npub(super) static {table}: &[(u32, {ty})] = &["
        )
        .unwrap();
        for (start, class) in runs(class_of) {
            writeln!(out, "    (0x{start:X}, {ty}::{class}),").unwrap();
        }
    }
    writeln!(out, "];").unwrap();
    out
}

#[test]
fn checked_in_tables_match_the_unicode_data() {
    let expected = generate();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/origin/idna/tables.rs");
    if std::env::var_os("CORS_REGENERATE_IDNA").is_some() {
        std::fs::write(&path, &expected).expect("write the tables");
        return;
    }
    let found = std::fs::read_to_string(&path).expect("read the checked-in tables");
    assert!(
        found == expected,
        "{} is not what the generator makes of the Unicode data in the lock file; rerun with \
         CORS_REGENERATE_IDNA=1 cargo test -p cors-dsl --test idna_tables",
        path.display()
    );
}
