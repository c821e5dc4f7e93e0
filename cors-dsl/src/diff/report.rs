//! The readable report: one line per change, as `cors diff` prints it.

use std::fmt;

use super::{Change, Diff};

impl fmt::Display for Change {
    /// `SIGN SUMMARY, e.g. WITNESS`, e.g. `+ allows request header x-debug,
    /// e.g. OPTIONS with Origin: https://a.example, …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}, e.g. {}",
            self.direction.sign(),
            self.summary,
            self.witness
        )
    }
}

impl fmt::Display for Diff {
    /// One line per change (each ending with a newline); nothing when
    /// equivalent.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}
