//! Helpers shared by the integration tests: where the repository's and the
//! shared data's files are, and how to read the reference pages.

use std::path::PathBuf;

pub mod wire;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_owned()
}

/// Runs `cargo` with `args` (and `envs`) at the repository root and fails the
/// test when it fails or prints a warning, showing what it printed.
pub fn cargo_clean_run(args: &[&str], envs: &[(&str, &str)]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .current_dir(repo_root())
        .envs(envs.iter().copied())
        .args(args)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo {args:?} failed:\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "cargo {args:?} passed but warned:\n{stderr}"
    );
}

/// `../shared`, beside the repository root (read-only data: specs, reference
/// pages).
pub fn shared_dir() -> PathBuf {
    repo_root().join("../shared")
}

/// `json` read into `T` and written back gives `json` again; the value read.
pub fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: serde_json::Value) -> T {
    let value: T = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), json);
    value
}

/// One row of a reference page's `## Fields` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    /// The wire name, without backticks.
    pub field: String,
    /// The Type cell: `*string*`, or a link such as
    /// `[models.X](../../models/x.md)`.
    pub ty: String,
    /// Whether the Required cell is `:heavy_check_mark:`.
    pub required: bool,
}

/// A reference page: its title, the example's object as JSON, and its fields.
#[derive(Debug, Clone)]
pub struct ReferencePage {
    /// The `# Title`.
    pub title: String,
    /// The TypeScript object literal of `## Example Usage`, as the JSON it
    /// denotes.
    pub example: serde_json::Value,
    /// The `## Fields` table.
    pub fields: Vec<FieldRow>,
}

impl ReferencePage {
    /// Reads `../shared/reference/{name}`.
    pub fn read(name: &str) -> ReferencePage {
        let path = shared_dir().join("reference").join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        ReferencePage::parse(&text)
    }

    /// Parses a page in the layout of the reference pages.
    pub fn parse(text: &str) -> ReferencePage {
        let code = text
            .split("```typescript")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("an example block");
        let literal = code
            .split_once(" = ")
            .map(|(_, object)| object.trim().trim_end_matches(';'))
            .expect("let value: T = {…};");
        let example = serde_json::from_str(&ts_object_to_json(literal))
            .unwrap_or_else(|e| panic!("example does not read as JSON: {e}\n{literal}"));
        ReferencePage {
            title: page_title(text),
            example,
            fields: fields_table(text),
        }
    }
}

/// The `# Title` of a page in the reference pages' layout.
pub fn page_title(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .expect("a # title")
        .trim()
        .to_owned()
}

/// The rows of the `## Fields` table of a page in the reference pages' layout.
pub fn fields_table(text: &str) -> Vec<FieldRow> {
    text.split("## Fields")
        .nth(1)
        .expect("a fields table")
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            FieldRow {
                field: cells[1].trim_matches('`').to_owned(),
                ty: cells[2].to_owned(),
                required: cells[3] == ":heavy_check_mark:",
            }
        })
        .collect()
}

/// A TypeScript object literal of the reference pages' kind (identifier keys,
/// double-quoted strings, trailing commas) as JSON text.
fn ts_object_to_json(literal: &str) -> String {
    let mut json = String::new();
    for line in literal.lines() {
        let line = line.trim();
        match line.split_once(": ") {
            Some((key, value)) if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                json.push_str(&format!("\"{key}\": {value}"));
            }
            _ => json.push_str(line),
        }
    }
    json.replace(",}", "}").replace(",]", "]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page() {
        let page = ReferencePage::parse(
            "# T\n\n## Example Usage\n\n```typescript\nlet value: T = {\n  a: \"x\",\n  b: {\n    c: \"y\",\n  },\n};\n```\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | *string* | :heavy_check_mark: | A. |\n| `b` | [models.B](b.md) | :heavy_minus_sign: | N/A |\n",
        );
        assert_eq!(page.title, "T");
        assert_eq!(page.example, serde_json::json!({"a": "x", "b": {"c": "y"}}));
        assert_eq!(page.fields.len(), 2);
        assert!(page.fields[0].required);
        assert!(!page.fields[1].required);
        assert_eq!(page.fields[1].ty, "[models.B](b.md)");
    }
}
