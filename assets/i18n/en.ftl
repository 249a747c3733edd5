# communique — English messages. Every id here must also be in fr.ftl (a test checks).

## What was found

problem-io = cannot read the file: { $detail }
problem-too-large = the file is { $size } bytes, over the limit of { $limit } bytes
problem-invalid-utf8 = invalid UTF-8 at byte { $offset }
problem-windows-1252 = the file is not UTF-8; read it as Windows-1252
problem-symlink = a symbolic link is not published
problem-not-regular-file = not a regular file (FIFO, device or socket)
problem-empty = the file is empty
problem-unterminated-front-matter = front matter opened with `---` is never closed
problem-front-matter-too-large = front matter is { $size } bytes, over the limit of { $limit } bytes
problem-yaml = front matter is not valid YAML: { $detail }
problem-front-matter-not-mapping = front matter must be a mapping of `key: value` lines
problem-field-shape = `{ $key }` has an unexpected shape: { $found }
problem-missing-title = no title found
problem-missing-date = no date found
problem-bad-date = `{ $value }` is not a date
problem-bad-slug = the file name gives no usable output name (slug)
problem-duplicate-output = `{ $other }` and this file produce the same output `{ $output }`
problem-control-characters = removed { $count } character(s) that XML cannot carry (control characters, U+FFFE/U+FFFF)
problem-too-deep = Markdown nested { $depth } levels deep, over the limit of { $limit }
problem-conflicting-dates = the same article is dated { $here } here and { $there } in { $other }
problem-unknown-shape = not recognised as a communiqué, an event or a revue de presse page
problem-active-link = a `{ $scheme }` link is never published as an article
problem-empty-link = the link `{ $dest }` has no address
problem-not-web-address = `{ $dest }` is not a web address
problem-relative-link = relative link `{ $dest }` read as { $url }
problem-invisible-character-in-key = the key `{ $key }` contains an invisible character
problem-duplicate-key = `{ $key }` is written twice (first on line { $first })
problem-misspelled-control = `{ $key }` is not a key communique reads, but looks like `{ $control }`: the file is held back
problem-unknown-key = unknown key `{ $key }`
problem-bad-control-value = `{ $key }: { $value }` cannot be read as yes or no: the file is held back
problem-bad-embargo = `embargo: { $value }` is not a date: the file is held back
problem-unreadable-embargo-notice = embargo notice without a readable date: "{ $notice }"
problem-embargo-notice-without-time = embargo notice without a time of day: held until midnight starting { $date }
problem-placeholder = placeholder text found: { $words }
problem-date-far-ahead = the date { $date } is more than a year ahead: the entry waits until then
problem-date-too-old = the date { $date } is before 1990: probably a typo
problem-slot-taken = this file is refused: `{ $online }` is online at the same address ({ $output })
problem-still-online = still online: the version of { $since }

problem-yaml-quote = a quote opened here is never closed
problem-yaml-tab = a tab is used for indentation
problem-yaml-colon = a value contains `: ` without quotes
problem-yaml-apostrophe = an apostrophe ends a value written between single quotes

problem-undated-article = article skipped: { $reason }
problem-ignored-file = ignored: only .md and .markdown files are read
problem-unread-format = { $format } is not read: only Markdown (.md, .markdown) files are
problem-no-article-link = article skipped: no link to the article
problem-home-page-link = article skipped: `{ $dest }` is a site's home page, not an article

problem-bad-permalink = permalink `{ $permalink }`: `:{ $placeholder }` is not a placeholder Jekyll knows
problem-link-without-scheme = link `{ $dest }` has no `https://`: read as { $url }
problem-bad-updated-date = `{ $value }` is not a date; the correction date is ignored
problem-no-site-page = the site's Jekyll build publishes no page for a file named `{ $name }`

problem-pdf-too-long = the PDF would be longer than { $limit } pages; it is not published
problem-missing-glyphs = no font can print { $chars }: the PDF is not published
problem-image-not-embedded = image `{ $src }` is not in the PDF ({ $reason }); in the body its alternative text stands in

problem-same-title-and-date = `{ $other }` publishes the same title on the same day: a copy?

## What to do

hint-bad-date = write `date: 2023-09-12 10:00:00 +02:00`, `date: 2023-09-12` or `date: 12 septembre 2023`
hint-bad-embargo = write the embargo as `2024-03-01 08:00` (Paris time) or `2024-03-01 08:00:00 +01:00`; the file stays unpublished until it reads
hint-bad-slug = name the file with letters and digits, e.g. `lancement-suite-numerique.md`
hint-check-year = check the year of the date
hint-control-characters = remove invisible control characters (often pasted from Word or a PDF)
hint-control-draft = write `draft: true` to keep the file out, or remove the line
hint-control-embargo = write `embargo: 2024-03-12 08:00` (Paris time); the file stays out until then
hint-control-published = write `published: false` to keep the file out, or remove the line
hint-control-value = write `{ $key }: true` or `{ $key }: false` (oui/non, vrai/faux are read too)
hint-damaged-utf8 = the invalid bytes were dropped; retype the text around this place
hint-did-you-mean = did you mean `{ $key }`?
hint-duplicate-key = keep one of the two lines: which one was meant cannot be guessed
hint-duplicate-output = rename one of the files: each release needs its own file name
hint-embargo-notice = write the notice as « EMBARGO JUSQU'AU 12 MARS 2024 À 8 H 00 », or add `embargo: 2024-03-12 08:00` to a front matter
hint-embargo-notice-time = add the hour to the notice, e.g. « à 8 h 00 »
hint-empty = write a title and a date, or delete the file
hint-event-date = write e.g. `2023-05-10 14:00:00 +02:00`
hint-front-matter-not-mapping = write one `key: value` per line, e.g. `title: Mon communiqué`
hint-front-matter-too-large = move long text into the body, below the closing `---`
hint-invisible-character = retype the key `{ $key }` by hand: it contains a character that does not show
hint-missing-date = add `date: 2023-09-12 10:00:00 +02:00` to the front matter, or a dateline `Paris, le 12 septembre 2023`
hint-missing-title = add `title: …` to the front matter, or a heading under “COMMUNIQUÉ DE PRESSE”
hint-no-article = list articles as `**12 septembre 2023**` followed by `[Title](https://…)`
hint-not-regular-file = only regular Markdown files are published
hint-pdf-failed = the communiqué is in the feeds without its PDF; report this with the file
hint-permissions = check the file's permissions
hint-placeholder = replace the placeholder with the final text; the file stays unpublished until then
hint-slot-taken = give this file another name, or edit the file that is online
hint-still-online = the version above stays published until this file reads again; fix it, or delete the file to withdraw it
hint-symlink = copy the file into releases/ instead of linking to it
hint-title-too-long = put the detail in `chapeau-text` or the body
hint-too-deep = flatten the nested quotes or lists
hint-too-large = split the document, or raise `limits.max-file-bytes` in communique.toml
hint-unknown-shape = put the file in releases/communiques, releases/agenda or releases/revue-de-presse, or add `layout: communique`
hint-unterminated-front-matter = close the front matter with a line containing only `---`
hint-windows-1252 = read as Windows-1252; save the file as UTF-8 to silence this
hint-yaml = check the indentation and quote values containing `:` or `#`, e.g. title: "Bilan : 2023"

hint-yaml-quote = close the quote at the end of the value, e.g. title: "Bilan 2023"
hint-yaml-tab = replace the tab with spaces
hint-yaml-colon = put the value between double quotes, e.g. title: "Bilan : 2023"
hint-yaml-apostrophe = write the value between double quotes, e.g. title: "L'État"

hint-updated-date = write `updated: 2024-03-12 10:00:00 +01:00`

hint-same-title-and-date = delete the copy, or change one of the two titles

## Command line

cli-about = DINUM press office: Markdown releases → Atom/RSS feeds and PDF communiqués
cli-build = Read releases/ and write feeds/ (only files whose bytes change are rewritten)
cli-check = Read and report problems; write nothing. Exit status 1 if any error
cli-list = Show every release and its status (published, scheduled, draft, unpublished, error)
cli-new = Start a release from a template (a draft), in the right folder; prints its path
cli-watch = Build, then rebuild what changes in releases/ until interrupted
cli-arg-releases = Directory of Markdown releases
cli-arg-out = Output directory for feeds and PDFs
cli-arg-config = Settings file (default: communique.toml if present)
cli-arg-state = Where communique keeps what it remembers between runs (default: .communique/<out name> beside the output directory)
cli-arg-now = The instant to publish at, for embargoes (`2026-12-01 08:00`, `12 mars 2026 8h00`, RFC 3339); default: now
cli-arg-allow-withdraw = Publish even if this withdraws more than half of what is online
cli-arg-json = One JSON object per line, for scripts
cli-arg-debounce = Quiet time after the last file event before rebuilding (milliseconds)
cli-arg-kind = What to start: communique, evenement or revue
cli-arg-title = Its title
cli-heading-usage = Usage:
cli-default = default:
cli-heading-options = Options
cli-heading-commands = Commands
cli-help = Print help
cli-version = Print version
cli-error = error
cli-warning = warning
cli-bad-now = `{ $value }` is not a date; write e.g. `2026-12-01 08:00` (Paris time)
cli-problem-count = { $errors } error(s), { $warnings } warning(s)
cli-lock-wait = waiting: another communique (process { $pid }) is writing to { $out }
cli-build-summary = { $summary }; { $pdfs } PDF(s) rendered; { $written } file(s) written, { $removed } removed; { $ms } ms
cli-would-withdraw = this build would withdraw { $withdrawn } of the { $published } published entries (e.g. { $examples }); nothing was written or removed
    help: check --releases; to withdraw them on purpose, run again with --allow-withdraw
cli-no-releases = { $path }: no release found; nothing was published or removed (an unmounted folder?)
    help: check --releases; to empty the feeds on purpose, run again with --allow-withdraw
cli-releases-unreadable = { $path }: cannot read the releases directory: { $detail }
cli-summary-published = { $n } published
cli-summary-scheduled = { $n } scheduled{ $next }
cli-summary-next = { " " }(next: { $at })
cli-summary-drafts = { $n ->
    [one] { $n } draft
   *[other] { $n } drafts
}
cli-summary-unpublished = { $n } unpublished
cli-summary-errors = { $n ->
    [one] { $n } error
   *[other] { $n } errors
}
cli-until = until { $at }
cli-new-bad-title = `{ $title }` gives no file name: use letters or digits
cli-new-exists = { $path } already exists: choose another title, or edit that file
cli-new-done = draft written: remove `draft: true` when it is ready, then run `communique check`
cli-watching = watching { $path } (Ctrl-C to stop)
cli-resolved = { $path }: no more problems
cli-rebuild = unused in English
cli-embargo-lifted = published now (embargo over): { $path }
cli-next-embargo = next scheduled publication: { $at }
status-published = published
status-scheduled = scheduled
status-draft = draft
status-unpublished = unpublished
status-error = error

## Typed reasons and hints (issue 11: no English prose left in diagnostics)

problem-no-dated-article = no dated article found on this press page
problem-title-too-long = title longer than { $limit } characters, cut
problem-non-utf8-file-name = file name is not UTF-8
problem-pdf-failed = { $cause }

reason-not-a-date = `{ $value }` is not a date
reason-date-above-unreadable = the date above it (line { $line }), `{ $value }`, is not a date
reason-empty-date-cell = its date cell is empty
reason-no-date-nearby = no date on its line or above it
reason-no-date-key = it has no `date`

format-html = an HTML page
format-org = an Org-mode file

image-remote = remote images are not downloaded
image-not-a-path = not a file path
image-parent-dir = `..` is not allowed in an image path
image-no-assets = no `[pdf] assets` folder is configured for `/…` images
image-unknown-folder = the release file's folder is unknown
image-too-large = { $path } is over { $limit } bytes
image-missing = { $path } does not exist
image-unreadable = { $path }: { $detail }
image-not-an-image = { $path }: not a PNG, JPEG, GIF or WebP image
image-damaged = { $path }: { $detail }

pdf-export = PDF export failed: { $detail }
pdf-unreadable = { $path }: cannot read: { $detail }
pdf-font = { $path }: unusable font: { $detail }
pdf-logo = { $path }: unusable logo: { $detail }

hint-article-web-page = link the article's web page: `[title](https://…)`
hint-article-address = put the article's address between the parentheses: `[title](https://…)`
hint-article-full-address = write the article's full address: `[title](https://…)`
hint-date-column = write the date in the row's date column, e.g. `12 mars 2024` or `2024-03-12`
hint-date-year = write the year too, e.g. `(12 mars 2019)`
hint-article-date = write its date on the line above, e.g. `**12 septembre 2023**`, or beside the link: `[Titre]({ $dest }) (12 septembre 2023)`
hint-relative-link = write the full address (https://…) if the article is not on this site
hint-press-date = write the date as `**12 septembre 2023**` (day, month in words, year)
hint-home-page-link = link the article's own page: `[Titre](https://…/article)`
hint-row-link = put the article's link in the row: `[Titre](https://…)`
hint-listed-url = article { $n } of the list: add its address: `url: https://…`
hint-listed-date = article { $n } of the list: write `date: 12 mars 2019` in the item
hint-listed-full-url = article { $n } of the list: write the article's full address: `url: https://…`
hint-no-site-page = Jekyll skips names that start with `_`, `.`, `#` or `~` or end with `~` or `.`: rename the file so that its link is a real page
hint-bad-permalink = use Jekyll's placeholders (`:title`, `:year`, `:categories`…) or a plain path such as `/espace-presse/mon-communique/`
hint-whole-address = write the whole address: `{ $url }`
hint-html-press-page = write the press list in Markdown (.md): `- [Titre](https://…) (12 mars 2019)`
hint-convert-org = convert it to Markdown (`pandoc -f org -t gfm -o x.md x.org`) to publish its articles
hint-convert-html = write the press list in Markdown (.md); an .html page is read only with YAML front matter
hint-convert-document = convert it to Markdown (.md) to publish it, or move it out of releases/
hint-rename-to-md = rename it to end in .md to publish it, or move it out of releases/
hint-foreign-file = move it out of releases/, or save it as Markdown (.md) to publish it
hint-non-utf8-file-name = rename the file with UTF-8 characters
hint-conflicting-dates = the same article is published once, dated { $date }; correct the date in the file that is wrong
hint-pdf-too-long = split the communiqué, or raise `[pdf] max-pages` in communique.toml
hint-missing-glyphs = remove these characters, or name a font that has them in `[pdf] fallback-fonts`
hint-image-not-embedded = put the image beside the release file, or under `[pdf] assets` for `/uploads/…`

## WebSub hub warnings (after `warning:`)

websub-not-told = WebSub hub { $hub } was not told that { $topic } changed: { $why }; subscribers will see it at their next poll
websub-unreachable = WebSub hub { $hub } is unreachable ({ $why }); { $count } changed feed(s) not announced, starting with { $topic }; subscribers will see them at their next poll
websub-status = the hub answered HTTP { $status }
websub-attempts = { $why }, { $attempts } attempts
websub-not-built = this communique was built without the `websub` feature

## The watcher's own problems (after `warning:`)

watch-cannot-watch = { $path }: cannot watch: { $detail }
watch-settings-not-applied = settings not applied: { $detail }
watch-rebuild-failed = rebuild failed: { $detail }
watch-keeping-settings = { $detail }; keeping the previous settings
watch-file-watcher = file watcher: { $detail }
watch-gone = the file watcher stopped unexpectedly
websub-refused = connection refused
websub-timed-out = no answer in time
websub-host-not-found = host name not found
cli-cause = caused by: { $detail }
cli-config-unreadable = { $path }: cannot read the settings file
cli-cannot-write = { $path }: cannot write
cli-signals = cannot handle Ctrl-C and stop signals
cli-output = cannot write to the standard output
asset-not-a-font = not a TrueType/OpenType font krilla can read
asset-not-png = not a PNG file; give the bloc-marque as PNG
asset-empty-png = PNG with an empty size
asset-damaged-png = unreadable PNG: { $detail }
pipeline-pdf-assets = PDF assets: { $detail }
