//! The webhook signature scheme set by the caller (`codegen.toml`'s
//! `webhook_signature`, the CLI's `--webhook-signature`, both through
//! `Config`) wins over the spec's `x-webhook-signature`; a name sdkgen does
//! not know is a configuration error.

use std::path::Path;

fn spec() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/production.yaml")
}

fn webhooks_rs(config: &sdkgen::Config) -> String {
    let output = sdkgen::generate_file(&spec(), config).unwrap();
    output.crate_files().files["src/webhooks.rs"].clone()
}

#[test]
fn the_configured_scheme_wins_over_the_spec() {
    let from_spec = webhooks_rs(&sdkgen::Config::default());
    assert!(from_spec.contains("pub const SCHEME: Scheme = Scheme::StandardWebhooks;"));
    let configured = webhooks_rs(&sdkgen::Config {
        webhook_signature: Some("hub-signature".to_owned()),
        ..sdkgen::Config::default()
    });
    assert!(
        configured.contains("header: \"x-hub-signature-256\""),
        "{configured}"
    );
    assert!(configured.contains("prefix: \"sha256=\""));
}

#[test]
fn an_unknown_scheme_is_a_configuration_error() {
    let error = sdkgen::generate_file(
        &spec(),
        &sdkgen::Config {
            webhook_signature: Some("md5".to_owned()),
            ..sdkgen::Config::default()
        },
    )
    .unwrap_err();
    assert!(matches!(error, sdkgen::Error::Config(_)), "{error}");
    assert!(error.to_string().contains("`md5`"), "{error}");
}
