//! Finds executable markup in a feed (the hostile-input and property tests).
//!
//! A feed reader shows the XML text after one level of unescaping (Atom `type="html"`
//! content, RSS `<description>`); whatever is a tag or an attribute at that level is live
//! HTML. So the check looks at the raw XML *and* at its text after one XML unescape, reads
//! every tag there with a small tokenizer that honours quotes (so `title="… onerror=…"` is
//! text, not an attribute), and decodes HTML character references inside attribute values
//! before judging a URL (`&#106;avascript:` is `javascript:` to a browser).

/// Elements that run code, load foreign documents, restyle or redirect the reader's page.
const ACTIVE_ELEMENTS: [&str; 12] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
    "meta", "noscript",
];

/// URL schemes a browser executes or renders as a document.
const ACTIVE_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Every piece of executable markup found, described for a failure message; empty if clean.
pub(crate) fn executable_markup(xml: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (level, text) in [
        ("raw XML", xml.to_string()),
        ("unescaped", xml_unescape(xml)),
    ] {
        for tag in tags(&text) {
            if ACTIVE_ELEMENTS.contains(&tag.name.as_str()) {
                found.push(format!("{level}: <{}> element", tag.name));
            }
            for (name, value) in &tag.attributes {
                // An event handler is `on` and letters (`onclick`); `on&"` is the remains of an
                // escaped attribute value, which no browser runs.
                let handler = name.len() > 2
                    && name.starts_with("on")
                    && name[2..].chars().all(|c| c.is_ascii_alphabetic());
                if handler {
                    found.push(format!("{level}: <{} {name}=…> event handler", tag.name));
                }
                let url = normalised_url(value);
                if let Some(scheme) = ACTIVE_SCHEMES.iter().find(|s| url.starts_with(**s)) {
                    found.push(format!(
                        "{level}: <{} {name}=\"{value}\"> {scheme} URL",
                        tag.name
                    ));
                }
            }
        }
    }
    found
}

/// One level of XML unescaping, as an XML parser hands text to the reader: the five
/// predefined entities and character references are decoded, except inside CDATA sections,
/// whose content is taken verbatim (it already *is* the value: `&lt;` in CDATA stays `&lt;`).
pub(crate) fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<![CDATA[") {
        out.push_str(&decode_references(&rest[..start], true));
        let inner = &rest[start + "<![CDATA[".len()..];
        let end = inner.find("]]>").unwrap_or(inner.len());
        out.push_str(&inner[..end]);
        rest = inner.get(end + 3..).unwrap_or("");
    }
    out.push_str(&decode_references(rest, true));
    out
}

/// A start tag: lower-case name and attributes (lower-case names, raw values).
#[derive(Debug)]
pub(crate) struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// Reads every start tag `<name attr=value …>` the way an HTML tokenizer would (quoted
/// values may contain `>` and spaces). End tags, comments and text are skipped.
pub(crate) fn tags(text: &str) -> Vec<Tag> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' || !chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < chars.len() && !is_space(chars[i]) && chars[i] != '>' && chars[i] != '/' {
            i += 1;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < chars.len() && (is_space(chars[i]) || chars[i] == '/') {
                i += 1;
            }
            if i >= chars.len() || chars[i] == '>' {
                i += 1;
                break;
            }
            let start = i;
            while i < chars.len() && !is_space(chars[i]) && !matches!(chars[i], '=' | '>' | '/') {
                i += 1;
            }
            // A lone `=` or stray character: HTML makes it part of a name; skip it.
            let attr: String = chars[start..i.max(start + 1).min(chars.len())]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            if i == start {
                i += 1;
            }
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                while i < chars.len() && is_space(chars[i]) {
                    i += 1;
                }
                match chars.get(i) {
                    Some(&q) if q == '"' || q == '\'' => {
                        i += 1;
                        while i < chars.len() && chars[i] != q {
                            value.push(chars[i]);
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < chars.len() && !is_space(chars[i]) && chars[i] != '>' {
                            value.push(chars[i]);
                            i += 1;
                        }
                    }
                }
            }
            attributes.push((attr, value));
        }
        out.push(Tag { name, attributes });
    }
    out
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// What a browser resolves an attribute value to, for scheme checks: references decoded,
/// ASCII whitespace and control characters removed (browsers ignore them in schemes),
/// lower-cased.
fn normalised_url(value: &str) -> String {
    decode_references(value, false)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Decodes `&#N;`, `&#xH;` (semicolon optional, as HTML allows) and named references:
/// the XML five, plus (for HTML attribute values) the ones used to hide schemes.
fn decode_references(text: &str, xml_only: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = reference(rest, xml_only);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(text: &str, xml_only: bool) -> (Option<char>, usize) {
    if let Some(num) = text.strip_prefix("&#") {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        let semicolon = usize::from(digits[len..].starts_with(';'));
        if len == 0 || (xml_only && semicolon == 0) {
            return (None, 0);
        }
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32);
        return (c, skip + len + semicolon);
    }
    let named: &[(&str, char)] = if xml_only {
        &[
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
    } else {
        &[
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&apos;", '\''),
            ("&colon;", ':'),
            ("&tab;", '\t'),
            ("&newline;", '\n'),
        ]
    };
    let lower = text.get(..10).unwrap_or(text).to_ascii_lowercase();
    for (name, c) in named {
        if lower.starts_with(name) {
            return (Some(*c), name.len());
        }
    }
    (None, 0)
}

#[cfg(test)]
mod self_tests {
    use super::executable_markup;

    #[test]
    fn the_checker_sees_what_a_browser_would_run() {
        // Each of these must be caught, or a clean result proves nothing.
        for bad in [
            "<content type=\"html\">&lt;script&gt;x&lt;/script&gt;</content>",
            "<content type=\"html\">&lt;b onclick=\"x\"&gt;b&lt;/b&gt;</content>",
            "<content type=\"html\">&lt;b OnClick=x&gt;b&lt;/b&gt;</content>",
            "<content type=\"html\">&lt;a href=\"&amp;#106;avascript:x\"&gt;</content>",
            "<content type=\"html\">&lt;a href=\"java&amp;#x09;script:x\"&gt;</content>",
            "<content type=\"html\">&lt;a href=\"JaVaScRiPt:x\"&gt;</content>",
            "<content type=\"html\">&lt;a href=\"vbscript:x\"&gt;</content>",
            "<content type=\"html\">&lt;img src=\"data:image/svg+xml,x\"&gt;</content>",
            "<content type=\"html\">&lt;a href=\"jav&amp;#97;script&amp;colon;x\"&gt;</content>",
            "<link href=\"javascript:alert(1)\"/>",
            "<description><![CDATA[<p onclick=x>t</p>]]></description>",
            "<description>&lt;![CDATA[<script>]]&gt;</description>",
            "<title>&lt;iframe src=x&gt;</title>",
        ] {
            assert!(!executable_markup(bad).is_empty(), "missed: {bad}");
        }
    }

    #[test]
    fn the_checker_leaves_text_and_safe_links_alone() {
        for good in [
            "<content type=\"html\">&amp;lt;script&amp;gt; is shown as text</content>",
            "<content type=\"html\">&lt;p title=\"x onerror=y\"&gt;t&lt;/p&gt;</content>",
            "<content type=\"html\">&lt;a href=\"https://a.fr/javascript\"&gt;</content>",
            "<link rel=\"enclosure\" href=\"https://a.fr/pdf/x.pdf\" length=\"3\"/>",
            "<summary>metadata: online</summary>",
            "<description><![CDATA[<p>&lt;img src=x onerror=y&gt;</p>]]></description>",
        ] {
            assert_eq!(executable_markup(good), Vec::<String>::new(), "{good}");
        }
    }
}
