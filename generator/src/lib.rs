//! sdkgen turns an OpenAPI 3.0 or 3.1 document into an idiomatic async Rust SDK crate.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`load`] (text to document) → [`resolve`] (document to [`ir`]) → [`emit`]
//! (IR to token streams per file) → [`format`](mod@format) (prettyplease, on every core) → [`write`](mod@write)
//! (the crate as an in-memory file map, written atomically or compared).
//!
//! Front-ends: [`generate`] for a whole crate (the CLI and `cargo xtask
//! codegen`), [`build_rs`] for a build script that writes a module into
//! `OUT_DIR`.

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod load;
pub mod naming;
pub mod pointer;
pub mod resolve;
mod runtime;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, Location, Result, Warning};
pub use write::GeneratedCrate;

/// What to generate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The package name of the generated crate; by default made from the spec's
    /// title (`Authlete API` → `authlete-api`).
    pub crate_name: Option<String>,
    /// Fail on the first warning instead of generating around it.
    pub strict: bool,
    /// How the API signs its webhooks, over the spec's `x-webhook-signature`:
    /// `standard-webhooks`, `hub-signature` or `timestamped`.
    pub webhook_signature: Option<String>,
    /// What `sdkgen.toml` customises ([`config::Settings::for_spec`] finds it).
    pub settings: config::Settings,
    /// Whether the output folder holds the user's own code in `src/custom/`
    /// (a `mod.rs`), which the crate root then declares.
    pub custom_code: bool,
    /// Write a workspace instead of one crate ([`emit::split`]): a crate of
    /// the types, one per tag's operations, and a facade re-exporting them
    /// under the unsplit crate's paths. Ignored by [`generate_module`].
    pub split: bool,
    /// A file that keeps formatted code between runs ([`format::cache`]):
    /// read when it is there and usable, then replaced by this run's. A
    /// part of the crate whose code is unchanged since the last run is not
    /// formatted again. [`build_rs`] keeps one in `OUT_DIR`.
    pub format_cache: Option<PathBuf>,
    /// Whether [`Output::examples`] is filled: every JSON example of the
    /// spec's responses and schemas, paired with the generated type it must
    /// read into (for tests that read them). Off by default: the examples
    /// of a large spec's responses are tens of megabytes to copy, and the
    /// crate itself needs none of them.
    pub example_cases: bool,
}

/// The result of a generation run, held in memory.
#[derive(Debug, Clone)]
pub struct Output {
    /// Each crate's text with its folder (`""`: the root crate).
    formatted: Vec<(String, format::Formatted)>,
    /// What was passed over or repaired in the spec.
    pub warnings: Vec<Warning>,
    /// How many operations the client has.
    pub operations: usize,
    /// How many named types were generated.
    pub types: usize,
    /// The spec's JSON examples with the generated type each must read
    /// into; empty unless [`Config::example_cases`] asks for them.
    pub examples: Vec<emit::ExampleCase>,
    /// The generated type of each component schema: `(JSON pointer, Rust
    /// path from outside the crate)`.
    pub schema_types: Vec<(String, String)>,
    /// Paginated operations, counted by what showed their pages (`Link
    /// header`, `cursor`, …), in name order.
    pub paged: Vec<(String, usize)>,
    /// Operations that look paged but were left alone (ambiguous shapes).
    pub paging_unclear: usize,
    /// Operations whose response can be read as a stream.
    pub streamed: usize,
    /// How much the format cache saved, when there was one
    /// ([`Config::format_cache`]).
    pub format_cache: Option<format::cache::Reuse>,
}

impl Output {
    /// The files of the crate (`Cargo.toml`, `README.md`, `src/…`, and
    /// its runtime crate's, `runtime/…`, or a split workspace's crates').
    pub fn crate_files(&self) -> GeneratedCrate {
        GeneratedCrate::from_crates(self.formatted.clone())
    }

    /// [`crate_files`](Self::crate_files) without a copy of the text.
    pub fn into_crate_files(self) -> GeneratedCrate {
        GeneratedCrate::from_crates(self.formatted)
    }
}

/// The result of [`generate_module`]: the client's code as one module.
#[derive(Debug, Clone)]
pub struct ModuleOutput {
    /// The module's source, for `include!` from a build script's `OUT_DIR`.
    pub source: String,
    /// What was passed over or repaired in the spec.
    pub warnings: Vec<Warning>,
    /// How many operations the client has.
    pub operations: usize,
    /// How many named types were generated.
    pub types: usize,
}

/// Runs the whole pipeline on the text of a spec. `spec_name` names it in errors
/// and in the generated headers (give a file name, not a machine's path, so
/// that the output does not depend on where it runs).
pub fn generate(spec_name: &str, text: &str, config: &Config) -> Result<Output> {
    run(spec_name, text, config, emit::Target::Crate)
}

/// Like [`generate`], but only the code, as one module to include into
/// another crate (what [`build_rs`] writes): no `Cargo.toml`, README or
/// pages, no blocking client and no per-tag features, which belong to a crate
/// (a module has no features of its own). Less to do, so faster.
pub fn generate_module(spec_name: &str, text: &str, config: &Config) -> Result<ModuleOutput> {
    let output = run(spec_name, text, config, emit::Target::Module)?;
    Ok(ModuleOutput {
        source: write::single_module(&output.formatted[0].1),
        warnings: output.warnings,
        operations: output.operations,
        types: output.types,
    })
}

/// Most errors after loading know only a JSON pointer; the text gives its line
/// and column.
fn with_position(mut error: Error, text: &str) -> Error {
    if let Error::Spec { location, .. } = &mut error {
        if location.line_column.is_none() {
            location.line_column = load::position(text, &location.pointer);
        }
    }
    error
}

fn run(spec_name: &str, text: &str, config: &Config, target: emit::Target) -> Result<Output> {
    let read = read(spec_name, text, config).map_err(|error| with_position(error, text))?;
    make(spec_name, read, config, target)
}

/// What a spec's text gives: the IR and the warnings. The rest of a run
/// reads no text, so a caller that owns it can free it first.
struct Read {
    api: ir::Api,
    warnings: Vec<Warning>,
}

/// Loads and resolves `text`, with `config`'s checks. Its errors carry JSON
/// pointers ([`with_position`] adds line and column).
fn read(spec_name: &str, text: &str, config: &Config) -> Result<Read> {
    if let Some(problem) = config
        .crate_name
        .as_deref()
        .and_then(naming::crate_name_problem)
    {
        return Err(Error::Config(problem));
    }
    let load::Loaded { doc, mut warnings } = load::load(spec_name, text)?;
    let examples = if config.example_cases {
        resolve::Examples::All
    } else {
        resolve::Examples::ForDocs
    };
    let mut resolved = resolve::resolve_with(spec_name, &doc, &config.settings, examples)?;
    // The IR holds all emit needs: the document's memory is free for the
    // formatted text (a large spec's document is hundreds of megabytes).
    drop(doc);
    if let Some(scheme) = &config.webhook_signature {
        resolved.api.webhook_signature =
            resolve::parse_signature(&serde_json::Value::String(scheme.clone()))
                .map_err(Error::Config)?;
    }
    warnings.append(&mut resolved.warnings);
    if let (true, Some(first)) = (config.strict, warnings.first()) {
        return Err(Error::Spec {
            file: spec_name.to_owned(),
            location: first.location.clone(),
            message: format!("{} (--strict makes this warning an error)", first.message),
        });
    }
    Ok(Read {
        api: resolved.api,
        warnings,
    })
}

/// Emits and formats the crate (or module) of a read spec.
fn make(spec_name: &str, read: Read, config: &Config, target: emit::Target) -> Result<Output> {
    let Read { mut api, warnings } = read;
    let info = emit::CrateInfo {
        name: config
            .crate_name
            .clone()
            .unwrap_or_else(|| naming::crate_name(&api.title)),
        version: emit::crate_version(&api.version),
        spec_name: spec_name.to_owned(),
        custom_code: config.custom_code,
    };
    let lib = naming::lib_name(&info.name);
    // A module has no features, and its caller no use for the examples.
    let schema_types = match target {
        emit::Target::Crate => emit::schema_types(&api, &lib),
        emit::Target::Module => {
            api.drop_features();
            Vec::new()
        }
    };
    let mut paged = std::collections::BTreeMap::<String, usize>::new();
    let mut paging_unclear = 0;
    for op in &api.operations {
        match &op.paging {
            ir::Paging::Paged(pagination) => {
                *paged.entry(pagination.source.clone()).or_default() += 1
            }
            ir::Paging::Unclear(_) => paging_unclear += 1,
            ir::Paging::Single => {}
        }
    }
    let streamed = api
        .operations
        .iter()
        .filter(|op| op.streaming.is_some())
        .count();
    let mut cache = config
        .format_cache
        .as_deref()
        .map(format::cache::Cache::load);
    let formatted = if config.split && target == emit::Target::Crate {
        split(&api, &info, spec_name, cache.as_mut())?
    } else {
        let emitted = emit::emit(&api, &info, target);
        let mut crates = vec![(
            String::new(),
            format::format(emitted, spec_name, cache.as_mut())?,
        )];
        if target == emit::Target::Crate {
            crates.push((
                naming::RUNTIME_DIR.to_owned(),
                format::format(emit::runtime_crate(&api, &info), spec_name, cache.as_mut())?,
            ));
        }
        crates
    };
    if let (Some(cache), Some(path)) = (&cache, &config.format_cache) {
        cache.save(path)?;
    }
    let format_cache = cache.as_ref().map(format::cache::Cache::reuse);
    // Last, when the code is made: the examples move out of the IR rather
    // than being copied while the formatted text grows.
    let examples = match (target, config.example_cases) {
        (emit::Target::Crate, true) => emit::take_example_cases(&mut api, &lib),
        _ => Vec::new(),
    };
    Ok(Output {
        formatted,
        warnings,
        operations: api.operations.len(),
        types: api.types.len(),
        examples,
        schema_types,
        paged: paged.into_iter().collect(),
        paging_unclear,
        streamed,
        format_cache,
    })
}

/// The crates of a split workspace ([`Config::split`]), formatted one after
/// the other (each on every core), with their folders.
fn split(
    api: &ir::Api,
    info: &emit::CrateInfo,
    spec_name: &str,
    mut cache: Option<&mut format::cache::Cache>,
) -> Result<Vec<(String, format::Formatted)>> {
    let plan = resolve::split::plan(api, &info.name);
    let mut crates = vec![
        (
            String::new(),
            format::format(
                emit::split::facade(api, info, &plan),
                spec_name,
                cache.as_deref_mut(),
            )?,
        ),
        (
            plan.models_dir.clone(),
            format::format(
                emit::split::models_crate(api, info, &plan),
                spec_name,
                cache.as_deref_mut(),
            )?,
        ),
    ];
    let mut group_api = emit::split::groups_api(api);
    for group in &plan.groups {
        emit::split::set_group(&mut group_api, api, group);
        let emitted = emit::split::group_crate(&group_api, api, info, &plan, group);
        crates.push((
            group.dir.clone(),
            format::format(emitted, spec_name, cache.as_deref_mut())?,
        ));
    }
    Ok(crates)
}

/// The IR of a spec: what [`generate`] would emit, before it emits it. The
/// breaking-change report ([`diff_specs`]) compares two.
pub fn api(spec_name: &str, text: &str, config: &Config) -> Result<ir::Api> {
    let loaded = load::load(spec_name, text).map_err(|error| with_position(error, text))?;
    let mut resolved = resolve::resolve_with(
        spec_name,
        &loaded.doc,
        &config.settings,
        resolve::Examples::All,
    )
    .map_err(|error| with_position(error, text))?;
    if let Some(scheme) = &config.webhook_signature {
        resolved.api.webhook_signature =
            resolve::parse_signature(&serde_json::Value::String(scheme.clone()))
                .map_err(Error::Config)?;
    }
    Ok(resolved.api)
}

/// The breaking-change report between the crates generated from the specs
/// at `old` and `new`.
pub fn diff_specs(old: &Path, new: &Path, config: &Config) -> Result<diff::Report> {
    let read = |path: &Path| -> Result<ir::Api> {
        let (name, text) = read_spec(path)?;
        api(&name, &text, config)
    };
    Ok(diff::compare(&read(old)?, &read(new)?))
}

/// Every operation's call as the generated crate's docs make it, for a
/// harness that calls them all (`cargo xtask conformance`); `crate_name` is
/// the crate's package name.
pub fn harness_calls(
    spec_name: &str,
    text: &str,
    crate_name: &str,
) -> Result<emit::harness::Calls> {
    let loaded = load::load(spec_name, text).map_err(|error| with_position(error, text))?;
    let resolved =
        resolve::resolve(spec_name, &loaded.doc).map_err(|error| with_position(error, text))?;
    Ok(emit::harness::calls(
        &resolved.api,
        &naming::lib_name(crate_name),
    ))
}

/// Reads the spec at `path` and runs [`generate`] on it, naming it by its file
/// name.
pub fn generate_file(path: &Path, config: &Config) -> Result<Output> {
    let (name, text) = read_spec(path)?;
    let read = read(&name, &text, config).map_err(|error| with_position(error, &text))?;
    // A large spec's text is tens of megabytes that making the code never
    // reads.
    drop(text);
    make(&name, read, config, emit::Target::Crate)
}

/// Reads the spec at `path` and runs [`generate_module`] on it, naming it by
/// its file name.
pub fn generate_module_file(path: &Path, config: &Config) -> Result<ModuleOutput> {
    let (name, text) = read_spec(path)?;
    generate_module(&name, &text, config)
}

fn read_spec(path: &Path) -> Result<(String, String)> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, text))
}

/// For build scripts: generates the client for the spec at `spec` (relative
/// to the package being built) into `$OUT_DIR/{module}.rs`, customised by
/// the `sdkgen.toml` beside the spec when there is one, tells Cargo to rerun
/// when either changes, and prints warnings as Cargo warnings. Include it with
///
/// ```text
/// mod authlete {
///     include!(concat!(env!("OUT_DIR"), "/authlete.rs"));
/// }
/// ```
///
/// The including crate needs the dependencies a generated crate has (the
/// README's build.rs section lists them): `bytes`, `form_urlencoded`,
/// `futures-util` (with `std`), `httpdate`, `percent-encoding`, `reqwest`
/// (with `json`, `multipart` and `stream`), `serde` (with `derive`),
/// `serde_json` (with `float_roundtrip` and `preserve_order`), `tokio` (with
/// `fs`, `sync` and `time`), `eventsource-stream` when an operation streams,
/// `uuid` (with `v4`) when the client makes idempotency keys, and `base64`,
/// `hex`, `hmac` and `sha2` when the API sends webhooks or callbacks. A
/// module has no `tracing` feature: its calls are not traced.
pub fn build_rs(spec: impl AsRef<Path>, module: &str) -> Result<PathBuf> {
    let spec = spec.as_ref();
    println!("cargo:rerun-if-changed={}", spec.display());
    let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
        Error::io(
            "OUT_DIR",
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "OUT_DIR is not set: build_rs runs inside a build script",
            ),
        )
    })?;
    let (settings, config_file) = config::Settings::for_spec(spec, None)?;
    if let Some(path) = config_file {
        println!("cargo:rerun-if-changed={}", path.display());
    } else {
        // Cargo then notices one that appears.
        let beside = spec
            .parent()
            .unwrap_or(Path::new("."))
            .join(config::FILE_NAME);
        println!("cargo:rerun-if-changed={}", beside.display());
    }
    // The same OUT_DIR serves every build of this package with the same
    // dependencies: the next run after a spec change formats only what
    // changed.
    let config = Config {
        settings,
        format_cache: Some(Path::new(&out_dir).join(format!("{module}.sdkgen-cache"))),
        ..Config::default()
    };
    let output = generate_module_file(spec, &config)?;
    for warning in &output.warnings {
        println!(
            "cargo:warning=sdkgen: {}: {}",
            warning.location, warning.message
        );
    }
    let path = Path::new(&out_dir).join(format!("{module}.rs"));
    std::fs::write(&path, output.source).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
