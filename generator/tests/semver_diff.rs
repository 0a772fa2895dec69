//! `sdkgen diff`: the breaking-change report, on the evolution fixtures
//! (one API in three releases: v2 only adds and deprecates, v3 breaks each
//! way a release can), a docs-only change, and Authlete's real move from
//! 2.3.12 to 3.0.16, whose removed endpoints the test reads from the two
//! specs itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::diff::{Class, Report};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(release: &str) -> PathBuf {
    repo().join(format!("tests/fixtures/evolution-{release}.yaml"))
}

fn diff(old: &Path, new: &Path) -> Report {
    sdkgen::diff_specs(old, new, &sdkgen::Config::default()).unwrap()
}

fn diff_texts(old: &str, new: &str) -> Report {
    let config = sdkgen::Config::default();
    sdkgen::diff::compare(
        &sdkgen::api("old.yaml", old, &config).unwrap(),
        &sdkgen::api("new.yaml", new, &config).unwrap(),
    )
}

/// The class of the change of `kind` to `item`; panics when there is none.
fn class_of(report: &Report, kind: &str, item: &str) -> Class {
    report
        .changes
        .iter()
        .find(|c| c.kind == kind && c.item == item)
        .unwrap_or_else(|| panic!("no `{kind}` of `{item}` in\n{}", sdkgen::diff::text(report)))
        .class
}

#[test]
fn a_release_that_only_adds_is_minor() {
    let report = diff(&fixture("v1"), &fixture("v2"));
    assert_eq!(
        report.bump(),
        Some(Class::Minor),
        "{}",
        sdkgen::diff::text(&report)
    );
    assert!(report.changes.iter().all(|c| c.class != Class::Major));
    for (kind, item) in [
        ("operation added", "Client::cancel_order"),
        ("field added", "operations::ListOrdersRequest::after"),
        ("field added", "models::Order::tracking"),
        ("variant added", "models::OrderStatus::Cancelled"),
        ("variant added", "models::Channel::PhoneChannel"),
        ("type added", "models::Money"),
        ("operation deprecated", "Client::delete_order"),
        ("field deprecated", "models::Order::total"),
        ("field deprecated", "operations::ListOrdersRequest::limit"),
        ("type deprecated", "models::Problem"),
    ] {
        assert_eq!(class_of(&report, kind, item), Class::Minor, "{kind} {item}");
    }
    assert_eq!(
        class_of(&report, "docs changed", "Client::get_order"),
        Class::Patch
    );
    assert_eq!(
        (
            report.old_version.as_str(),
            report.suggested_version().as_str()
        ),
        ("1.0.0", "1.1.0")
    );
    assert!(report.version_suffices());
}

#[test]
fn each_kind_of_break_is_major() {
    let report = diff(&fixture("v2"), &fixture("v3"));
    assert_eq!(report.bump(), Some(Class::Major));
    for (kind, item) in [
        ("operation removed", "Client::delete_order"),
        ("operation renamed", "Client::get_order"),
        ("request type renamed", "operations::GetOrderRequest"),
        (
            "required field added",
            "operations::ListOrdersRequest::region",
        ),
        ("field removed", "models::Order::quantity"),
        ("field became required", "models::Order::item"),
        ("field type changed", "models::NewOrder::quantity"),
        ("variant removed", "models::OrderStatus::Shipped"),
        ("type renamed", "models::Problem"),
        ("error type changed", "Client::fetch_order"),
    ] {
        assert_eq!(class_of(&report, kind, item), Class::Major, "{kind} {item}");
    }
    // A rename is one change, not a removal and an addition.
    assert!(!report
        .changes
        .iter()
        .any(|c| c.item == "Client::fetch_order" && c.kind == "operation added"));
    assert!(!report
        .changes
        .iter()
        .any(|c| c.item == "models::ApiProblem"));
    let renamed = report
        .changes
        .iter()
        .find(|c| c.kind == "operation renamed")
        .unwrap();
    assert!(
        renamed.detail.contains("Client::fetch_order"),
        "{}",
        renamed.detail
    );
    assert_eq!(report.suggested_version(), "2.0.0");
    assert!(report.version_suffices());
}

#[test]
fn docs_alone_are_a_patch_and_nothing_is_nothing() {
    let v1 = std::fs::read_to_string(fixture("v1")).unwrap();
    assert_eq!(diff_texts(&v1, &v1).bump(), None);
    let reworded = v1
        .replace("summary: Lists the orders.", "summary: Lists every order.")
        .replace(
            "description: The price in cents.",
            "description: The price, in cents.",
        );
    let report = diff_texts(&v1, &reworded);
    assert_eq!(
        report.bump(),
        Some(Class::Patch),
        "{}",
        sdkgen::diff::text(&report)
    );
    assert_eq!(report.changes.len(), 2);
    assert_eq!(report.suggested_version(), "1.0.1");
    // The spec kept its version: a patch needs 1.0.1.
    assert!(!report.version_suffices());
}

/// `(method, path)` of every operation of a spec, read as YAML.
fn endpoints(spec: &Path) -> BTreeSet<(String, String)> {
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(spec).unwrap()).unwrap();
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_mapping().unwrap() {
        for (method, _) in item.as_mapping().unwrap() {
            let method = method.as_str().unwrap();
            if [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method)
            {
                found.insert((method.to_uppercase(), path.as_str().unwrap().to_owned()));
            }
        }
    }
    found
}

#[test]
fn authlete_2_to_3_is_major_and_lists_every_endpoint_it_removes() {
    let specs = repo().join("../shared/specs/authlete");
    let (old, new) = (
        specs.join("authlete-2.3.12.yaml"),
        specs.join("authlete-3.0.16.yaml"),
    );
    let report = diff(&old, &new);
    assert_eq!(report.bump(), Some(Class::Major));
    assert_eq!(report.suggested_version(), "3.0.0");
    assert!(report.version_suffices());
    let kept = endpoints(&new);
    let removed: Vec<(String, String)> = endpoints(&old).difference(&kept).cloned().collect();
    // 3.0 moved every endpoint under `/api/{serviceId}`.
    assert!(removed.len() > 50, "{removed:?}");
    let listed: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.kind == "endpoint removed" || c.kind == "operation removed")
        .map(|c| c.detail.as_str())
        .collect();
    for (method, path) in &removed {
        let named = format!("`{method} {path}`");
        assert!(
            listed.iter().any(|d| d.starts_with(&named)),
            "{named} is not listed as removed"
        );
    }
    // Service credentials gave way to one bearer token.
    assert_eq!(
        class_of(
            &report,
            "credential setter removed",
            "ClientBuilder::service_credentials"
        ),
        Class::Major
    );
}

#[test]
fn the_cli_prints_json_and_checks_the_version() {
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .args(args)
            .output()
            .unwrap()
    };
    let (v2, v3) = (fixture("v2"), fixture("v3"));
    let json = run(&[
        "diff".as_ref(),
        v2.as_os_str(),
        v3.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(json.status.success());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["bump"], "major");
    assert_eq!(report["suggested_version"], "2.0.0");
    assert!(report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "variant removed"));
    // The same breaking spec released as 1.2.0: the check fails it.
    let tmp = tempfile::tempdir().unwrap();
    let unbumped = tmp.path().join("evolution-v3.yaml");
    let text = std::fs::read_to_string(&v3)
        .unwrap()
        .replace("version: 2.0.0", "version: 1.2.0");
    std::fs::write(&unbumped, text).unwrap();
    let check = |new: &Path| {
        run(&[
            "diff".as_ref(),
            v2.as_os_str(),
            new.as_os_str(),
            "--check-version".as_ref(),
        ])
    };
    let failed = check(&unbumped);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("need version 2.0.0"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&failed.stdout).starts_with("major change: 1.1.0 → at least 2.0.0")
    );
    assert!(check(&v3).status.success());
}

#[test]
fn generate_with_the_previous_spec_reports_after_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("orders");
    let (v1, v2) = (fixture("v1"), fixture("v2"));
    let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .arg("generate")
        .arg(&v2)
        .arg("--out")
        .arg(&out)
        .arg("--previous")
        .arg(&v1)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("minor change: 1.0.0 → at least 1.1.0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("operation added: Client::cancel_order"),
        "{stderr}"
    );
    assert!(out.join("src/models.rs").exists());
}
