//! The "why" inside some problems, typed so that it is translated like the rest of the
//! message instead of being carried as English prose.

use crate::i18n::Message;

/// Why an article of a press page has no date (and so is not published).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndatedReason {
    /// Words beside the article that look like a date but do not read (`31 février 2024`).
    NotADate {
        /// The words, as written.
        value: String,
    },
    /// The date line above it, on `line`, does not read.
    DateAboveUnreadable {
        /// The file line of the date line (1-based).
        line: usize,
        /// The date line's text, as written.
        value: String,
    },
    /// A press table's date cell is empty.
    EmptyDateCell,
    /// Nothing dates it: neither its own line nor a line above.
    NoDateNearby,
    /// A front-matter list item without a `date`.
    NoDateKey,
}

impl UndatedReason {
    /// The reason, as a message for people.
    pub fn message(&self) -> Message {
        match self {
            UndatedReason::NotADate { value } => {
                Message::new("reason-not-a-date").arg("value", value)
            }
            UndatedReason::DateAboveUnreadable { line, value } => {
                Message::new("reason-date-above-unreadable")
                    .count("line", *line)
                    .arg("value", value)
            }
            UndatedReason::EmptyDateCell => Message::new("reason-empty-date-cell"),
            UndatedReason::NoDateNearby => Message::new("reason-no-date-nearby"),
            UndatedReason::NoDateKey => Message::new("reason-no-date-key"),
        }
    }
}

/// Why an image is printed as its alternative text instead of being embedded in the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageFailure {
    /// `https://…`: images are not downloaded.
    Remote,
    /// `data:…` or another address that is not a path.
    NotAFilePath,
    /// `../x.png`: outside the folder images are looked up in.
    ParentDir,
    /// `/uploads/x.png` with no `[pdf] assets` folder configured.
    NoAssetsFolder,
    /// The release file's folder is unknown (a release read from memory).
    UnknownFolder,
    /// The image file is bigger than the limit.
    TooLarge {
        /// The image file's path.
        path: String,
        /// The largest image embedded, in bytes.
        limit: u64,
    },
    /// No file at that path (the commonest case: said in words, not as a system error).
    Missing {
        /// The path looked up.
        path: String,
    },
    /// The file cannot be read; `detail` is the system's error.
    Unreadable {
        /// The image file's path.
        path: String,
        /// The operating system's error text.
        detail: String,
    },
    /// The file is not a PNG, JPEG, GIF or WebP image.
    NotAnImage {
        /// The file's path.
        path: String,
    },
    /// A PNG, JPEG, GIF or WebP that does not decode; `detail` is the decoder's error.
    Damaged {
        /// The image file's path.
        path: String,
        /// The decoder's error text.
        detail: String,
    },
}

impl ImageFailure {
    /// The reason, as a message for people.
    pub fn message(&self) -> Message {
        use ImageFailure as F;
        match self {
            F::Remote => Message::new("image-remote"),
            F::NotAFilePath => Message::new("image-not-a-path"),
            F::ParentDir => Message::new("image-parent-dir"),
            F::NoAssetsFolder => Message::new("image-no-assets"),
            F::UnknownFolder => Message::new("image-unknown-folder"),
            F::TooLarge { path, limit } => Message::new("image-too-large")
                .arg("path", path)
                .count("limit", *limit),
            F::Missing { path } => Message::new("image-missing").arg("path", path),
            F::Unreadable { path, detail } => Message::new("image-unreadable")
                .arg("path", path)
                .arg("detail", detail),
            F::NotAnImage { path } => Message::new("image-not-an-image").arg("path", path),
            F::Damaged { path, detail } => Message::new("image-damaged")
                .arg("path", path)
                .arg("detail", detail),
        }
    }
}

/// A format communique recognises but does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// An HTML page (`.html`, `.htm`, `.xhtml`).
    Html,
    /// An Org-mode file (`.org`).
    OrgMode,
}

impl FileFormat {
    /// The format's name, as a message for people.
    pub fn message(self) -> Message {
        match self {
            FileFormat::Html => Message::new("format-html"),
            FileFormat::OrgMode => Message::new("format-org"),
        }
    }
}

/// Why a PDF could not be made, apart from its length and its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfFailure {
    /// The PDF library refused the document; `detail` is its error.
    Export {
        /// The PDF library's error, as text.
        detail: String,
    },
    /// A configured file (font, logo) cannot be read.
    Unreadable {
        /// The file's path, as configured.
        path: String,
        /// The operating system's error text.
        detail: String,
    },
    /// A configured font cannot be used.
    Font {
        /// The font file's path, as configured.
        path: String,
        /// What is wrong with it.
        fault: AssetFault,
    },
    /// The configured bloc-marque logo cannot be used.
    Logo {
        /// The logo file's path, as configured.
        path: String,
        /// What is wrong with it.
        fault: AssetFault,
    },
}

impl PdfFailure {
    /// The failure, as a message for people.
    pub fn message(&self) -> Message {
        match self {
            PdfFailure::Export { detail } => Message::new("pdf-export").arg("detail", detail),
            PdfFailure::Unreadable { path, detail } => Message::new("pdf-unreadable")
                .arg("path", path)
                .arg("detail", detail),
            PdfFailure::Font { path, fault } => Message::new("pdf-font")
                .arg("path", path)
                .nested("detail", fault.message()),
            PdfFailure::Logo { path, fault } => Message::new("pdf-logo")
                .arg("path", path)
                .nested("detail", fault.message()),
        }
    }
}

/// Why a configured font or bloc-marque logo cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetFault {
    /// Not a TrueType/OpenType font krilla reads.
    NotAFont,
    /// The logo is not a PNG file.
    NotPng,
    /// A PNG whose width or height is 0.
    EmptyPng,
    /// A PNG that does not decode; `detail` is the decoder's error.
    DamagedPng {
        /// The decoder's error text.
        detail: String,
    },
}

impl AssetFault {
    /// The fault, as a message for people.
    pub fn message(&self) -> Message {
        match self {
            AssetFault::NotAFont => Message::new("asset-not-a-font"),
            AssetFault::NotPng => Message::new("asset-not-png"),
            AssetFault::EmptyPng => Message::new("asset-empty-png"),
            AssetFault::DamagedPng { detail } => {
                Message::new("asset-damaged-png").arg("detail", detail)
            }
        }
    }
}

/// English, as logs and tests read it (like `Problem`).
macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&crate::i18n::Lang::En.tr(&self.message()))
            }
        }
    )*};
}

english_display!(
    UndatedReason,
    ImageFailure,
    FileFormat,
    PdfFailure,
    AssetFault
);
