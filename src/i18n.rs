//! Messages in the press office's language: French when the locale says so (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`, in that order, as POSIX reads them), English otherwise.
//!
//! Every text a person reads is a [`Message`]: an id and its arguments, looked up in one Fluent
//! catalogue per language (`assets/i18n/*.ftl`). The library keeps messages as data; only the
//! moment of display chooses the language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::OnceLock;

/// The languages communique speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (`assets/i18n/en.ftl`).
    En,
    /// French (`assets/i18n/fr.ftl`).
    Fr,
}

const ENGLISH: &str = include_str!("../assets/i18n/en.ftl");
const FRENCH: &str = include_str!("../assets/i18n/fr.ftl");

impl Lang {
    /// The language of this process's locale.
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok();
        Lang::from_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    }

    /// The first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` decides: `fr…` is French.
    pub fn from_locale(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let chosen = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        if chosen.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The catalogue source, for tests that compare the two.
    pub fn catalogue(self) -> &'static str {
        match self {
            Lang::En => ENGLISH,
            Lang::Fr => FRENCH,
        }
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        static FR: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        let (cell, tag) = match self {
            Lang::En => (&EN, "en"),
            Lang::Fr => (&FR, "fr"),
        };
        cell.get_or_init(|| {
            let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Terminals show the isolation marks Fluent puts around arguments as garbage.
            bundle.set_use_isolating(false);
            // The catalogues are part of the binary and checked by tests: a syntax error
            // there is a bug, and the entries that did parse are still used.
            let resource = FluentResource::try_new(self.catalogue().to_string())
                .unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
            bundle
        })
    }

    /// `message` in this language; its id itself if the catalogue lacks it (a test forbids it).
    pub fn tr(self, message: &Message) -> String {
        if let Some(raw) = &message.raw {
            return raw.clone();
        }
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else {
            return message.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Message(inner) => args.set(*name, FluentValue::from(self.tr(inner))),
            }
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text inserted as it is.
    Text(String),
    /// Numbers choose plural forms.
    Number(i64),
    /// A message of its own (a reason inside a problem), in the same language.
    Message(Box<Message>),
}

/// A text for people, as an id in the catalogues and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The message's id in `assets/i18n/*.ftl`; empty for a raw text.
    pub id: &'static str,
    /// Named arguments (`$name` in the catalogues), in the order given.
    pub args: Vec<(&'static str, Arg)>,
    /// Text that is already final in every language (a name, a path, a quote from a file).
    raw: Option<String>,
}

impl Message {
    /// The catalogue message `id`, without arguments yet.
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
            raw: None,
        }
    }

    /// A text shown as it is, in every language.
    pub fn raw(text: impl Into<String>) -> Message {
        Message {
            id: "",
            args: Vec::new(),
            raw: Some(text.into()),
        }
    }

    /// With the text argument `name` (written with `Display`).
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// With the number argument `name`, which chooses plural forms (`i64::MAX` if larger).
    pub fn count(mut self, name: &'static str, value: impl TryInto<i64>) -> Message {
        self.args
            .push((name, Arg::Number(value.try_into().unwrap_or(i64::MAX))));
        self
    }

    /// `value` translated in the language this message is shown in.
    pub fn nested(mut self, name: &'static str, value: Message) -> Message {
        self.args.push((name, Arg::Message(Box::new(value))));
        self
    }

    /// Whether this message is final text outside the catalogues.
    pub fn is_raw(&self) -> bool {
        self.raw.is_some()
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::raw(text)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::raw(text)
    }
}

/// English, the library's language when no one chose.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.tr(self))
    }
}

#[cfg(test)]
mod tests;
