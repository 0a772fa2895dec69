//! `sdkgen.toml`: each setting read from a file and applied to a fixture,
//! and each mistake an error that names the key. (What a compiled crate
//! shows, renames, derives, a replaced type and custom code, is in
//! `tests/golden/configured`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::config::Settings;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/{name}"))
}

fn settings(text: &str) -> Settings {
    Settings::parse(Path::new("sdkgen.toml"), text).unwrap()
}

fn generate(spec: &str, text: &str) -> sdkgen::Result<BTreeMap<String, String>> {
    let config = sdkgen::Config {
        settings: settings(text),
        ..sdkgen::Config::default()
    };
    Ok(sdkgen::generate_file(&fixture(spec), &config)?
        .crate_files()
        .files)
}

#[test]
fn tags_choose_operations_and_unreached_types_go() {
    let all = generate("client-shapes.yaml", "").unwrap();
    let files = generate("client-shapes.yaml", "[tags]\ninclude = [\"charges\"]\n").unwrap();
    let client = &files["src/client.rs"];
    assert!(has_method(client, "create_charge"));
    assert!(has_method(client, "capture_charge"));
    assert!(!has_method(client, "search"));
    assert!(!has_method(client, "upload_file"));
    // `Charge` is a charge's; `SearchFilter` (the search's inline filter)
    // and the file types went with their operations.
    assert!(files["src/models.rs"].contains("pub struct Charge "));
    assert!(all["src/operations.rs"].contains("pub struct SearchFilter "));
    assert!(!files["src/operations.rs"].contains("pub struct SearchFilter "));
    assert!(!files.contains_key("docs/sdks/files/README.md"));
    // One tag is left: no per-tag features.
    assert!(!files["Cargo.toml"].contains("charges = []"));

    let without = generate(
        "client-shapes.yaml",
        "[tags]\nexclude = [\"files\"]\n[operations]\nexclude = [\"search\"]\n",
    )
    .unwrap();
    assert!(!has_method(&without["src/client.rs"], "upload_file"));
    assert!(!has_method(&without["src/client.rs"], "search"));
    assert!(has_method(&without["src/client.rs"], "create_charge"));
    assert!(has_method(&without["src/client.rs"], "health"));
}

#[test]
fn names_rename_operations_and_schemas() {
    let files = generate(
        "evolution-v1.yaml",
        "[names]\noperations = { listOrders = \"all_orders\" }\nschemas = { Problem = \"OrderProblem\" }\n",
    )
    .unwrap();
    let client = &files["src/client.rs"];
    assert!(has_method(client, "all_orders"));
    assert!(client.contains("super::operations::AllOrdersRequest"));
    assert!(files["src/models.rs"].contains("pub struct OrderProblem "));
    assert!(!files["src/models.rs"].contains("pub struct Problem "));
    assert!(files.contains_key("docs/models/orderproblem.md"));
}

#[test]
fn fastapi_ids_can_stay_whole() {
    let spec = r#"
openapi: 3.0.3
info: {title: Shop, version: "1"}
paths:
  /users/{user_id}/orders:
    get:
      operationId: list_orders_users__user_id__orders_get
      parameters:
        - {name: user_id, in: path, required: true, schema: {type: integer}}
      responses:
        "200": {description: ok}
"#;
    let method = |text: &str| {
        let config = sdkgen::Config {
            settings: settings(text),
            ..sdkgen::Config::default()
        };
        let files = sdkgen::generate("shop.yaml", spec, &config)
            .unwrap()
            .crate_files()
            .files;
        has_method(&files["src/client.rs"], "list_orders")
    };
    assert!(method(""));
    assert!(!method("[names]\nshorten = false\n"));
}

#[test]
fn dependencies_go_into_the_manifest() {
    let files = generate(
        "evolution-v1.yaml",
        "[dependencies]\nbigdecimal = { version = \"0.4\", features = [\"serde\"] }\nschemars = \"0.8\"\n",
    )
    .unwrap();
    let manifest = &files["Cargo.toml"];
    // As TOML writes the value back: a table's keys in order.
    assert!(
        manifest.contains("bigdecimal = { features = [\"serde\"], version = \"0.4\" }\n"),
        "{manifest}"
    );
    assert!(manifest.contains("schemars = \"0.8\"\n"));
}

#[test]
fn a_name_the_document_lacks_is_an_error() {
    for (text, expected) in [
        (
            "[tags]\ninclude = [\"charge\"]\n",
            "tags.include: `charge` is no operation's tag",
        ),
        (
            "[operations]\nexclude = [\"serch\"]\n",
            "operations.exclude: `serch` is no operationId",
        ),
        (
            "[names]\nschemas = { Chrge = \"Payment\" }\n",
            "names.schemas: `Chrge` is no component schema",
        ),
        (
            "[replace]\nChrge = \"x::Y\"\n",
            "replace: `Chrge` is no component schema",
        ),
        (
            "[derive]\ntypes = { Chrge = [\"Hash\"] }\n",
            "derive.types: `Chrge` is no type",
        ),
        (
            "[dependencies]\nserde = \"1\"\n",
            "dependencies.serde: the generated crate has this dependency",
        ),
        (
            "[names]\nschemas = { Charge = \"charge\" }\n",
            "names.schemas.Charge: `charge` cannot name a type",
        ),
    ] {
        let error = generate("client-shapes.yaml", text)
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
}

#[test]
fn the_cli_reads_the_file_beside_the_spec_or_the_one_named() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("orders.yaml");
    std::fs::copy(fixture("evolution-v1.yaml"), &spec).unwrap();
    let run = |extra: &[&str]| {
        let out = tmp.path().join("out");
        let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .arg("generate")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        let client = std::fs::read_to_string(out.join("src/client.rs")).unwrap_or_default();
        (output, client)
    };
    let (_, client) = run(&[]);
    assert!(has_method(&client, "delete_order"));
    std::fs::write(
        tmp.path().join("sdkgen.toml"),
        "[operations]\nexclude = [\"deleteOrder\"]\n",
    )
    .unwrap();
    let (_, client) = run(&[]);
    assert!(!has_method(&client, "delete_order"));
    let named = tmp.path().join("other.toml");
    std::fs::write(&named, "[operations]\nexclude = [\"getOrder\"]\n").unwrap();
    let (_, client) = run(&["--config", named.to_str().unwrap()]);
    assert!(has_method(&client, "delete_order"));
    assert!(!has_method(&client, "get_order"));
    // An unknown key: an error with its place, and nothing written.
    std::fs::write(
        &named,
        "[operations]\nexclude = []\n\n[format]\nuuid = true\n",
    )
    .unwrap();
    let (output, _) = run(&["--config", named.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("other.toml"), "{stderr}");
    assert!(stderr.contains("line 4, column 2"), "{stderr}");
    assert!(stderr.contains("unknown field `format`"), "{stderr}");
}

#[test]
fn a_format_is_typed_and_its_crate_added_only_when_used() {
    let files = generate(
        "evolution-v1.yaml",
        "[formats]\nuri = \"url\"\ndate = \"chrono\"\n",
    )
    .unwrap();
    let models = &files["src/models.rs"];
    assert!(models.contains("pub receipt: Option<url::Url>,"));
    assert!(models.contains("pub delivery_date: Option<Option<chrono::NaiveDate>>,"));
    // Not configured: still text.
    assert!(models.contains("pub placed_at: Option<String>,"));
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains("url = { version = \"2\", features = [\"serde\"] }\n"));
    assert!(manifest.contains("chrono = "));
    assert!(!manifest.contains("uuid"));
    let chrono = generate("evolution-v1.yaml", "[formats]\ndate-time = \"chrono\"\n").unwrap();
    assert!(chrono["src/models.rs"]
        .contains("pub placed_at: Option<chrono::DateTime<chrono::FixedOffset>>,"));
    // chrono's own serde reads it anywhere: a query parameter too.
    assert!(chrono["src/operations.rs"]
        .contains("pub since: Option<chrono::DateTime<chrono::FixedOffset>>,"));
    let time = generate("evolution-v1.yaml", "[formats]\ndate-time = \"time\"\n").unwrap();
    assert!(time["src/models.rs"].contains("with = \"super::runtime::text_format::option\""));
    assert!(time["src/operations.rs"].contains("pub since: Option<String>,"));
    // Configured but used by no schema: no dependency.
    let files = generate("client-shapes.yaml", "[formats]\nuri = \"url\"\n").unwrap();
    assert!(!files["Cargo.toml"].contains("url = "));
}

#[test]
fn uuid_keys_and_uuid_values_share_one_dependency() {
    // The production fixture makes idempotency keys (uuid's `v4`); with one
    // of its strings a uuid, the crate needs uuid's `serde` too, in one line.
    let spec = std::fs::read_to_string(fixture("production.yaml"))
        .unwrap()
        .replace("format: date-time", "format: uuid");
    let config = sdkgen::Config {
        settings: settings("[formats]\nuuid = \"uuid\"\n"),
        ..sdkgen::Config::default()
    };
    let files = sdkgen::generate("production.yaml", &spec, &config)
        .unwrap()
        .crate_files()
        .files;
    assert!(files["src/models.rs"].contains("uuid::Uuid"));
    let lines: Vec<&str> = files["Cargo.toml"]
        .lines()
        .filter(|l| l.starts_with("uuid"))
        .collect();
    assert_eq!(
        lines,
        ["uuid = { version = \"1\", features = [\"serde\", \"v4\"] }"]
    );
}

#[test]
fn bytes_are_bytes_only_where_an_adapter_reads_them() {
    let config = sdkgen::Config {
        settings: settings("[formats]\nbyte = \"base64\"\n"),
        ..sdkgen::Config::default()
    };
    let output = sdkgen::generate_file(&fixture("evolution-v1.yaml"), &config).unwrap();
    let files = output.crate_files().files;
    assert!(files["src/models.rs"].contains("pub signature: Option<Option<Vec<u8>>>,"));
    assert!(files["src/models.rs"].contains("with = \"super::runtime::text_format::option_list\""));
    // A query parameter has no adapter: it stays text, with a warning.
    assert!(files["src/operations.rs"].contains("pub page_token: Option<String>,"));
    let warning = output
        .warnings
        .iter()
        .find(|w| w.message.contains("`format: byte`"))
        .expect("a warning for the parameter");
    assert_eq!(warning.location.pointer, "#/paths/~1orders/get");
    assert!(files.contains_key("runtime/src/text_format.rs"));
    assert!(!generate("evolution-v1.yaml", "")
        .unwrap()
        .contains_key("runtime/src/text_format.rs"));
}

#[test]
fn replace_takes_a_schema_that_is_itself_a_ref() {
    // `Alias` is a `$ref` to `Money`: replacing it must not be passed over.
    let spec = std::fs::read_to_string(fixture("evolution-v2.yaml"))
        .unwrap()
        .replace(
            "    Cancellation:\n",
            "    Alias:\n      $ref: '#/components/schemas/Money'\n    Cancellation:\n",
        );
    let config = sdkgen::Config {
        settings: settings("[replace]\nAlias = \"my_money::Money\"\n"),
        ..sdkgen::Config::default()
    };
    let files = sdkgen::generate("orders.yaml", &spec, &config)
        .unwrap()
        .crate_files()
        .files;
    assert!(
        files["src/models.rs"].contains("pub type Alias = my_money::Money;"),
        "{}",
        files["src/models.rs"]
    );
}

/// Whether the client declares the method `name`: a plain function returning
/// the call's future, or an `async fn` (a method whose request waits, as an
/// upload's does, or whose answer is read as a stream).
fn has_method(client: &str, name: &str) -> bool {
    client.contains(&format!("pub fn {name}(")) || client.contains(&format!("pub async fn {name}("))
}
