//! The URL Jekyll gives a collection document, so that an entry links the page the site
//! really publishes. Follows Jekyll 4.3's `Document#url`, `Drops::UrlDrop`, `URL` and
//! `Utils.slugify` (lib/jekyll/{document,url,utils}.rb, drops/url_drop.rb): `:title` is
//! the file's name with its case and letters kept and only runs of other characters turned
//! into one hyphen; it is never cut and never folded.

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;

/// Jekyll's pattern for a collection that sets no `permalink` (site style "date").
pub(crate) const DEFAULT_PATTERN: &str = "/:collection/:path:output_ext";

/// What Jekyll knows of a document when it builds its URL.
#[derive(Debug, Clone)]
pub(crate) struct Document<'a> {
    /// The collection's label (`communiques`).
    pub collection: &'a str,
    /// Path inside the collection's folder, with its extension (`2024/lancement.md`).
    pub path: &'a str,
    /// Front matter `slug:`, which replaces the file name in `:title` and `:slug`.
    pub slug: Option<&'a str>,
    /// Front matter `permalink:`, which replaces the collection's pattern.
    pub permalink: Option<&'a str>,
    pub categories: &'a [String],
    /// The document's date in the site's time zone.
    pub date: DateTime<Tz>,
}

/// A placeholder Jekyll does not know: Jekyll stops the build on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`:{0}` is not a placeholder Jekyll knows")]
pub(crate) struct UnknownPlaceholder(pub String);

/// Every placeholder of `Drops::UrlDrop`, for checking patterns in the configuration.
pub(crate) const PLACEHOLDERS: [&str; 25] = [
    "collection",
    "path",
    "name",
    "title",
    "slug",
    "categories",
    "slugified_categories",
    "output_ext",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "i_day",
    "i_month",
    "short_month",
    "long_month",
    "short_year",
    "w_year",
    "week",
    "w_day",
    "short_day",
    "long_day",
    "y_day",
];

/// Checks a pattern: every `:name` must be a placeholder Jekyll knows.
pub(crate) fn check_pattern(pattern: &str) -> Result<(), UnknownPlaceholder> {
    placeholders(pattern).try_for_each(|(_, name)| {
        if PLACEHOLDERS.contains(&name) {
            Ok(())
        } else {
            Err(UnknownPlaceholder(name.to_string()))
        }
    })
}

/// The site-relative URL Jekyll writes the document at (`/espace-presse/Mon-titre/`), with
/// placeholder values escaped as Jekyll escapes them; literal text of the pattern is kept
/// as written, as Jekyll does (make it ASCII with [`super::url::ascii_path`]).
pub(crate) fn url(pattern: &str, doc: &Document<'_>) -> Result<String, UnknownPlaceholder> {
    let template = doc.permalink.unwrap_or(pattern);
    let mut out = String::with_capacity(template.len() + 64);
    let mut last = 0;
    for (at, name) in placeholders(template) {
        let value = value(name, doc).ok_or_else(|| UnknownPlaceholder(name.to_string()))?;
        out.push_str(&template[last..at]);
        out.push_str(&escape_path(&value));
        last = at + 1 + name.len();
    }
    out.push_str(&template[last..]);
    Ok(sanitize(&out))
}

/// `(offset of the colon, name)` of each `:name` (`[a-z_]+`, as Jekyll's regexp). A name
/// ending in `_` is read without it (`/:month_:day`), as Jekyll's `chomp!` ends up doing.
fn placeholders(template: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = template.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let colon = at;
            at += 1;
            if bytes[colon] != b':' {
                continue;
            }
            let len = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase() || **b == b'_')
                .count();
            if len == 0 {
                continue;
            }
            let mut name = &template[at..at + len];
            at += len;
            if let Some(short) = name.strip_suffix('_') {
                name = short;
            }
            return Some((colon, name));
        }
        None
    })
}

fn value(name: &str, doc: &Document<'_>) -> Option<String> {
    let stem = stem(doc.path);
    let d = &doc.date;
    Some(match name {
        "collection" => doc.collection.to_string(),
        "path" => cleaned_path(doc.path),
        "name" => slugify(stem, Mode::Default, false),
        "title" => slugify(&data_slug(doc), Mode::Pretty, true),
        "slug" => slugify(&data_slug(doc), Mode::Default, false),
        "categories" => unique(doc.categories.iter().map(|c| c.to_lowercase())).join("/"),
        "slugified_categories" => unique(
            doc.categories
                .iter()
                .map(|c| slugify(c, Mode::Default, false)),
        )
        .join("/"),
        "output_ext" => ".html".to_string(),
        "year" => format!("{:04}", d.year()),
        "month" => format!("{:02}", d.month()),
        "day" => format!("{:02}", d.day()),
        "hour" => format!("{:02}", d.hour()),
        "minute" => format!("{:02}", d.minute()),
        "second" => format!("{:02}", d.second()),
        "i_day" => d.day().to_string(),
        "i_month" => d.month().to_string(),
        "short_month" => d.format("%b").to_string(),
        "long_month" => d.format("%B").to_string(),
        "short_year" => format!("{:02}", d.year().rem_euclid(100)),
        "w_year" => d.iso_week().year().to_string(),
        "week" => format!("{:02}", d.iso_week().week()),
        "w_day" => d.weekday().number_from_monday().to_string(),
        "short_day" => d.format("%a").to_string(),
        "long_day" => d.format("%A").to_string(),
        "y_day" => format!("{:03}", d.ordinal()),
        _ => return None,
    })
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `data["slug"]`: the front matter's, else what `Document#populate_title` takes from the
/// file name: without its extension and a leading `2024-03-12-` date, trailing dots removed.
fn data_slug(doc: &Document<'_>) -> String {
    if let Some(slug) = doc.slug {
        return slug.to_string();
    }
    let name = doc.path.rsplit('/').next().unwrap_or(doc.path);
    // `(.*)(\.[^.]+)$`: an extension is a dot followed by at least one other character.
    let without_ext = match name.rfind('.') {
        Some(dot) if dot + 1 < name.len() => &name[..dot],
        _ => name,
    };
    let slug = if name.len() > without_ext.len() {
        strip_date(without_ext)
    } else {
        stem(doc.path)
    };
    slug.trim_end_matches('.').to_string()
}

/// `\d{2,4}-\d{1,2}-\d{1,2}-` at the start, as Jekyll's `DATE_FILENAME_MATCHER`.
fn strip_date(name: &str) -> &str {
    let mut rest = name;
    for (min, max) in [(2, 4), (1, 2), (1, 2)] {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits < min || digits > max || rest.as_bytes().get(digits) != Some(&b'-') {
            return name;
        }
        rest = &rest[digits + 1..];
    }
    rest
}

/// `File.basename(path, ".*")`: the name without its last extension.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// `Document#cleaned_relative_path`: `/dir/name`, extension and trailing dots removed.
fn cleaned_path(path: &str) -> String {
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    let without_ext = match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_start + dot],
        _ => path,
    };
    format!("/{}", without_ext.trim_end_matches('.'))
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Keeps letters, marks and decimal digits.
    Default,
    /// Also keeps `._~!$&'()+,;=@`, readable in URLs and allowed on every file system.
    Pretty,
}

/// `Utils.slugify`: each run of characters the mode does not keep becomes one hyphen, one
/// leading and one trailing hyphen are removed, and the result is lower-cased unless `cased`.
fn slugify(text: &str, mode: Mode, cased: bool) -> String {
    let kept = |c: char| {
        is_letter_mark_or_digit(c) || (mode == Mode::Pretty && "._~!$&'()+,;=@".contains(c))
    };
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if kept(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    let out = out.strip_suffix('-').unwrap_or(out);
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// Ruby's `\p{L}`, `\p{M}` and `\p{Nd}`. Rust's alphabetic also holds letter numbers
/// (Ⅻ, `\p{Nl}`) that Ruby's `\p{L}` does not: those are numeric, and left out. Circled
/// and squared letters (Ⓐ, 🄰) are alphabetic symbols (`\p{So}`), not letters either.
fn is_letter_mark_or_digit(c: char) -> bool {
    let symbol = matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}');
    (c.is_alphabetic() && !c.is_numeric() && !symbol)
        || is_mark(c)
        || c.is_ascii_digit()
        || is_decimal_digit(c)
}

/// Combining marks: the blocks a decomposed (NFD) French file name uses.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Decimal digits of other scripts (Arabic-Indic, Devanagari…): each block starts at a
/// code point ending in 0 (`…0`–`…9`).
fn is_decimal_digit(c: char) -> bool {
    let code = u32::from(c);
    [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0xFF10,
    ]
    .iter()
    .any(|&zero| (zero..zero + 10).contains(&code))
}

/// `URL.escape_path`: unchanged when made of `[a-zA-Z0-9./-]`, else percent-encoded as
/// Addressable encodes a path (RFC 3986 `pchar` and `/` kept), `#` included.
fn escape_path(value: &str) -> String {
    super::escape::path(value)
}

/// `URL#sanitize_url`: a leading `/`, `..` turned into `/`, `./` removed, `//` squeezed.
fn sanitize(url: &str) -> String {
    let replaced = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Paris;

    fn doc<'a>(path: &'a str, categories: &'a [String]) -> Document<'a> {
        Document {
            collection: "communiques",
            path,
            slug: None,
            permalink: None,
            categories,
            date: Paris.with_ymd_and_hms(2024, 3, 5, 9, 7, 0).unwrap(),
        }
    }

    fn title(path: &str) -> String {
        url("/espace-presse/:title/", &doc(path, &[])).unwrap()
    }

    #[test]
    fn title_keeps_case_letters_dots_and_apostrophes_and_is_never_cut() {
        assert_eq!(
            title("Lancement-du-site-nosdemarches.gouv.fr.md"),
            "/espace-presse/Lancement-du-site-nosdemarches.gouv.fr/"
        );
        assert_eq!(
            title("L'État plateforme É.md"),
            "/espace-presse/L'%C3%89tat-plateforme-%C3%89/"
        );
        assert_eq!(
            title(" (Appel) à projets : « AMI » !.md"),
            "/espace-presse/(Appel)-%C3%A0-projets-AMI-!/"
        );
        let long = "a-".repeat(150) + "fin.md";
        assert_eq!(
            title(&long),
            format!("/espace-presse/{}fin/", "a-".repeat(150))
        );
        // Jekyll's sanitising turns `..` into `/` and drops `./`.
        assert_eq!(title("a..b.md"), "/espace-presse/a/b/");
        // `populate_title` removes trailing dots and a leading date from the name.
        assert_eq!(title("fin..md"), "/espace-presse/fin/");
        assert_eq!(
            title("2024-03-12-Mon-Titre.md"),
            "/espace-presse/Mon-Titre/"
        );
        assert_eq!(
            title("2024-3-1x-Titre.md"),
            "/espace-presse/2024-3-1x-Titre/"
        );
    }

    #[test]
    fn other_placeholders_follow_jekyll() {
        let cats = vec!["Presse".to_string(), "DINUM".to_string()];
        let d = doc("2024/Mon Fichier.md", &cats);
        let pattern = "/:collection/:categories/:year/:month/:day/:i_month-:short_year/:name/:slug:output_ext";
        assert_eq!(
            url(pattern, &d).unwrap(),
            "/communiques/presse/dinum/2024/03/05/3-24/mon-fichier/mon-fichier.html"
        );
        assert_eq!(
            url(DEFAULT_PATTERN, &d).unwrap(),
            "/communiques/2024/Mon%20Fichier.html"
        );
        assert_eq!(url("/:month_:day/", &d).unwrap(), "/03_05/");
        let own = Document {
            permalink: Some("/presse/:title.html"),
            slug: Some("Autre Nom"),
            ..d.clone()
        };
        assert_eq!(url("/x/:title/", &own).unwrap(), "/presse/Autre-Nom.html");
        assert_eq!(url("/x/:nope/", &d), Err(UnknownPlaceholder("nope".into())));
        assert!(check_pattern("/agenda/:title/").is_ok());
        assert!(check_pattern("/agenda/:titre/").is_err());
    }
}
