//! The generated crate's non-Rust files, filled in from `templates/crate/`.

use std::collections::BTreeMap;

use super::{default_base_url, CrateInfo};
use crate::ir::Api;

const CARGO_TOML: &str = include_str!("../../../templates/crate/Cargo.toml.in");
const README_MD: &str = include_str!("../../../templates/crate/README.md.in");

/// `Cargo.toml` and `README.md`.
pub fn files(api: &Api, info: &CrateInfo) -> BTreeMap<String, String> {
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
    let setters = if api.security_schemes.is_empty() {
        "none".to_owned()
    } else {
        api.security_schemes
            .iter()
            .map(|s| format!("`.{}(…)`", s.setter.trim_start_matches("r#")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let operations = api
        .operations
        .iter()
        .map(|op| {
            let summary = op.summary.as_deref().map(str::trim).unwrap_or("");
            format!(
                "- `{}`: `{} {}`{}{}",
                op.method_name.trim_start_matches("r#"),
                op.method.as_str(),
                op.path,
                if summary.is_empty() { "" } else { " — " },
                summary
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let fill = |template: &str| {
        template
            .replace("{{spec}}", &info.spec_name)
            .replace("{{name}}", &info.name)
            .replace("{{lib}}", &lib)
            .replace("{{version}}", &info.version)
            .replace("{{api_version}}", api.version.trim())
            .replace("{{title}}", api.title.trim())
            .replace("{{description}}", &toml_string(&description))
            .replace("{{setters}}", &setters)
            .replace("{{base_url}}", default_base_url(api))
            .replace("{{operations}}", &operations)
    };
    BTreeMap::from([
        ("Cargo.toml".to_owned(), fill(CARGO_TOML)),
        ("README.md".to_owned(), fill(README_MD)),
    ])
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
