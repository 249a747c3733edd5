//! An entry's full HTML content: summary, body and the parts its kind adds (PDF link,
//! attachments, agenda facts, the press article). Built as raw HTML, then sanitised once.

use super::PdfSizes;
use super::html::{Sanitizer, escape, markdown_to_html, plain_text};
use super::links::{base_for_links, link_on_page, pdf_url, site_url};
use super::time::{french_date, french_span};
use crate::config::Config;
use crate::model::{Contact, Entry, Kind};

/// The lead as Markdown: the entry's summary, else a press article's excerpt.
pub(super) fn summary_markdown(entry: &Entry) -> Option<&str> {
    entry
        .summary
        .as_deref()
        .or_else(|| entry.article.as_ref()?.excerpt.as_deref())
        .filter(|s| !s.trim().is_empty())
}

/// Sanitised HTML of the whole entry.
pub(super) fn content_html(
    entry: &Entry,
    config: &Config,
    pdfs: &PdfSizes,
    html: &Sanitizer,
) -> String {
    let mut raw = String::new();
    let page = base_for_links(entry, config);
    match entry.kind {
        Kind::Communique => communique(entry, config, pdfs, &page, &mut raw),
        Kind::Event => event(entry, config, &mut raw),
        Kind::PressReview => press_review(entry, config, &page, &mut raw),
    }
    html.clean_at(&raw, &page)
}

fn communique(entry: &Entry, config: &Config, pdfs: &PdfSizes, page: &str, out: &mut String) {
    if let Some(place) = entry.place.as_deref().filter(|p| !p.trim().is_empty()) {
        let dateline = entry.date.dateline(place.trim(), config.time_zone);
        out.push_str(&format!("<p>{}</p>\n", escape(&dateline)));
    }
    push_summary(entry, out);
    out.push_str(&markdown_to_html(&entry.body));
    if let Some(&bytes) = pdfs.get(&entry.slug) {
        out.push_str(&format!(
            "<p><a href=\"{}\">Télécharger le communiqué (PDF, {})</a></p>\n",
            escape(&pdf_url(&entry.slug, config)),
            size_label(bytes)
        ));
    }
    let attachments: Vec<String> = entry
        .attachments
        .iter()
        .filter_map(|a| {
            // Front matter paths (`uploads/x.pdf`) are the site's: the layouts put them
            // under the site root, not under the entry's page.
            let url = link_on_page(&a.url, &site_url(config))?;
            let label = if a.label.trim().is_empty() {
                url.as_str()
            } else {
                a.label.trim()
            };
            Some(format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape(&url),
                escape(label)
            ))
        })
        .collect();
    if !attachments.is_empty() {
        out.push_str(&format!("<ul>\n{}\n</ul>\n", attachments.join("\n")));
    }
    push_contact(contact_of(entry, config), page, out);
    for image in &entry.images {
        if let Some(url) = link_on_page(&image.url, &site_url(config)) {
            let alt = image.alt.as_deref().unwrap_or("");
            out.push_str(&format!(
                "<p><img src=\"{}\" alt=\"{}\"></p>\n",
                escape(&url),
                escape(alt)
            ));
        }
    }
}

fn event(entry: &Entry, config: &Config, out: &mut String) {
    push_summary(entry, out);
    if let Some(info) = &entry.event {
        if let Some(start) = &info.start {
            let span = french_span(start, info.end.as_ref(), config);
            out.push_str(&format!("<p><strong>{}</strong></p>\n", escape(&span)));
        }
        let place: Vec<String> = [&info.venue, &info.address]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(escape)
            .collect();
        if !place.is_empty() {
            // French typography: a no-break space before the colon.
            out.push_str(&format!("<p>Lieu\u{a0}: {}</p>\n", place.join("<br>")));
        }
        if !info.fields.is_empty() {
            out.push_str("<dl>\n");
            for field in &info.fields {
                let value = markdown_to_html(&field.content);
                let value = match field
                    .link
                    .as_deref()
                    .and_then(|l| link_on_page(l, &site_url(config)))
                {
                    Some(url) => format!(
                        "{value}<p><a href=\"{}\">{}</a></p>",
                        escape(&url),
                        escape(&url)
                    ),
                    None => value,
                };
                out.push_str(&format!(
                    "<dt>{}</dt>\n<dd>{value}</dd>\n",
                    escape(field.label.trim())
                ));
            }
            out.push_str("</dl>\n");
        }
    }
    out.push_str(&markdown_to_html(&entry.body));
}

fn press_review(entry: &Entry, config: &Config, page: &str, out: &mut String) {
    let Some(article) = &entry.article else {
        push_summary(entry, out);
        out.push_str(&markdown_to_html(&entry.body));
        return;
    };
    out.push_str(&format!(
        "<p><strong>{}</strong>, {}</p>\n",
        escape(article.outlet.trim()),
        escape(&french_date(&entry.date, config))
    ));
    let excerpt = article.excerpt.as_deref().filter(|e| !e.trim().is_empty());
    // The summary usually *is* the excerpt: show it once, as the quotation.
    if entry.summary.as_deref().is_some_and(|s| Some(s) != excerpt) {
        push_summary(entry, out);
    }
    if let Some(excerpt) = excerpt {
        out.push_str(&format!(
            "<blockquote>{}</blockquote>\n",
            markdown_to_html(excerpt)
        ));
    }
    out.push_str(&markdown_to_html(&entry.body));
    if let Some(url) = link_on_page(&article.url, page) {
        out.push_str(&format!(
            "<p><a href=\"{}\">Lire l'article sur {}</a></p>\n",
            escape(&url),
            escape(article.outlet.trim())
        ));
    }
}

/// The press contact the entry names, else the site's: the PDF prints the same one.
pub(super) fn contact_of<'a>(entry: &'a Entry, config: &'a Config) -> &'a Contact {
    entry.contact.as_ref().unwrap_or(&config.default_contact)
}

/// A communiqué's author for the feeds: its press contact (the person when named, else
/// the issuing body) and the contact's e-mail when it is a plain address.
pub(super) fn contact_author(entry: &Entry, config: &Config) -> (String, Option<String>) {
    let contact = contact_of(entry, config);
    let name = contact
        .name
        .as_deref()
        .map(plain_text)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| plain_text(&contact.organisation));
    let email = contact
        .email
        .as_deref()
        .map(|e| e.trim().trim_start_matches("mailto:").to_string())
        .filter(|e| is_plain_address(e));
    (name, email)
}

/// `local@domain.tld` in ASCII without spaces or brackets: what RFC 4287 `atom:email` and
/// RSS `<author>` validators accept.
fn is_plain_address(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._+-".contains(c);
    !local.is_empty()
        && local
            .chars()
            .all(|c| ok(c) || "!#$%&'*/=?^`{|}~".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// The contact block as the PDF's foot prints it: the issuing body, the person, "Tél :",
/// "Mél :" with a `mailto:` link, the role. Journalists call from the feed too.
fn push_contact(contact: &Contact, page: &str, out: &mut String) {
    let trimmed = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut lines = Vec::new();
    let organisation = contact.organisation.trim();
    if !organisation.is_empty() {
        lines.push(format!("<strong>{}</strong>", escape(organisation)));
    }
    if let Some(name) = trimmed(&contact.name) {
        lines.push(escape(&name));
    }
    if let Some(phones) = contact.phone_list() {
        lines.push(format!("Tél\u{a0}: {}", escape(&phones)));
    }
    if let Some(email) = trimmed(&contact.email) {
        let address = email.strip_prefix("mailto:").unwrap_or(&email);
        let shown = match link_on_page(&format!("mailto:{address}"), page) {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(address)),
            None => escape(address),
        };
        lines.push(format!("Mél\u{a0}: {shown}"));
    }
    if let Some(role) = trimmed(&contact.role) {
        lines.push(escape(&role));
    }
    if !lines.is_empty() {
        out.push_str(&format!(
            "<h2>Contact presse</h2>\n<p>{}</p>\n",
            lines.join("<br>")
        ));
    }
}

fn push_summary(entry: &Entry, out: &mut String) {
    if let Some(summary) = entry.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&markdown_to_html(summary));
    }
}

/// "52 Ko", "1,3 Mo": the size French sites print next to a download (rounded up).
pub(super) fn size_label(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} Ko", bytes.div_ceil(1000).max(1))
    } else {
        let tenths = bytes.div_ceil(100_000);
        format!("{},{} Mo", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_labels() {
        assert_eq!(size_label(0), "1 Ko");
        assert_eq!(size_label(51_200), "52 Ko");
        assert_eq!(size_label(1_250_000), "1,3 Mo");
    }
}
