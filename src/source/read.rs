//! Reads one release file defensively: only regular files inside `releases/`, within the
//! size limit, decoded to UTF-8 text with LF line ends and no XML-invalid characters.

use crate::config::Limits;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The decoded text of a release and what was repaired on the way.
#[derive(Debug)]
pub(crate) struct ReleaseText<'a> {
    /// Borrowed from the bytes read when they need no repair (the usual case: a file is
    /// then read with one allocation).
    pub(crate) text: Cow<'a, str>,
    /// What was repaired on the way (encoding, line ends, removed characters).
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Reads the raw bytes of `root/rel`. Refuses symlinks, FIFOs and devices without opening
/// them (opening a FIFO would block the whole build), and files over `limits.max_file_bytes`.
pub(crate) fn read_bytes(root: &Path, rel: &Path, limits: &Limits) -> Result<Vec<u8>, Diagnostic> {
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path)
        .map_err(|e| Diagnostic::error(rel, Problem::Io(e.to_string())))?;
    if meta.file_type().is_symlink() {
        return Err(Diagnostic::error(rel, Problem::Symlink).hint(Message::new("hint-symlink")));
    }
    if !meta.is_file() {
        return Err(Diagnostic::error(rel, Problem::NotRegularFile)
            .hint(Message::new("hint-not-regular-file")));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(rel, meta.len(), limits.max_file_bytes));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = open_regular(&path).map_err(|problem| {
        let hint = match problem {
            Problem::Symlink => Message::new("hint-symlink"),
            Problem::NotRegularFile => Message::new("hint-not-regular-file"),
            _ => Message::new("hint-permissions"),
        };
        Diagnostic::error(rel, problem).hint(hint)
    })?;
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(rel, Problem::Io(e.to_string())))?;
    // The file may have grown between stat and read.
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(rel, bytes.len() as u64, limits.max_file_bytes));
    }
    Ok(bytes)
}

/// Opens `path` only if it is still a regular file when opened: the checks above looked at
/// the name, and a symlink or a FIFO may have been swapped in since (a FIFO would block the
/// watcher forever). Not following links and not blocking, then checking what was opened,
/// closes that gap.
fn open_regular(path: &Path) -> Result<File, Problem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return Problem::Symlink;
        }
        Problem::Io(e.to_string())
    })?;
    let meta = file.metadata().map_err(|e| Problem::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(Problem::NotRegularFile);
    }
    Ok(file)
}

fn too_large(rel: &Path, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(rel, Problem::TooLarge { size, limit }).hint(Message::new("hint-too-large"))
}

/// Decodes bytes into clean text: BOM dropped, Windows-1252 accepted (Word exports) with a
/// warning giving the first invalid UTF-8 byte, CRLF/CR turned into LF, XML-invalid
/// characters removed with a warning naming their first line.
pub(crate) fn decode<'a>(rel: &Path, bytes: &'a [u8]) -> Result<ReleaseText<'a>, Diagnostic> {
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(err) => {
            let offset = err.valid_up_to();
            let (line, column) = byte_line_column(bytes, offset);
            let lossy = String::from_utf8_lossy(bytes);
            // Valid multi-byte sequences elsewhere mean a damaged UTF-8 file (a truncated
            // copy, a bad paste), not a Word export: reading it as Windows-1252 would turn
            // every accent into mojibake, so only the broken bytes are dropped.
            let damaged_utf8 = lossy.chars().any(|c| !c.is_ascii() && c != '\u{fffd}');
            let (text, hint) = if damaged_utf8 {
                (
                    lossy.replace('\u{fffd}', ""),
                    Message::new("hint-damaged-utf8"),
                )
            } else {
                let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (decoded.into_owned(), Message::new("hint-windows-1252"))
            };
            warnings.push(
                Diagnostic::warning(rel, Problem::InvalidUtf8 { offset })
                    .at(line, column)
                    .hint(hint),
            );
            Cow::Owned(text)
        }
    };
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    let (cleaned, removed, first_line) = match strip_xml_invalid(&text) {
        (Cow::Owned(cleaned), removed, line) => (Some(cleaned), removed, line),
        (Cow::Borrowed(_), removed, line) => (None, removed, line),
    };
    let text = cleaned.map_or(text, Cow::Owned);
    if removed > 0 {
        warnings.push(
            Diagnostic::warning(rel, Problem::ControlCharacters { count: removed })
                .at(first_line, 0)
                .hint(Message::new("hint-control-characters")),
        );
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(rel, Problem::Empty).hint(Message::new("hint-empty")));
    }
    Ok(ReleaseText { text, warnings })
}

/// Removes characters XML 1.0 cannot carry (the feeds' set: [`crate::text::xml`]); returns
/// the text, how many were removed and the 1-based line of the first one.
pub(crate) fn strip_xml_invalid(text: &str) -> (Cow<'_, str>, usize, usize) {
    let is_invalid = crate::text::xml::is_unwanted;
    let Some(first) = text.find(is_invalid) else {
        return (Cow::Borrowed(text), 0, 0);
    };
    let line = text[..first].matches('\n').count() + 1;
    let mut removed = 0;
    let cleaned = text
        .chars()
        .filter(|&c| {
            let bad = is_invalid(c);
            removed += usize::from(bad);
            !bad
        })
        .collect();
    (Cow::Owned(cleaned), removed, line)
}

/// Line and column of a byte, counting line ends as `decode` does afterwards: LF, CRLF and
/// a lone CR (old Mac exports; counting only LF put every error of such a file on line 1).
fn byte_line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let is_line_end =
        |i: usize| before[i] == b'\n' || (before[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    let line = (0..before.len()).filter(|&i| is_line_end(i)).count() + 1;
    let column = (0..before.len())
        .rev()
        .take_while(|&i| !is_line_end(i))
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_controls_are_repaired() {
        let out = decode(Path::new("a.md"), b"\xEF\xBB\xBFtitle\r\nline\x01two\r\n").unwrap();
        assert_eq!(out.text, "title\nlinetwo\n");
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].line, 2);
    }

    #[test]
    fn c1_controls_are_counted_where_the_feed_would_drop_them() {
        // U+0085 (NEL) in UTF-8: the feeds always dropped it silently; now the author is told.
        let out = decode(Path::new("a.md"), "titre\nligne\u{85}deux\n".as_bytes()).unwrap();
        assert_eq!(out.text, "titre\nlignedeux\n");
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].line, 2);
    }

    #[test]
    fn windows_1252_is_read_with_a_located_warning() {
        let out = decode(Path::new("a.md"), b"ok\nCommuniqu\xe9 \x93cit\xe9\x94").unwrap();
        assert_eq!(out.text, "ok\nCommuniqué “cité”");
        assert_eq!(out.warnings[0].problem, Problem::InvalidUtf8 { offset: 12 });
        assert_eq!((out.warnings[0].line, out.warnings[0].column), (2, 10));
    }

    #[test]
    fn cr_only_line_ends_are_counted() {
        let out = decode(Path::new("a.md"), b"a\rb\r\nc\r\xe9").unwrap();
        assert_eq!(out.warnings[0].problem, Problem::InvalidUtf8 { offset: 7 });
        assert_eq!((out.warnings[0].line, out.warnings[0].column), (4, 1));
    }

    #[test]
    fn damaged_utf8_keeps_its_accents() {
        let bytes: Vec<u8> = "Communiqué\n"
            .as_bytes()
            .iter()
            .copied()
            .chain([0xff, b'!'])
            .collect();
        let out = decode(Path::new("a.md"), &bytes).unwrap();
        assert_eq!(out.text, "Communiqué\n!");
        assert_eq!(out.warnings[0].problem, Problem::InvalidUtf8 { offset: 12 });
    }

    #[test]
    fn clean_text_is_borrowed_from_the_bytes_read() {
        let out = decode(
            Path::new("a.md"),
            "---\ntitle: Été\n---\ncorps\n".as_bytes(),
        )
        .unwrap();
        assert!(matches!(out.text, Cow::Borrowed(_)));
        let out = decode(Path::new("a.md"), b"a\r\nb").unwrap();
        assert!(matches!(out.text, Cow::Owned(_)));
    }

    #[test]
    fn empty_is_an_error() {
        assert!(decode(Path::new("a.md"), b"  \n\n").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_symlink_swapped_in_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("tube.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // No writer: a blocking open would never return.
            assert_eq!(open_regular(&fifo).unwrap_err(), Problem::NotRegularFile);
        }
        let target = dir.path().join("vrai.md");
        std::fs::write(&target, "x").unwrap();
        let link = dir.path().join("lien.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(open_regular(&link).unwrap_err(), Problem::Symlink);
        assert!(open_regular(&target).is_ok());
    }
}
