//! PDFs made and read back: release files written by hand in a temporary folder, rendering,
//! and the tools a reader's software stands for (poppler's pdftotext, pdfinfo, pdffonts;
//! qpdf). A tool that is not installed makes its test print a SKIP line and pass.

use communique::Config;
use communique::model::Entry;
use communique::pdf::{self, Assets, PdfError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A 60×30 PNG (blue and red halves).
pub(crate) const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x3c\x00\x00\x00\x1e\x08\x02\x00\x00\x00\xff\xfa\xea\x18\x00\x00\x00\x36\x49\x44\x41\x54\x78\xda\xed\xce\x41\x0d\x00\x20\x00\x03\xb1\x73\x80\x76\x24\xe2\x04\x15\xfb\x35\xa9\x80\x56\x77\xe4\x75\x46\x92\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x5e\xa5\x3f\x35\x3e\x49\xd0\x2b\x20\x31\x67\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// A new folder `…/<n>-<name>` in this process's temporary folder: tests run in parallel
/// threads of one process, so no two calls share a folder, whatever names they give.
fn fresh_dir(name: &str) -> PathBuf {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir()
        .join(format!("communique-tests-{}", std::process::id()))
        .join(format!("{n}-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh releases folder for one test.
pub(crate) fn releases(name: &str) -> PathBuf {
    let dir = fresh_dir(name);
    std::fs::create_dir_all(dir.join("communiques")).unwrap();
    dir
}

/// Writes a communiqué with `front` front-matter lines and `body`, and loads it.
pub(crate) fn load(dir: &Path, front: &str, body: &str) -> Entry {
    let rel = Path::new("communiques/essai.md");
    let text = format!(
        "---\ntitle: \"Essai de composition\"\ndate: 2024-03-12 10:00:00 +01:00\ncategories:\n- Communiqué de presse\n{front}---\n{body}\n"
    );
    std::fs::write(dir.join(rel), text).unwrap();
    let loaded = communique::source::load_file(dir, rel, &Config::default());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.entries.into_iter().next().unwrap()
}

pub(crate) fn render_in(
    dir: &Path,
    entry: &Entry,
    config: &Config,
) -> Result<pdf::Rendered, PdfError> {
    let assets = Assets::load(&config.pdf).unwrap();
    pdf::render_in(entry, config, &assets, dir)
}

/// Renders `body` and writes the PDF beside the release; its path.
pub(crate) fn pdf_of(name: &str, front: &str, body: &str) -> PathBuf {
    let dir = releases(name);
    let entry = load(&dir, front, body);
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, rendered.bytes).unwrap();
    path
}

/// A file named `name` with `bytes`, in a fresh temporary folder; its path.
pub(crate) fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = fresh_dir(name).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The standard output of `name args…`, which must succeed; `None` (and a SKIP line) when
/// the tool is not installed.
pub(crate) fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) => {
            eprintln!("SKIP: `{name}` is not installed");
            None
        }
    }
}

/// The text layer as pdftotext extracts it (UTF-8).
pub(crate) fn text_of(path: &Path) -> Option<String> {
    tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

/// Lines joined the way a reader joins them: a soft hyphen at a line end joins the word.
pub(crate) fn joined(raw: &str) -> String {
    raw.replace("\u{AD}\n", "").replace('\u{AD}', "")
}

pub(crate) const NB: [char; 2] = ['\u{A0}', '\u{202F}'];

/// The quoted text pieces of `pdfinfo -struct-text`, joined: the text as tagged, with its
/// no-break spaces.
pub(crate) fn struct_text(tree: &str) -> String {
    tree.lines()
        .filter_map(|l| {
            let l = l.trim();
            (l.starts_with('"') && l.ends_with('"') && l.len() >= 2).then(|| &l[1..l.len() - 1])
        })
        .collect::<Vec<_>>()
        .join("")
        .replace('\u{AD}', "")
}

/// The PDF rewritten by qpdf in QDF form (uncompressed, one object per line), to read its
/// objects; `None` (and a SKIP line) when qpdf is not installed.
pub(crate) fn qdf(path: &Path) -> Option<String> {
    let out = tmp("qdf.pdf", b"");
    let Ok(status) = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(path)
        .arg(&out)
        .status()
    else {
        eprintln!("SKIP: `qpdf` is not installed");
        return None;
    };
    // 3: done, with warnings.
    assert!(
        status.success() || status.code() == Some(3),
        "qpdf: {status}"
    );
    Some(String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned())
}
