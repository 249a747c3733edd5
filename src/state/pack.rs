//! Many kept versions in one file. A first build keeps a copy of every release, and ten
//! thousand small files cost the disk far more than their bytes (0.3–0.9 s of a clean build
//! of 10,000 here). A pack is written once, whole, and never changed; a later prune removes
//! it when none of its copies is wanted, or packs the wanted ones anew when fewer than half
//! are.
//!
//! Layout: `communique-pack 1\n`, the index's length (u64, little-endian), the index (JSON:
//! each copy's hash and length, in order), then the copies' bytes one after the other. A copy
//! read back must hash to its name, or it is not there.

use crate::publish::{PublishError, Publisher, Staged};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

const MAGIC: &[u8] = b"communique-pack 1\n";
/// A pack's file name ends with this.
pub(super) const EXTENSION: &str = "pack";

/// One copy in a pack: its hash, where its bytes start, their length.
pub(super) struct Copy {
    pub(super) hash: String,
    start: u64,
    len: u64,
}

/// Stages one pack of `copies` (hash, bytes) in `dir`, relative to the publisher's root; its
/// name is the hash of its index.
pub(super) fn stage(
    publisher: &Publisher,
    dir: &Path,
    copies: &[(String, Arc<[u8]>)],
) -> Result<Staged, PublishError> {
    let index: Vec<(&str, usize)> = copies.iter().map(|(h, b)| (h.as_str(), b.len())).collect();
    let index = serde_json::to_vec(&index).unwrap_or_default();
    let name = format!("{}.{EXTENSION}", blake3::hash(&index).to_hex());
    publisher.stage_with(&dir.join(name), |out| {
        out.write_all(MAGIC)?;
        out.write_all(&(index.len() as u64).to_le_bytes())?;
        out.write_all(&index)?;
        copies
            .iter()
            .try_for_each(|(_, bytes)| out.write_all(bytes))
    })
}

/// The copies the pack at `path` holds; `None` when it is not a pack or is damaged.
pub(super) fn index(path: &Path) -> Option<Vec<Copy>> {
    let mut file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut magic = [0u8; MAGIC.len()];
    file.read_exact(&mut magic).ok()?;
    let mut len = [0u8; 8];
    file.read_exact(&mut len).ok()?;
    let len = u64::from_le_bytes(len);
    let mut at = (MAGIC.len() as u64 + 8).checked_add(len)?;
    if magic != MAGIC || at > size {
        return None;
    }
    let mut index = vec![0; usize::try_from(len).ok()?];
    file.read_exact(&mut index).ok()?;
    let index: Vec<(String, u64)> = serde_json::from_slice(&index).ok()?;
    let copies = index.into_iter().map(|(hash, len)| {
        let start = at;
        at = at.saturating_add(len);
        Copy { hash, start, len }
    });
    let copies: Vec<Copy> = copies.collect();
    (at <= size).then_some(copies)
}

/// The bytes of `copy`, from the pack at `path`, checked against its hash.
pub(super) fn read(path: &Path, copy: &Copy) -> Option<Vec<u8>> {
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(copy.start)).ok()?;
    let mut bytes = vec![0; usize::try_from(copy.len).ok()?];
    file.read_exact(&mut bytes).ok()?;
    (blake3::hash(&bytes).to_hex().as_str() == copy.hash).then_some(bytes)
}
