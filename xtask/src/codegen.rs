//! Regenerating and checking the checked-in SDKs of `codegen.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// `codegen.toml`.
#[derive(Debug, Deserialize)]
struct Config {
    sdk: Vec<Sdk>,
}

/// One checked-in SDK.
#[derive(Debug, Deserialize)]
struct Sdk {
    /// The spec, relative to the workspace root.
    spec: PathBuf,
    /// The crate folder, relative to the workspace root.
    out: PathBuf,
    /// The package name.
    crate_name: String,
    /// How the API signs its webhooks, when the spec does not say
    /// (`standard-webhooks`, `hub-signature`, `timestamped`).
    #[serde(default)]
    webhook_signature: Option<String>,
    /// The SDK's `sdkgen.toml`, relative to the workspace root (default:
    /// the one beside the spec, if any).
    #[serde(default)]
    config: Option<PathBuf>,
}

/// The workspace root: the folder above xtask's own.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

/// Regenerates (or, with `check`, compares) every SDK of `root/codegen.toml`.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let config_path = root.join("codegen.toml");
    let text = std::fs::read_to_string(&config_path)
        .map_err(|e| format!("{}: {e}", config_path.display()))?;
    let config: Config =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", config_path.display()))?;
    let mut stale = Vec::new();
    for sdk in &config.sdk {
        let spec = root.join(&sdk.spec);
        let out = root.join(&sdk.out);
        let explicit = sdk.config.as_ref().map(|path| root.join(path));
        let (settings, _) = sdkgen::config::Settings::for_spec(&spec, explicit.as_deref())
            .map_err(|e| e.to_string())?;
        let output = sdkgen::generate_file(
            &spec,
            &sdkgen::Config {
                crate_name: Some(sdk.crate_name.clone()),
                strict: false,
                webhook_signature: sdk.webhook_signature.clone(),
                settings,
                custom_code: sdkgen::write::has_custom_code(&out),
                split: false,
                format_cache: None,
                example_cases: false,
            },
        )
        .map_err(|e| e.to_string())?;
        let files = output.crate_files();
        if check {
            let differing = files.diff(&out).map_err(|e| e.to_string())?;
            if !differing.is_empty() {
                stale.push(format!("{}: {}", sdk.out.display(), differing.join(", ")));
            }
        } else {
            files.write(&out).map_err(|e| e.to_string())?;
            eprintln!("{} → {}", sdk.spec.display(), sdk.out.display());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "checked-in SDKs are stale; run `cargo xtask codegen` and commit the result:\n  {}",
            stale.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in SDKs are what the generator writes today.
    #[test]
    fn checked_in_sdks_are_fresh() {
        if let Err(message) = run(&workspace_root(), true) {
            panic!("{message}");
        }
    }

    /// The check sees a changed file, and fails.
    #[test]
    fn check_fails_on_a_stale_sdk() {
        let root = workspace_root();
        let tmp = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("spec")).unwrap();
        std::fs::copy(
            root.join("spec/authlete.yaml"),
            tmp.join("spec/authlete.yaml"),
        )
        .unwrap();
        std::fs::write(
            tmp.join("codegen.toml"),
            "[[sdk]]\nspec = \"spec/authlete.yaml\"\nout = \"out\"\ncrate_name = \"x\"\n",
        )
        .unwrap();
        run(&tmp, false).unwrap();
        run(&tmp, true).unwrap();
        std::fs::write(tmp.join("out/src/models.rs"), "// edited by hand\n").unwrap();
        let message = run(&tmp, true).unwrap_err();
        std::fs::remove_dir_all(&tmp).unwrap();
        assert!(message.contains("out: src/models.rs"), "{message}");
    }
}
