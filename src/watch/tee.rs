//! The fast path of a save: a file closed after writing (inotify `IN_CLOSE_WRITE`) is handed
//! over at once, ahead of the debouncer, which still gets every event and hands the burst
//! over once it settles (for editors that write in several steps and platforms with no
//! close event). The later, debounced look at the same file finds it as published and costs
//! a stat.
//!
//! The debouncer builds its own watcher (`T::new`) with no room for a second receiver, so
//! [`Tee`] wraps the platform's watcher and takes its side channel from the thread that
//! builds the debouncer ([`with_side_channel`]).

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Config, Event, EventHandler, RecursiveMode, Watcher, WatcherKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent};
use std::cell::RefCell;
use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::Instant;

thread_local! {
    /// Where the next [`Tee`] built on this thread sends closed files.
    static SIDE: RefCell<Option<Sender<DebounceEventResult>>> = const { RefCell::new(None) };
}

/// Runs `build` (which builds a `Tee`) with `side` as the tee's channel for closed files.
pub(super) fn with_side_channel<R>(
    side: Sender<DebounceEventResult>,
    build: impl FnOnce() -> R,
) -> R {
    SIDE.with(|cell| *cell.borrow_mut() = Some(side));
    let built = build();
    // Not left for a later watcher built on this thread.
    SIDE.with(|cell| cell.borrow_mut().take());
    built
}

/// Whether `event` says a file opened for writing was closed: its content is complete, as
/// far as that writer goes.
pub(super) fn is_closed_after_write(event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    ) && !event.need_rescan()
}

/// The platform's watcher `W`, copying each closed-after-write event to a side channel
/// before the debouncer sees it.
pub(super) struct Tee<W> {
    inner: W,
}

impl<W: Watcher> Watcher for Tee<W> {
    fn new<F: EventHandler>(mut handler: F, config: Config) -> notify::Result<Self> {
        let side = SIDE.with(|cell| cell.borrow_mut().take());
        let inner = W::new(
            move |event: notify::Result<Event>| {
                if let (Some(side), Ok(event)) = (&side, &event)
                    && is_closed_after_write(event)
                {
                    let now = Instant::now();
                    // A closed receiver means the watcher is stopping: nothing to tell.
                    let _ = side.send(Ok(vec![DebouncedEvent::new(event.clone(), now)]));
                }
                handler.handle_event(event);
            },
            config,
        )?;
        Ok(Tee { inner })
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.inner.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.inner.unwatch(path)
    }

    fn configure(&mut self, option: Config) -> notify::Result<bool> {
        self.inner.configure(option)
    }

    fn kind() -> WatcherKind {
        W::kind()
    }
}
