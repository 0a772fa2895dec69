//! The format cache (`Config::format_cache`, the CLI's `--cache`, build.rs'
//! `OUT_DIR`): a run with a cache writes exactly what a run without one
//! writes, whatever the cache holds, and reuses the parts whose code did not
//! change.

use std::path::{Path, PathBuf};

use sdkgen::format::cache::Reuse;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

fn authlete() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/authlete.yaml")
}

/// The crate's files generated from `spec`, and what the cache at `cache`
/// (if any) saved.
fn generate(
    spec: &Path,
    cache: Option<&Path>,
    split: bool,
) -> (sdkgen::GeneratedCrate, Option<Reuse>) {
    let output = sdkgen::generate_file(
        spec,
        &sdkgen::Config {
            format_cache: cache.map(Path::to_owned),
            split,
            ..sdkgen::Config::default()
        },
    )
    .unwrap();
    let reuse = output.format_cache;
    (output.into_crate_files(), reuse)
}

#[test]
fn a_second_run_reuses_every_part_and_writes_the_same_crate() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("authlete.sdkgen-cache");
    let (fresh, none) = generate(&authlete(), None, false);
    assert_eq!(none, None);
    let (first, reuse) = generate(&authlete(), Some(&cache), false);
    let reuse = reuse.unwrap();
    assert_eq!(reuse.reused, 0, "nothing to reuse on the first run");
    assert!(reuse.parts > 10, "{reuse:?}");
    assert!(cache.exists());
    let (second, again) = generate(&authlete(), Some(&cache), false);
    assert_eq!(again.unwrap().reused, reuse.parts);
    assert!(
        fresh == first,
        "the first cached run differs from an uncached one"
    );
    assert!(
        fresh == second,
        "the run from the cache differs from an uncached one"
    );
}

#[test]
fn a_changed_spec_reuses_only_the_unchanged_parts() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    generate(&fixture("evolution-v1.yaml"), Some(&cache), false);
    let (cached, reuse) = generate(&fixture("evolution-v2.yaml"), Some(&cache), false);
    let reuse = reuse.unwrap();
    assert!(reuse.reused > 0, "{reuse:?}");
    assert!(reuse.reused < reuse.parts, "{reuse:?}");
    let (fresh, _) = generate(&fixture("evolution-v2.yaml"), None, false);
    assert!(
        fresh == cached,
        "the changed spec's crate differs from an uncached run"
    );
    // The cache now holds v2's parts alone: going back to v1 finds v1's
    // changed parts gone.
    let (_, back) = generate(&fixture("evolution-v1.yaml"), Some(&cache), false);
    let back = back.unwrap();
    assert!(back.reused < back.parts, "{back:?}");
}

#[test]
fn a_split_workspace_from_the_cache_is_the_same_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (fresh, _) = generate(&authlete(), None, true);
    generate(&authlete(), Some(&cache), true);
    let (cached, reuse) = generate(&authlete(), Some(&cache), true);
    let reuse = reuse.unwrap();
    assert_eq!(reuse.reused, reuse.parts);
    assert!(fresh.files.keys().any(|path| path.contains("/src/")));
    assert!(
        fresh == cached,
        "the split workspace from the cache differs"
    );
}

#[test]
fn a_damaged_or_foreign_cache_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (fresh, _) = generate(&authlete(), None, false);
    generate(&authlete(), Some(&cache), false);
    let whole = std::fs::read(&cache).unwrap();
    let header_end = whole.iter().position(|&byte| byte == b'\n').unwrap() + 1;
    let damaged: [Vec<u8>; 5] = [
        // Cut short inside an entry.
        whole[..whole.len() - 7].to_vec(),
        // Another version of sdkgen made it.
        [
            b"sdkgen format cache 0.0.0 00\n".as_slice(),
            &whole[header_end..],
        ]
        .concat(),
        // Not a cache at all.
        b"fn main() {}".to_vec(),
        // An entry's length past the end.
        [&whole[..header_end + 32], &u64::MAX.to_le_bytes()[..]].concat(),
        // A byte of an entry's text changed, every length kept: the file's
        // digest no longer matches.
        {
            let mut changed = whole.clone();
            let at = header_end + 32 + 8 + 10;
            changed[at] = if changed[at] == b'a' { b'b' } else { b'a' };
            changed
        },
    ];
    for bytes in damaged {
        std::fs::write(&cache, &bytes).unwrap();
        let (files, reuse) = generate(&authlete(), Some(&cache), false);
        assert_eq!(reuse.unwrap().reused, 0);
        assert!(fresh == files, "a run over a damaged cache differs");
        // And the run put a whole cache back.
        assert!(std::fs::read(&cache).unwrap() == whole);
    }
}

#[test]
fn runs_sharing_a_cache_at_once_each_write_the_same_crate() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let (fresh, _) = generate(&authlete(), None, false);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| generate(&authlete(), Some(&cache), false).0))
            .collect();
        for run in runs {
            assert!(run.join().unwrap() == fresh, "a concurrent run differs");
        }
    });
    // The cache left behind is whole: the next run takes every part.
    let (after, reuse) = generate(&authlete(), Some(&cache), false);
    let reuse = reuse.unwrap();
    assert_eq!(reuse.reused, reuse.parts);
    assert!(after == fresh);
    // And no staging file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn the_cli_reports_what_the_cache_saved() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // `(reused, parts)` from the line the CLI prints.
    let run = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .arg("generate")
            .arg(authlete())
            .arg("--out")
            .arg(dir.path().join("out"))
            .arg("--cache")
            .arg(&cache)
            .output()
            .unwrap();
        assert!(output.status.success());
        let stderr = String::from_utf8(output.stderr).unwrap();
        let line = stderr
            .lines()
            .find_map(|line| line.strip_suffix(" formatted parts taken from the cache"))
            .unwrap_or_else(|| panic!("no cache line in {stderr}"));
        let (reused, parts) = line.split_once(" of ").unwrap();
        let count = |n: &str| n.parse::<usize>().unwrap();
        (count(reused), count(parts))
    };
    let (reused, parts) = run();
    assert_eq!(reused, 0);
    assert!(parts > 10, "{parts}");
    assert_eq!(run(), (parts, parts));
}
