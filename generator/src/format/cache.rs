//! A cache of formatted text for runs that generate the same spec again (a
//! build script after a spec change, `generate --cache`): a part whose
//! tokens are those of a part of the last run takes that part's text
//! instead of being parsed and printed again. Parsing and printing are
//! about two thirds of formatting's work; making the tokens is not saved.
//!
//! The key is the SHA-256 of the tokens' text, so a part is reused only
//! when its code is the same to the character. A cache made by another
//! version of sdkgen, or by a formatter that prints a probe differently,
//! is not read; neither is one that is cut short or otherwise damaged (a
//! SHA-256 of the whole ends the file): it is rebuilt, never trusted in
//! part.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A part's key: the SHA-256 of its code as text.
pub type Key = [u8; 32];

/// The key of `code`.
pub fn key(code: &str) -> Key {
    Sha256::digest(code.as_bytes()).into()
}

/// How many parts of a run came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    /// Parts whose text the last run had formatted.
    pub reused: usize,
    /// Every part formatted or reused.
    pub parts: usize,
}

/// The formatted text of the last run's parts, and what this run made.
#[derive(Debug, Default)]
pub struct Cache {
    previous: HashMap<Key, String>,
    current: Vec<(Key, String)>,
    hits: usize,
}

impl Cache {
    /// The cache in `path`, or an empty one when there is none or it cannot
    /// be used (another sdkgen or formatter made it, or it is malformed).
    pub fn load(path: &Path) -> Self {
        let previous = fs::read(path)
            .ok()
            .and_then(|bytes| read_entries(&bytes))
            .unwrap_or_default();
        Cache {
            previous,
            ..Cache::default()
        }
    }

    /// The text the last run formatted for the code keyed `key`.
    pub(crate) fn get(&self, key: &Key) -> Option<&str> {
        self.previous.get(key).map(String::as_str)
    }

    /// Records what this run formatted (or reused) for `key`; `hit` when it
    /// came from the last run.
    pub(crate) fn record(&mut self, key: Key, text: String, hit: bool) {
        self.hits += usize::from(hit);
        self.current.push((key, text));
    }

    /// How much of this run the cache saved.
    pub fn reuse(&self) -> Reuse {
        Reuse {
            reused: self.hits,
            parts: self.current.len(),
        }
    }

    /// Replaces the cache in `path` with this run's parts alone, so that it
    /// never holds more than one run's text. Written beside under a name of
    /// its own (two runs sharing a cache never write into one file) and
    /// renamed, so a reader never sees half of it; the SHA-256 of the rest
    /// ends it, so that a file damaged anyhow is not read.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut bytes = header().into_bytes();
        let mut seen = std::collections::HashSet::new();
        for (key, text) in &self.current {
            if seen.insert(key) {
                bytes.extend_from_slice(key);
                bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
                bytes.extend_from_slice(text.as_bytes());
            }
        }
        let digest: Key = Sha256::digest(&bytes).into();
        bytes.extend_from_slice(&digest);
        let staging = staging_path(path);
        fs::write(&staging, bytes).map_err(|e| Error::io(&staging, e))?;
        fs::rename(&staging, path).map_err(|e| {
            let _ = fs::remove_file(&staging);
            Error::io(path, e)
        })
    }
}

/// A name beside `path` that no other run writes at the same time: the
/// process and a count within it.
fn staging_path(path: &Path) -> std::path::PathBuf {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}-{count}.sdkgen-new", std::process::id()));
    path.with_file_name(name)
}

/// The first line of a cache file: what made it. The probe's key changes
/// when the formatter prints the same code differently, which a new
/// prettyplease may do without a new sdkgen.
fn header() -> String {
    let probe: String = key(&super::unparse_text(PROBE).unwrap_or_default())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!(
        "sdkgen format cache {} {probe}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Code in the shapes the generated crates have: docs, attributes, a long
/// signature, a match, a builder chain, generics and a closure.
const PROBE: &str = r#"
    #[doc = " A thing.\n\n `code` and [links](https://example.com)."]
    #[derive(Debug, Clone)]
    #[non_exhaustive]
    pub struct Thing<'a, T: Clone + Send> { pub name: Option<&'a str>, pub rest: std::collections::BTreeMap<String, T> }
    impl<'a, T: Clone + Send> Thing<'a, T> {
        pub fn call(&self, request: super::operations::SomeRatherLongRequestName) -> super::runtime::pending::Pending<'_, super::models::AResponseType, super::models::AnErrorType> {
            self.core.exchange(request, |core, request| { let builder = core.request(reqwest::Method::GET, &["/a/", request.id.as_str()].concat(), &query); Ok(builder) },
                |response| match response.status().as_u16() { 200 => response.json(), 403 | 404 => response.api_error(), _ => response.unexpected() })
        }
    }
"#;

/// The entries of a cache file, or `None` when it is not one this build
/// can use.
fn read_entries(bytes: &[u8]) -> Option<HashMap<Key, String>> {
    let (body, digest) = bytes.split_last_chunk::<32>()?;
    if Sha256::digest(body).as_slice() != digest {
        return None;
    }
    let expected = header();
    let mut rest = body.strip_prefix(expected.as_bytes())?;
    let mut entries = HashMap::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_first_chunk::<32>()?;
        let (length, after) = after.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        if after.len() < length {
            return None;
        }
        let (text, after) = after.split_at(length);
        entries.insert(*key, String::from_utf8(text.to_vec()).ok()?);
        rest = after;
    }
    Some(entries)
}
