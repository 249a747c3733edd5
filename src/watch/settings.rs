//! The settings file: reloaded when it changes, kept when a new version does not parse.

use super::*;
use crate::config::Config;
use crate::i18n::Message;
use std::path::PathBuf;
use std::time::Duration;

/// The settings in force and the bytes they were read from.
pub(super) struct Settings {
    pub(super) path: Option<PathBuf>,
    pub(super) config: Config,
    /// What the file held when `config` was read (or last refused), to skip touches.
    pub(super) bytes: Option<Vec<u8>>,
}

impl Settings {
    pub(super) fn load(path: Option<PathBuf>) -> Result<Settings, WatchError> {
        let bytes = path.as_ref().and_then(|p| std::fs::read(p).ok());
        let config = Config::load(path.as_deref())?;
        Ok(Settings {
            path,
            config,
            bytes,
        })
    }

    pub(super) fn rescan_interval(&self) -> Duration {
        Duration::from_secs(self.config.rescan_seconds.max(1))
    }

    /// The new settings if the file changed and parses to something different.
    pub(super) fn reload(&mut self, on_event: &mut impl FnMut(&WatchEvent)) -> Option<Config> {
        let path = self.path.as_ref()?;
        let bytes = std::fs::read(path).ok();
        if bytes == self.bytes {
            return None;
        }
        self.bytes = bytes;
        match Config::load(Some(path)) {
            Ok(config) if config == self.config => None,
            Ok(config) => {
                self.config = config.clone();
                Some(config)
            }
            Err(err) => {
                // Mid-save or mistyped: keep publishing with what worked.
                on_event(&WatchEvent::Problem(
                    Message::new("watch-keeping-settings").arg("detail", err),
                ));
                None
            }
        }
    }
}
