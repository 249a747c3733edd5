//! `--help` in the user's language: clap's texts come from the same catalogues as every other
//! message (clap itself only speaks English, so its headings and built-in flags are replaced).

use crate::Cli;
use clap::{Arg, ArgAction, Command, CommandFactory};
use communique::i18n::{Lang, Message};

/// Subcommands and the arguments each one has.
const SUBCOMMANDS: &[(&str, &[&str])] = &[
    (
        "build",
        &[
            "releases",
            "out",
            "config",
            "state",
            "now",
            "allow_withdraw",
        ],
    ),
    ("check", &["releases", "out", "config", "state", "now"]),
    (
        "list",
        &["releases", "out", "config", "state", "now", "json"],
    ),
    ("new", &["kind", "title", "releases", "config"]),
    (
        "watch",
        &[
            "releases",
            "out",
            "config",
            "state",
            "now",
            "allow_withdraw",
            "debounce_ms",
        ],
    ),
];

/// The command line with every text in `lang`.
pub(crate) fn localized(lang: Lang) -> Command {
    let tr = |id: &'static str| lang.tr(&Message::new(id));
    let mut command = with_own_help(Cli::command(), lang).about(tr("cli-about"));
    command = command.disable_help_subcommand(true);
    for (name, args) in SUBCOMMANDS {
        command = command.mut_subcommand(*name, |mut sub| {
            sub = with_own_help(sub, lang).about(about_id(name).map(tr).unwrap_or_default());
            for arg in *args {
                if let Some(id) = arg_id(arg) {
                    let heading = tr("cli-heading-options");
                    sub = sub.mut_arg(*arg, |a| {
                        // clap writes "[default: …]" in English: say it in the help text.
                        let takes_value = a.get_action().takes_values();
                        let help = match a.get_default_values().first().filter(|_| takes_value) {
                            Some(default) => format!(
                                "{} [{} {}]",
                                tr(id),
                                tr("cli-default"),
                                default.to_string_lossy()
                            ),
                            None => tr(id),
                        };
                        // Help texts name the possible values in their own words.
                        let a = a
                            .help(help)
                            .hide_default_value(takes_value)
                            .hide_possible_values(takes_value);
                        if a.is_positional() {
                            a
                        } else {
                            a.help_heading(heading)
                        }
                    });
                }
            }
            sub
        });
    }
    command
}

/// Replaces clap's English "Usage:", "Options:", "Print help" and "Print version".
fn with_own_help(command: Command, lang: Lang) -> Command {
    let tr = |id: &'static str| lang.tr(&Message::new(id));
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr("cli-heading-usage")
    );
    let heading = tr("cli-heading-options");
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(tr("cli-heading-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(tr("cli-help"))
                .help_heading(heading.clone()),
        );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr("cli-version"))
                .help_heading(heading),
        );
    }
    command
}

fn about_id(subcommand: &str) -> Option<&'static str> {
    Some(match subcommand {
        "build" => "cli-build",
        "check" => "cli-check",
        "list" => "cli-list",
        "new" => "cli-new",
        "watch" => "cli-watch",
        _ => return None,
    })
}

fn arg_id(arg: &str) -> Option<&'static str> {
    Some(match arg {
        "releases" => "cli-arg-releases",
        "out" => "cli-arg-out",
        "config" => "cli-arg-config",
        "state" => "cli-arg-state",
        "now" => "cli-arg-now",
        "allow_withdraw" => "cli-arg-allow-withdraw",
        "json" => "cli-arg-json",
        "debounce_ms" => "cli-arg-debounce",
        "kind" => "cli-arg-kind",
        "title" => "cli-arg-title",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_is_well_formed_and_speaks_each_language() {
        for (lang, words) in [(Lang::Fr, "Afficher l'aide"), (Lang::En, "Print help")] {
            localized(lang).debug_assert();
            for (name, _) in SUBCOMMANDS {
                // Parsing builds the subcommand, which runs clap's own checks.
                let err = localized(lang)
                    .try_get_matches_from(["communique", name, "--help"])
                    .unwrap_err();
                let help = err.to_string();
                assert!(help.contains(words), "{lang:?} {name}: {help}");
                // clap's own English words never show in French.
                if lang == Lang::Fr {
                    assert!(
                        !help.contains("[default") && !help.contains("possible values"),
                        "{name}: {help}"
                    );
                }
            }
        }
        let fr = localized(Lang::Fr).render_help().to_string();
        assert!(
            fr.contains("Utilisation :") && fr.contains("Commandes"),
            "{fr}"
        );
    }
}
