//! Stage 5, write: the crate as an in-memory map of files, written so that a
//! failure leaves the output folder as it was, or compared with what is on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::format::{Formatted, FormattedModule};

/// What inside an output folder is not ours to compare or replace: a build
/// of the crate made where it stands, its lock file (a split workspace's
/// root has one), and the user's own code.
const KEEP: &[&str] = &["target", "Cargo.lock", CUSTOM_CODE];

/// The folder of the user's own code in a generated crate.
const CUSTOM_CODE: &str = "src/custom";

/// Whether the crate folder `dir` holds the user's own code (a
/// `src/custom/mod.rs`), which the crate root then declares
/// ([`crate::Config::custom_code`]).
pub fn has_custom_code(dir: &Path) -> bool {
    dir.join(CUSTOM_CODE).join("mod.rs").is_file()
}

/// A whole generated crate: file contents by path relative to the crate root,
/// with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// Every file of the crate.
    pub files: BTreeMap<String, String>,
}

impl GeneratedCrate {
    /// Lays out `formatted` as a crate: `src/lib.rs`, `src/models.rs`,
    /// `src/client.rs`, …, `Cargo.toml`, `README.md`.
    pub fn from_formatted(formatted: &Formatted) -> Self {
        Self::from_owned(formatted.clone())
    }

    /// [`from_formatted`](Self::from_formatted), taking the text rather
    /// than copying it (a large API's crate is tens of megabytes).
    pub fn from_owned(formatted: Formatted) -> Self {
        let Formatted {
            root,
            modules,
            mut files,
            ..
        } = formatted;
        files.insert("src/lib.rs".to_owned(), root);
        for module in modules {
            let mut path = format!("src/{}", module.path.join("/"));
            path.push_str(if module.has_children {
                "/mod.rs"
            } else {
                ".rs"
            });
            files.insert(path, module.text);
        }
        GeneratedCrate { files }
    }

    /// The crates of a workspace, each laid out as by
    /// [`from_owned`](Self::from_owned) in its folder (`""`: the root).
    pub fn from_crates(crates: Vec<(String, Formatted)>) -> Self {
        let mut files = BTreeMap::new();
        for (dir, formatted) in crates {
            for (path, text) in Self::from_owned(formatted).files {
                let path = if dir.is_empty() {
                    path
                } else {
                    format!("{dir}/{path}")
                };
                files.insert(path, text);
            }
        }
        GeneratedCrate { files }
    }

    /// Replaces `dir` with this crate. The files are written into a fresh folder
    /// beside `dir`, which then takes its place, so a failure at any point leaves
    /// `dir` as it was, and no file of an earlier run survives a success (except
    /// a `target/` build folder, which is moved over).
    pub fn write(&self, dir: &Path) -> Result<()> {
        let (parent, name) = split(dir)?;
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let staging = parent.join(format!(".{name}.sdkgen-new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.sdkgen-old-{}", std::process::id()));
        for leftover in [&staging, &retired] {
            if leftover.exists() {
                fs::remove_dir_all(leftover).map_err(|e| Error::io(leftover, e))?;
            }
        }
        if let Err(error) = self.write_all(&staging, dir) {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
        if dir.exists() {
            for keep in KEEP {
                let old = dir.join(keep);
                if old.exists() {
                    let new = staging.join(keep);
                    if let Some(parent) = new.parent() {
                        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                    }
                    fs::rename(&old, &new).map_err(|e| Error::io(&old, e))?;
                }
            }
            // One atomic exchange where the system has it: at no moment is
            // `dir` absent or half-written. The staging folder then holds the
            // old crate.
            if exchange(&staging, dir) {
                fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
                return Ok(());
            }
            // Elsewhere two renames, with a moment between them in which `dir`
            // is absent and the old crate sits beside it.
            fs::rename(dir, &retired).map_err(|e| Error::io(dir, e))?;
            if let Err(error) = fs::rename(&staging, dir) {
                // Put the old crate back rather than leave nothing.
                let _ = fs::rename(&retired, dir);
                return Err(Error::io(dir, error));
            }
            fs::remove_dir_all(&retired).map_err(|e| Error::io(&retired, e))?;
        } else {
            fs::rename(&staging, dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(())
    }

    /// Writes every file below `root`. A file whose text is the same as in
    /// `previous` (the folder being replaced) keeps that file's modification
    /// time: Cargo judges path dependencies by it, so a crate of a split
    /// workspace whose files did not change is not rebuilt.
    fn write_all(&self, root: &Path, previous: &Path) -> Result<()> {
        // On every core: a large API's crate has tens of thousands of files.
        self.files.par_iter().try_for_each(|(relative, contents)| {
            let path = root.join(relative);
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
            }
            fs::write(&path, contents).map_err(|e| Error::io(&path, e))?;
            let old = previous.join(relative);
            let unchanged = fs::read(&old).is_ok_and(|text| text == contents.as_bytes());
            if let (true, Ok(time)) = (unchanged, fs::metadata(&old).and_then(|m| m.modified())) {
                fs::File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|file| file.set_modified(time))
                    .map_err(|e| Error::io(&path, e))?;
            }
            Ok(())
        })
    }

    /// Compares this crate with `dir`: the relative paths of files that differ,
    /// are missing, or are on disk but not generated. Empty when up to date.
    pub fn diff(&self, dir: &Path) -> Result<Vec<String>> {
        let on_disk = files_below(dir)?;
        let mut stale: BTreeSet<String> = self
            .files
            .par_iter()
            .filter(|(relative, contents)| {
                !fs::read(dir.join(relative)).is_ok_and(|bytes| bytes == contents.as_bytes())
            })
            .map(|(relative, _)| relative.clone())
            .collect();
        for relative in on_disk {
            if !self.files.contains_key(&relative) {
                stale.insert(relative);
            }
        }
        Ok(stale.into_iter().collect())
    }

    /// `Ok` when `dir` holds exactly this crate, else [`Error::Stale`].
    pub fn check(&self, dir: &Path) -> Result<()> {
        let files = self.diff(dir)?;
        if files.is_empty() {
            Ok(())
        } else {
            Err(Error::Stale {
                dir: dir.to_owned(),
                files,
            })
        }
    }
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`);
/// `false` when the system or file system cannot, and nothing was changed.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// The folder that holds `dir`, and `dir`'s own name.
fn split(dir: &Path) -> Result<(PathBuf, String)> {
    let absolute = if dir.is_absolute() {
        dir.to_owned()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(dir, e))?
            .join(dir)
    };
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_owned(), name.to_string_lossy().into_owned())),
        _ => Err(Error::io(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the output folder must be a named folder, not a root",
            ),
        )),
    }
}

/// Every file below `dir` (none if it does not exist), as relative paths with
/// `/`, leaving out the folders in `KEEP`.
fn files_below(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let here = dir.join(&relative);
        for entry in fs::read_dir(&here).map_err(|e| Error::io(&here, e))? {
            let entry = entry.map_err(|e| Error::io(&here, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = relative.join(&name);
            let is_dir = entry.file_type().map_err(|e| Error::io(&here, e))?.is_dir();
            if is_dir {
                let path = child.to_string_lossy().replace('\\', "/");
                if !KEEP.contains(&path.as_str()) {
                    pending.push(child);
                }
            } else if !KEEP.contains(&child.to_string_lossy().replace('\\', "/").as_str()) {
                let parts: Vec<String> = child
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The whole crate as one module source for build.rs: the root's items with each
/// `pub mod name;` replaced by the module written inline.
pub fn single_module(formatted: &Formatted) -> String {
    let mut out = String::with_capacity(
        formatted.root.len()
            + formatted
                .modules
                .iter()
                .map(|m| m.text.len() + 32)
                .sum::<usize>(),
    );
    inline_children(&mut out, &formatted.root, &[], formatted);
    // The examples in rustdoc name the generated crate (`authlete::Client`),
    // which does not exist where the code is a module of another crate: they
    // stay as documentation but are not doctests there.
    out.replace("/// ```rust,no_run", "/// ```rust,ignore")
}

/// Appends `text`, the module at `path`, with each child's declaration in it
/// replaced by the child written inline. The declarations are looked for in
/// the module's own text only, and the output is written once, front to back.
fn inline_children(out: &mut String, text: &str, path: &[String], formatted: &Formatted) {
    let mut children: Vec<(usize, usize, &str, &FormattedModule)> = formatted
        .modules
        .iter()
        .filter_map(|module| {
            let (name, _) = module
                .path
                .split_last()
                .filter(|(_, parent)| *parent == path)?;
            let declaration = format!("pub mod {name};");
            let at = text.find(&declaration)?;
            Some((at, declaration.len(), name.as_str(), module))
        })
        .collect();
    children.sort_by_key(|(at, ..)| *at);
    let mut done = 0;
    for (at, len, name, module) in children {
        out.push_str(&text[done..at]);
        out.push_str("pub mod ");
        out.push_str(name);
        out.push_str(" {\n");
        inline_children(out, &module.text, &module.path, formatted);
        out.push_str("\n}");
        done = at + len;
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_keeps_the_modification_time_of_unchanged_files_only() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let files = |b: &str| GeneratedCrate {
            files: BTreeMap::from([
                ("crates/a/src/lib.rs".to_owned(), "fn a() {}".to_owned()),
                ("src/lib.rs".to_owned(), b.to_owned()),
            ]),
        };
        files("fn b() {}").write(&dir).unwrap();
        let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        for path in ["crates/a/src/lib.rs", "src/lib.rs"] {
            let file = fs::File::options()
                .write(true)
                .open(dir.join(path))
                .unwrap();
            file.set_modified(long_ago).unwrap();
        }
        files("fn b2() {}").write(&dir).unwrap();
        let modified = |path: &str| fs::metadata(dir.join(path)).unwrap().modified().unwrap();
        assert_eq!(modified("crates/a/src/lib.rs"), long_ago);
        assert_ne!(modified("src/lib.rs"), long_ago);
        assert_eq!(
            fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            "fn b2() {}"
        );
    }

    #[test]
    fn a_single_module_writes_each_child_inline_where_it_is_declared() {
        let module = |path: &[&str], text: &str| FormattedModule {
            path: path.iter().map(|p| (*p).to_owned()).collect(),
            has_children: false,
            text: text.to_owned(),
        };
        let formatted = Formatted {
            root: "pub mod a;\npub mod b;\nfn root() {}".to_owned(),
            // Listed out of order, and `b` names a `pub mod a;` of its own
            // in a comment that is no declaration of the root's.
            modules: vec![
                module(&["b"], "// pub mod a;\npub mod c;"),
                module(&["a"], "/// ```rust,no_run\nfn a() {}"),
                module(&["b", "c"], "fn c() {}"),
            ],
            files: BTreeMap::new(),
        };
        assert_eq!(
            single_module(&formatted),
            "pub mod a {\n/// ```rust,ignore\nfn a() {}\n}\npub mod b {\n// pub mod a;\npub mod c {\nfn c() {}\n}\n}\nfn root() {}"
        );
    }

    fn krate(files: &[(&str, &str)]) -> GeneratedCrate {
        GeneratedCrate {
            files: files
                .iter()
                .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn write_replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        krate(&[("a.txt", "1"), ("src/old.rs", "x")])
            .write(&out)
            .unwrap();
        krate(&[("a.txt", "2")]).write(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "2");
        assert!(!out.join("src/old.rs").exists(), "stale file survived");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders left behind");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_are_exchanged_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join("file"), "was a").unwrap();
        fs::write(b.join("file"), "was b").unwrap();
        assert!(exchange(&a, &b), "renameat2(RENAME_EXCHANGE) refused here");
        assert_eq!(fs::read_to_string(a.join("file")).unwrap(), "was b");
        assert_eq!(fs::read_to_string(b.join("file")).unwrap(), "was a");
    }

    #[test]
    fn target_folder_and_lock_file_survive_a_rewrite() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        krate(&[("a.txt", "1")]).write(&out).unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/x"), "build").unwrap();
        fs::write(out.join("Cargo.lock"), "# locked").unwrap();
        krate(&[("a.txt", "2")]).write(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("target/debug/x")).unwrap(),
            "build"
        );
        assert_eq!(
            fs::read_to_string(out.join("Cargo.lock")).unwrap(),
            "# locked"
        );
        assert_eq!(
            krate(&[("a.txt", "2")]).diff(&out).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn custom_code_survives_a_rewrite_and_is_not_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        krate(&[("src/lib.rs", "1")]).write(&out).unwrap();
        fs::create_dir_all(out.join("src/custom")).unwrap();
        fs::write(out.join("src/custom/mod.rs"), "// mine").unwrap();
        krate(&[("src/lib.rs", "2")]).write(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("src/custom/mod.rs")).unwrap(),
            "// mine"
        );
        assert!(krate(&[("src/lib.rs", "2")]).diff(&out).unwrap().is_empty());
        // A stray file elsewhere in `src/` is still ours to remove.
        fs::write(out.join("src/stray.rs"), "").unwrap();
        assert_eq!(
            krate(&[("src/lib.rs", "2")]).diff(&out).unwrap(),
            ["src/stray.rs"]
        );
    }

    #[test]
    fn failed_write_leaves_the_folder_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        krate(&[("a.txt", "1")]).write(&out).unwrap();
        // A file and a folder of the same path cannot both be written.
        let bad = krate(&[("x", "file"), ("x/y", "under a file")]);
        assert!(bad.write(&out).is_err());
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "1");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn diff_lists_changed_missing_and_extra_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        krate(&[("same", "s"), ("changed", "old"), ("extra", "e")])
            .write(&out)
            .unwrap();
        let now = krate(&[("same", "s"), ("changed", "new"), ("missing", "m")]);
        assert_eq!(now.diff(&out).unwrap(), ["changed", "extra", "missing"]);
        assert!(matches!(now.check(&out), Err(Error::Stale { .. })));
    }
}
