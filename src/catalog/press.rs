//! Revue de presse deduplication: the same article listed on several pages (or twice on
//! one) is one entry. Copies are grouped by normalised URL, then by normalised title and
//! day; each group keeps the key of its first origin and the richest facts of all copies.

use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::{Entry, Origin, Precision, PubDate};
use crate::text::fold;
use crate::web::host::{outlet_matches_host, readable_host};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Merges copies; `entries` must already be in input order (origin first).
pub(super) fn merge(
    entries: Vec<Arc<Entry>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<Entry>> {
    let n = entries.len();
    let mut sets = UnionFind::new(n);

    let mut by_url: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        // Article keys are minted from the normalised URL (`press_review::article_entry`),
        // so equal keys are equal URLs, without normalising thousands of URLs per publish.
        match by_url.get(e.key.as_str()) {
            Some(&first) => sets.union(first, i),
            None => {
                by_url.insert(&e.key, i);
            }
        }
    }

    // Same title and same day: the article moved (renamed outlet domain, corrected URL).
    let mut by_title: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let title = fold(&e.title).into_owned();
        // Short or generic titles ("Interview", a bare URL) would merge unrelated articles.
        if title.split(' ').count() >= 3 && title.len() >= 15 && !title.starts_with("http") {
            by_title.entry(title).or_default().push(i);
        }
    }
    for members in by_title.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if same_day(&entries[i].date, &entries[j].date) {
                    sets.union(i, j);
                }
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut first_of_root: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = sets.find(i);
        // Indices grow, so the first member seen is the group's first in input order.
        let first = *first_of_root.entry(root).or_insert(i);
        groups.entry(first).or_default().push(i);
    }

    let mut slots: Vec<Option<Arc<Entry>>> = entries.into_iter().map(Some).collect();
    let mut merged: Vec<Arc<Entry>> = groups
        .values()
        .filter_map(|members| {
            let copies: Vec<Arc<Entry>> = members.iter().filter_map(|&i| slots[i].take()).collect();
            combine(copies, diagnostics)
        })
        .collect();
    learn_outlets(&mut merged);
    merged
}

/// Same calendar day, or the same month when one copy only gives the month.
fn same_day(a: &PubDate, b: &PubDate) -> bool {
    !conflict(a, b)
}

/// True when two dates cannot be the same publication date at the coarser precision.
fn conflict(a: &PubDate, b: &PubDate) -> bool {
    let (da, db) = (a.at.date_naive(), b.at.date_naive());
    if a.precision.min(b.precision) == Precision::Month {
        da.format("%Y-%m").to_string() != db.format("%Y-%m").to_string()
    } else {
        da != db
    }
}

fn show(d: &PubDate) -> String {
    match d.precision {
        Precision::Month => d.at.format("%Y-%m").to_string(),
        Precision::Day => d.at.format("%Y-%m-%d").to_string(),
        Precision::Instant => d.at.to_rfc3339(),
    }
}

fn located(o: &Origin) -> String {
    format!("{}:{}", o.file.display(), o.line)
}

/// A title free of leftovers (URL, brackets, emphasis), then the longer one, wins.
fn title_score(title: &str) -> (bool, usize) {
    let clean = !title.contains("http") && !title.contains(['[', ']', '*', '\\', '<']);
    (clean, title.chars().count())
}

fn combine(copies: Vec<Arc<Entry>>, diagnostics: &mut Vec<Diagnostic>) -> Option<Arc<Entry>> {
    let mut copies = copies.into_iter();
    let mut merged = copies.next()?;
    let rest: Vec<Arc<Entry>> = copies.collect();
    if rest.is_empty() {
        return Some(merged);
    }
    let all: Vec<&Entry> = std::iter::once(&*merged)
        .chain(rest.iter().map(|e| &**e))
        .collect();

    // Date: the most precise; among equals, the first origin's.
    let mut chosen = 0;
    for (i, e) in all.iter().enumerate() {
        if e.date.precision > all[chosen].date.precision {
            chosen = i;
        }
    }
    let date = all[chosen].date;
    let date_origin = all[chosen].origin.clone();
    for e in &all {
        if conflict(&e.date, &date) {
            diagnostics.push(
                Diagnostic::warning(
                    &e.origin.file,
                    Problem::ConflictingDates {
                        here: show(&e.date),
                        there: show(&date),
                        other: located(&date_origin),
                    },
                )
                .at(e.origin.line, 0)
                .hint(Message::new("hint-conflicting-dates").arg("date", show(&date))),
            );
        }
    }

    // Title: cleanest, then longest; ties keep the first.
    let mut best_title = 0;
    for (i, e) in all.iter().enumerate() {
        if title_score(&e.title) > title_score(&all[best_title].title) {
            best_title = i;
        }
    }
    let title = all[best_title].title.clone();

    // Outlet named by a page beats one read off the host; the URL goes with it, since the
    // page that names the outlet is the one that was curated (renamed domains, fixed links).
    let named = all
        .iter()
        .find(|e| e.article.as_ref().is_some_and(|a| !a.outlet_from_host));
    let named_article = named.and_then(|e| e.article.clone());

    let mut excerpt: Option<(String, Option<String>)> = None;
    for e in &all {
        if let Some(x) = e.article.as_ref().and_then(|a| a.excerpt.clone())
            && excerpt
                .as_ref()
                .is_none_or(|(best, _)| x.chars().count() > best.chars().count())
        {
            excerpt = Some((x, e.summary.clone()));
        }
    }
    let section = all
        .iter()
        .find_map(|e| e.article.as_ref().and_then(|a| a.section.clone()));
    let summary = match &excerpt {
        Some((x, s)) => s.clone().or_else(|| Some(x.clone())),
        None => all.iter().find_map(|e| e.summary.clone()),
    };

    let mut also_in: Vec<Origin> = all
        .iter()
        .flat_map(|e| std::iter::once(e.origin.clone()).chain(e.also_in.iter().cloned()))
        .filter(|o| *o != merged.origin)
        .collect();
    also_in.sort();
    also_in.dedup();

    // Tags (a table's access or topics columns) of every copy, first seen first.
    let mut tags: Vec<String> = Vec::new();
    for t in all.iter().flat_map(|e| e.tags.iter()) {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }

    let merged_mut = Arc::make_mut(&mut merged);
    merged_mut.tags = tags;
    merged_mut.title = title;
    merged_mut.date = date;
    merged_mut.summary = summary;
    merged_mut.also_in = also_in;
    if let Some(article) = merged_mut.article.as_mut() {
        if let Some(named) = named_article {
            article.url = named.url;
            article.outlet = named.outlet;
            article.outlet_from_host = false;
        }
        article.excerpt = excerpt.map(|(x, _)| x);
        article.section = section;
    }
    Some(merged)
}

/// Host plus first path segment: `lemonde.fr/blog` (Binaire) is not `lemonde.fr/politique`.
fn host_and_section(url: &str) -> Option<(String, String)> {
    let parsed = url::Url::parse(url).ok()?;
    let host = readable_host(&parsed)?;
    let first = parsed
        .path_segments()
        .and_then(|mut s| s.next())
        .unwrap_or("")
        .to_string();
    Some((host, first))
}

/// The most common name, ties broken alphabetically (deterministic).
fn most_common<'a>(names: impl Iterator<Item = (&'a String, &'a usize)>) -> Option<String> {
    names
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(name, _)| name.clone())
}

/// An article whose outlet came only from its host takes the name given to the same host
/// elsewhere: first for the same host and first path segment, else for the host when the
/// name reads like it ("Acteurs publics" for acteurspublics.fr).
fn learn_outlets(entries: &mut [Arc<Entry>]) {
    let mut by_section: HashMap<(String, String), BTreeMap<String, usize>> = HashMap::new();
    let mut by_host: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for a in entries.iter().filter_map(|e| e.article.as_ref()) {
        if a.outlet_from_host {
            continue;
        }
        if let Some((host, first)) = host_and_section(&a.url) {
            *by_section
                .entry((host.clone(), first))
                .or_default()
                .entry(a.outlet.clone())
                .or_default() += 1;
            if outlet_matches_host(&a.outlet, &host) {
                *by_host
                    .entry(host)
                    .or_default()
                    .entry(a.outlet.clone())
                    .or_default() += 1;
            }
        }
    }
    for entry in entries.iter_mut() {
        let Some(a) = entry.article.as_ref().filter(|a| a.outlet_from_host) else {
            continue;
        };
        let Some((host, first)) = host_and_section(&a.url) else {
            continue;
        };
        let learned = by_section
            .get(&(host.clone(), first))
            .and_then(|m| most_common(m.iter()))
            .or_else(|| by_host.get(&host).and_then(|m| most_common(m.iter())));
        // Copied on write: the entry is shared with the source that read it.
        if let Some(name) = learned
            && let Some(a) = Arc::make_mut(entry).article.as_mut()
        {
            a.outlet = name;
            a.outlet_from_host = false;
        }
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// The smaller root becomes the parent, so a group's root is its first member.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}
