//! Article URLs: repairing what editors typed (their identity form is `web::identity`).

use url::Url;

/// Why a link destination is not an article URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum UrlProblem {
    /// `#`, empty: an unfinished link.
    Placeholder,
    /// `mailto:`, `tel:`, `javascript:`…: not a web page.
    NotWeb,
    /// Relative with no base to resolve it against, or unparsable.
    Unusable,
}

/// Fixes what was seen in real files: `<url>`, a `"title"` after the URL, spaces,
/// `https:/https://`, `https:/host`, a trailing encoded no-break space.
pub(super) fn repair(text: &str) -> String {
    let mut s = text.trim().trim_matches(|c| c == '<' || c == '>').trim();
    // `(url "title")` and `(url 'title')`: the destination is the first token.
    if let Some(i) = s.find([' ', '\t']) {
        let rest = s[i..].trim_start();
        if rest.starts_with('"') || rest.starts_with('\'') || rest.starts_with('(') {
            s = s[..i].trim();
        }
    }
    let mut s = s.trim_matches(|c: char| c.is_whitespace()).to_string();
    // A scheme typed twice: `https:/https://`, `http://https://`, `https://https://`.
    loop {
        let lower = s.to_ascii_lowercase();
        let mut cut = None;
        for first in ["https:", "http:"] {
            if let Some(rest) = lower.strip_prefix(first) {
                let slashes = rest.len() - rest.trim_start_matches('/').len();
                let after = &rest[slashes..];
                if after.starts_with("https:") || after.starts_with("http:") {
                    cut = Some(first.len() + slashes);
                }
            }
        }
        match cut {
            Some(n) => s = s[n..].to_string(),
            None => break,
        }
    }
    // `https:/www.x.fr` and `https:www.x.fr`: one slash short.
    for scheme in ["https:", "http:"] {
        if let Some(head) = s.get(..scheme.len())
            && head.eq_ignore_ascii_case(scheme)
        {
            let rest = &s[scheme.len()..];
            let slashes = rest.len() - rest.trim_start_matches('/').len();
            if slashes != 2 {
                s = format!("{}//{}", &s[..scheme.len()], rest.trim_start_matches('/'));
            }
            break;
        }
    }
    // Copy-paste artefacts at the end: encoded or raw spaces.
    loop {
        let before = s.len();
        for tail in ["%C2%A0", "%c2%a0", "%20", "\u{a0}", "\u{202f}"] {
            if let Some(t) = s.strip_suffix(tail) {
                s = t.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// Turns a link destination into an absolute http(s) URL; relative ones are joined to `base`.
pub(super) fn resolve(dest: &str, base: Option<&Url>) -> Result<Url, UrlProblem> {
    let s = repair(dest);
    if s.is_empty() || s.starts_with('#') {
        return Err(UrlProblem::Placeholder);
    }
    let parsed = match Url::parse(&s) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => match base {
            Some(b) => b.join(&s).map_err(|_| UrlProblem::Unusable)?,
            None => return Err(UrlProblem::Unusable),
        },
        Err(_) => return Err(UrlProblem::Unusable),
    };
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(parsed),
        "http" | "https" => Err(UrlProblem::Unusable),
        _ => Err(UrlProblem::NotWeb),
    }
}

/// The scheme of a link a browser would run or render inline (`javascript:`, `vbscript:`,
/// `data:`), lower-cased with its colon, if `dest` has one.
pub(super) fn active_scheme(dest: &str) -> Option<String> {
    let scheme = Url::parse(repair(dest).trim())
        .ok()?
        .scheme()
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data").then(|| format!("{scheme}:"))
}

pub(super) use crate::web::host::readable_host;

pub(super) use crate::web::identity::normalise;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs() {
        assert_eq!(repair("https:/https://a.fr/x"), "https://a.fr/x");
        assert_eq!(repair("http://https://a.fr/x"), "https://a.fr/x");
        assert_eq!(repair("https:/www.a.fr"), "https://www.a.fr");
        assert_eq!(repair("https://a.fr/x "), "https://a.fr/x");
        assert_eq!(repair("https://a.fr/x \"Titre\""), "https://a.fr/x");
        assert_eq!(repair("<https://a.fr/x>"), "https://a.fr/x");
        assert_eq!(repair("https://a.fr/x%C2%A0"), "https://a.fr/x");
    }

    #[test]
    fn active_schemes_are_named() {
        assert_eq!(
            active_scheme("JaVaScRiPt:alert(1)").as_deref(),
            Some("javascript:")
        );
        assert_eq!(active_scheme("data:text/html,x").as_deref(), Some("data:"));
        assert_eq!(active_scheme("mailto:a@b.fr"), None);
        assert_eq!(active_scheme("https://a.fr/javascript:x"), None);
    }

    #[test]
    fn resolves() {
        let base = Url::parse("https://www.numerique.gouv.fr").unwrap();
        assert_eq!(
            resolve("/uploads/a.pdf", Some(&base)).unwrap().as_str(),
            "https://www.numerique.gouv.fr/uploads/a.pdf"
        );
        assert_eq!(resolve("#", Some(&base)), Err(UrlProblem::Placeholder));
        assert_eq!(
            resolve("mailto:a@b.fr", Some(&base)),
            Err(UrlProblem::NotWeb)
        );
        assert_eq!(resolve("/x", None), Err(UrlProblem::Unusable));
        assert_eq!(resolve("https://", None), Err(UrlProblem::Unusable));
    }
}
