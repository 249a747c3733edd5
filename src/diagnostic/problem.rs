//! What the pipeline reports, one variant per kind of problem, and its message.

use super::reasons::{FileFormat, ImageFailure, PdfFailure, UndatedReason};
use crate::i18n::{Lang, Message};
use std::fmt;

/// Every kind of problem the pipeline reports. The message says what was found;
/// `Diagnostic::hint` says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read; holds the operating system's error text.
    Io(String),
    /// The file is bigger than the `[limits] max-file-bytes` setting.
    TooLarge {
        /// The size of the file, in bytes.
        size: u64,
        /// The largest size read, in bytes.
        limit: u64,
    },
    /// The bytes are not valid UTF-8; the text was read as Windows-1252, or with the
    /// broken bytes dropped when the rest is UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence, from the start of the file.
        offset: usize,
    },
    /// The file is not UTF-8 and is read as Windows-1252.
    Windows1252,
    /// The path is a symbolic link, which is never followed.
    Symlink,
    /// The path is a FIFO, device or socket, not a regular file.
    NotRegularFile,
    /// The file holds nothing (or only white space).
    Empty,
    /// A front matter opened with `---` is never closed.
    UnterminatedFrontMatter,
    /// The front matter is bigger than its limit.
    FrontMatterTooLarge {
        /// The size of the front matter, in bytes.
        size: usize,
        /// The largest front matter read, in bytes.
        limit: usize,
    },
    /// The front matter is not valid YAML; holds the parser's error text.
    Yaml(String),
    /// The front matter is valid YAML but not a mapping of `key: value` lines.
    FrontMatterNotMapping,
    /// A front-matter value has a shape communique cannot read (e.g. a map for a text).
    FieldShape {
        /// The key, as written in the file.
        key: String,
        /// What was found instead, described for people.
        found: String,
    },
    /// No title: neither a `title:` key nor a title in the body.
    MissingTitle,
    /// No date: neither a `date:` key, a dateline in the body, nor an event start.
    MissingDate,
    /// A date value that cannot be read as a date.
    BadDate {
        /// The value as written.
        value: String,
    },
    /// The file name gives no usable output name (slug).
    BadSlug,
    /// Another file, `kept`, already produces `output` (same kind and slug, or same page).
    DuplicateOutput {
        /// The file that keeps the output, relative to the releases directory.
        kept: String,
        /// The output both files would produce: a slug or a page address.
        output: String,
    },
    /// Characters XML cannot carry (controls, U+FFFE/U+FFFF) were removed.
    ControlCharacters {
        /// How many characters were removed.
        count: usize,
    },
    /// Markdown nested deeper than the limit.
    TooDeep {
        /// How deep the Markdown is nested, in levels.
        depth: usize,
        /// The deepest nesting read, in levels.
        limit: usize,
    },
    /// Two press-review pages list the same article under different dates.
    ConflictingDates {
        /// The date given in this file.
        here: String,
        /// The date given in the other file.
        there: String,
        /// Where the other date is written, as `file:line`.
        other: String,
    },
    /// The file is neither a communiqué, an event nor a press-review page.
    UnknownShape,
    /// A press-review link that is not to a web page (`mailto:`, `javascript:`…).
    ActiveLink {
        /// The link's scheme, with its colon (`javascript:`).
        scheme: String,
    },
    /// A press-review link with no address.
    EmptyLink {
        /// The link's destination as written (empty or `#`).
        dest: String,
    },
    /// A press-review link destination that cannot be read as a web address.
    NotWebAddress {
        /// The link's destination as written.
        dest: String,
    },
    /// A relative press-review link, resolved against the page's base address.
    RelativeLink {
        /// The link's destination as written.
        dest: String,
        /// The absolute address it was read as.
        url: String,
    },
    // Editorial safety: each of these keeps the file out.
    /// A front-matter key contains an invisible character (zero-width space, soft hyphen…).
    InvisibleCharacterInKey {
        /// The key without its invisible characters.
        key: String,
    },
    /// A front-matter key is written twice.
    DuplicateKey {
        /// The key, as written.
        key: String,
        /// The file line of its first occurrence (1-based).
        first_line: usize,
    },
    /// An unknown key that looks like an editorial control (`published`, `draft`, `embargo`).
    MisspelledControl {
        /// The key, as written.
        key: String,
        /// The control it looks like.
        control: String,
    },
    /// A front-matter key communique does not know (a warning).
    UnknownKey {
        /// The key, as written.
        key: String,
        /// The known key nearest in spelling, if one is close.
        nearest: Option<String>,
    },
    /// A control key (`published`, `draft`) whose value is not a yes or a no.
    BadControlValue {
        /// The key, as written.
        key: String,
        /// The value, as written.
        value: String,
    },
    /// An `embargo:` value that is not a date.
    BadEmbargo {
        /// The value, as written.
        value: String,
    },
    /// The body announces an embargo but no date can be read in the notice.
    UnreadableEmbargoNotice {
        /// The notice's text.
        notice: String,
    },
    /// The body's embargo notice gives a date without a time: held until that day's midnight.
    EmbargoNoticeWithoutTime {
        /// The date read in the notice.
        date: String,
    },
    /// Placeholder text (Lorem ipsum, "Titre provisoire", TODO, XXX…) in the file.
    Placeholder {
        /// The placeholder words found.
        words: Vec<String>,
    },
    /// `ahead`: more than a year in the future; otherwise before 1990.
    UnlikelyDate {
        /// The date, as shown to people.
        date: String,
        /// Whether the date is too far ahead (else too old).
        ahead: bool,
    },
    /// A new file wants an output that a published file already holds: the new one is refused.
    SlotTaken {
        /// The file online at that output, relative to the releases directory.
        online: String,
        /// The output both files would produce: a slug or a page address.
        output: String,
    },
    /// The file now has an error, so its last good version stays online.
    StillOnline {
        /// When that version was published (`YYYY-MM-DD HH:MM`), or "this session".
        since: String,
    },
    /// Another file publishes an entry of the same title on the same day.
    SameTitleAndDate {
        /// The other file, relative to the releases directory.
        other: String,
    },
    /// Invalid front matter: a quote opened on this line is never closed.
    YamlUnclosedQuote,
    /// Invalid front matter: a tab is used for indentation.
    YamlTab,
    /// Invalid front matter: a value contains `: ` without quotes.
    YamlColonInValue,
    /// Invalid front matter: an apostrophe ends a value written between single quotes.
    YamlApostrophe,
    /// A press-review article skipped for want of a date.
    UndatedArticle {
        /// Why no date could be read.
        reason: UndatedReason,
    },
    /// A document that is not Markdown (Word, OpenDocument, PDF…), ignored.
    IgnoredFile,
    /// A text format communique recognises but does not read (HTML, Org-mode).
    UnreadFormat {
        /// The format recognised.
        format: FileFormat,
    },
    /// A press-review article skipped: it has no link to the article.
    NoArticleLink,
    /// A press-review article skipped: its link is a site's home page, not an article.
    HomePageLink {
        /// The link's destination as written.
        dest: String,
    },
    /// `placeholder`: the `:name` Jekyll does not know.
    BadPermalink {
        /// The `permalink:` value, as written.
        permalink: String,
        /// The unknown placeholder's name, without the colon.
        placeholder: String,
    },
    /// A link written without `https://`, read as a web address.
    LinkWithoutScheme {
        /// The link's destination as written.
        dest: String,
        /// The absolute address it was read as.
        url: String,
    },
    /// An `updated:` value that is not a date; the correction date is ignored.
    BadUpdatedDate {
        /// The value, as written.
        value: String,
    },
    /// The site's Jekyll build publishes no page for this file.
    NoSitePage {
        /// The file or folder name Jekyll skips (it starts with `.`, `_`, `#` or `~`).
        name: String,
    },
    /// The PDF would be longer than the page limit, so it is not published.
    PdfTooLong {
        /// The most pages a PDF may have.
        limit: usize,
    },
    /// Characters no font can print, so the PDF is not published.
    MissingGlyphs {
        /// The characters, listed for people.
        chars: String,
    },
    /// An image left out of the PDF; its alternative text stands in.
    ImageNotEmbedded {
        /// The image's source as written.
        src: String,
        /// Why it was left out.
        reason: ImageFailure,
    },
    /// A press-review page on which no article has a date.
    NoDatedArticle,
    /// The title was longer than the limit and was cut.
    TitleTooLong {
        /// The most characters a title keeps.
        limit: usize,
    },
    /// The file's name is not UTF-8.
    NonUtf8FileName,
    /// The PDF could not be rendered.
    PdfFailed {
        /// What failed.
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
