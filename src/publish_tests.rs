//! Tests of `publish`.

use super::*;

#[test]
fn writes_once_then_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    assert_eq!(
        p.write(Path::new("a/b.xml"), b"x").unwrap(),
        Outcome::Written
    );
    let before = fs::metadata(dir.path().join("a/b.xml"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(
        p.write(Path::new("a/b.xml"), b"x").unwrap(),
        Outcome::Unchanged
    );
    let after = fs::metadata(dir.path().join("a/b.xml"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(
        p.write(Path::new("a/b.xml"), b"y").unwrap(),
        Outcome::Written
    );
    assert_eq!(fs::read(dir.path().join("a/b.xml")).unwrap(), b"y");
}

#[cfg(unix)]
#[test]
fn files_are_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    p.write(Path::new("f.xml"), b"x").unwrap();
    let mode = fs::metadata(dir.path().join("f.xml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn refuses_to_leave_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(&dir.path().join("out")).unwrap();
    assert!(p.write(Path::new("../evil"), b"x").is_err());
    assert!(p.write(Path::new("/etc/evil"), b"x").is_err());
    assert!(!dir.path().join("evil").exists());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symlinked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("rapport.pdf"), b"not ours").unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("pdf")).unwrap();
    let p = Publisher::new(&out).unwrap();
    assert!(matches!(
        p.write(Path::new("pdf/x.pdf"), b"x"),
        Err(PublishError::SymlinkInOutput(_))
    ));
    assert!(p.remove(Path::new("pdf/rapport.pdf")).is_err());
    assert!(p.list(Path::new("pdf"), "pdf").is_empty());
    assert!(elsewhere.join("rapport.pdf").exists());
    assert!(!elsewhere.join("x.pdf").exists());
}

#[test]
fn staged_files_appear_only_at_commit_and_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    p.write(Path::new("feeds/old.xml"), b"old").unwrap();
    // Past SYNC_WHOLE_DISK_FROM, so the one-sync-per-disk path is taken.
    let mut staged = Vec::new();
    for i in 0..SYNC_WHOLE_DISK_FROM + 3 {
        let rel = PathBuf::from(format!("pdf/{i:03}.pdf"));
        staged.extend(p.stage(&rel, format!("pdf {i}").as_bytes()).unwrap());
    }
    staged.extend(p.stage(Path::new("feeds/old.xml"), b"new").unwrap());
    assert!(
        p.stage(Path::new("feeds/old.xml"), b"old")
            .unwrap()
            .is_none()
    );
    assert!(!dir.path().join("pdf/000.pdf").exists());
    assert_eq!(fs::read(dir.path().join("feeds/old.xml")).unwrap(), b"old");
    let written = p.commit(staged).unwrap();
    assert_eq!(written.len(), SYNC_WHOLE_DISK_FROM + 4);
    assert_eq!(written.last().unwrap(), Path::new("feeds/old.xml"));
    assert_eq!(fs::read(dir.path().join("pdf/034.pdf")).unwrap(), b"pdf 34");
    assert_eq!(fs::read(dir.path().join("feeds/old.xml")).unwrap(), b"new");
    assert_eq!(
        p.remove_stale_temp_files(),
        0,
        "no temp file is left behind"
    );
}

#[test]
fn a_few_staged_files_in_several_folders_are_committed_each_synced() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    let rels = ["atom.xml", "pdf/a.pdf", "tags/x/atom.xml", "tags/x/rss.xml"];
    let staged: Vec<Staged> = rels
        .iter()
        .filter_map(|rel| p.stage(Path::new(rel), rel.as_bytes()).unwrap())
        .collect();
    let written = p.commit(staged).unwrap();
    assert_eq!(written, rels.map(PathBuf::from));
    for rel in rels {
        assert_eq!(fs::read(dir.path().join(rel)).unwrap(), rel.as_bytes());
    }
    assert_eq!(p.remove_stale_temp_files(), 0);
}

#[test]
fn a_folder_removed_after_it_was_seen_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    p.write(Path::new("pdf/a.pdf"), b"a").unwrap();
    // Removed by hand while the same publisher still knows it.
    fs::remove_dir_all(dir.path().join("pdf")).unwrap();
    assert_eq!(
        p.write(Path::new("pdf/b.pdf"), b"b").unwrap(),
        Outcome::Written
    );
    assert_eq!(fs::read(dir.path().join("pdf/b.pdf")).unwrap(), b"b");
    // A file seen is looked at again: its bytes are compared, not remembered.
    assert_eq!(
        p.write(Path::new("pdf/b.pdf"), b"b").unwrap(),
        Outcome::Unchanged
    );
    assert_eq!(
        p.write(Path::new("pdf/b.pdf"), b"c").unwrap(),
        Outcome::Written
    );
}

#[test]
fn a_staged_file_never_committed_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    let staged = p.stage(Path::new("a.xml"), b"x").unwrap();
    assert!(staged.is_some());
    drop(staged);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn stale_temp_files_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("pdf")).unwrap();
    fs::write(dir.path().join("pdf/.communique-tmp-abc"), b"half").unwrap();
    fs::write(dir.path().join("keep.xml"), b"x").unwrap();
    let p = Publisher::new(dir.path()).unwrap();
    assert_eq!(p.remove_stale_temp_files(), 1);
    assert!(dir.path().join("keep.xml").exists());
}
