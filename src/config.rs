//! Site settings: DINUM defaults embedded, overridable by an optional `communique.toml`.

use crate::model::Contact;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Everything the pipeline needs to know that is not in a release file.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site name in feed titles, the agenda and the press room (`site-title`; default
    /// "numerique.gouv.fr — Espace presse").
    pub site_title: String,
    /// Absolute site URL without trailing slash, e.g. `https://www.numerique.gouv.fr`.
    pub base_url: String,
    /// Where `feeds/` is served from, e.g. `https://www.numerique.gouv.fr/feeds`.
    pub feeds_url: String,
    /// BCP 47 language tag of the content ("fr").
    pub language: String,
    /// Zone dates without an offset are read in, and French dates are written in
    /// (`time-zone`, an IANA name; default Europe/Paris).
    pub time_zone: chrono_tz::Tz,
    /// Maximum entries per feed; 0 means all.
    pub feed_limit: usize,
    /// Authority and date of `tag:` ids (RFC 4151), e.g. `numerique.gouv.fr,2023`. Never change it.
    pub id_authority: String,
    /// Author of entries that name none.
    pub author: String,
    /// Press contact used when a communiqué names none.
    pub default_contact: Contact,
    /// Bounds on input files (`[limits]`).
    pub limits: Limits,
    /// Fonts, logo, images and page limit of the PDFs (`[pdf]`).
    pub pdf: PdfConfig,
    /// Seconds between the watcher's safety rescans (network filesystems send no events).
    pub rescan_seconds: u64,
    /// Where communique keeps what it remembers between runs; default `.communique/<out name>`
    /// beside the output folder (never inside it: that folder is served).
    pub state_dir: Option<PathBuf>,
    /// Jekyll collections whose pages communiqués and events link (`[collections.x]`).
    pub collections: Vec<crate::web::collections::Collection>,
    /// WebSub hub (`websub-hub`): feeds link it and each publish that changed a feed pings it.
    pub websub_hub: Option<String>,
}

/// Bounds on hostile or accidental input; each breach is a diagnostic, never a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest release file read, in bytes (`max-file-bytes`; default 1 MiB).
    pub max_file_bytes: u64,
    /// Largest front matter read, in bytes (`max-front-matter-bytes`; default 64 KiB).
    pub max_front_matter_bytes: usize,
    /// Deepest YAML nesting read, in levels (`yaml-max-depth`; default 32).
    pub yaml_max_depth: usize,
    /// Most YAML anchors, and most aliases, in one front matter (`yaml-max-aliases`;
    /// default 64): bounds "billion laughs" expansion.
    pub yaml_max_aliases: usize,
    /// Deepest Markdown nesting read, in levels (`markdown-max-nesting`; default 32).
    pub markdown_max_nesting: usize,
}

/// Optional files that replace the open fonts and the text bloc-marque, and PDF limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfConfig {
    /// A PNG of the official bloc-marque (the Marianne logo is not free to redistribute).
    pub logo: Option<PathBuf>,
    /// Font file for regular text (`font-regular`); default: the embedded open font.
    pub font_regular: Option<PathBuf>,
    /// Font file for bold text (`font-bold`); default: the embedded open font.
    pub font_bold: Option<PathBuf>,
    /// Font file for italic text (`font-italic`); default: the embedded open font.
    pub font_italic: Option<PathBuf>,
    /// Font file for bold italic text (`font-bold-italic`); default: the embedded open font.
    pub font_bold_italic: Option<PathBuf>,
    /// Fonts tried, in order, for characters the embedded fonts lack (CJK, emoji).
    pub fallback_fonts: Vec<PathBuf>,
    /// Folder that `/uploads/…` images are read from.
    pub assets: Option<PathBuf>,
    /// Longest PDF, in pages; a longer communiqué is refused with a clear error.
    pub max_pages: usize,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            logo: None,
            font_regular: None,
            font_bold: None,
            font_italic: None,
            font_bold_italic: None,
            fallback_fonts: Vec::new(),
            assets: None,
            max_pages: 50,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
            max_front_matter_bytes: 64 * 1024,
            yaml_max_depth: 32,
            yaml_max_aliases: 64,
            markdown_max_nesting: 32,
        }
    }
}

/// The DINUM press contact, as printed at the end of `seeds/communique-nec-2023.md`.
pub fn dinum_contact() -> Contact {
    Contact {
        organisation: "Direction interministérielle du numérique".into(),
        name: None,
        phones: vec!["01 71 21 12 50".into(), "06 10 60 41 19".into()],
        email: Some("floriane.beaudron@modernisation.gouv.fr".into()),
        role: Some("Relations presse et événementiel".into()),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site_title: "numerique.gouv.fr — Espace presse".into(),
            base_url: "https://www.numerique.gouv.fr".into(),
            feeds_url: "https://www.numerique.gouv.fr/feeds".into(),
            language: "fr".into(),
            time_zone: chrono_tz::Europe::Paris,
            feed_limit: 100,
            id_authority: "numerique.gouv.fr,2023".into(),
            author: "Direction interministérielle du numérique (DINUM)".into(),
            default_contact: dinum_contact(),
            limits: Limits::default(),
            pdf: PdfConfig::default(),
            rescan_seconds: 30,
            state_dir: None,
            collections: crate::web::collections::defaults(),
            websub_hub: None,
        }
    }
}

/// Why a configuration file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The configuration file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file is not valid TOML, or has a key or type communique does not know.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The configuration file.
        path: PathBuf,
        /// 1-based; 0 when the parser gives no position.
        line: usize,
        /// 1-based, in characters; 0 when the parser gives no position.
        column: usize,
        /// The TOML parser's message.
        message: String,
    },
    /// A key whose value cannot be used (an unknown time zone, a URL that is not absolute…).
    #[error("{path}: `{key}`: {message}")]
    Value {
        /// The configuration file.
        path: PathBuf,
        /// The key, as written in TOML (`time-zone`).
        key: &'static str,
        /// What is wrong and what to write instead.
        message: String,
    },
}

/// `communique.toml`: every key optional; absent keys keep the DINUM defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    site_title: Option<String>,
    base_url: Option<String>,
    feeds_url: Option<String>,
    language: Option<String>,
    time_zone: Option<String>,
    feed_limit: Option<usize>,
    id_authority: Option<String>,
    author: Option<String>,
    rescan_seconds: Option<u64>,
    state_dir: Option<PathBuf>,
    contact: Option<ContactFile>,
    limits: Option<LimitsFile>,
    pdf: Option<PdfFile>,
    collections:
        Option<std::collections::BTreeMap<String, crate::web::collections::CollectionFile>>,
    websub_hub: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactFile {
    organisation: Option<String>,
    name: Option<String>,
    phones: Option<Vec<String>>,
    email: Option<String>,
    role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LimitsFile {
    max_file_bytes: Option<u64>,
    max_front_matter_bytes: Option<usize>,
    yaml_max_depth: Option<usize>,
    yaml_max_aliases: Option<usize>,
    markdown_max_nesting: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PdfFile {
    logo: Option<PathBuf>,
    font_regular: Option<PathBuf>,
    font_bold: Option<PathBuf>,
    font_italic: Option<PathBuf>,
    font_bold_italic: Option<PathBuf>,
    fallback_fonts: Option<Vec<PathBuf>>,
    assets: Option<PathBuf>,
    max_pages: Option<usize>,
}

impl Config {
    /// Reads `path` if given (it must exist) and applies it over the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        let Some(path) = path else {
            return Ok(config);
        };
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        config.apply(path, &text)?;
        Ok(config)
    }

    /// Applies the TOML `text` (from `path`, for messages) over `self`.
    pub fn apply(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|err| {
            let (line, column) = err
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((0, 0));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: err.message().to_string(),
            }
        })?;
        let base = |dir: &Path, p: PathBuf| {
            if p.is_absolute() { p } else { dir.join(p) }
        };
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        if let Some(v) = file.site_title {
            self.site_title = v;
        }
        if let Some(v) = file.base_url {
            self.base_url = check_url(path, "base-url", v)?;
            if file.feeds_url.is_none() {
                self.feeds_url = format!("{}/feeds", self.base_url);
            }
        }
        if let Some(v) = file.feeds_url {
            self.feeds_url = check_url(path, "feeds-url", v)?;
        }
        if let Some(v) = file.language {
            self.language = v;
        }
        if let Some(v) = file.time_zone {
            self.time_zone = v.parse().map_err(|_| ConfigError::Value {
                path: path.to_path_buf(),
                key: "time-zone",
                message: format!(
                    "unknown time zone `{v}`; write an IANA name such as `Europe/Paris`"
                ),
            })?;
        }
        if let Some(v) = file.feed_limit {
            self.feed_limit = v;
        }
        if let Some(v) = file.id_authority {
            self.id_authority = v;
        }
        if let Some(v) = file.author {
            self.author = v;
        }
        if let Some(v) = file.rescan_seconds {
            self.rescan_seconds = v.max(1);
        }
        if let Some(v) = file.state_dir {
            self.state_dir = Some(base(&dir, v));
        }
        if let Some(c) = file.contact {
            // Any key may be overridden alone; the others keep the DINUM defaults.
            let default = &self.default_contact;
            self.default_contact = Contact {
                organisation: c
                    .organisation
                    .unwrap_or_else(|| default.organisation.clone()),
                name: c.name.or_else(|| default.name.clone()),
                phones: c.phones.unwrap_or_else(|| default.phones.clone()),
                email: c.email.or_else(|| default.email.clone()),
                role: c.role.or_else(|| default.role.clone()),
            };
        }
        if let Some(l) = file.limits {
            let d = &mut self.limits;
            d.max_file_bytes = l.max_file_bytes.unwrap_or(d.max_file_bytes);
            d.max_front_matter_bytes = l.max_front_matter_bytes.unwrap_or(d.max_front_matter_bytes);
            d.yaml_max_depth = l.yaml_max_depth.unwrap_or(d.yaml_max_depth);
            d.yaml_max_aliases = l.yaml_max_aliases.unwrap_or(d.yaml_max_aliases);
            d.markdown_max_nesting = l.markdown_max_nesting.unwrap_or(d.markdown_max_nesting);
        }
        if let Some(p) = file.pdf {
            self.pdf = PdfConfig {
                logo: p.logo.map(|x| base(&dir, x)),
                font_regular: p.font_regular.map(|x| base(&dir, x)),
                font_bold: p.font_bold.map(|x| base(&dir, x)),
                font_italic: p.font_italic.map(|x| base(&dir, x)),
                font_bold_italic: p.font_bold_italic.map(|x| base(&dir, x)),
                fallback_fonts: (p.fallback_fonts.unwrap_or_default().into_iter())
                    .map(|x| base(&dir, x))
                    .collect(),
                assets: p.assets.map(|x| base(&dir, x)),
                max_pages: p.max_pages.unwrap_or(50).max(1),
            };
        }
        if let Some(collections) = file.collections {
            crate::web::collections::apply(&mut self.collections, collections).map_err(
                |message| ConfigError::Value {
                    path: path.to_path_buf(),
                    key: "collections",
                    message,
                },
            )?;
        }
        if let Some(v) = file.websub_hub {
            // Kept as written: a hub's URL is opaque (a trailing slash may matter).
            check_url(path, "websub-hub", v.clone())?;
            self.websub_hub = Some(v.trim().to_string());
        }
        Ok(())
    }
}

fn check_url(path: &Path, key: &'static str, value: String) -> Result<String, ConfigError> {
    match url::Url::parse(&value) {
        Ok(u) if u.scheme() == "https" || u.scheme() == "http" => {
            Ok(value.trim_end_matches('/').to_string())
        }
        _ => Err(ConfigError::Value {
            path: path.to_path_buf(),
            key,
            message: format!(
                "`{value}` is not an absolute http(s) URL; write e.g. `https://www.numerique.gouv.fr`"
            ),
        }),
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_overrides_defaults_and_keeps_the_rest() {
        let mut c = Config::default();
        c.apply(
            Path::new("communique.toml"),
            "base-url = \"https://example.org/\"\nfeed-limit = 0\n[contact]\norganisation = \"X\"\n",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org");
        assert_eq!(c.feeds_url, "https://example.org/feeds");
        assert_eq!(c.feed_limit, 0);
        assert_eq!(c.default_contact.organisation, "X");
        assert_eq!(c.language, "fr");
    }

    #[test]
    fn unknown_key_is_located() {
        let err = Config::default()
            .apply(Path::new("c.toml"), "\nbase-urll = \"x\"\n")
            .unwrap_err();
        match err {
            ConfigError::Parse { line, .. } => assert_eq!(line, 2),
            other => panic!("unexpected {other}"),
        }
    }
}
