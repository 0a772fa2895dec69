//! `cargo xtask conformance [SPEC…]`: the generated clients against Stoplight
//! Prism, an independent mock server that validates every request against
//! the spec. Prism (pinned in `xtask/prism/`) is installed into
//! `target/prism`. For each spec a harness crate calls every operation of
//! the generated client once with its docs example, through a recording
//! proxy, first against Prism's examples (`--errors`: an invalid request is
//! answered with its violations), then three times against its dynamic mode
//! (`-d`: random schema-valid responses). Each response the client decoded
//! is written back as JSON and compared with the bytes that came.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Dynamic runs per spec.
const DYNAMIC_RUNS: usize = 3;

/// The outcome for one spec.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The spec's file name.
    pub spec: String,
    /// Operations of the spec.
    pub operations: usize,
    /// Operations called (those with a docs example).
    pub called: usize,
    /// Example keys renamed in Prism's copy of the spec (`prism_input`).
    pub renamed: Vec<String>,
    /// Why the spec could not be run, when it could not.
    pub error: Option<String>,
    /// Requests that made Prism stop (it was started again after each).
    pub prism_crashes: Vec<String>,
    /// Responses Prism found against the spec itself (its own example or
    /// made-up response breaks it), and operations Prism cannot answer:
    /// defects of the spec, each with its pointer.
    pub spec_defects: Vec<String>,
    /// Requests Prism accepted.
    pub accepted: usize,
    /// Requests Prism rejected: operation and Prism's violations.
    pub rejected: Vec<String>,
    /// Responses of accepted requests, against Prism's examples.
    pub examples: Responses,
    /// Responses of accepted requests, against Prism's random responses.
    pub dynamic: Responses,
}

/// How the responses to accepted requests came back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responses {
    /// Read into the operation's documented type (success or error).
    pub decoded: usize,
    /// Not read: a decode error, an undocumented status, a failed call.
    pub failed: Vec<String>,
    /// Decoded and, written back, equal to the body that came (numbers by
    /// value).
    pub identical: usize,
    /// Decoded, but written back different.
    pub different: Vec<String>,
}

impl Responses {
    /// Decoded bodies that could not be compared with what came (an enum
    /// by status that holds a download).
    pub fn not_compared(&self) -> usize {
        self.decoded - self.identical - self.different.len()
    }
}

/// Runs every spec in a cargo workspace of its own at `workspace`, built
/// into `target`; `root` is the repository's root.
pub fn run(
    specs: &[PathBuf],
    root: &Path,
    workspace: &Path,
    target: &Path,
) -> Result<Vec<Row>, String> {
    let prism = install_prism(root)?;
    if workspace.exists() {
        std::fs::remove_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    }
    std::fs::create_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    let mut prepared = Vec::new();
    for spec in specs {
        prepared.push(prepare(spec, workspace)?);
    }
    let members: Vec<String> = prepared
        .iter()
        .flat_map(|p| [format!("{:?}", p.krate), format!("{:?}", p.harness)])
        .collect();
    write(
        &workspace.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n{}",
            members.join(", "),
            crate::corpus::DEV_PROFILE
        ),
    )?;
    let mut build = vec!["build", "--quiet"];
    for p in &prepared {
        build.extend(["-p", p.harness.as_str()]);
    }
    let (built, _, stderr) = crate::corpus::cargo(workspace, target, &build)?;
    if !built {
        return Err(format!("the conformance harnesses do not build:\n{stderr}"));
    }
    let mut rows = Vec::new();
    for p in &prepared {
        let binary = target.join("debug").join(&p.harness);
        let mut row = Row {
            spec: p.spec_name.clone(),
            operations: p.operations,
            called: p.called,
            renamed: p.renamed.clone(),
            ..Row::default()
        };
        // A spec Prism cannot serve is reported, and the others still run.
        if let Err(error) = exchange(&prism, &p.spec, &binary, &mut row) {
            row.error = Some(error);
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Runs the harness against Prism's examples, then its random responses.
fn exchange(prism: &Path, spec: &Path, harness: &Path, row: &mut Row) -> Result<(), String> {
    let doc = crate::spec_json::read(spec)?;
    let mut server = Prism::start(prism, spec, false)?;
    let reports = every_call(&mut server, prism, spec, harness, row)?;
    drop(server);
    tally(row, &reports, &doc, false);
    let mut server = Prism::start(prism, spec, true)?;
    for _ in 0..DYNAMIC_RUNS {
        let reports = every_call(&mut server, prism, spec, harness, row)?;
        tally(row, &reports, &doc, true);
    }
    Ok(())
}

/// One run of the harness over every call. When a request makes Prism
/// stop, the call is noted in the row, Prism is started again, and the run
/// goes on from the next call.
fn every_call(
    server: &mut Prism,
    prism: &Path,
    spec: &Path,
    harness: &Path,
    row: &mut Row,
) -> Result<Vec<Value>, String> {
    let mut reports = Vec::new();
    let mut from = 0;
    loop {
        let run = server.run(harness, from)?;
        let Some(crash) = server.stopped() else {
            reports.extend(run);
            return Ok(reports);
        };
        // The first call the proxy could not forward is the one that made
        // Prism stop; those after it never reached a Prism.
        let Some(at) = run.iter().position(|r| {
            r.get("raw")
                .and_then(Value::as_str)
                .is_some_and(|raw| raw.starts_with(UNREACHABLE))
        }) else {
            reports.extend(run);
            return Ok(reports);
        };
        let index = run[at].get("index").and_then(Value::as_u64).unwrap_or(0) as usize;
        let operation = run[at]
            .get("operation")
            .and_then(Value::as_str)
            .unwrap_or("");
        let note = format!("{operation}: {crash}");
        if !row.prism_crashes.contains(&note) {
            row.prism_crashes.push(note);
        }
        reports.extend(run.into_iter().take(at));
        *server = Prism::start(prism, spec, server.dynamic)?;
        from = index + 1;
    }
}

/// How the proxy's answer begins when Prism is not there.
const UNREACHABLE: &str = "the proxy could not reach Prism";

/// Whether the operation at `pointer` documents `status` as a response
/// without a body (GitHub's `302`): the client returns it as
/// `Error::UnexpectedStatus` with its raw body, as it should.
fn documented_without_body(doc: &Value, pointer: &str, status: u64) -> bool {
    let Some(responses) =
        crate::spec_json::at(doc, &format!("{pointer}/responses")).and_then(Value::as_object)
    else {
        return false;
    };
    let range = format!("{}XX", status / 100);
    let response = responses
        .get(&status.to_string())
        .or_else(|| {
            responses
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(&range))
                .map(|(_, response)| response)
        })
        .or_else(|| responses.get("default"));
    let response = match response.and_then(|r| r.get("$ref")).and_then(Value::as_str) {
        Some(reference) => crate::spec_json::at(doc, reference),
        None => response,
    };
    response.is_some_and(|r| {
        r.get("content")
            .and_then(Value::as_object)
            .is_none_or(|content| content.is_empty())
    })
}

/// One spec's generated crate and harness.
struct Prepared {
    /// The spec as Prism reads it.
    spec: PathBuf,
    /// Example keys renamed for Prism (see `prism_input`).
    renamed: Vec<String>,
    spec_name: String,
    krate: String,
    harness: String,
    operations: usize,
    called: usize,
}

fn prepare(spec: &Path, workspace: &Path) -> Result<Prepared, String> {
    let spec_name = spec
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stem: String = spec
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let krate = format!("conformance-{}", stem.trim_matches('-'));
    let config = sdkgen::Config {
        crate_name: Some(krate.clone()),
        strict: false,
        webhook_signature: None,
        ..sdkgen::Config::default()
    };
    let output = sdkgen::generate_file(spec, &config).map_err(|e| e.to_string())?;
    output
        .crate_files()
        .write(&workspace.join(&krate))
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let calls = sdkgen::harness_calls(&spec_name, &text, &krate).map_err(|e| e.to_string())?;
    let harness = format!("{krate}-harness");
    let dir = workspace.join(&harness);
    let (spec, renamed) = prism_input(spec, &dir)?;
    write(&dir.join("Cargo.toml"), &harness_manifest(&harness, &krate))?;
    write(
        &dir.join("src/main.rs"),
        &harness_main(&sdkgen::naming::lib_name(&krate), &calls),
    )?;
    Ok(Prepared {
        spec,
        renamed,
        spec_name,
        krate,
        harness,
        operations: output.operations,
        called: calls.calls.len(),
    })
}

/// The spec as Prism is given it. Prism follows every `$ref` it finds, also
/// in example data, and fails when one points outside the document (GitHub's
/// SCIM examples hold `"$ref": "https://api.github.com/…"` as data). Such a
/// key, which sdkgen would refuse in a schema, is example data: in a copy
/// for Prism it becomes `x-sdkgen-external-ref`. Their places, with the
/// copy's path (the spec itself when nothing needed it).
fn prism_input(spec: &Path, dir: &Path) -> Result<(PathBuf, Vec<String>), String> {
    fn rename(value: &mut Value, at: &str, renamed: &mut Vec<String>) {
        match value {
            Value::Object(fields) => {
                if fields
                    .get("$ref")
                    .and_then(Value::as_str)
                    .is_some_and(|r| !r.starts_with('#'))
                {
                    let external = fields.remove("$ref").expect("just seen");
                    fields.insert("x-sdkgen-external-ref".to_owned(), external);
                    renamed.push(format!("{at}/$ref"));
                }
                for (key, field) in fields.iter_mut() {
                    rename(
                        field,
                        &format!("{at}/{}", crate::spec_json::escape(key)),
                        renamed,
                    );
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    rename(item, &format!("{at}/{index}"), renamed);
                }
            }
            _ => {}
        }
    }
    let mut doc = crate::spec_json::read(spec)?;
    let mut renamed = Vec::new();
    rename(&mut doc, "#", &mut renamed);
    if renamed.is_empty() {
        return Ok((spec.to_owned(), renamed));
    }
    let copy = dir.join("prism-input.json");
    let text = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    write(&copy, &text)?;
    Ok((copy, renamed))
}

fn harness_manifest(name: &str, krate: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
# full-serde: the harness writes what the client read as JSON.
{krate} = {{ path = "../{krate}", features = ["full-serde"] }}
axum = {{ version = "0.8", default-features = false, features = ["http1", "tokio"] }}
reqwest = {{ version = "0.12", default-features = false }}
serde = "1"
serde_json = {{ version = "1", features = ["float_roundtrip"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "net"] }}
"#
    )
}

/// The harness: a proxy on 127.0.0.1 that forwards to Prism and keeps the
/// last exchange, and every call, each reported as a JSON line.
fn harness_main(lib: &str, calls: &sdkgen::emit::harness::Calls) -> String {
    let mut blocks = String::new();
    for (index, call) in calls.calls.iter().enumerate() {
        let request = call.request.as_deref().unwrap_or("");
        let argument = if call.request.is_some() {
            "request"
        } else {
            ""
        };
        let check = match call.success {
            sdkgen::emit::harness::Reply::Value => "value",
            sdkgen::emit::harness::Reply::Download => "download",
            sdkgen::emit::harness::Reply::Unchecked => "unchecked",
        };
        let _ = writeln!(
            blocks,
            r#"    if from <= {index} {{
        let got = {{
            {request}
            {check}(client.{method}({argument}).await).await
        }};
        report(&proxy, {index}, {operation:?}, {pointer:?}, got);
    }}"#,
            method = call.method,
            operation = call.operation,
            pointer = call.pointer,
        );
    }
    format!(
        r#"//! Written by `cargo xtask conformance`: calls every operation of `{lib}`
//! through a recording proxy to Prism and prints a JSON line per call.

// One checker per kind of success body, and an API may have no body of a
// kind; the docs' requests import the modules their values may need.
#![allow(dead_code, unused_imports)]

use std::sync::{{Arc, Mutex}};

use axum::extract::{{Request, State}};
use axum::response::Response;
use serde_json::{{json, Value}};

/// The last exchange the proxy forwarded.
#[derive(Default)]
struct Seen {{
    status: u16,
    content_type: String,
    violations: String,
    body: Vec<u8>,
}}

struct Proxy {{
    upstream: String,
    http: reqwest::Client,
    seen: Mutex<Option<Seen>>,
}}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {{
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut upstream = proxy
        .http
        .request(parts.method.clone(), format!("{{}}{{path}}", proxy.upstream))
        .body(body.to_vec());
    for (name, value) in &parts.headers {{
        if name != "host" && name != "content-length" {{
            upstream = upstream.header(name, value);
        }}
    }}
    let answer = match upstream.send().await {{
        Ok(answer) => answer,
        Err(error) => {{
            let text = format!("the proxy could not reach Prism: {{error}}");
            *proxy.seen.lock().unwrap() = Some(Seen {{
                status: 502,
                body: text.clone().into_bytes(),
                ..Seen::default()
            }});
            return Response::builder()
                .status(502)
                .body(axum::body::Body::from(text))
                .unwrap();
        }}
    }};
    let status = answer.status();
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.unwrap_or_default().to_vec();
    let header = |name: &str| {{
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }};
    *proxy.seen.lock().unwrap() = Some(Seen {{
        status: status.as_u16(),
        content_type: header("content-type"),
        violations: header("sl-violations"),
        body: bytes.clone(),
    }});
    let mut response = Response::builder().status(status.as_u16());
    for (name, value) in &headers {{
        if name != "content-length" && name != "transfer-encoding" && name != "connection" {{
            response = response.header(name, value);
        }}
    }}
    response.body(axum::body::Body::from(bytes)).unwrap()
}}

/// What a call gave: `(outcome, detail, the body written back)`.
type Got = (&'static str, String, Option<Value>, Option<Vec<u8>>);

fn error_outcome<E: serde::Serialize + std::fmt::Debug>(error: &{lib}::Error<E>) -> Got {{
    match error {{
        {lib}::Error::Api(response) => (
            "api",
            String::new(),
            Some(serde_json::to_value(response.body()).unwrap_or(Value::Null)),
            None,
        ),
        {lib}::Error::Decode {{ source, .. }} => ("decode", source.to_string(), None, None),
        {lib}::Error::UnexpectedStatus {{ status, .. }} => {{
            ("unexpected", format!("undocumented status {{status}}"), None, None)
        }}
        other => ("failed", other.to_string(), None, None),
    }}
}}

async fn value<T: serde::Serialize, E: serde::Serialize + std::fmt::Debug>(
    result: Result<{lib}::ApiResponse<T>, {lib}::Error<E>>,
) -> Got {{
    match result {{
        Ok(response) => (
            "ok",
            String::new(),
            Some(serde_json::to_value(response.body()).unwrap_or(Value::Null)),
            None,
        ),
        Err(error) => error_outcome(&error),
    }}
}}

async fn download<E: serde::Serialize + std::fmt::Debug>(
    result: Result<{lib}::ApiResponse<{lib}::Download>, {lib}::Error<E>>,
) -> Got {{
    match result {{
        Ok(response) => match response.into_body().bytes().await {{
            Ok(bytes) => ("ok", String::new(), None, Some(bytes)),
            Err(error) => ("failed", error.to_string(), None, None),
        }},
        Err(error) => error_outcome(&error),
    }}
}}

async fn unchecked<T: std::fmt::Debug, E: serde::Serialize + std::fmt::Debug>(
    result: Result<{lib}::ApiResponse<T>, {lib}::Error<E>>,
) -> Got {{
    match result {{
        Ok(_) => ("ok", String::new(), None, None),
        Err(error) => error_outcome(&error),
    }}
}}

fn report(proxy: &Proxy, index: usize, operation: &str, pointer: &str, got: Got) {{
    let seen = proxy.seen.lock().unwrap().take().unwrap_or_default();
    let (outcome, detail, written, bytes) = got;
    let line = json!({{
        "index": index,
        "operation": operation,
        "pointer": pointer,
        "status": seen.status,
        "content_type": seen.content_type,
        "violations": seen.violations,
        "outcome": outcome,
        "detail": detail,
        "checked": written.is_some(),
        "written": written,
        "same_bytes": bytes.map(|b| b == seen.body),
        "raw": String::from_utf8_lossy(&seen.body),
    }});
    println!("{{line}}");
}}

#[tokio::main]
async fn main() {{
    let upstream = std::env::var("CONFORMANCE_UPSTREAM").expect("CONFORMANCE_UPSTREAM");
    // The first call to make (after Prism was restarted).
    let from: usize = std::env::var("CONFORMANCE_FROM")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let proxy = Arc::new(Proxy {{
        upstream,
        // Prism's redirects go back to the client as they came.
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        seen: Mutex::new(None),
    }});
    let app = axum::Router::new()
        .fallback(forward)
        .with_state(proxy.clone());
    tokio::spawn(async move {{ axum::serve(listener, app).await }});
    // A redirect is the answer: following it would leave 127.0.0.1.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let client = {lib}::Client::builder()
        .http_client(http)
        .base_url(format!("http://{{address}}"))
        .retry({lib}::RetryPolicy::none())
        {credentials}
        .build()
        .unwrap();
{blocks}}}
"#,
        credentials = calls.credentials,
    )
}

/// Adds one run's reports to the row.
fn tally(row: &mut Row, reports: &[Value], doc: &Value, dynamic: bool) {
    let text = |report: &Value, key: &str| {
        report
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    for report in reports {
        let operation = text(report, "operation");
        let pointer = text(report, "pointer");
        // Prism says what it found wrong in a header (`sl-violations`) or,
        // when it answers with an error of its own, in the body.
        let header: Vec<Value> =
            serde_json::from_str(&text(report, "violations")).unwrap_or_default();
        let problem = prism_problem(&text(report, "raw"));
        let violations: Vec<&Value> = header
            .iter()
            .chain(problem.iter().flat_map(|(_, found)| found))
            .collect();
        let request_errors = messages(&violations, "request");
        if !request_errors.is_empty() {
            if !dynamic {
                row.rejected.push(format!(
                    "{operation} ({pointer}): {}",
                    request_errors.join("; ")
                ));
            }
            continue;
        }
        if !dynamic {
            row.accepted += 1;
        }
        match problem.as_ref().map(|(kind, _)| kind.as_str()) {
            // Prism's own response (its example, or one it made up) breaks
            // the spec: the spec's example or schema is at fault.
            Some("VIOLATIONS") => {
                let found = messages(&violations, "response").join("; ");
                let note = format!("{operation} ({pointer}): {found}");
                if !row.spec_defects.contains(&note) {
                    row.spec_defects.push(note);
                }
                continue;
            }
            Some("NO_RESPONSE_RESPONSE_DEFINED") => {
                let note = format!("{operation} ({pointer}): the operation documents no response");
                if !row.spec_defects.contains(&note) {
                    row.spec_defects.push(note);
                }
                continue;
            }
            _ => {}
        }
        let responses = if dynamic {
            &mut row.dynamic
        } else {
            &mut row.examples
        };
        let status = report.get("status").and_then(Value::as_u64).unwrap_or(0);
        match text(report, "outcome").as_str() {
            "ok" | "api" => responses.decoded += 1,
            "unexpected" if documented_without_body(doc, &pointer, status) => {
                responses.decoded += 1;
                continue;
            }
            other => {
                let raw: String = text(report, "raw").chars().take(240).collect();
                responses.failed.push(format!(
                    "{operation}: status {status}: {other}: {}; the body: {raw}",
                    text(report, "detail")
                ));
                continue;
            }
        }
        match same_as_sent(report) {
            Some(None) => responses.identical += 1,
            Some(Some(difference)) => responses
                .different
                .push(format!("{operation}: status {status}: {difference}")),
            None => {}
        }
    }
}

/// The kind of a Prism error answer (`VIOLATIONS`, `UNPROCESSABLE_ENTITY`,
/// …) and the violations it lists, when `raw` is one.
fn prism_problem(raw: &str) -> Option<(String, Vec<Value>)> {
    let body: Value = serde_json::from_str(raw).ok()?;
    let kind = body
        .get("type")?
        .as_str()?
        .strip_prefix("https://stoplight.io/prism/errors#")?
        .to_owned();
    let found = body
        .get("validation")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Some((kind, found))
}

/// The messages of the error violations found in `part` (`request`,
/// `response`), each with where. Prism's header locates each in `request`
/// or `response`; the body of its 422 answer, in the request's `path`,
/// `query`, `header` or `body`.
fn messages(violations: &[&Value], part: &str) -> Vec<String> {
    violations
        .iter()
        .filter(|v| {
            let first = v
                .get("location")
                .and_then(|l| l.get(0))
                .and_then(Value::as_str);
            let in_part = match part {
                "response" => first == Some("response"),
                _ => first != Some("response"),
            };
            in_part && v.get("severity").and_then(Value::as_str) == Some("Error")
        })
        .map(|v| {
            let location: Vec<&str> = v
                .get("location")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!(
                "{} ({})",
                v.get("message").and_then(Value::as_str).unwrap_or(""),
                location.join(".")
            )
        })
        .collect()
}

/// Whether what the client wrote back equals the body that came: `None`
/// when it could not be compared, `Some(None)` when equal, else where they
/// differ.
fn same_as_sent(report: &Value) -> Option<Option<String>> {
    if let Some(same) = report.get("same_bytes").and_then(Value::as_bool) {
        return Some((!same).then(|| "the downloaded bytes differ".to_owned()));
    }
    if report.get("checked") != Some(&Value::Bool(true)) {
        return None;
    }
    let written = report.get("written")?;
    let raw = report.get("raw").and_then(Value::as_str).unwrap_or("");
    let content_type = report
        .get("content_type")
        .and_then(Value::as_str)
        .unwrap_or("");
    let came = if raw.trim().is_empty() {
        Value::Null
    } else if content_type.contains("json") {
        match serde_json::from_str(raw) {
            Ok(value) => value,
            Err(_) => return Some(Some(format!("the body is not JSON: {raw}"))),
        }
    } else {
        Value::String(raw.to_owned())
    };
    Some(
        crate::roundtrip::first_difference(&came, written, "")
            .map(|place| format!("at `{place}` came {came} but was written back as {written}")),
    )
}

/// A running Prism mock server, stopped when dropped.
struct Prism {
    child: Child,
    url: String,
    /// Whether it answers with random responses (`-d`).
    dynamic: bool,
    /// The last lines Prism wrote to stderr, once it stops.
    last_words: Option<std::thread::JoinHandle<String>>,
}

impl Prism {
    /// Starts Prism on a free port of 127.0.0.1 and waits until it listens.
    fn start(prism: &Path, spec: &Path, dynamic: bool) -> Result<Prism, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let mut command = Command::new(prism);
        command.args([
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--errors",
        ]);
        if dynamic {
            command.arg("-d");
        }
        let mut child = command
            .arg(spec)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", prism.display()))?;
        // Prism prints what it mocks, then that it listens; its output is
        // drained on a thread of its own so that it never blocks.
        let stdout = child.stdout.take().expect("piped");
        std::thread::spawn(move || for _ in BufReader::new(stdout).lines() {});
        let stderr = child.stderr.take().expect("piped");
        let last_words = std::thread::spawn(move || {
            let lines: Vec<String> = BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
                .collect();
            lines[lines.len().saturating_sub(40)..].join("\n")
        });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(180) {
                let _ = child.kill();
                return Err(format!("Prism did not start on {}", spec.display()));
            }
            if let Ok(Some(status)) = child.try_wait() {
                let said = last_words.join().unwrap_or_default();
                return Err(format!(
                    "Prism stopped ({status}) on {}:\n{said}",
                    spec.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
            dynamic,
            last_words: Some(last_words),
        })
    }

    /// When Prism has stopped: the first line of what it said on stderr
    /// about why (a stack trace's message).
    fn stopped(&mut self) -> Option<String> {
        let status = self.child.try_wait().ok()??;
        let said = self
            .last_words
            .take()
            .and_then(|words| words.join().ok())
            .unwrap_or_default();
        let why = said
            .lines()
            .find(|line| line.contains("Error"))
            .unwrap_or("")
            .trim()
            .to_owned();
        Some(format!("Prism stopped ({status}): {why}"))
    }

    /// Runs the harness against this Prism; its reports.
    fn run(&self, harness: &Path, from: usize) -> Result<Vec<Value>, String> {
        // The docs' uploads read a file called `<file>`: the harness runs
        // where there is one.
        let dir = harness.with_extension("files");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(&dir.join("<file>"), "the bytes of an upload\n")?;
        let output = Command::new(harness)
            .current_dir(&dir)
            .env("CONFORMANCE_UPSTREAM", &self.url)
            .env("CONFORMANCE_FROM", from.to_string())
            .output()
            .map_err(|e| format!("{}: {e}", harness.display()))?;
        if !output.status.success() {
            return Err(format!(
                "{} failed:\n{}",
                harness.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect())
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Installs the pinned Prism into `target/prism` (when it is not there) and
/// returns its command.
pub fn install_prism(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/prism");
    let prism = dir.join("node_modules/.bin/prism");
    let pinned = root.join("xtask/prism/package-lock.json");
    let installed = dir.join("package-lock.json");
    let current = std::fs::read(&pinned).ok() == std::fs::read(&installed).ok();
    if prism.exists() && current {
        return Ok(prism);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(root.join("xtask/prism").join(file), dir.join(file))
            .map_err(|e| format!("{file}: {e}"))?;
    }
    let status = Command::new("npm")
        .current_dir(&dir)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel", "error"])
        .status()
        .map_err(|e| format!("npm (node and npm are needed for Prism): {e}"))?;
    if !status.success() || !prism.exists() {
        return Err("npm ci did not install Prism into target/prism".to_owned());
    }
    Ok(prism)
}

pub(crate) fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The results as a markdown table, with every rejection, failure and
/// difference listed below it.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | operations | called | accepted | rejected | spec defects | examples: decoded | failed | identical | not compared | random (3 runs): decoded | failed | identical | not compared |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.spec,
            row.operations,
            row.called,
            row.accepted,
            row.rejected.len(),
            row.spec_defects.len(),
            row.examples.decoded,
            row.examples.failed.len(),
            row.examples.identical,
            row.examples.not_compared(),
            row.dynamic.decoded,
            row.dynamic.failed.len(),
            row.dynamic.identical,
            row.dynamic.not_compared(),
        );
    }
    for row in rows {
        if let Some(error) = &row.error {
            let _ = writeln!(out, "\n{}: not run: {error}", row.spec);
        }
        let lists = [
            (
                "example `$ref` keys renamed for Prism (they point outside the spec)",
                &row.renamed,
            ),
            ("requests Prism rejected", &row.rejected),
            (
                "requests that made Prism stop (a Prism defect; it was started again)",
                &row.prism_crashes,
            ),
            (
                "responses Prism itself finds against the spec (defects of the spec)",
                &row.spec_defects,
            ),
            ("responses to examples not read", &row.examples.failed),
            (
                "responses to examples written back different",
                &row.examples.different,
            ),
            ("random responses not read", &row.dynamic.failed),
            (
                "random responses written back different",
                &row.dynamic.different,
            ),
        ];
        for (title, list) in lists {
            if !list.is_empty() {
                let _ = writeln!(out, "\n{}, {title}:", row.spec);
                for line in list {
                    let _ = writeln!(out, "- {line}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::workspace_root;

    /// Petstore's spec and the fidelity fixture against Prism: every
    /// operation is called, Prism accepts every request, and every response
    /// (its examples, and three runs of random schema-valid ones) is read
    /// and, written back, equals what came.
    #[test]
    fn petstore_and_the_fidelity_fixture_conform() {
        let root = workspace_root();
        let specs = [
            root.join("../shared/specs/corpus/swagger_petstore3.yaml"),
            root.join("tests/fixtures/fidelity.yaml"),
        ];
        let target = root.join("target");
        let rows = run(
            &specs,
            &root,
            &target.join("conformance-test"),
            &target.join("conformance-target"),
        )
        .unwrap();
        let table = table(&rows);
        for row in &rows {
            assert_eq!(row.called, row.operations, "{table}");
            assert_eq!(row.accepted, row.called, "{table}");
            for responses in [&row.examples, &row.dynamic] {
                assert_eq!(responses.failed, Vec::<String>::new(), "{table}");
                assert_eq!(responses.different, Vec::<String>::new(), "{table}");
            }
            assert_eq!(row.examples.decoded, row.accepted, "{table}");
            assert_eq!(row.dynamic.decoded, row.accepted * DYNAMIC_RUNS, "{table}");
        }
        // The one response not compared is the fidelity fixture's download
        // beside an empty 202, in each run.
        let not_compared: usize = rows.iter().map(|r| r.dynamic.not_compared()).sum();
        assert_eq!(not_compared, DYNAMIC_RUNS, "{table}");
        println!("{table}");
    }
}
