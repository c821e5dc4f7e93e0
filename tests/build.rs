//! Generates `$OUT_DIR/corpus.rs`: one module per valid corpus policy file
//! (`corpus/valid/*.cors`), each compiling the file with
//! `cors_policy! { include "corpus/valid/FILE.cors"; }` and offering a
//! `visit` function, and `visit_all`, which hands every compiled policy to a
//! [`CorpusVisitor`](crate::CorpusVisitor) with its file and name. The
//! policy names are read with `cors-dsl`, the same compiler the macro uses.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let manifest = Path::new(&manifest);
    let valid = manifest.join("corpus/valid");
    // A directory: cargo reruns when any file in it changes (or is added).
    println!("cargo::rerun-if-changed=corpus/valid");
    println!("cargo::rerun-if-changed=corpus/include");

    let mut files: Vec<String> = std::fs::read_dir(&valid)
        .expect("read corpus/valid")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".cors").then_some(name)
        })
        .collect();
    files.sort();

    let mut out = String::new();
    let mut visits = String::new();
    for file in &files {
        let compiled = cors_dsl::compile_file(&valid.join(file))
            .unwrap_or_else(|error| panic!("corpus/valid/{file} must be valid:\n{error}"));
        let module = module_name(file);
        let _ = writeln!(
            out,
            "/// `corpus/valid/{file}`, compiled by `cors_policy!`."
        );
        let _ = writeln!(out, "pub mod {module} {{");
        let _ = writeln!(
            out,
            "    cors_runtime::cors_policy! {{ include \"corpus/valid/{file}\"; }}"
        );
        let _ = writeln!(out, "    /// Visits every policy of the file.");
        let _ = writeln!(
            out,
            "    pub fn visit<V: crate::CorpusVisitor + ?Sized>(visitor: &mut V) {{"
        );
        for policy in &compiled.policies {
            let _ = writeln!(
                out,
                "        visitor.visit({file:?}, {name:?}, {name});",
                name = policy.name
            );
        }
        let _ = writeln!(out, "    }}\n}}");
        let _ = writeln!(visits, "    {module}::visit(visitor);");
    }
    let _ = writeln!(
        out,
        "/// Hands every policy of `corpus/valid/*.cors`, compiled, to `visitor`:\n\
         /// file by file (sorted), policies in the order written.\n\
         pub fn visit_all<V: crate::CorpusVisitor + ?Sized>(visitor: &mut V) {{\n{visits}}}"
    );
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("corpus.rs"), out).expect("write corpus.rs");
}

/// `durations-and-defaults.cors` → `durations_and_defaults`.
fn module_name(file: &str) -> String {
    let stem = file.trim_end_matches(".cors");
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}
