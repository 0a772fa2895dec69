//! Times each stage of the pipeline (load, resolve, emit, format) and the whole
//! of it, on our spec and on real ones from ../shared/specs. Run with
//! `cargo bench -p sdkgen --bench pipeline`; BENCHMARKS.md has the figures.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

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
        };
        let emitted = sdkgen::emit::emit(&resolved.api, &info, sdkgen::emit::Target::Crate);

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
        group.bench_function("emit", |b| {
            b.iter(|| sdkgen::emit::emit(&resolved.api, &info, sdkgen::emit::Target::Crate))
        });
        group.bench_function("format", |b| {
            b.iter_batched(
                || emitted.clone(),
                |emitted| sdkgen::format::format(emitted, &file).unwrap(),
                BatchSize::LargeInput,
            )
        });
        group.bench_function("end_to_end", |b| {
            b.iter(|| sdkgen::generate(&file, &text, &sdkgen::Config::default()).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
