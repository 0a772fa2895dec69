//! How long a struct's written-out `Deserialize` (`runtime::object`: the
//! object read whole into a map, then each field taken from it) takes beside
//! serde's derive of the same struct, on a JSON array of nested objects. Run
//! with `cargo bench -p sdkgen-runtime --bench object`; BENCHMARKS.md has
//! the figures.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../tests/twins/mod.rs"]
mod twins;

use twins::{DerivedOuter, WrittenOuter};

fn decode(c: &mut Criterion) {
    let one = r#"{"name":"octocat","count":3,"size":9,"note":"a note of some length","level":2,"extra":{"x":1,"y":[1,2,3]},"data":"AAE=","more":"AQ==","most":"Ag==","html_url":"https://example.com/a/b","other":[1]}"#;
    let outer = format!(r#"{{"inner":{one},"list":[{one},{one},{one},{one}]}}"#);
    let json = format!("[{}]", vec![outer; 2000].join(","));
    // Both read the same values, or the comparison means nothing.
    let written: Vec<_> = serde_json::from_str::<Vec<WrittenOuter>>(&json)
        .unwrap()
        .into_iter()
        .map(|w| (w.0 .0, w.1.into_iter().map(|w| w.0).collect::<Vec<_>>()))
        .collect();
    let derived: Vec<_> = serde_json::from_str::<Vec<DerivedOuter>>(&json)
        .unwrap()
        .into_iter()
        .map(DerivedOuter::fields)
        .collect();
    assert_eq!(written, derived);
    let mut group = c.benchmark_group(format!("decode {} KB", json.len() / 1024));
    group.bench_function("written out", |b| {
        b.iter(|| serde_json::from_str::<Vec<WrittenOuter>>(&json).unwrap())
    });
    group.bench_function("serde derive", |b| {
        b.iter(|| serde_json::from_str::<Vec<DerivedOuter>>(&json).unwrap())
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
