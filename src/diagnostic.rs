//! Messages for people: what was found, where (file:line:column), and what to write instead.
//! Errors keep one file out of the outputs; warnings are listed and publishing goes on.

use crate::i18n::{Lang, Message};
pub use reasons::{AssetFault, FileFormat, ImageFailure, PdfFailure, UndatedReason};
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// Every kind of problem the pipeline reports. The message says what was found;
/// `Diagnostic::hint` says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Io(String),
    TooLarge {
        size: u64,
        limit: u64,
    },
    InvalidUtf8 {
        offset: usize,
    },
    Windows1252,
    Symlink,
    NotRegularFile,
    Empty,
    UnterminatedFrontMatter,
    FrontMatterTooLarge {
        size: usize,
        limit: usize,
    },
    Yaml(String),
    FrontMatterNotMapping,
    FieldShape {
        key: String,
        found: String,
    },
    MissingTitle,
    MissingDate,
    BadDate {
        value: String,
    },
    BadSlug,
    /// Another file, `kept`, already produces `output` (same kind and slug, or same page).
    DuplicateOutput {
        kept: String,
        output: String,
    },
    ControlCharacters {
        count: usize,
    },
    TooDeep {
        depth: usize,
        limit: usize,
    },
    ConflictingDates {
        here: String,
        there: String,
        other: String,
    },
    UnknownShape,
    ActiveLink {
        scheme: String,
    },
    EmptyLink {
        dest: String,
    },
    NotWebAddress {
        dest: String,
    },
    RelativeLink {
        dest: String,
        url: String,
    },
    // Editorial safety: each of these keeps the file out.
    InvisibleCharacterInKey {
        key: String,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    MisspelledControl {
        key: String,
        control: String,
    },
    UnknownKey {
        key: String,
        nearest: Option<String>,
    },
    BadControlValue {
        key: String,
        value: String,
    },
    BadEmbargo {
        value: String,
    },
    UnreadableEmbargoNotice {
        notice: String,
    },
    EmbargoNoticeWithoutTime {
        date: String,
    },
    Placeholder {
        words: Vec<String>,
    },
    /// `ahead`: more than a year in the future; otherwise before 1990.
    UnlikelyDate {
        date: String,
        ahead: bool,
    },
    SlotTaken {
        online: String,
        output: String,
    },
    StillOnline {
        since: String,
    },
    /// Another file publishes an entry of the same title on the same day.
    SameTitleAndDate {
        other: String,
    },
    YamlUnclosedQuote,
    YamlTab,
    YamlColonInValue,
    YamlApostrophe,
    UndatedArticle {
        reason: UndatedReason,
    },
    IgnoredFile,
    UnreadFormat {
        format: FileFormat,
    },
    NoArticleLink,
    HomePageLink {
        dest: String,
    },
    /// `placeholder`: the `:name` Jekyll does not know.
    BadPermalink {
        permalink: String,
        placeholder: String,
    },
    LinkWithoutScheme {
        dest: String,
        url: String,
    },
    BadUpdatedDate {
        value: String,
    },
    NoSitePage {
        name: String,
    },
    PdfTooLong {
        limit: usize,
    },
    MissingGlyphs {
        chars: String,
    },
    ImageNotEmbedded {
        src: String,
        reason: ImageFailure,
    },
    NoDatedArticle,
    TitleTooLong {
        limit: usize,
    },
    NonUtf8FileName,
    PdfFailed {
        cause: PdfFailure,
    },
}

impl Problem {
    /// What was found, as a message for people.
    pub fn message(&self) -> Message {
        use Problem as P;
        match self {
            P::Io(detail) => Message::new("problem-io").arg("detail", detail),
            P::TooLarge { size, limit } => Message::new("problem-too-large")
                .count("size", *size)
                .count("limit", *limit),
            P::InvalidUtf8 { offset } => {
                Message::new("problem-invalid-utf8").count("offset", *offset)
            }
            P::Windows1252 => Message::new("problem-windows-1252"),
            P::Symlink => Message::new("problem-symlink"),
            P::NotRegularFile => Message::new("problem-not-regular-file"),
            P::Empty => Message::new("problem-empty"),
            P::UnterminatedFrontMatter => Message::new("problem-unterminated-front-matter"),
            P::FrontMatterTooLarge { size, limit } => {
                Message::new("problem-front-matter-too-large")
                    .count("size", *size)
                    .count("limit", *limit)
            }
            P::Yaml(detail) => Message::new("problem-yaml").arg("detail", detail),
            P::FrontMatterNotMapping => Message::new("problem-front-matter-not-mapping"),
            P::FieldShape { key, found } => Message::new("problem-field-shape")
                .arg("key", key)
                .arg("found", found),
            P::MissingTitle => Message::new("problem-missing-title"),
            P::MissingDate => Message::new("problem-missing-date"),
            P::BadDate { value } => Message::new("problem-bad-date").arg("value", value),
            P::BadSlug => Message::new("problem-bad-slug"),
            P::DuplicateOutput { kept, output } => Message::new("problem-duplicate-output")
                .arg("other", kept)
                .arg("output", output),
            P::ControlCharacters { count } => {
                Message::new("problem-control-characters").count("count", *count)
            }
            P::TooDeep { depth, limit } => Message::new("problem-too-deep")
                .count("depth", *depth)
                .count("limit", *limit),
            P::ConflictingDates { here, there, other } => Message::new("problem-conflicting-dates")
                .arg("here", here)
                .arg("there", there)
                .arg("other", other),
            P::UnknownShape => Message::new("problem-unknown-shape"),
            P::ActiveLink { scheme } => Message::new("problem-active-link").arg("scheme", scheme),
            P::EmptyLink { dest } => Message::new("problem-empty-link").arg("dest", dest),
            P::NotWebAddress { dest } => Message::new("problem-not-web-address").arg("dest", dest),
            P::RelativeLink { dest, url } => Message::new("problem-relative-link")
                .arg("dest", dest)
                .arg("url", url),
            P::InvisibleCharacterInKey { key } => {
                Message::new("problem-invisible-character-in-key").arg("key", key)
            }
            P::DuplicateKey { key, first_line } => Message::new("problem-duplicate-key")
                .arg("key", key)
                .count("first", *first_line),
            P::MisspelledControl { key, control } => Message::new("problem-misspelled-control")
                .arg("key", key)
                .arg("control", control),
            P::UnknownKey { key, .. } => Message::new("problem-unknown-key").arg("key", key),
            P::BadControlValue { key, value } => Message::new("problem-bad-control-value")
                .arg("key", key)
                .arg("value", value),
            P::BadEmbargo { value } => Message::new("problem-bad-embargo").arg("value", value),
            P::UnreadableEmbargoNotice { notice } => {
                Message::new("problem-unreadable-embargo-notice").arg("notice", notice)
            }
            P::EmbargoNoticeWithoutTime { date } => {
                Message::new("problem-embargo-notice-without-time").arg("date", date)
            }
            P::Placeholder { words } => {
                Message::new("problem-placeholder").arg("words", words.join(", "))
            }
            P::UnlikelyDate { date, ahead: true } => {
                Message::new("problem-date-far-ahead").arg("date", date)
            }
            P::UnlikelyDate { date, ahead: false } => {
                Message::new("problem-date-too-old").arg("date", date)
            }
            P::SlotTaken { online, output } => Message::new("problem-slot-taken")
                .arg("online", online)
                .arg("output", output),
            P::StillOnline { since } => Message::new("problem-still-online").arg("since", since),
            P::SameTitleAndDate { other } => {
                Message::new("problem-same-title-and-date").arg("other", other)
            }
            P::YamlUnclosedQuote => Message::new("problem-yaml-quote"),
            P::YamlTab => Message::new("problem-yaml-tab"),
            P::YamlColonInValue => Message::new("problem-yaml-colon"),
            P::YamlApostrophe => Message::new("problem-yaml-apostrophe"),
            P::UndatedArticle { reason } => {
                Message::new("problem-undated-article").nested("reason", reason.message())
            }
            P::IgnoredFile => Message::new("problem-ignored-file"),
            P::UnreadFormat { format } => {
                Message::new("problem-unread-format").nested("format", format.message())
            }
            P::NoArticleLink => Message::new("problem-no-article-link"),
            P::HomePageLink { dest } => Message::new("problem-home-page-link").arg("dest", dest),
            P::BadPermalink {
                permalink,
                placeholder,
            } => Message::new("problem-bad-permalink")
                .arg("permalink", permalink)
                .arg("placeholder", placeholder),
            P::LinkWithoutScheme { dest, url } => Message::new("problem-link-without-scheme")
                .arg("dest", dest)
                .arg("url", url),
            P::BadUpdatedDate { value } => {
                Message::new("problem-bad-updated-date").arg("value", value)
            }
            P::NoSitePage { name } => Message::new("problem-no-site-page").arg("name", name),
            P::PdfTooLong { limit } => Message::new("problem-pdf-too-long").count("limit", *limit),
            P::MissingGlyphs { chars } => {
                Message::new("problem-missing-glyphs").arg("chars", chars)
            }
            P::ImageNotEmbedded { src, reason } => Message::new("problem-image-not-embedded")
                .arg("src", src)
                .nested("reason", reason.message()),
            P::NoDatedArticle => Message::new("problem-no-dated-article"),
            P::TitleTooLong { limit } => {
                Message::new("problem-title-too-long").count("limit", *limit)
            }
            P::NonUtf8FileName => Message::new("problem-non-utf8-file-name"),
            P::PdfFailed { cause } => {
                Message::new("problem-pdf-failed").nested("cause", cause.message())
            }
        }
    }
}

/// English, as logs and tests read it; the CLI renders in the user's language.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.tr(&self.message()))
    }
}

impl std::error::Error for Problem {}

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
    pub hint: Option<Message>,
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

    /// What to do about it: a catalogue message, or (for now) final English text.
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The hint in English, for logs and tests.
    pub fn hint_text(&self) -> Option<String> {
        self.hint.as_ref().map(|h| Lang::En.tr(h))
    }

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

mod reasons;
