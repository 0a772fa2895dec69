//! `cargo xtask corpus [DIR…]`: generates a crate for every spec in the folders
//! (default: ../shared/specs/authlete, corpus and openapi-3.1), compiles them
//! all in one cargo workspace with one target folder, and prints a table.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The feature the corpus test builds each crate with: it writes back every
/// value it reads (and reads what it writes), so it needs both of serde's
/// impls of every type. Clippy and rustdoc see the crate as users get it,
/// with the impls by direction.
const FULL_SERDE: &str = "full-serde";

use crate::roundtrip;
use crate::spec_json;
use crate::validate::Schemas;

/// The dev profile of the workspaces xtask writes, as the repository's own
/// (see its Cargo.toml): line tables for our crates, no debug info for
/// dependencies.
pub const DEV_PROFILE: &str =
    "\n[profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n";

/// One spec's results.
#[derive(Debug)]
pub struct Row {
    /// The spec's file name.
    pub spec: String,
    /// The generated crate's folder name (and package name).
    pub krate: String,
    /// Operations and named types generated, when generation succeeded.
    pub counts: Option<(usize, usize)>,
    /// Generation time, load to formatted files in memory.
    pub generate_ms: u128,
    /// Lines of Rust generated.
    pub lines: usize,
    /// Spec warnings (constructs passed over or repaired).
    pub warnings: usize,
    /// Paginated operations by what showed their pages, operations left
    /// alone as ambiguous, and streamed operations.
    pub paging: (Vec<(String, usize)>, usize, usize),
    /// `Ok(clippy warnings)` when the crate compiled, else the first errors.
    pub check: Result<usize, String>,
    /// Seconds `cargo clippy` took on the crate (dependencies already built).
    pub check_seconds: f64,
    /// rustdoc's warnings on the crate (`cargo doc`), when it compiled: each
    /// would fail `RUSTDOCFLAGS="-D warnings" cargo doc`.
    pub doc_warnings: Option<Vec<String>>,
    /// Doctests passed and run (`cargo test --doc`), when asked for.
    pub doctests: Option<(usize, usize)>,
    /// Examples that round-tripped, and how many the spec has.
    pub examples: (usize, usize),
    /// Examples that did not: the spec's pointer and why (spec defects, where
    /// the example contradicts the schema, or sdkgen bugs).
    pub example_failures: Vec<String>,
    /// The random values drawn for the round trip, when it ran.
    pub plan: Option<roundtrip::Plan>,
    /// How the random values came back, when the round trip ran.
    pub roundtrip: Option<roundtrip::Report>,
}

/// What `run` does beside generating, compiling and linting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also compile every example of the crates' docs (`cargo test --doc`).
    pub doctests: bool,
    /// Also read random values of every component schema into the
    /// generated types and back.
    pub roundtrip: Option<roundtrip::Settings>,
    /// Lint and build every crate in one cargo run first, on every core,
    /// so that the per-crate runs after it only read the results (the
    /// test's way: faster, but the `clippy s` column then times a replay).
    pub batch: bool,
}

/// The spec files (YAML or JSON) in `dirs`, sorted.
pub fn specs_in(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}

/// The package name for a spec file: `corpus-` and its stem in kebab case.
fn crate_name(spec: &Path) -> String {
    let stem = spec.file_stem().unwrap_or_default().to_string_lossy();
    let mut name = String::from("corpus");
    for part in stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        name.push('-');
        name.push_str(&part.to_ascii_lowercase());
    }
    name
}

/// Generates every spec into `workspace` (a cargo workspace of its own, made
/// anew) and checks each crate with clippy, sharing `target_dir`.
pub fn run(
    specs: &[PathBuf],
    workspace: &Path,
    target_dir: &Path,
    options: Options,
) -> Result<Vec<Row>, String> {
    if workspace.exists() {
        std::fs::remove_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    }
    std::fs::create_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    let mut rows = Vec::new();
    // Each row's validator of its spec's schemas, kept for judging what the
    // round trip writes back.
    let mut judges: Vec<Option<Schemas>> = Vec::new();
    for spec in specs {
        let krate = crate_name(spec);
        let started = Instant::now();
        let config = sdkgen::Config {
            crate_name: Some(krate.clone()),
            strict: false,
            webhook_signature: None,
            // Read into the generated types by the examples test below.
            example_cases: true,
            ..sdkgen::Config::default()
        };
        let generated = sdkgen::generate_file(spec, &config);
        let generate_ms = started.elapsed().as_millis();
        let mut row = Row {
            spec: spec
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            krate: krate.clone(),
            counts: None,
            generate_ms,
            lines: 0,
            warnings: 0,
            paging: (Vec::new(), 0, 0),
            check: Err(String::new()),
            check_seconds: 0.0,
            doc_warnings: None,
            doctests: None,
            examples: (0, 0),
            example_failures: Vec::new(),
            plan: None,
            roundtrip: None,
        };
        let mut judge = None;
        match generated {
            Ok(output) => {
                let files = output.crate_files();
                row.counts = Some((output.operations, output.types));
                row.warnings = output.warnings.len();
                row.paging = (output.paged.clone(), output.paging_unclear, output.streamed);
                row.lines = files
                    .files
                    .iter()
                    .filter(|(path, _)| path.ends_with(".rs"))
                    .map(|(_, text)| text.lines().count())
                    .sum();
                let dir = workspace.join(&krate);
                files.write(&dir).map_err(|e| e.to_string())?;
                row.examples.1 = output.examples.len();
                let mut test = examples_test(&output.examples);
                if let Some(settings) = options.roundtrip {
                    let doc = spec_json::read(spec)?;
                    let schemas = Schemas::new(&doc).map_err(|e| format!("{}: {e}", row.spec))?;
                    let plan = roundtrip::plan(&doc, &schemas, &output.schema_types, settings);
                    roundtrip::write_input(&plan, &dir)?;
                    if !plan.types.is_empty() {
                        test.push_str(&roundtrip::test_code(&plan.types));
                    }
                    row.plan = Some(plan);
                    judge = Some(schemas);
                }
                std::fs::create_dir_all(dir.join("tests")).map_err(|e| e.to_string())?;
                std::fs::write(dir.join("tests/corpus.rs"), test).map_err(|e| e.to_string())?;
            }
            Err(error) => row.check = Err(format!("generation failed: {error}")),
        }
        rows.push(row);
        judges.push(judge);
    }
    let members: Vec<String> = rows
        .iter()
        .filter(|r| r.counts.is_some())
        .map(|r| format!("{:?}", r.krate))
        .collect();
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n{DEV_PROFILE}",
            members.join(", ")
        ),
    )
    .map_err(|e| e.to_string())?;
    // Dependencies build once, before the crates are timed.
    if let Some(first) = rows.iter().find(|r| r.counts.is_some()) {
        cargo(
            workspace,
            target_dir,
            &["check", "--quiet", "-p", &first.krate],
        )?;
    }
    if options.batch {
        let krates: Vec<&str> = rows
            .iter()
            .filter(|r| r.counts.is_some())
            .map(|r| r.krate.as_str())
            .collect();
        // Failures are read crate by crate below; `--keep-going` (for
        // `test`, `--no-fail-fast`) builds the others past one that fails.
        for command in [
            &["clippy", "--quiet", "--keep-going"][..],
            &[
                "test",
                "--quiet",
                "--no-fail-fast",
                "--no-run",
                "--features",
                FULL_SERDE,
                "--test",
                "corpus",
            ][..],
        ] {
            let mut args = command.to_vec();
            for krate in &krates {
                args.extend(["-p", krate]);
            }
            cargo(workspace, target_dir, &args)?;
        }
    }
    for (row, judge) in rows
        .iter_mut()
        .zip(&judges)
        .filter(|(r, _)| r.counts.is_some())
    {
        let started = Instant::now();
        let output = cargo(
            workspace,
            target_dir,
            &["clippy", "-p", &row.krate, "--message-format", "short"],
        )?;
        row.check_seconds = started.elapsed().as_secs_f64();
        let diagnostics: Vec<&str> = output
            .2
            .lines()
            .filter(|line| line.starts_with(&format!("{}/", row.krate)))
            .collect();
        row.check = if output.0 {
            Ok(diagnostics.len())
        } else {
            let errors: Vec<&str> = diagnostics
                .iter()
                .copied()
                .filter(|l| l.contains("error"))
                .take(3)
                .collect();
            Err(errors.join("\n"))
        };
        if row.check.is_ok() {
            // rustdoc merges the search index of every crate already in the
            // doc folder into each new one: with the corpus' crates there,
            // that was most of its time (petstore 13 s, alone 2 s).
            let _ = std::fs::remove_dir_all(target_dir.join("doc"));
            let (_, _, stderr) = cargo(
                workspace,
                target_dir,
                &[
                    "doc",
                    "--no-deps",
                    "-p",
                    &row.krate,
                    "--message-format",
                    "short",
                ],
            )?;
            row.doc_warnings = Some(
                stderr
                    .lines()
                    .filter(|line| line.starts_with(&format!("{}/", row.krate)))
                    .map(str::to_owned)
                    .collect(),
            );
        }
        if row.check.is_ok() && options.doctests {
            let (_, stdout, _) = cargo(
                workspace,
                target_dir,
                &["test", "--doc", "--no-fail-fast", "-p", &row.krate],
            )?;
            row.doctests = Some(doctest_counts(&stdout));
        }
        if row.check.is_ok() && (row.examples.1 > 0 || row.plan.is_some()) {
            let (passed, stdout, stderr) = cargo(
                workspace,
                target_dir,
                &[
                    "test",
                    "--quiet",
                    "-p",
                    &row.krate,
                    "--features",
                    FULL_SERDE,
                    "--test",
                    "corpus",
                    "--",
                    "--nocapture",
                ],
            )?;
            if !passed {
                return Err(format!(
                    "{}: the corpus test did not run:\n{stderr}",
                    row.krate
                ));
            }
            // The test harness may print a progress mark before a line.
            let after = |line: &str, marker: &str| {
                line.find(marker)
                    .map(|at| line[at + marker.len()..].to_owned())
            };
            for line in stdout.lines() {
                if let Some(counts) = after(line, "EXAMPLES ") {
                    let ok = counts.split('/').next().and_then(|n| n.parse().ok());
                    row.examples.0 = ok.unwrap_or(0);
                } else if let Some(failure) = after(line, "EXAMPLE-FAILS ") {
                    row.example_failures.push(failure);
                }
            }
            if let (Some(plan), Some(schemas)) = (&row.plan, judge) {
                let out = workspace.join(&row.krate).join("roundtrip.out");
                let output = if plan.types.is_empty() {
                    String::new()
                } else {
                    std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?
                };
                row.roundtrip = Some(plan.report(&output, schemas));
            }
        }
    }
    Ok(rows)
}

/// `(passed, passed + failed)` from `cargo test --doc` output.
fn doctest_counts(stdout: &str) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for line in stdout.lines().filter(|l| l.starts_with("test result:")) {
        let number = |word: &str| {
            line.split("; ")
                .find_map(|part| {
                    part.trim_start_matches("test result: ok. ")
                        .trim_start_matches("test result: FAILED. ")
                        .strip_suffix(word)
                })
                .and_then(|n| n.trim().parse::<usize>().ok())
                .unwrap_or(0)
        };
        passed += number(" passed");
        failed += number(" failed");
    }
    (passed, passed + failed)
}

/// A test for a generated crate that reads every example into its type, writes
/// it back, compares, and prints `EXAMPLES ok/total` and one `EXAMPLE-FAILS`
/// line per failure. It never fails itself: a failure is reported, whether the
/// spec contradicts itself or sdkgen is wrong.
fn examples_test(cases: &[sdkgen::emit::ExampleCase]) -> String {
    let mut checks = String::new();
    for case in cases {
        let json = case.json.to_string();
        let hashes = "#".repeat(longest_hash_run(&json) + 1);
        let _ = writeln!(
            checks,
            "    check::<{}>({:?}, r{hashes}\"{json}\"{hashes}, &mut ok, &mut failures);",
            case.rust_type, case.source
        );
    }
    format!(
        r#"//! Written by `cargo xtask corpus`: every JSON example of the spec, read
//! into its generated type and written back.

use serde_json::Value;

/// Equal up to what the generated types may not keep: `null` members (absent
/// and null are the same to an optional field) and integer versus float
/// spellings of a number.
fn normalize(value: &Value) -> Value {{
    match value {{
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), normalize(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Number(number) => number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| value.clone(), Value::Number),
        other => other.clone(),
    }}
}}

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(
    source: &str,
    json: &str,
    ok: &mut usize,
    failures: &mut Vec<String>,
) {{
    let value: Value = serde_json::from_str(json).expect("examples are JSON");
    match serde_json::from_value::<T>(value.clone()) {{
        Ok(typed) => match serde_json::to_value(&typed) {{
            Ok(back) if normalize(&back) == normalize(&value) => *ok += 1,
            Ok(back) => failures.push(format!("{{source}}: written back differently: {{back}}")),
            Err(error) => failures.push(format!("{{source}}: does not serialize: {{error}}")),
        }},
        Err(error) => failures.push(format!("{{source}}: does not read: {{error}}")),
    }}
}}

#[test]
fn examples_round_trip() {{
    let mut ok = 0;
    let mut failures: Vec<String> = Vec::new();
{checks}    println!("EXAMPLES {{ok}}/{{}}", ok + failures.len());
    for failure in &failures {{
        println!("EXAMPLE-FAILS {{failure}}");
    }}
}}
"#
    )
}

/// The longest run of `#` in `text`, so a raw string's delimiter can outgrow it.
fn longest_hash_run(text: &str) -> usize {
    text.split(|c| c != '#').map(str::len).max().unwrap_or(0)
}

/// Runs cargo in `workspace` with `target_dir`; `(success, stdout, stderr)`.
pub fn cargo(
    workspace: &Path,
    target_dir: &Path,
    args: &[&str],
) -> Result<(bool, String, String), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target_dir)
        .args(args)
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

/// The results as a markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | operations | types | paginated (by pattern; left alone) | streamed | generate ms | lines | spec warnings | compiles | clippy warnings | rustdoc warnings | doctests | examples round-tripped | random values identical | lost | refused | ambiguous | clippy s |\n\
         |---|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let (operations, types) = row
            .counts
            .map_or(("-".to_owned(), "-".to_owned()), |(o, t)| {
                (o.to_string(), t.to_string())
            });
        let (compiles, clippy) = match &row.check {
            Ok(warnings) => ("yes".to_owned(), warnings.to_string()),
            Err(error) => (
                format!("no: {}", error.lines().next().unwrap_or("")),
                "-".to_owned(),
            ),
        };
        let doc = row
            .doc_warnings
            .as_ref()
            .map_or("-".to_owned(), |w| w.len().to_string());
        let doctests = row.doctests.map_or("-".to_owned(), |(passed, total)| {
            format!("{passed}/{total}")
        });
        let random = row.roundtrip.as_ref().map_or_else(
            || "- | - | - | -".to_owned(),
            |r| {
                format!(
                    "{}/{} | {} | {} | {}",
                    r.identical,
                    r.instances,
                    r.lost.len(),
                    r.refused.len(),
                    r.ambiguous.len()
                )
            },
        );
        let (paged, unclear, streamed) = &row.paging;
        let total: usize = paged.iter().map(|(_, n)| n).sum();
        let mut paging = total.to_string();
        if total > 0 {
            let parts: Vec<String> = paged.iter().map(|(how, n)| format!("{how} {n}")).collect();
            paging.push_str(&format!(" ({})", parts.join(", ")));
        }
        if *unclear > 0 {
            paging.push_str(&format!("; {unclear} left alone"));
        }
        let _ = writeln!(
            out,
            "| {} | {operations} | {types} | {paging} | {streamed} | {} | {} | {} | {compiles} | {clippy} | {doc} | {doctests} | {}/{} | {random} | {:.1} |",
            row.spec,
            row.generate_ms,
            row.lines,
            row.warnings,
            row.examples.0,
            row.examples.1,
            row.check_seconds
        );
    }
    let doc_warnings: Vec<String> = rows
        .iter()
        .flat_map(|row| row.doc_warnings.iter().flatten().map(|w| format!("- {w}")))
        .collect();
    if !doc_warnings.is_empty() {
        let _ = writeln!(out, "\nrustdoc warnings:\n{}", doc_warnings.join("\n"));
    }
    let failures: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            row.example_failures
                .iter()
                .map(move |f| format!("- {}: {f}", row.spec))
        })
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(
            out,
            "\nExamples that did not round-trip:\n{}",
            failures.join("\n")
        );
    }
    for (title, pick) in [
        (
            "Random values that came back different (lost)",
            (|r: &roundtrip::Report| &r.lost) as fn(&roundtrip::Report) -> &Vec<String>,
        ),
        ("Random values the generated types refused", |r| &r.refused),
        ("Random values the spec's unions are ambiguous for", |r| {
            &r.ambiguous
        }),
    ] {
        let lines: Vec<String> = rows
            .iter()
            .filter_map(|row| Some((row, pick(row.roundtrip.as_ref()?))))
            .flat_map(|(row, list)| list.iter().map(move |l| format!("- {}: {l}", row.spec)))
            .collect();
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{title}:\n{}", lines.join("\n"));
        }
    }
    let undrawn: Vec<String> = rows
        .iter()
        .filter_map(|row| Some((row, row.plan.as_ref()?)))
        .flat_map(|(row, plan)| {
            plan.undrawn
                .iter()
                .map(move |u| format!("- {}: {u}", row.spec))
        })
        .collect();
    if !undrawn.is_empty() {
        let _ = writeln!(
            out,
            "\nSchemas no valid random value was drawn for (the drawer's limits):\n{}",
            undrawn.join("\n")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::workspace_root;

    #[test]
    fn doctest_counts_add_up_every_result_line() {
        let out = "test result: ok. 12 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 396 passed; 3 failed; 0 ignored\n";
        assert_eq!(doctest_counts(out), (408, 411));
    }

    /// Specs at most this big run in the default suite; the larger ones (GitHub,
    /// Kubernetes, nexus, Spotify) run with `cargo xtask corpus`.
    const SMALL_SPEC_BYTES: u64 = 100_000;

    /// Authlete's three specs, the OpenAPI 3.1 examples and the small corpus
    /// files generate, compile, and are clippy-clean.
    #[test]
    fn authlete_and_small_corpus_specs_compile_clippy_clean() {
        let root = workspace_root();
        let shared = root.join("../shared/specs");
        let mut specs = specs_in(&[shared.join("authlete"), shared.join("openapi-3.1")]);
        specs.extend(
            specs_in(&[shared.join("corpus")])
                .into_iter()
                .filter(|s| std::fs::metadata(s).is_ok_and(|m| m.len() <= SMALL_SPEC_BYTES)),
        );
        // Our own fixtures, which hold a shape of each construct: their
        // random values reach corners the real specs may not.
        specs.extend(specs_in(&[root.join("tests/fixtures")]));
        assert!(
            specs.len() >= 16,
            "expected the shared specs, found {specs:?}"
        );
        let target = root.join("target");
        let options = Options {
            doctests: false,
            roundtrip: Some(roundtrip::Settings::default()),
            batch: true,
        };
        let rows = run(
            &specs,
            &target.join("corpus-test"),
            &target.join("corpus-target"),
            options,
        )
        .unwrap();
        let table = table(&rows);
        for row in &rows {
            assert_eq!(row.check, Ok(0), "{}:\n{table}", row.spec);
            assert_eq!(row.doc_warnings, Some(Vec::new()), "{}:\n{table}", row.spec);
            // Every example is either round-tripped or reported.
            assert_eq!(
                row.examples.0 + row.example_failures.len(),
                row.examples.1,
                "{}:\n{table}",
                row.spec
            );
            // Outside Authlete's specs, whose examples contradict their schemas
            // in places, every example round-trips.
            if !row.spec.starts_with("authlete") {
                assert_eq!(row.example_failures, Vec::<String>::new(), "{}", row.spec);
            }
        }
        // Authlete 3.0.16 gives `resultCode: 404` (an integer) where its
        // `result` schema has a string: reported as a defect of the spec.
        let authlete = rows
            .iter()
            .find(|r| r.spec == "authlete-3.0.16.yaml")
            .unwrap();
        assert!(
            authlete.example_failures.iter().any(|f| f.starts_with(
                "#/components/responses/404/content/application~1json/example: does not read: \
                 field `resultCode`: invalid type: integer `404`, expected a string"
            )),
            "{:#?}",
            authlete.example_failures
        );
        assert!(authlete.examples.0 > 300, "{table}");
        // Random values of every component schema, each judged valid by
        // the JSON Schema validator, come back unchanged: none lost, none
        // refused. (Where a spec's union is ambiguous for a value, the
        // table lists it; none of these specs has one.)
        for row in &rows {
            let report = row.roundtrip.as_ref().expect("the round trip ran");
            assert_eq!(report.lost, Vec::<String>::new(), "{}:\n{table}", row.spec);
            assert_eq!(
                report.refused,
                Vec::<String>::new(),
                "{}:\n{table}",
                row.spec
            );
            assert_eq!(
                report.ambiguous,
                Vec::<String>::new(),
                "{}:\n{table}",
                row.spec
            );
            assert_eq!(report.identical, report.instances, "{}", row.spec);
        }
        let instances: usize = rows
            .iter()
            .filter_map(|r| r.roundtrip.as_ref())
            .map(|r| r.instances)
            .sum();
        assert!(instances > 5000, "only {instances} random values:\n{table}");
        println!("{table}");
    }
}
