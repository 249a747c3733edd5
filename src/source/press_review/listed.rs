//! Articles listed in a page's front matter, as old Jekyll pages do:
//! `communiques: [{title, date: "12 mars 2019", url, media}]`. An item that cannot be
//! published is named in a warning, never dropped in silence.

use super::{ArticleFacts, article_entry};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem, UndatedReason};
use crate::i18n::Message;
use crate::model::{Entry, Origin};
use crate::source::dates::parse_date;
use crate::source::fields::{get, text};
use crate::source::front_matter::Document;
use serde_json::Value;
use std::path::Path;

// Keys of one listed article, each with its aliases, from the one table.
use crate::source::keys::nested::{
    ARTICLE_DATE as DATE, ARTICLE_EXCERPT as EXCERPT, ARTICLE_OUTLET as OUTLET,
    ARTICLE_TITLE as TITLE, ARTICLE_URL as URL,
};

/// Whether the front matter holds a list of articles (maps with a link).
pub(crate) fn has_list(doc: &Document<'_>) -> bool {
    matches!(crate::source::keys::ARTICLES.get(&doc.fields), Some(Value::Array(items))
        if items.iter().any(|i| i.as_object().is_some_and(|m| get(m, URL).is_some())))
}

pub(crate) fn articles(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    let Some(Value::Array(items)) = crate::source::keys::ARTICLES.get(&doc.fields) else {
        return (entries, diagnostics);
    };
    let line = crate::source::keys::ARTICLES.line(doc);
    for (n, item) in items.iter().enumerate() {
        let Some(map) = item.as_object() else {
            continue;
        };
        let title = text(get(map, TITLE)).unwrap_or_default();
        // The hint names the item: the whole list is on one key's line.
        let warn = |problem: Problem, hint: Message| {
            Diagnostic::warning(rel, problem)
                .at(line, 0)
                .hint(hint.count("n", n + 1))
        };
        let Some(url) = text(get(map, URL)) else {
            if !title.is_empty() {
                diagnostics.push(warn(
                    Problem::NoArticleLink,
                    Message::new("hint-listed-url"),
                ));
            }
            continue;
        };
        let date = text(get(map, DATE));
        let Some(date_read) = date
            .as_deref()
            .and_then(|d| parse_date(d, config.time_zone))
        else {
            let reason = match date {
                Some(value) => UndatedReason::NotADate { value },
                None => UndatedReason::NoDateKey,
            };
            diagnostics.push(warn(
                Problem::UndatedArticle { reason },
                Message::new("hint-listed-date"),
            ));
            continue;
        };
        let outlet = text(get(map, OUTLET));
        let excerpt = text(get(map, EXCERPT));
        let facts = ArticleFacts {
            title: &title,
            url: &url,
            outlet: outlet.as_deref(),
            section: None,
            excerpt: excerpt.as_deref(),
        };
        let origin = Origin {
            file: rel.to_path_buf(),
            line,
        };
        match article_entry(origin, date_read, &facts) {
            Some(entry) => entries.push(entry),
            None => diagnostics.push(warn(
                Problem::NotWebAddress { dest: url },
                Message::new("hint-listed-full-url"),
            )),
        }
    }
    (entries, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter;

    #[test]
    fn listed_articles_and_the_ones_that_cannot_be() {
        let page = "---\ntitle: Presse\ncommuniques:\n  - title: Un\n    date: 12 mars 2019\n    url: https://www.lemonde.fr/a\n\
                    \x20 - titre: Deux\n    date: 12 March 2019\n    lien: https://www.lesechos.fr/b\n    media: Les Echos\n\
                    \x20 - title: Trois\n    date: bientôt\n    url: https://a.fr/c\n\
                    \x20 - title: Quatre\n    url: https://a.fr/d\n\
                    \x20 - title: Cinq\n    date: 2019-03-12\n---\n";
        let config = Config::default();
        let doc = front_matter::parse(Path::new("p.html"), page, &config.limits).unwrap();
        assert!(has_list(&doc));
        let (entries, diags) = articles(Path::new("p.html"), &doc, &config);
        let got: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.article.as_ref().unwrap().outlet.as_str(),
                )
            })
            .collect();
        assert_eq!(got, [("Un", "Le Monde"), ("Deux", "Les Échos")]);
        let said: Vec<String> = diags.iter().map(|d| d.problem.to_string()).collect();
        assert_eq!(
            said,
            [
                "article skipped: `bientôt` is not a date",
                "article skipped: it has no `date`",
                "article skipped: no link to the article",
            ]
        );
        assert!(diags.iter().all(|d| d.line == 3));
    }
}
