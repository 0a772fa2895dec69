//! The generated crate's non-Rust files, filled in from `templates/crate/`.

use std::collections::BTreeMap;

use super::example_code::Examples;
use super::{default_base_url, CrateInfo};
use crate::ir::{Api, SecurityKind, SplitPlan};

const CARGO_TOML: &str = include_str!("../../../templates/crate/Cargo.toml.in");
const README_MD: &str = include_str!("../../../templates/crate/README.md.in");
const RUNTIME_CARGO_TOML: &str = include_str!("../../../templates/crate/runtime-Cargo.toml.in");

/// `Cargo.toml` and `README.md`.
pub fn files(
    api: &Api,
    info: &CrateInfo,
    examples: &Examples<'_>,
    split: Option<&SplitPlan>,
) -> BTreeMap<String, String> {
    let description = api
        .description
        .as_deref()
        .and_then(|d| d.trim().lines().next())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(
            || format!("A client of the {}", api.title.trim()),
            str::to_owned,
        );
    let lib = crate::naming::lib_name(&info.name);
    let readme = [
        ("{{authentication}}", authentication(api, examples)),
        ("{{tag_examples}}", tag_examples(api, examples)),
        ("{{error_example}}", error_example(api, examples)),
        ("{{servers}}", servers(api)),
        ("{{operations}}", operations(api)),
        ("{{features}}", features_section(api)),
        ("{{oauth2}}", super::readme_extras::oauth2(api, &lib)),
        ("{{idempotency}}", super::readme_extras::idempotency(api)),
        ("{{webhooks}}", super::readme_extras::webhooks(api, &lib)),
        ("{{runtime}}", runtime_section(info, split)),
    ];
    let (deps, tracing, full_serde, tags, workspace) = match split {
        // The runtime, and so its traces, is the runtime crate's.
        None => (
            format!(
                "{}{}",
                runtime_dependency(info),
                without_tracing(&dependencies(api))
            ),
            toml_list([format!("{}/tracing", runtime_name(info))]),
            "[]".to_owned(),
            tag_features(api, None),
            "",
        ),
        Some(plan) => (
            // The runtime, and so its traces, is the models crate's.
            format!(
                "{}{}",
                without_tracing(&dependencies(api)),
                split_dependencies(plan, &info.version)
            ),
            toml_list([format!("{}/tracing", plan.models_crate)]),
            split_full_serde(plan),
            tag_features(api, Some(plan)),
            "\n# The crates this one re-exports (`sdkgen generate --split`).\n\
             [workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
        ),
    };
    let fill = |template: &str| {
        let mut text = template
            .replace("{{spec}}", &info.spec_name)
            .replace("{{name}}", &info.name)
            .replace("{{lib}}", &lib)
            .replace("{{version}}", &info.version)
            .replace("{{api_version}}", api.version.trim())
            .replace("{{title}}", api.title.trim())
            .replace("{{description}}", &toml_string(&description))
            .replace("{{dependencies}}", &deps)
            .replace("{{default_features}}", &default_features(api))
            .replace("{{tracing}}", &tracing)
            .replace("{{full_serde}}", &full_serde)
            .replace("{{tag_features}}", &tags)
            .replace("{{workspace}}", workspace);
        // Sections last, so that text from the spec inside them is never
        // taken for a placeholder.
        for (placeholder, section) in &readme {
            text = text.replace(placeholder, section);
        }
        text
    };
    BTreeMap::from([
        ("Cargo.toml".to_owned(), fill(CARGO_TOML)),
        ("README.md".to_owned(), fill(README_MD)),
    ])
}

/// The runtime crate's `Cargo.toml` ([`super::runtime_crate`]): the
/// dependencies of the runtime files it holds, none of `sdkgen.toml`'s.
pub fn runtime_files(api: &Api, info: &CrateInfo) -> BTreeMap<String, String> {
    let description = format!(
        "The runtime of the `{}` crate (HTTP calls, credentials, errors, encodings), \
         copied from sdkgen's templates",
        info.name
    );
    let text = RUNTIME_CARGO_TOML
        .replace("{{spec}}", &info.spec_name)
        .replace("{{name}}", &info.name)
        .replace("{{runtime}}", &runtime_name(info))
        .replace("{{version}}", &info.version)
        .replace("{{description}}", &toml_string(&description))
        .replace("{{dependencies}}", &dependency_lines(api, false));
    BTreeMap::from([("Cargo.toml".to_owned(), text)])
}

/// The README's words on the runtime crate, under "Install"; none for a
/// split workspace, whose models crate holds the runtime.
fn runtime_section(info: &CrateInfo, split: Option<&SplitPlan>) -> String {
    if split.is_some() {
        return String::new();
    }
    format!(
        "\nThe crate's runtime (HTTP calls, credentials, errors, encodings) is the \
         crate `{}` in `{}/`, a path dependency of this one: there is nothing more \
         to add, and a change to the spec's operations or types does not \
         rebuild it. To publish this crate, publish that one first.\n",
        runtime_name(info),
        crate::naming::RUNTIME_DIR
    )
}

/// The package name of `info`'s runtime crate.
fn runtime_name(info: &CrateInfo) -> String {
    crate::naming::runtime_crate_name(&info.name)
}

/// A crate's dependency on its runtime crate, of the same version.
fn runtime_dependency(info: &CrateInfo) -> String {
    format!(
        "# The runtime, a crate of its own: a change to the spec does not compile\n\
         # it again. Publish it before this crate.\n\
         {} = {{ path = \"{}\", version = \"={}\" }}\n",
        runtime_name(info),
        crate::naming::RUNTIME_DIR,
        info.version
    )
}

fn rust_block(attributes: &str, code: &str) -> String {
    format!("```rust{attributes}\n{code}\n```")
}

fn authentication(api: &Api, examples: &Examples<'_>) -> String {
    let mut text = if api.security_schemes.is_empty() {
        "The API declares no security schemes: a client needs only a base URL.\n\n".to_owned()
    } else {
        let mut text = String::from(
            "Set the credentials of the API's security schemes on the builder; each \
             request sends those its operation asks for. Credentials never appear in \
             `Debug` output or error messages.\n\n",
        );
        for scheme in &api.security_schemes {
            let how = match &scheme.kind {
                SecurityKind::Bearer => "`Authorization: Bearer …`".to_owned(),
                SecurityKind::OAuth2 {
                    token_url: Some(url),
                } => format!(
                    "OAuth 2.0 (`Authorization: Bearer …`): `OAuth2::client_credentials(id, \
                     secret)` fetches and renews tokens from `{url}`; or a token, or \
                     `OAuth2::provider`"
                ),
                SecurityKind::OAuth2 { token_url: None } => {
                    "OAuth 2.0 (`Authorization: Bearer …`): a token, or `OAuth2::provider`"
                        .to_owned()
                }
                SecurityKind::Basic => "HTTP basic (`Authorization: Basic …`)".to_owned(),
                SecurityKind::ApiKeyHeader(name) => format!("the `{name}` header"),
                SecurityKind::ApiKeyQuery(name) => format!("the `{name}` query parameter"),
                SecurityKind::ApiKeyCookie(name) => format!("the `{name}` cookie"),
            };
            text.push_str(&format!(
                "- `.{}(…)`: scheme `{}`, sent as {how}.\n",
                scheme.setter.trim_start_matches("r#"),
                scheme.key
            ));
        }
        text.push('\n');
        text
    };
    text.push_str(&rust_block("", &examples.client_example()));
    text
}

fn tag_examples(api: &Api, examples: &Examples<'_>) -> String {
    let mut out = Vec::new();
    for (tag, operations) in super::sdk_pages::tags(api) {
        let Some((op, code)) = operations
            .iter()
            .find_map(|op| examples.call_example(op).map(|code| (op, code)))
        else {
            continue;
        };
        out.push(format!(
            "### {tag}\n\n`{}` ([all of {tag}]({})):\n\n{}",
            op.method_name.trim_start_matches("r#"),
            crate::naming::tag_page(tag),
            rust_block(",no_run", &code)
        ));
    }
    if out.is_empty() {
        "The API has no operations.".to_owned()
    } else {
        out.join("\n\n")
    }
}

fn error_example(api: &Api, examples: &Examples<'_>) -> String {
    api.operations
        .iter()
        .find_map(|op| examples.error_example(op))
        .map_or_else(String::new, |code| rust_block(",no_run", &code))
}

fn servers(api: &Api) -> String {
    let mut text = match default_base_url(api) {
        Some(url) => format!(
            "A new client sends requests to `{url}`, the spec's first server. Another \
             base URL (a server below, a proxy, a test server) is set with \
             `.base_url(…)` on the builder."
        ),
        None => "The spec lists no server: set the base URL with `.base_url(…)` on the \
                 builder, or `build()` fails with `BuildError::NoBaseUrl`."
            .to_owned(),
    };
    if !api.servers.is_empty() {
        text.push_str(
            " `.server(index)` picks a server of the table (the first is 0), and \
             `.server_variable(name, value)` sets a variable of its URL.",
        );
        text.push_str("\n\n| Index | Server | Description |\n| ----- | ------ | ----------- |\n");
        for (index, server) in api.servers.iter().enumerate() {
            let mut description = server
                .description
                .as_deref()
                .map_or_else(String::new, super::pages::cell);
            for variable in &server.variables {
                let values = if variable.values.is_empty() {
                    String::new()
                } else {
                    format!(" (one of `{}`)", variable.values.join("`, `"))
                };
                description.push_str(&format!(
                    "<br>`{}`: default `{}`{values}",
                    variable.name, variable.default
                ));
            }
            text.push_str(&format!(
                "| {index} | `{}` | {} |\n",
                server.template,
                description.trim_start_matches("<br>")
            ));
        }
    }
    text
}

fn operations(api: &Api) -> String {
    let mut out = Vec::new();
    for (tag, operations) in super::sdk_pages::tags(api) {
        out.push(format!("### [{tag}]({})\n", crate::naming::tag_page(tag)));
        for op in operations {
            let name = op.method_name.trim_start_matches("r#");
            let summary = op.summary.as_deref().map(str::trim).unwrap_or("");
            out.push(format!(
                "- [`{name}`]({}#{name}): `{} {}`{}{}",
                crate::naming::tag_page(tag),
                op.method.as_str(),
                op.path,
                if summary.is_empty() { "" } else { " — " },
                super::pages::cell(summary)
            ));
        }
        out.push(String::new());
    }
    out.join("\n").trim_end().to_owned()
}

/// The `[dependencies]` lines, in name order: what every crate needs, and
/// what the runtime modules it carries need (`runtime::Needs`).
pub fn dependencies(api: &Api) -> String {
    dependency_lines(api, true)
}

/// [`dependencies`], with `sdkgen.toml`'s own only when `extra`.
fn dependency_lines(api: &Api, extra: bool) -> String {
    let needs = super::runtime_needs(api, super::Target::Crate);
    let mut lines: Vec<&str> = vec![
        "bytes = \"1\"",
        "form_urlencoded = \"1\"",
        "futures-util = { version = \"0.3\", default-features = false, features = [\"std\"] }",
        "httpdate = \"1\"",
        "percent-encoding = \"2\"",
        "reqwest = { version = \"0.12\", default-features = false, features = [\"http2\", \"json\", \"multipart\", \"stream\"] }",
        "serde = { version = \"1.0.181\", features = [\"derive\"] }",
        "serde_json = { version = \"1\", features = [\"float_roundtrip\", \"preserve_order\"] }",
        "tokio = { version = \"1\", default-features = false, features = [\"fs\", \"sync\", \"time\"] }",
        "tracing = { version = \"0.1\", optional = true }",
    ];
    if needs.streams {
        lines.push("eventsource-stream = \"0.2\"");
    }
    let formats = api.formats();
    // Idempotency keys and uuid-typed values share one line.
    if needs.idempotency_keys {
        lines.push(if formats.contains(&crate::ir::Format::Uuid) {
            "uuid = { version = \"1\", features = [\"serde\", \"v4\"] }"
        } else {
            "uuid = { version = \"1\", features = [\"v4\"] }"
        });
    }
    // The crate of each typed format, once (chrono serves two).
    let mut typed: Vec<String> = Vec::new();
    for (name, dependency) in formats.iter().filter_map(|f| f.dependency()) {
        let taken = name == "uuid" && needs.idempotency_keys
            || typed
                .iter()
                .any(|line| line.starts_with(&format!("{name} = ")));
        if !taken {
            typed.push(format!("{name} = {dependency}"));
        }
    }
    lines.extend(typed.iter().map(String::as_str));
    if needs.webhooks || needs.text_format {
        lines.push("base64 = \"0.22\"");
    }
    if needs.webhooks {
        lines.extend(["hex = \"0.4\"", "hmac = \"0.12\"", "sha2 = \"0.10\""]);
    }
    let own: Vec<String> = if extra {
        api.extra_dependencies
            .iter()
            .map(|(name, value)| format!("{name} = {value}"))
            .collect()
    } else {
        Vec::new()
    };
    lines.extend(own.iter().map(String::as_str));
    lines.sort_unstable();
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// Every dependency a generated crate may have of its own: `sdkgen.toml`
/// cannot add one of these again.
pub const OWN_DEPENDENCIES: &[&str] = &[
    "base64",
    "bytes",
    "chrono",
    "eventsource-stream",
    "form_urlencoded",
    "futures-util",
    "hex",
    "hmac",
    "httpdate",
    "percent-encoding",
    "reqwest",
    "rust_decimal",
    "serde",
    "serde_json",
    "sha2",
    "time",
    "tokio",
    "tracing",
    "url",
    "uuid",
];

/// The `default` feature: rustls, and every tag's feature.
fn default_features(api: &Api) -> String {
    let mut text = String::new();
    if !api.features.is_empty() {
        text.push_str(
            "# rustls, and one feature per tag of the API, all on by default. With\n\
             # `default-features = false`, pick the tags you call (and a TLS\n\
             # feature): only their operations and types are compiled.\n",
        );
    }
    text.push_str("default = [\n    \"rustls-tls\",\n");
    for feature in &api.features {
        text.push_str(&format!("    \"{}\",\n", feature.name));
    }
    text.push_str("]\n");
    text
}

/// One feature per tag; in a split workspace's facade, each turns on the
/// group crates holding its operations and its types in the models crate.
fn tag_features(api: &Api, split: Option<&SplitPlan>) -> String {
    let mut text = String::new();
    for feature in &api.features {
        let Some(plan) = split else {
            text.push_str(&format!("{} = []\n", feature.name));
            continue;
        };
        let mut needs: Vec<String> = plan
            .groups
            .iter()
            .filter(|g| g.enabled_by.contains(&feature.name))
            .map(|g| format!("dep:{}", g.crate_name))
            .collect();
        needs.push(format!("{}/{}", plan.models_crate, feature.name));
        text.push_str(&format!("{} = {}\n", feature.name, toml_list(needs)));
    }
    text
}

/// `dependencies` without `tracing`, for a crate of a split workspace
/// other than the models crate (which holds the runtime).
pub(super) fn without_tracing(dependencies: &str) -> String {
    dependencies
        .lines()
        .filter(|line| !line.starts_with("tracing "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// A split facade's dependencies on the crates of its workspace: the models
/// crate always, each group crate when a feature needs it.
fn split_dependencies(plan: &SplitPlan, version: &str) -> String {
    let mut text = format!(
        "{} = {{ path = \"{}\", version = \"={version}\", default-features = false }}\n",
        plan.models_crate, plan.models_dir
    );
    for group in &plan.groups {
        let optional = if group.enabled_by.is_empty() {
            ""
        } else {
            ", optional = true"
        };
        text.push_str(&format!(
            "{} = {{ path = \"{}\", version = \"={version}\"{optional} }}\n",
            group.crate_name, group.dir
        ));
    }
    text
}

/// A split facade's `full-serde`: that of every crate of its workspace.
fn split_full_serde(plan: &SplitPlan) -> String {
    let mut needs = vec![format!("{}/full-serde", plan.models_crate)];
    for group in &plan.groups {
        let optional = if group.enabled_by.is_empty() { "" } else { "?" };
        needs.push(format!("{}{optional}/full-serde", group.crate_name));
    }
    toml_list(needs)
}

/// A TOML array of strings, on one line.
pub(super) fn toml_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| toml_string(&item)).collect();
    format!("[{}]", items.join(", "))
}

/// The README's list of features, by tag.
fn features_section(api: &Api) -> String {
    let mut text = String::from(
        "`blocking` adds the blocking client (above); `tracing` a span per call \
         (operation ID, method, path template, attempt, status, duration; never the \
         filled URL, headers or bodies) and an event per retry, through the `tracing` \
         crate. Both are off by default. TLS is rustls with the Mozilla roots \
         (`rustls-tls`, on by default) or the platform's own library (`native-tls`, \
         with `default-features = false`); HTTP/2 is on. `full-serde` gives every \
         type both of serde's traits (above; off by default).",
    );
    if api.features.is_empty() {
        return text;
    }
    text.push_str(
        "\n\nEach tag of the API is a feature, and all of them are on by default. \
         A program that calls only some groups compiles only those, with \
         `default-features = false` and the features it needs (with a TLS \
         feature, `rustls-tls` or `native-tls`, for `https`):\n\n\
         | Feature | Tag | Operations |\n|---|---|---:|",
    );
    for (tag, operations) in super::sdk_pages::tags(api) {
        let Some(feature) = api.feature_of_tag(tag) else {
            continue;
        };
        text.push_str(&format!(
            "\n| `{feature}` | {} | {} |",
            super::pages::cell(tag),
            operations.len()
        ));
    }
    text
}

/// A TOML basic string: JSON's string escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// A semver version for the crate from `info.version`, which is free text in
/// OpenAPI (`3.0.16`, `v1`, `2010-04-01`, `unversioned`): up to three numeric
/// parts, missing ones zero, and `0.1.0` when it has no number at all.
pub fn crate_version(api_version: &str) -> String {
    let parts: Vec<u64> = api_version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .take(3)
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    match parts.as_slice() {
        [] => "0.1.0".to_owned(),
        [major] => format!("{major}.0.0"),
        [major, minor] => format!("{major}.{minor}.0"),
        [major, minor, patch, ..] => format!("{major}.{minor}.{patch}"),
    }
}

#[cfg(test)]
mod tests {
    use super::crate_version;

    #[test]
    fn versions_become_semver() {
        assert_eq!(crate_version("3.0.16"), "3.0.16");
        assert_eq!(crate_version("v1"), "1.0.0");
        assert_eq!(crate_version("2010-04-01"), "2010.4.1");
        assert_eq!(crate_version("unversioned"), "0.1.0");
        assert_eq!(crate_version("1.2"), "1.2.0");
        assert_eq!(crate_version("99999999999999999999999"), "0.0.0");
    }
}
