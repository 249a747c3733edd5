//! The identity form of a web address: two addresses of the same page (`http` and `https`,
//! `www.` or not, a tracking parameter more) give the same string. Press articles are merged
//! by it and the feeds show one entry per page by it.

use super::host::readable_host;
use url::Url;

/// Query parameters that only track the click; they never change the article.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "xtor",
    "xtref",
    "igshid",
    "yclid",
    "_ga",
    "_gl",
    "ref_src",
    "ref_url",
    "cmpid",
    "at_medium",
    "at_campaign",
];

/// The identity form of `address` when it is an absolute http(s) address.
pub(crate) fn of(address: &str) -> Option<String> {
    normalise(&Url::parse(address).ok()?)
}

fn is_tracking(key: &str, host: &str) -> bool {
    let key = key.to_ascii_lowercase();
    if key.starts_with("utm_") || key.starts_with("pk_") || TRACKING.contains(&key.as_str()) {
        return true;
    }
    // Twitter/X share links add `s` and `t` to every copied URL.
    matches!(host, "twitter.com" | "x.com" | "mobile.twitter.com") && (key == "s" || key == "t")
}

/// Identity form of an absolute web address: lower-case host without `www.`, no fragment,
/// no tracking parameters, no trailing slash, `https` for `http`; `None` for other schemes.
pub(crate) fn normalise(url: &Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = readable_host(url)?;
    let port = match url.port() {
        Some(p) if p != 80 && p != 443 => format!(":{p}"),
        _ => String::new(),
    };
    let path = url.path().trim_end_matches('/');
    let query: Vec<&str> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !is_tracking(key, &host)
        })
        .collect();
    // http and https copies are the same article; identity uses https.
    let mut out = format!("https://{host}{port}{path}");
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn copies_of_one_page_have_one_identity() {
        let one = of("https://www.lemonde.fr/pixels/article.html").unwrap();
        for copy in [
            "http://lemonde.fr/pixels/article.html/",
            "https://WWW.LeMonde.fr/pixels/article.html?utm_source=x&fbclid=y#haut",
        ] {
            assert_eq!(of(copy).as_deref(), Some(one.as_str()), "{copy}");
        }
        assert_ne!(of("https://www.lemonde.fr/pixels/autre.html"), Some(one));
        assert_eq!(
            of("https://a.fr/x?id=3").as_deref(),
            Some("https://a.fr/x?id=3")
        );
        assert_eq!(of("mailto:presse@numerique.gouv.fr"), None);
        assert_eq!(of("/relative"), None);
    }
}
