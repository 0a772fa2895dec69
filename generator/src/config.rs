//! `sdkgen.toml`: what a user customises about the crate generated from a
//! spec. It sits beside the spec (or is named by `--config`, or by an SDK's
//! `config` in `codegen.toml`); `build_rs` reads the one beside the spec.
//! Every key is documented in README ("Configuration"); a key sdkgen does
//! not know is an error that says where it is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The file's name beside the spec.
pub const FILE_NAME: &str = "sdkgen.toml";

/// The settings of `sdkgen.toml`; the default is none of them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Which operations to generate, by tag.
    #[serde(default)]
    pub tags: Filter,
    /// Which operations to generate, by operationId.
    #[serde(default)]
    pub operations: Filter,
    /// Names other than those sdkgen would give.
    #[serde(default)]
    pub names: Names,
    /// Derives beyond sdkgen's own.
    #[serde(default)]
    pub derive: Derives,
    /// Component schemas for which a type of the user's is used instead of a
    /// generated one: schema key → Rust type path.
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    /// String formats read as Rust types of their own.
    #[serde(default)]
    pub formats: Formats,
    /// Dependencies the crate gets besides its own, for the paths of
    /// `replace` and `derive`: name → a Cargo dependency (a version string
    /// or a table), written into `Cargo.toml` as given.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
}

/// Which string `format`s are typed, and as what: each key names the crate
/// whose type it becomes. Unset: the string stays a `String`, kept exactly
/// as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    /// `date-time`: `"time"` (`time::OffsetDateTime`) or `"chrono"`
    /// (`chrono::DateTime<chrono::FixedOffset>`).
    #[serde(default, rename = "date-time")]
    pub date_time: Option<String>,
    /// `date`: `"time"` (`time::Date`) or `"chrono"` (`chrono::NaiveDate`).
    #[serde(default)]
    pub date: Option<String>,
    /// `uuid`: `"uuid"` (`uuid::Uuid`).
    #[serde(default)]
    pub uuid: Option<String>,
    /// `uri`: `"url"` (`url::Url`).
    #[serde(default)]
    pub uri: Option<String>,
    /// `decimal` (on a string): `"rust_decimal"` (`rust_decimal::Decimal`).
    #[serde(default)]
    pub decimal: Option<String>,
    /// `byte`: `"base64"` (`Vec<u8>`, base64 on the wire).
    #[serde(default)]
    pub byte: Option<String>,
    /// `int64` on a string (an integer too large for some JSON readers,
    /// sent as text): `"rust_decimal"`.
    #[serde(default)]
    pub int64: Option<String>,
}

impl Formats {
    /// The type of a string of `format`, when one is configured.
    pub fn of(&self, format: &str) -> Option<crate::ir::Format> {
        use crate::ir::Format;
        match format {
            "date-time" => self.date_time.as_deref().map(|lib| match lib {
                "time" => Format::TimeDateTime,
                _ => Format::ChronoDateTime,
            }),
            "date" => self.date.as_deref().map(|lib| match lib {
                "time" => Format::TimeDate,
                _ => Format::ChronoDate,
            }),
            "uuid" => self.uuid.as_ref().map(|_| Format::Uuid),
            "uri" => self.uri.as_ref().map(|_| Format::Url),
            "decimal" => self.decimal.as_ref().map(|_| Format::Decimal),
            "int64" => self.int64.as_ref().map(|_| Format::Decimal),
            "byte" => self.byte.as_ref().map(|_| Format::Bytes),
            _ => None,
        }
    }

    /// Each key with its value and the values sdkgen takes for it.
    fn choices(&self) -> [(&'static str, Option<&String>, &'static [&'static str]); 7] {
        [
            ("date-time", self.date_time.as_ref(), &["time", "chrono"]),
            ("date", self.date.as_ref(), &["time", "chrono"]),
            ("uuid", self.uuid.as_ref(), &["uuid"]),
            ("uri", self.uri.as_ref(), &["url"]),
            ("decimal", self.decimal.as_ref(), &["rust_decimal"]),
            ("int64", self.int64.as_ref(), &["rust_decimal"]),
            ("byte", self.byte.as_ref(), &["base64"]),
        ]
    }
}

/// A choice of operations: with `include`, only those it names; then
/// without those `exclude` names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// Only these (empty: all).
    #[serde(default)]
    pub include: Vec<String>,
    /// Not these.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Filter {
    /// Whether the filter leaves every operation in.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }
}

/// Renames, and the switch for sdkgen's shortened names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// operationId → the name the operation's method and request type are
    /// made from (`listPets = "pets"`: `pets`, `PetsRequest`).
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Component schema key → the type's name.
    #[serde(default)]
    pub schemas: BTreeMap<String, String>,
    /// Whether FastAPI's default operationIds are named by their route alone
    /// (`get_user_order`, not `get_user_order_users__user_id__orders__order_id__get`).
    #[serde(default = "yes")]
    pub shorten: bool,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            operations: BTreeMap::new(),
            schemas: BTreeMap::new(),
            shorten: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// Derives added to the generated types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derives {
    /// Added to every model and request type.
    #[serde(default)]
    pub all: Vec<String>,
    /// Added to the named types (by Rust name).
    #[serde(default)]
    pub types: BTreeMap<String, Vec<String>>,
}

impl Settings {
    /// Reads `text`, the contents of the file `path` names (for errors).
    pub fn parse(path: &Path, text: &str) -> Result<Settings> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            Error::Config(format!("{}: {}", path.display(), e.to_string().trim_end()))
        })?;
        settings.check(path)?;
        Ok(settings)
    }

    /// Reads the file at `path`.
    pub fn read(path: &Path) -> Result<Settings> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Settings::parse(path, &text)
    }

    /// The settings for the spec at `spec`: those of `explicit` when given,
    /// else of `sdkgen.toml` beside the spec when there is one, else none;
    /// with the path read, if any.
    pub fn for_spec(spec: &Path, explicit: Option<&Path>) -> Result<(Settings, Option<PathBuf>)> {
        let path = match explicit {
            Some(path) => path.to_owned(),
            None => {
                let beside = spec.parent().unwrap_or(Path::new(".")).join(FILE_NAME);
                if !beside.is_file() {
                    return Ok((Settings::default(), None));
                }
                beside
            }
        };
        Ok((Settings::read(&path)?, Some(path)))
    }

    /// What the types cannot say: names that must be Rust identifiers and
    /// paths.
    fn check(&self, path: &Path) -> Result<()> {
        let bad = |key: String, what: &str| {
            Err(Error::Config(format!("{}: {key}: {what}", path.display())))
        };
        for (format, value, allowed) in self.formats.choices() {
            if let Some(value) = value.filter(|v| !allowed.contains(&v.as_str())) {
                return bad(
                    format!("formats.{format}"),
                    &format!(
                        "`{value}` is not one sdkgen knows (it takes {})",
                        allowed.join(", ")
                    ),
                );
            }
        }
        for (id, name) in &self.names.operations {
            if !is_identifier(name) {
                return bad(format!("names.operations.{id}"), "not a Rust identifier");
            }
        }
        for (key, name) in &self.names.schemas {
            if !is_identifier(name) {
                return bad(format!("names.schemas.{key}"), "not a Rust identifier");
            }
        }
        for (key, target) in &self.replace {
            if !target.split("::").all(is_identifier) {
                return bad(
                    format!("replace.{key}"),
                    "not a Rust type path (`crate_name::Type`)",
                );
            }
        }
        let derives = self.derive.all.iter().map(|d| ("derive.all".to_owned(), d));
        let named = self
            .derive
            .types
            .iter()
            .flat_map(|(ty, list)| list.iter().map(move |d| (format!("derive.types.{ty}"), d)));
        for (key, derive) in derives.chain(named) {
            if !derive.split("::").all(is_identifier) {
                return bad(key, &format!("`{derive}` is not a derive macro's path"));
            }
        }
        Ok(())
    }
}

/// A plain Rust identifier (ASCII): a letter or `_`, then letters, digits
/// and `_`, and not `_` alone.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Settings;

    fn parse(text: &str) -> Result<Settings, String> {
        Settings::parse(Path::new("sdkgen.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn every_key_reads() {
        let settings = parse(
            r#"
[tags]
include = ["Pets"]
exclude = ["Admin"]

[operations]
exclude = ["deletePet"]

[names]
shorten = false
operations = { listPets = "pets" }
schemas = { Pet = "Animal" }

[derive]
all = ["Eq"]
types = { Animal = ["Hash", "schemars::JsonSchema"] }

[replace]
Money = "rusty_money::Money"

[formats]
date-time = "chrono"
date = "chrono"
uuid = "uuid"
uri = "url"
decimal = "rust_decimal"
int64 = "rust_decimal"
byte = "base64"

[dependencies]
schemars = "0.8"
rusty_money = { version = "0.4", features = ["iso"] }
"#,
        )
        .unwrap();
        assert_eq!(settings.tags.include, ["Pets"]);
        assert!(!settings.names.shorten);
        assert_eq!(settings.names.schemas["Pet"], "Animal");
        assert_eq!(settings.derive.types["Animal"][1], "schemars::JsonSchema");
        assert_eq!(settings.replace["Money"], "rusty_money::Money");
        assert_eq!(settings.dependencies.len(), 2);
        assert_eq!(settings.formats.of("uri"), Some(crate::ir::Format::Url));
        assert_eq!(
            settings.formats.of("decimal"),
            Some(crate::ir::Format::Decimal)
        );
        assert_eq!(
            settings.formats.of("int64"),
            Some(crate::ir::Format::Decimal)
        );
        assert_eq!(settings.formats.of("byte"), Some(crate::ir::Format::Bytes));
        assert_eq!(settings.formats.of("binary"), None);
        let time = parse("[formats]\ndate-time = \"time\"\ndate = \"time\"\n").unwrap();
        assert_eq!(
            time.formats.of("date-time"),
            Some(crate::ir::Format::TimeDateTime)
        );
        assert_eq!(time.formats.of("date"), Some(crate::ir::Format::TimeDate));
        assert!(parse("").unwrap().names.shorten);
    }

    #[test]
    fn an_unknown_key_is_an_error_that_says_where() {
        let error = parse("[tags]\ninclude = [\"a\"]\nincluded = [\"b\"]\n").unwrap_err();
        assert!(error.contains("sdkgen.toml"), "{error}");
        assert!(error.contains("line 3, column 1"), "{error}");
        assert!(error.contains("unknown field `included`"), "{error}");
        let error = parse("[formats]\nuuids = \"uuid\"\n").unwrap_err();
        assert!(error.contains("unknown field `uuids`"), "{error}");
        let error = parse("[formats]\ndate-time = \"jiff\"\n").unwrap_err();
        assert!(
            error.contains(
                "formats.date-time: `jiff` is not one sdkgen knows (it takes time, chrono)"
            ),
            "{error}"
        );
    }

    #[test]
    fn names_and_paths_must_be_rust() {
        let error = parse("[names.schemas]\nPet = \"an animal\"\n").unwrap_err();
        assert!(
            error.contains("names.schemas.Pet: not a Rust identifier"),
            "{error}"
        );
        let error = parse("[replace]\nMoney = \"my types::Money\"\n").unwrap_err();
        assert!(error.contains("replace.Money"), "{error}");
        assert!(parse("[derive]\nall = [\"serde::Hash!\"]\n").is_err());
    }
}
