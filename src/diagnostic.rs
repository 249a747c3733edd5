//! Messages for people: what was found, where (file:line:column), and what to write instead.
//! Errors keep one file out of the outputs; warnings are listed and publishing goes on.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// Every kind of problem the pipeline reports. The message says what was found;
/// `Diagnostic::hint` says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("the file is not UTF-8; read it as Windows-1252")]
    Windows1252,
    #[error("a symbolic link is not published")]
    Symlink,
    #[error("not a regular file (FIFO, device or socket)")]
    NotRegularFile,
    #[error("the file is empty")]
    Empty,
    #[error("front matter opened with `---` is never closed")]
    UnterminatedFrontMatter,
    #[error("front matter is {size} bytes, over the limit of {limit} bytes")]
    FrontMatterTooLarge { size: usize, limit: usize },
    #[error("front matter is not valid YAML: {0}")]
    Yaml(String),
    #[error("front matter must be a mapping of `key: value` lines")]
    FrontMatterNotMapping,
    #[error("`{key}` has an unexpected shape: {found}")]
    FieldShape { key: String, found: String },
    #[error("no title found")]
    MissingTitle,
    #[error("no date found")]
    MissingDate,
    #[error("`{value}` is not a date")]
    BadDate { value: String },
    #[error("the file name gives no usable output name (slug)")]
    BadSlug,
    #[error("`{0}` and this file produce the same output `{1}`")]
    DuplicateOutput(String, String),
    #[error(
        "removed {count} character(s) that XML cannot carry (control characters, U+FFFE/U+FFFF)"
    )]
    ControlCharacters { count: usize },
    #[error("Markdown nested {depth} levels deep, over the limit of {limit}")]
    TooDeep { depth: usize, limit: usize },
    #[error("the same article is dated {here} here and {there} in {other}")]
    ConflictingDates {
        here: String,
        there: String,
        other: String,
    },
    #[error("not recognised as a communiqué, an event or a revue de presse page")]
    UnknownShape,
    #[error("a `{scheme}` link is never published as an article")]
    ActiveLink { scheme: String },
    #[error("the link `{dest}` has no address")]
    EmptyLink { dest: String },
    #[error("`{dest}` is not a web address")]
    NotWebAddress { dest: String },
    #[error("relative link `{dest}` read as {url}")]
    RelativeLink { dest: String, url: String },
    #[error("{0}")]
    Other(String),
    #[error("the PDF would be longer than {limit} pages; it is not published")]
    PdfTooLong { limit: usize },
    #[error("no font can print {chars}: the PDF is not published")]
    MissingGlyphs { chars: String },
    #[error(
        "image `{src}` is not in the PDF ({reason}); in the body its alternative text stands in"
    )]
    ImageNotEmbedded { src: String, reason: String },
}

/// A located problem with a fix hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Relative to the releases directory when inside it.
    pub file: PathBuf,
    /// 1-based; 0 when the whole file is concerned.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub problem: Problem,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, problem: Problem) -> Self {
        Self::new(Severity::Error, file, problem)
    }

    pub fn warning(file: impl Into<PathBuf>, problem: Problem) -> Self {
        Self::new(Severity::Warning, file, problem)
    }

    fn new(severity: Severity, file: impl Into<PathBuf>, problem: Problem) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            column: 0,
            problem,
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {level}: {}", self.problem)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}
