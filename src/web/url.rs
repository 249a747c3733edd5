//! The one URL resolver of feeds and PDFs: a link in a release is read as a browser on
//! the entry's own page would read it, and written out as ASCII only (feed validators
//! reject `[`, `]`, `|` and non-ASCII in URIs; PDF link annotations must be 7-bit).

use url::Url;

/// Schemes a published link may carry; everything else is dropped (its text stays).
const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What a link destination written in a release is, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkKind {
    /// Empty or `#`: a CMS placeholder, to be shown as text.
    Placeholder,
    /// A scheme that runs code (`javascript:`, `data:`, `vbscript:`) or that feeds do not
    /// carry (`ftp:`, `file:`…).
    Refused,
    /// A host name without its scheme (`www.example.fr/x`): read as `https://`, but the
    /// author must be told, since a browser would take it for a page of the site.
    MissingScheme,
    /// Anything a browser resolves: absolute, root-relative or relative to the page.
    Web,
    /// `presse@numerique.gouv.fr`: an address, as Markdown's `<…>` autolinks give it.
    Email,
}

/// Classifies `raw` as written in a release.
pub(crate) fn classify(raw: &str) -> LinkKind {
    let dest = raw.trim();
    if dest.is_empty() || dest == "#" {
        return LinkKind::Placeholder;
    }
    if let Some(scheme) = scheme_of(dest) {
        return if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
            LinkKind::Web
        } else {
            LinkKind::Refused
        };
    }
    if looks_like_email(dest) {
        LinkKind::Email
    } else if looks_like_host(dest) {
        LinkKind::MissingScheme
    } else {
        LinkKind::Web
    }
}

/// `local@domain.tld`, nothing else: never a file of the site.
fn looks_like_email(dest: &str) -> bool {
    let Some((local, domain)) = dest.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(['/', '?', '#', ' '])
        && domain.contains('.')
        && !domain.contains(['/', '?', '#', ' ', '@'])
}

/// `raw` resolved against `page` (the absolute URL of the page the link is on), as an
/// ASCII-only absolute URL; `None` for placeholders, refused schemes and unusable input.
pub(crate) fn resolve(raw: &str, page: &str) -> Option<String> {
    let dest = raw.trim();
    let joined = match classify(dest) {
        LinkKind::Placeholder | LinkKind::Refused => return None,
        LinkKind::MissingScheme => Url::parse(&format!("https://{dest}")).ok()?,
        LinkKind::Email => Url::parse(&format!("mailto:{dest}")).ok()?,
        LinkKind::Web => match Url::parse(page) {
            Ok(base) => base.join(dest).ok()?,
            // No usable page: only absolute links can be published.
            Err(_) => Url::parse(dest).ok()?,
        },
    };
    if !ALLOWED_SCHEMES.contains(&joined.scheme()) {
        return None;
    }
    Some(ascii(joined.as_str()))
}

/// The scheme of `dest`, lowercased, if it has one. Browsers ignore ASCII whitespace and
/// controls inside a scheme (`java\tscript:`), so they are skipped here too.
fn scheme_of(dest: &str) -> Option<String> {
    let squeezed: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|&c| c != '/' && c != '?' && c != '#')
        .collect();
    let (scheme, _) = squeezed.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Top-level domains the press office links to; a first path segment ending in one of
/// them is a host name written without `https://`, not a file of the site.
const TLDS: [&str; 16] = [
    "fr", "com", "org", "net", "eu", "io", "info", "gouv", "int", "be", "ch", "de", "uk", "re",
    "app", "dev",
];

/// `www.example.fr/x`, `example.gouv.fr`, `legifrance.gouv.fr/jorf?x`: a host, no scheme.
fn looks_like_host(dest: &str) -> bool {
    if dest.starts_with(['/', '.', '#', '?']) {
        return false;
    }
    let first = dest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = first.to_ascii_lowercase();
    if host.starts_with("www.") {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| TLDS.contains(tld))
}

/// `url` (as the `url` crate serialises it) with every character RFC 3986 does not allow
/// outside the host percent-encoded: `[`, `]`, `|`, `{`, `}`, `^`, `\`, a second `#`, a `%`
/// that starts no escape, and any non-ASCII left. Existing escapes are kept.
pub(crate) fn ascii(url: &str) -> String {
    let (head, rest) = split_after_host(url);
    format!("{head}{}", ascii_path(rest))
}

/// A path, query and fragment (no scheme, no host) made ASCII as [`ascii`] does.
pub(crate) fn ascii_path(rest: &str) -> String {
    let mut out = String::with_capacity(rest.len() + 8);
    let bytes = rest.as_bytes();
    let mut seen_hash = false;
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => true,
            b'-' | b'.' | b'_' | b'~' | b':' | b'@' | b'/' | b'?' => true,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => true,
            b'%' => {
                bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            }
            b'#' if !seen_hash => {
                seen_hash = true;
                true
            }
            _ => false,
        };
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `https://host:port` and the rest; for URLs without an authority (`mailto:`), the scheme.
fn split_after_host(url: &str) -> (&str, &str) {
    let Some(colon) = url.find(':') else {
        return ("", url);
    };
    let after = &url[colon + 1..];
    match after.strip_prefix("//") {
        Some(authority) => {
            let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
            url.split_at(colon + 3 + end)
        }
        None => url.split_at(colon + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://www.numerique.gouv.fr/espace-presse/x/";

    fn r(raw: &str) -> Option<String> {
        resolve(raw, PAGE)
    }

    #[test]
    fn relative_links_resolve_against_the_page_like_a_browser() {
        assert_eq!(
            r("../autre/").as_deref(),
            Some("https://www.numerique.gouv.fr/espace-presse/autre/")
        );
        assert_eq!(
            r("annexe.pdf").as_deref(),
            Some("https://www.numerique.gouv.fr/espace-presse/x/annexe.pdf")
        );
        assert_eq!(
            r("/uploads/a b.pdf").as_deref(),
            Some("https://www.numerique.gouv.fr/uploads/a%20b.pdf")
        );
        assert_eq!(
            r("#contact").as_deref(),
            Some("https://www.numerique.gouv.fr/espace-presse/x/#contact")
        );
        assert_eq!(
            r("//example.org/a").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(
            r("?page=2").as_deref(),
            Some("https://www.numerique.gouv.fr/espace-presse/x/?page=2")
        );
    }

    #[test]
    fn output_is_ascii_and_valid_uri_characters_only() {
        assert_eq!(
            r("https://www.google.fr/search?q=[a]|b c").as_deref(),
            Some("https://www.google.fr/search?q=%5Ba%5D%7Cb%20c")
        );
        assert_eq!(
            r("/espace-presse/Lancement-É/").as_deref(),
            Some("https://www.numerique.gouv.fr/espace-presse/Lancement-%C3%89/")
        );
        assert_eq!(
            r("https://exemple.fr/a%20b/100%/{x}#f#g").as_deref(),
            Some("https://exemple.fr/a%20b/100%25/%7Bx%7D#f%23g")
        );
        assert_eq!(
            r("https://élysée.fr/é").as_deref(),
            Some("https://xn--lyse-9oad.fr/%C3%A9")
        );
        assert_eq!(
            r("https://[::1]:8080/[x]").as_deref(),
            Some("https://[::1]:8080/%5Bx%5D")
        );
        assert_eq!(
            r("mailto:presse@numerique.gouv.fr").as_deref(),
            Some("mailto:presse@numerique.gouv.fr")
        );
    }

    #[test]
    fn hosts_without_scheme_are_flagged_and_read_as_https() {
        for raw in [
            "www.example.fr/x",
            "WWW.Example.fr",
            "legifrance.gouv.fr/jorf?x=1",
            "beta.gouv.fr",
        ] {
            assert_eq!(classify(raw), LinkKind::MissingScheme, "{raw}");
        }
        assert_eq!(
            r("www.example.fr/x").as_deref(),
            Some("https://www.example.fr/x")
        );
        for raw in ["uploads/rapport.pdf", "index.html", "./a.fr", "/www.x.fr"] {
            assert_eq!(classify(raw), LinkKind::Web, "{raw}");
        }
    }

    #[test]
    fn placeholders_and_active_schemes_give_nothing() {
        for raw in [
            "",
            " # ",
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "ftp://x.fr/a",
            "file:///etc/passwd",
        ] {
            assert_eq!(r(raw), None, "{raw:?}");
        }
        assert_eq!(classify("#"), LinkKind::Placeholder);
        assert_eq!(classify("vbscript:x"), LinkKind::Refused);
    }

    #[test]
    fn bare_addresses_are_mail_links() {
        // What pulldown-cmark gives for the autolink `<presse@numerique.gouv.fr>`.
        assert_eq!(
            r("presse@numerique.gouv.fr").as_deref(),
            Some("mailto:presse@numerique.gouv.fr")
        );
        assert_eq!(classify("/a@b.fr"), LinkKind::Web);
        assert_eq!(classify("https://x.fr/@compte"), LinkKind::Web);
    }
}
