//! OpenAPI 3.1 input: the 3.1 rewrite of our default spec gives exactly the
//! crate the 3.0 original gives, and the shared 3.1 examples generate.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn generate(path: &Path, name: &str) -> sdkgen::Output {
    let text = std::fs::read_to_string(path).unwrap();
    sdkgen::generate(name, &text, &sdkgen::Config::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// spec/authlete-3.1.yaml says what spec/authlete.yaml says with 3.1's
/// constructs (components.pathItems, type lists, jsonSchemaDialect,
/// info.summary); given the same name, every generated file is the same.
#[test]
fn the_31_rewrite_of_the_default_spec_generates_the_same_crate() {
    let root = repo_root();
    let original = generate(&root.join("spec/authlete.yaml"), "authlete.yaml");
    let rewrite = generate(&root.join("spec/authlete-3.1.yaml"), "authlete.yaml");
    let (original, rewrite) = (original.crate_files(), rewrite.crate_files());
    assert!(original.files.len() > 10);
    assert_eq!(
        original.files.keys().collect::<Vec<_>>(),
        rewrite.files.keys().collect::<Vec<_>>()
    );
    for (path, text) in &original.files {
        assert_eq!(&rewrite.files[path], text, "{path} differs");
    }
}

/// The 3.1 examples in ../shared/specs/openapi-3.1 generate (`cargo xtask
/// corpus` compiles them), with the facts they state.
#[test]
fn the_shared_31_examples_generate() {
    let dir = repo_root().join("../shared/specs/openapi-3.1");
    let webhook = generate(&dir.join("oai_webhook-example.yaml"), "webhook.yaml");
    // No paths, one webhook whose payload is the component `Pet`.
    assert_eq!(webhook.operations, 0);
    assert_eq!(webhook.types, 1);
    assert!(
        webhook.warnings.iter().any(|w| w.location.pointer
            == "#/webhooks/newPet/post/requestBody/content/application~1json/schema"
            && w.message.contains("schema `Pet`")),
        "{:?}",
        webhook.warnings
    );
    let files = webhook.crate_files();
    assert!(files.files["src/models.rs"].contains("pub struct Pet {"));

    // An operation without `responses`, and scopes on a bearer scheme.
    let scopes = generate(&dir.join("oai_non-oauth-scopes.yaml"), "scopes.yaml");
    assert_eq!(scopes.operations, 1);
    assert!(scopes.warnings.is_empty(), "{:?}", scopes.warnings);
    let client = &scopes.crate_files().files["src/client.rs"];
    assert!(client.contains("pub fn get_users("), "{client}");
    assert!(client.contains("pub fn bearer_auth("), "{client}");
}
