//! Times each stage of the pipeline (load, resolve, emit, format) and the whole
//! of it, on our spec and on real ones from ../shared/specs, beside
//! progenitor-impl on the specs it can read. Run with
//! `cargo bench -p sdkgen --bench pipeline`, then `cargo xtask bench-report`
//! for the table; BENCHMARKS.md has the figures. With the default features
//! the process runs on mimalloc, as the CLI does; add `--no-default-features`
//! for the system allocator (as a build script has unless it sets one).

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

/// The CLI's allocator, for ours and progenitor alike; `--no-default-features`
/// times both with the system's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `(name, path from the repository root)`.
const SPECS: &[(&str, &str)] = &[
    ("spec-authlete", "spec/authlete.yaml"),
    (
        "authlete-3.0.16",
        "../shared/specs/authlete/authlete-3.0.16.yaml",
    ),
    (
        "k8s-apps-v1",
        "../shared/specs/corpus/k8s_apis__apps__v1.json",
    ),
    ("nexus", "../shared/specs/corpus/omicron_nexus.json"),
    (
        "github",
        "../shared/specs/corpus/github_api.github.com.json",
    ),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// progenitor-impl as its build.rs users run it: the spec read by serde into
/// openapiv3, `generate_tokens`, then syn and prettyplease into one file.
/// `None` when it refuses the spec; a panic (its `unimplemented!`s) is the
/// caller's to catch.
fn progenitor(json: bool, text: &str) -> Option<String> {
    let doc: openapiv3::OpenAPI = if json {
        serde_json::from_str(text).ok()?
    } else {
        serde_yaml::from_str(text).ok()?
    };
    let mut generator =
        progenitor_impl::Generator::new(&progenitor_impl::GenerationSettings::default());
    let tokens = generator.generate_tokens(&doc).ok()?;
    let file: syn::File = syn::parse2(tokens).ok()?;
    Some(prettyplease::unparse(&file))
}

/// Rust source read by syn and printed by prettyplease.
fn reformat(source: &str) -> String {
    prettyplease::unparse(&syn::parse_file(source).unwrap())
}

/// Whether progenitor makes a client of the spec: tried once, quietly.
fn progenitor_handles(json: bool, text: &str) -> bool {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let made = std::panic::catch_unwind(|| progenitor(json, text).is_some()).unwrap_or(false);
    std::panic::set_hook(hook);
    made
}

fn stages(c: &mut Criterion) {
    for (name, path) in SPECS {
        let text = std::fs::read_to_string(root().join(path))
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        let file = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let loaded = sdkgen::load::load(&file, &text).unwrap();
        let resolved = sdkgen::resolve::resolve(&file, &loaded.doc).unwrap();
        let info = sdkgen::emit::CrateInfo {
            name: sdkgen::naming::crate_name(&resolved.api.title),
            version: "0.1.0".to_owned(),
            spec_name: file.clone(),
            custom_code: false,
        };
        let crate_target = sdkgen::emit::Target::Crate;
        let json = file.ends_with(".json");

        let mut group = c.benchmark_group(*name);
        // A GitHub run takes about a second: few samples, but enough.
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("load", |b| {
            b.iter(|| sdkgen::load::load(&file, &text).unwrap())
        });
        group.bench_function("resolve", |b| {
            b.iter(|| sdkgen::resolve::resolve(&file, &loaded.doc).unwrap())
        });
        // Emit's work on one thread: the pages, and every part's tokens.
        group.bench_function("emit", |b| {
            b.iter(|| {
                let emitted = sdkgen::emit::emit(&resolved.api, &info, crate_target);
                for module in &emitted.modules {
                    if let sdkgen::emit::ModuleBody::Tokens(parts) = &module.body {
                        parts.iter().for_each(|part| drop(part.tokens()));
                    }
                }
                emitted
            })
        });
        // The formatter makes each part's tokens on the thread that formats
        // it, so this is emit's making of the code and the formatting, on
        // every core (the pages are made before, untimed).
        group.bench_function("format", |b| {
            b.iter_batched(
                || sdkgen::emit::emit(&resolved.api, &info, crate_target),
                |emitted| sdkgen::format::format(emitted, &file, None).unwrap(),
                BatchSize::LargeInput,
            )
        });
        // The CLI's work: a whole crate, pages and all, in memory.
        group.bench_function("end_to_end", |b| {
            b.iter(|| sdkgen::generate(&file, &text, &sdkgen::Config::default()).unwrap())
        });
        // build.rs' work, and what progenitor makes: the code as one module.
        group.bench_function("module", |b| {
            b.iter(|| sdkgen::generate_module(&file, &text, &sdkgen::Config::default()).unwrap())
        });
        // build.rs' rerun with every part in its cache (the spec unchanged,
        // or changed where no part of the code shows it).
        let cache_dir = tempfile::tempdir().unwrap();
        let cached = sdkgen::Config {
            format_cache: Some(cache_dir.path().join("cache")),
            ..sdkgen::Config::default()
        };
        sdkgen::generate_module(&file, &text, &cached).unwrap();
        group.bench_function("module_cached", |b| {
            b.iter(|| sdkgen::generate_module(&file, &text, &cached).unwrap())
        });
        // The floor under any formatting of our output: syn reading the
        // module's text and prettyplease printing it, on one thread.
        let module = sdkgen::generate_module(&file, &text, &sdkgen::Config::default()).unwrap();
        group.bench_function("module_reformat", |b| b.iter(|| reformat(&module.source)));
        if progenitor_handles(json, &text) {
            group.bench_function("progenitor", |b| {
                b.iter(|| progenitor(json, &text).unwrap())
            });
            // How much of progenitor's time is the same formatting of its own
            // (smaller) output.
            let theirs = progenitor(json, &text).unwrap();
            group.bench_function("progenitor_reformat", |b| b.iter(|| reformat(&theirs)));
        } else {
            eprintln!("{name}: progenitor-impl refuses or panics on this spec; not timed");
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
