//! The press room, `feeds/index.html`: one static page a journalist bookmarks. Latest
//! communiqués (date, lead, PDF with its size), upcoming and past events, the latest press
//! coverage by outlet, and every subscription link with short instructions.
//!
//! Plain HTML in French with inline CSS: no script, no external resource, no XSLT. Links to
//! feeds and PDFs are relative (the page sits beside them); every text is escaped.

use super::archive::{self, Page};
use super::content::size_label;
use super::html::{escape, plain_text};
use super::item::Item;
use super::links::entry_link;
use super::spec::{FeedSpec, Selection};
use super::time::{french_date, french_span, local};
use crate::config::Config;
use crate::model::{Entry, Kind, PubDate};
use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;
use std::fmt::Write;
use std::sync::Arc;

const CSS: &str = include_str!("pressroom.css");
const LATEST_COMMUNIQUES: usize = 10;
const PAST_EVENTS: usize = 10;
const LATEST_ARTICLES: usize = 30;
const LEAD_CHARS: usize = 320;

/// What the page is made of.
pub(super) struct Room<'a> {
    /// The catalog, newest first.
    pub entries: &'a [Arc<Entry>],
    pub feeds: &'a [FeedSpec],
    /// Entries per feed, as `feeds`.
    pub counts: &'a [usize],
    pub items: &'a FxHashMap<&'a str, Arc<Item>>,
    pub config: &'a Config,
    /// Splits the agenda into upcoming and past events.
    pub now: DateTime<FixedOffset>,
}

pub(super) fn render(room: &Room<'_>) -> String {
    let config = room.config;
    let site = escape(&plain_text(&config.site_title));
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>Espace presse — {site}</title>");
    for (feed, _) in room.feeds.iter().zip(room.counts) {
        for (file, mime, format) in FORMATS {
            let _ = writeln!(
                out,
                "<link rel=\"alternate\" type=\"{mime}\" title=\"{} ({format})\" href=\"{}\">",
                escape(&feed.title),
                escape(&archive::url(&feed.dir, CURRENT, file, config))
            );
        }
    }
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/calendar\" title=\"Agenda (iCalendar)\" href=\"{}\">",
        escape(&ics_url(config))
    );
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>");
    out.push_str("<a class=\"lien-evitement\" href=\"#contenu\">Aller au contenu</a>\n");
    let _ = writeln!(
        out,
        "<header>\n<p class=\"marque\">République<br>française</p>\n<p class=\"site\">{site}</p>\n</header>"
    );
    out.push_str("<main id=\"contenu\">\n<h1>Espace presse</h1>\n");
    out.push_str("<p>Les communiqués, l’agenda et la revue de presse de l’agence, et tous les moyens de les suivre : <a href=\"#abonnements\">s’abonner</a>.</p>\n");
    communiques(room, &mut out);
    agenda(room, &mut out);
    press(room, &mut out);
    subscriptions(room, &mut out);
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer><p>{site} — page produite avec les flux, sans script ni ressource externe.</p></footer>\n</body>\n</html>"
    );
    out
}

const CURRENT: Page = Page::Current { prev: None };
const FORMATS: [(&str, &str, &str); 3] = [
    ("atom.xml", "application/atom+xml", "Atom"),
    ("rss.xml", "application/rss+xml", "RSS"),
    ("feed.json", "application/feed+json", "JSON Feed"),
];

fn ics_url(config: &Config) -> String {
    super::ical::url(config)
}

/// The calendar's `webcal:` address: calendar apps subscribe (and refresh) on a click.
fn webcal_url(config: &Config) -> String {
    let url = ics_url(config);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    format!("webcal://{rest}")
}

fn time(date: &PubDate, config: &Config) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        local(date.at, config).format("%Y-%m-%d"),
        escape(&french_date(date, config))
    )
}

fn title(entry: &Entry, item: Option<&Arc<Item>>) -> String {
    item.map(|item| item.title.clone())
        .unwrap_or_else(|| plain_text(&entry.title))
}

fn communiques(room: &Room<'_>, out: &mut String) {
    let config = room.config;
    out.push_str("<section aria-labelledby=\"communiques\">\n<h2 id=\"communiques\">Derniers communiqués</h2>\n");
    let latest: Vec<&Arc<Entry>> = room
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Communique)
        .take(LATEST_COMMUNIQUES)
        .collect();
    if latest.is_empty() {
        out.push_str("<p>Aucun communiqué publié.</p>\n</section>\n");
        return;
    }
    out.push_str("<ul class=\"liste\">\n");
    for entry in latest {
        let item = room.items.get(entry.key.as_str());
        let _ = write!(
            out,
            "<li>\n<h3><a href=\"{}\">{}</a></h3>\n<p class=\"date\">{}</p>\n",
            escape(&entry_link(entry, config)),
            escape(&title(entry, item)),
            time(&entry.date, config)
        );
        if let Some(lead) = item.and_then(|i| i.summary.as_deref()) {
            let lead = shorten(&plain_text(lead), LEAD_CHARS);
            if !lead.is_empty() {
                let _ = writeln!(out, "<p class=\"chapo\">{}</p>", escape(&lead));
            }
        }
        if let Some(pdf) = item.and_then(|i| i.pdf.as_ref()) {
            let _ = writeln!(
                out,
                "<p><a href=\"pdf/{}.pdf\" type=\"application/pdf\">Télécharger le communiqué<span class=\"sr-only\"> « {} »</span> (PDF, {})</a></p>",
                escape(&entry.slug),
                escape(&title(entry, item)),
                size_label(pdf.length)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n<p><a href=\"communiques/atom.xml\">Tous les communiqués (flux Atom)</a></p>\n</section>\n");
}

fn agenda(room: &Room<'_>, out: &mut String) {
    let config = room.config;
    out.push_str("<section aria-labelledby=\"agenda\">\n<h2 id=\"agenda\">Agenda</h2>\n");
    let events: Vec<(&Arc<Entry>, PubDate)> = room
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Event)
        .map(|e| (e, e.event.as_ref().and_then(|i| i.start).unwrap_or(e.date)))
        .collect();
    let ends = |(e, start): &(&Arc<Entry>, PubDate)| {
        e.event
            .as_ref()
            .and_then(|i| i.end)
            .map_or(start.at, |end| end.at.max(start.at))
    };
    let (mut upcoming, mut past): (Vec<_>, Vec<_>) = events
        .into_iter()
        .partition(|event| ends(event) >= room.now);
    upcoming.sort_by(|a, b| a.1.at.cmp(&b.1.at).then_with(|| a.0.key.cmp(&b.0.key)));
    past.sort_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.key.cmp(&b.0.key)));
    past.truncate(PAST_EVENTS);
    for (heading, list, none) in [
        ("À venir", &upcoming, "Aucun événement annoncé."),
        ("Passés", &past, "Aucun événement passé."),
    ] {
        let _ = writeln!(out, "<h3>{heading}</h3>");
        if list.is_empty() {
            let _ = writeln!(out, "<p>{none}</p>");
            continue;
        }
        out.push_str("<ul class=\"liste\">\n");
        for (entry, start) in list.iter() {
            let item = room.items.get(entry.key.as_str());
            let info = entry.event.as_ref();
            let end = info.and_then(|i| i.end);
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a>\n<p class=\"date\">{}</p>\n",
                escape(&entry_link(entry, config)),
                escape(&title(entry, item)),
                escape(&french_span(start, end.as_ref(), config))
            );
            let place: Vec<String> = info
                .into_iter()
                .flat_map(|i| [&i.venue, &i.address])
                .flatten()
                .map(|s| plain_text(s))
                .filter(|s| !s.is_empty())
                .collect();
            if !place.is_empty() {
                let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&place.join(", ")));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<p>Ajouter l’agenda à votre calendrier : <a href=\"{}\">s’abonner (webcal)</a> ou <a href=\"agenda/agenda.ics\" type=\"text/calendar\">télécharger le fichier iCalendar</a>.</p>\n</section>",
        escape(&webcal_url(config))
    );
}

fn press(room: &Room<'_>, out: &mut String) {
    let config = room.config;
    out.push_str("<section aria-labelledby=\"revue\">\n<h2 id=\"revue\">Revue de presse</h2>\n");
    // Outlets in the order of their latest article; articles newest first within each.
    let mut outlets: Vec<(String, Vec<&Arc<Entry>>)> = Vec::new();
    for entry in room
        .entries
        .iter()
        .filter(|e| e.kind == Kind::PressReview)
        .take(LATEST_ARTICLES)
    {
        let outlet = entry
            .article
            .as_ref()
            .map(|a| plain_text(&a.outlet))
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "Autres médias".to_string());
        match outlets.iter_mut().find(|(name, _)| *name == outlet) {
            Some((_, list)) => list.push(entry),
            None => outlets.push((outlet, vec![entry])),
        }
    }
    if outlets.is_empty() {
        out.push_str("<p>Aucun article recensé.</p>\n");
    }
    for (outlet, articles) in outlets {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"liste\">", escape(&outlet));
        for entry in articles {
            let item = room.items.get(entry.key.as_str());
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"date\">— {}</span></li>",
                escape(&entry_link(entry, config)),
                escape(&title(entry, item)),
                time(&entry.date, config)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn subscriptions(room: &Room<'_>, out: &mut String) {
    let config = room.config;
    out.push_str("<section aria-labelledby=\"abonnements\" class=\"abonnements\">\n<h2 id=\"abonnements\">S’abonner</h2>\n");
    out.push_str(concat!(
        "<ul>\n",
        "<li><strong>Lecteur de flux</strong> (Feedly, Inoreader, NetNewsWire, Thunderbird…) : copiez l’adresse d’un flux <strong>Atom</strong> ou <strong>RSS</strong> ci-dessous et collez-la dans « Ajouter un abonnement ». Les deux contiennent la même chose ; Atom est le plus précis.</li>\n",
        "<li><strong>Outils de rédaction et automatisations</strong> : le format <strong>JSON Feed</strong> se lit directement par un programme. Chaque flux renvoie à ses archives : rien n’est perdu au-delà des derniers éléments.</li>\n",
        "<li><strong>Calendrier</strong> (Outlook, Google Agenda, Apple Calendrier) : abonnez-vous à l’adresse <code>webcal</code> de l’agenda ; les événements se mettent à jour d’eux-mêmes.</li>\n",
        "</ul>\n",
    ));
    let _ = writeln!(
        out,
        "<p>Agenda au format iCalendar : <a href=\"{}\">s’abonner dans mon calendrier</a> — adresse à copier : <code>{}</code></p>",
        escape(&webcal_url(config)),
        escape(&ics_url(config))
    );
    out.push_str("<h3>Par rubrique</h3>\n<ul>\n");
    let (tags, main): (Vec<_>, Vec<_>) = room
        .feeds
        .iter()
        .zip(room.counts)
        .partition(|(feed, _)| matches!(feed.selection, Selection::Tag(_)));
    for (feed, count) in main {
        let name = match feed.selection {
            Selection::All => "Tout (communiqués, agenda, revue de presse)".to_string(),
            _ => feed.label.clone(),
        };
        feed_line(feed, &name, *count, out);
    }
    out.push_str("</ul>\n");
    if !tags.is_empty() {
        out.push_str("<h3>Par thème</h3>\n<ul>\n");
        for (feed, count) in tags {
            feed_line(feed, &feed.label, *count, out);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// "Communiqués de presse (12) : Atom · RSS · JSON Feed", each link named in full for
/// screen readers.
fn feed_line(feed: &FeedSpec, name: &str, count: usize, out: &mut String) {
    let name = escape(name);
    let _ = write!(out, "<li>{name} ({count}) : ");
    for (i, (file, mime, format)) in FORMATS.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let _ = write!(
            out,
            "<a href=\"{}{file}\" type=\"{mime}\">{format}<span class=\"sr-only\"> — {name}</span></a>",
            escape(&feed.dir)
        );
    }
    out.push_str("</li>\n");
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
