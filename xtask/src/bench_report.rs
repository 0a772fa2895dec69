//! `cargo xtask bench-report`: the table of BENCHMARKS.md, from the medians
//! the last `cargo bench -p sdkgen --bench pipeline` left in
//! `target/criterion`.

use std::fmt::Write as _;
use std::path::Path;

/// The groups of the benchmark, in its order.
const SPECS: &[&str] = &[
    "spec-authlete",
    "authlete-3.0.16",
    "k8s-apps-v1",
    "nexus",
    "github",
];

const COLUMNS: &[&str] = &[
    "load",
    "resolve",
    "emit",
    "format",
    "end_to_end",
    "module",
    "progenitor",
    "module_reformat",
    "progenitor_reformat",
];

/// Prints the table: each stage's median, and progenitor's time over ours for
/// the same output (the module build.rs writes).
pub fn run(root: &Path) -> Result<(), String> {
    let dir = root.join("target/criterion");
    if !dir.exists() {
        return Err(format!(
            "{} does not exist: run `cargo bench -p sdkgen --bench pipeline` first",
            dir.display()
        ));
    }
    let mut table = String::from(
        "| spec | load | resolve | emit | format | crate, end to end | module, end to end | \
         progenitor-impl + prettyplease | syn + prettyplease of our module, 1 thread | \
         of progenitor's | progenitor ÷ module |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for spec in SPECS {
        let medians: Vec<Option<f64>> = COLUMNS
            .iter()
            .map(|column| median(&dir.join(spec).join(column)))
            .collect();
        if medians.iter().all(Option::is_none) {
            continue;
        }
        let _ = write!(table, "| {spec} |");
        for value in &medians {
            let _ = write!(table, " {} |", value.map_or("—".to_owned(), millis));
        }
        let ratio = match (medians[6], medians[5]) {
            (Some(theirs), Some(ours)) => format!("{:.1}×", theirs / ours),
            _ => "progenitor fails".to_owned(),
        };
        let _ = writeln!(table, " {ratio} |");
    }
    println!("{table}");
    Ok(())
}

/// The median in nanoseconds of one benchmark's last run.
fn median(bench: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(bench.join("new/estimates.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

fn millis(nanos: f64) -> String {
    let ms = nanos / 1e6;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
