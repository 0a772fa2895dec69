//! The error type of every stage, and the place in the document it points at.

use std::fmt;
use std::path::PathBuf;

/// A place in the OpenAPI document: a JSON pointer, and the line and column where
/// the parser knows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// JSON pointer into the document, such as `#/paths/~1pets/get`.
    pub pointer: String,
    /// 1-based line and column, when the parser reported one.
    pub line_column: Option<(usize, usize)>,
}

impl Location {
    /// A location known only by its JSON pointer.
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Location {
            pointer: pointer.into(),
            line_column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{line}:{column}: {}", self.pointer),
            None => f.write_str(&self.pointer),
        }
    }
}

/// Everything that can stop sdkgen. `Display` gives the whole story on one line:
/// the file, the place in it, and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document could not be read as an OpenAPI 3.0 document, or holds a
    /// construct sdkgen cannot generate code for.
    #[error("{file}:{location}: {message}")]
    Spec {
        /// The document's name as the user gave it (a path, or `<memory>`).
        file: String,
        /// Where in the document.
        location: Location,
        /// What is wrong, and the fix where it is obvious.
        message: String,
    },
    /// Reading the spec or writing the crate failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A setting that cannot be used, such as a crate name that is not one.
    #[error("{0}")]
    Config(String),
    /// A bug in sdkgen: generated code that does not parse, for instance. Please
    /// report it with the spec that caused it.
    #[error("internal error (a bug in sdkgen): {0}")]
    Internal(String),
    /// `--check` found generated files that differ from what is on disk.
    #[error("generated files are stale in {}: {}", dir.display(), files.join(", "))]
    Stale {
        /// The output folder that was checked.
        dir: PathBuf,
        /// Paths relative to `dir` that differ, are missing, or should not be there.
        files: Vec<String>,
    },
}

impl Error {
    /// An error at a place in the document.
    pub(crate) fn spec(file: &str, location: Location, message: impl Into<String>) -> Self {
        Error::Spec {
            file: file.to_owned(),
            location,
            message: message.into(),
        }
    }

    /// An I/O failure on a path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Something sdkgen passed over or repaired in the document: generation goes
/// on, and the warning names what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the document.
    pub location: Location,
    /// What was passed over or repaired, and what was generated instead.
    pub message: String,
}

/// The result type of sdkgen's library API.
pub type Result<T, E = Error> = std::result::Result<T, E>;
