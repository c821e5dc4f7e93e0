//! The row report of a table: how many rows ran through each adapter.

use super::{receives, Adapter};

/// Prints how many rows of a table ran through each adapter (and how many
/// an adapter cannot receive), e.g. `protocol/origins: tower 25, actix 25,
/// poem 25, salvo 25, rocket 25 (of 25 rows)`. Shown with
/// `cargo test -- --nocapture`.
pub fn report<'m>(table: &str, methods: impl IntoIterator<Item = &'m [u8]>) {
    let methods: Vec<&[u8]> = methods.into_iter().collect();
    let counts: Vec<String> = Adapter::ALL
        .iter()
        .map(|&adapter| {
            let ran = methods.iter().filter(|m| receives(adapter, m)).count();
            let skipped = methods.len() - ran;
            if skipped == 0 {
                format!("{} {ran}", adapter.name())
            } else {
                format!(
                    "{} {ran} ({skipped} with a method it cannot receive)",
                    adapter.name()
                )
            }
        })
        .collect();
    println!("{table}: {} (of {} rows)", counts.join(", "), methods.len());
}
