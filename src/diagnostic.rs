//! Messages for people: what was found, where (file:line:column), and what to write instead.
//! Errors keep one file out of the outputs; warnings are listed and publishing goes on.

use crate::i18n::{Lang, Message};
pub use problem::Problem;
pub use reasons::{AssetFault, FileFormat, ImageFailure, PdfFailure, UndatedReason};
use std::fmt;
use std::path::PathBuf;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported; the file is published anyway.
    Warning,
    /// The file is kept out of the outputs.
    Error,
}

/// A located problem with a fix hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the file is kept out.
    pub severity: Severity,
    /// Relative to the releases directory when inside it.
    pub file: PathBuf,
    /// 1-based; 0 when the whole file is concerned.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// What was found.
    pub problem: Problem,
    /// What to do about it, if there is advice to give.
    pub hint: Option<Message>,
}

impl Diagnostic {
    /// An error: `file` is kept out of the outputs.
    pub fn error(file: impl Into<PathBuf>, problem: Problem) -> Self {
        Self::new(Severity::Error, file, problem)
    }

    /// A warning: `file` is published anyway.
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

    /// Located at `line` and `column` (1-based; 0 for unknown).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// What to do about it: a catalogue message, or (for now) final English text.
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The hint in English, for logs and tests.
    pub fn hint_text(&self) -> Option<String> {
        self.hint.as_ref().map(|h| Lang::En.tr(h))
    }

    /// Whether it keeps the file out.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// `file:line:column: error: what\n  help: what to do`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let level = match (self.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Fr) => "erreur",
            (Severity::Warning, Lang::Fr) => "avertissement",
        };
        let mut out = self.file.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        out.push_str(&format!(": {level}: {}", lang.tr(&self.problem.message())));
        if let Some(hint) = &self.hint {
            let help = match lang {
                Lang::En => "help",
                Lang::Fr => "aide",
            };
            out.push_str(&format!("\n  {help}: {}", lang.tr(hint)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

mod problem;
mod reasons;
