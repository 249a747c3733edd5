//! Every feed's documents (its current page, then its archive pages), rendered a few at a
//! time on all threads and handed over in order. A document that shows the same items under
//! the same names as at the previous render is not rendered again: its files on disk hold
//! those bytes.

use super::archive::{self, Page};
use super::item::Item;
use super::{Config, FeedError, Fragments, OutputFile, render_document, spec};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Documents rendered at once: enough to keep every thread busy, few enough that a clean
/// build holds a handful of documents' bytes at a time.
const AT_ONCE: usize = 8;

/// What a document showed when it was last rendered, and the files it made (their bytes
/// are on disk, not kept: a large archive's feeds are hundreds of megabytes).
pub(super) struct Rendered {
    items: Vec<Arc<Item>>,
    page: Page,
    /// The feed's title and subtitle (a tag's follow its newest entry's spelling).
    names: (String, String),
    paths: Vec<PathBuf>,
}

/// What [`render_documents`] leaves for the next call.
pub(super) struct Handed {
    /// Each document handed over, by its Atom path (empty when not remembering).
    pub(super) kept: FxHashMap<String, Rendered>,
    /// Every document handed over was one the previous call made.
    pub(super) all_known: bool,
}

/// One document to hand over.
struct Document<'a> {
    feed: &'a spec::FeedSpec,
    page: Page,
    shown: &'a [&'a Arc<Item>],
    /// Entries it must keep even when too big (those in no archive page yet).
    minimum: usize,
    /// Its Atom path: its name in the cache.
    key: String,
}

/// Hands over every document of `feeds` (each with the items `shown[i]` it lists, newest
/// first), feed by feed, current page first; takes from `before` what it finds there.
pub(super) fn render_documents(
    feeds: &[spec::FeedSpec],
    shown: &[Vec<&Arc<Item>>],
    config: &Config,
    before: &mut FxHashMap<String, Rendered>,
    remember: bool,
    ready: &mut impl FnMut(&OutputFile),
) -> Result<Handed, FeedError> {
    let documents: Vec<Document> = feeds
        .iter()
        .zip(shown)
        .flat_map(|(feed, used)| documents_of(feed, used, config))
        .collect();
    // Every item of a document to render, laid out at its first use.
    let fragments = Fragments::for_items(
        documents
            .iter()
            .filter(|doc| !before.get(&doc.key).is_some_and(|b| b.shows(doc)))
            .flat_map(|doc| doc.shown.iter().copied()),
    );
    let mut handed = Handed {
        kept: FxHashMap::default(),
        all_known: !before.is_empty(),
    };
    // The first document alone: the main feed's current page is handed over soonest.
    let first = documents.len().min(1);
    let (head, rest) = documents.split_at(first);
    let render_group = |group: &[Document], reused: Vec<bool>| -> Vec<Fresh> {
        group
            .par_iter()
            .zip(reused)
            .map(|(doc, reused)| match reused {
                true => Ok(Vec::new()),
                false => render_document(
                    doc.feed,
                    doc.page,
                    doc.shown,
                    doc.minimum,
                    config,
                    &fragments,
                ),
            })
            .collect()
    };
    let render_group = &render_group;
    // Each group renders while the files of the one before are handed over (written, on a
    // clean build): the processors no longer wait for the disk, nor the disk for them.
    std::thread::scope(|scope| {
        let mut in_flight: Option<Group> = None;
        for group in std::iter::once(head).chain(rest.chunks(AT_ONCE)) {
            let reused: Vec<Option<Rendered>> = group
                .iter()
                .map(|doc| {
                    let known = before.remove(&doc.key);
                    handed.all_known &= known.is_some();
                    known.filter(|b| b.shows(doc))
                })
                .collect();
            let flags: Vec<bool> = reused.iter().map(Option::is_some).collect();
            // A group that is all reused (most of a save's) needs no thread.
            let rendering = match flags.iter().all(|reused| *reused) {
                true => Rendering::Done(flags.iter().map(|_| Ok(Vec::new())).collect()),
                false => Rendering::Running(scope.spawn(move || render_group(group, flags))),
            };
            let next = Group {
                documents: group,
                reused,
                rendering,
            };
            if let Some(done) = in_flight.replace(next) {
                hand_over(done, remember, &mut handed, ready)?;
            }
        }
        if let Some(done) = in_flight {
            hand_over(done, remember, &mut handed, ready)?;
        }
        Ok(handed)
    })
}

/// A document's files, or why it could not be rendered.
type Fresh = Result<Vec<OutputFile>, FeedError>;

/// Documents rendered together, and what was found of them at the previous render.
struct Group<'a, 'scope> {
    documents: &'a [Document<'a>],
    reused: Vec<Option<Rendered>>,
    rendering: Rendering<'scope>,
}

/// A group's documents, rendering or rendered.
enum Rendering<'scope> {
    Running(std::thread::ScopedJoinHandle<'scope, Vec<Fresh>>),
    Done(Vec<Fresh>),
}

impl Rendering<'_> {
    fn join(self) -> Vec<Fresh> {
        match self {
            Rendering::Running(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Rendering::Done(fresh) => fresh,
        }
    }
}

/// Hands over a group's files in order: those reused by name, the fresh ones whole.
fn hand_over(
    group: Group,
    remember: bool,
    handed: &mut Handed,
    ready: &mut impl FnMut(&OutputFile),
) -> Result<(), FeedError> {
    let fresh = group.rendering.join();
    for ((doc, reused), fresh) in group.documents.iter().zip(group.reused).zip(fresh) {
        let paths = match reused {
            Some(reused) => {
                for path in &reused.paths {
                    ready(&OutputFile {
                        path: path.clone(),
                        bytes: Vec::new(),
                        reused: true,
                    });
                }
                reused.paths
            }
            None => {
                let files = fresh?;
                files.iter().for_each(&mut *ready);
                files.into_iter().map(|file| file.path).collect()
            }
        };
        if remember {
            let rendered = Rendered {
                items: doc.shown.iter().map(|item| Arc::clone(item)).collect(),
                page: doc.page,
                names: (doc.feed.title.clone(), doc.feed.subtitle.clone()),
                paths,
            };
            handed.kept.insert(doc.key.clone(), rendered);
        }
    }
    Ok(())
}

impl Rendered {
    /// Whether `doc` would render the same bytes: same page, same items (by identity: an
    /// unchanged entry keeps its prepared item), same names.
    fn shows(&self, doc: &Document) -> bool {
        self.page == doc.page
            && self.items.len() == doc.shown.len()
            && self
                .items
                .iter()
                .zip(doc.shown)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && self.names.0 == doc.feed.title
            && self.names.1 == doc.feed.subtitle
    }
}

/// A feed's current document, then its archive pages from the newest.
fn documents_of<'a>(
    feed: &'a spec::FeedSpec,
    used: &'a [&'a Arc<Item>],
    config: &Config,
) -> Vec<Document<'a>> {
    let split = archive::Split::new(used.len(), config.feed_limit);
    let limit = match config.feed_limit {
        0 => usize::MAX,
        n => n,
    };
    let document = |page: Page, shown: &'a [&'a Arc<Item>], minimum: usize| Document {
        feed,
        page,
        shown,
        minimum,
        key: archive::path(&feed.dir, page, "atom.xml"),
    };
    let current = &used[..used.len().min(limit)];
    let mut documents = vec![document(
        split.current(),
        current,
        split.current_minimum(used.len()),
    )];
    for index in (0..split.full).rev() {
        let range = split.archive_range(index, used.len());
        let count = range.len();
        documents.push(document(Page::Archive { index }, &used[range], count));
    }
    documents
}
