//! `cargo xtask fastapi`: a real FastAPI service end to end. The app in
//! `tests/servers/fastapi/app.py` runs under uvicorn on 127.0.0.1 (a venv
//! made from the pinned `requirements.txt`, in `target/fastapi-venv`); its
//! OpenAPI document is fetched from the running server, so the spec is
//! FastAPI's own; sdkgen generates a crate from it with `--strict` (the
//! document must need no repair), and the hand-written client test
//! `tests/servers/fastapi/roundtrip.rs` calls every endpoint through that
//! crate, against the same server.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::conformance::write;

/// The generated crate's package name.
const CRATE: &str = "ticket-office";

/// What a run found.
#[derive(Debug)]
pub struct Outcome {
    /// Operations in FastAPI's document.
    pub operations: usize,
    /// The client test's output (its test names and results).
    pub report: String,
}

/// Makes the venv from the pinned requirements (when it is not there, or
/// they changed) and returns its Python.
pub fn install(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/fastapi-venv");
    let python = venv.join("bin/python");
    let pinned = root.join("tests/servers/fastapi/requirements.txt");
    let installed = venv.join("requirements.txt");
    if python.exists() && std::fs::read(&pinned).ok() == std::fs::read(&installed).ok() {
        return Ok(python);
    }
    let status = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .map_err(|e| format!("python3 (needed for the FastAPI server): {e}"))?;
    if !status.success() {
        return Err(format!("python3 -m venv {} failed", venv.display()));
    }
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&pinned)
        .status()
        .map_err(|e| format!("pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip install -r {} failed", pinned.display()));
    }
    std::fs::copy(&pinned, &installed).map_err(|e| format!("{}: {e}", installed.display()))?;
    Ok(python)
}

/// Starts the server, generates the crate from its document into
/// `workspace`, and runs the client test (built into `target`).
pub fn run(root: &Path, workspace: &Path, target: &Path) -> Result<Outcome, String> {
    let python = install(root)?;
    let server = Server::start(&python, &root.join("tests/servers/fastapi"))?;
    let spec = http_get(server.port, "/openapi.json")?;
    if workspace.exists() {
        std::fs::remove_dir_all(workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;
    }
    write(&workspace.join("openapi.json"), &spec)?;
    let config = sdkgen::Config {
        crate_name: Some(CRATE.to_owned()),
        strict: true,
        webhook_signature: None,
        ..sdkgen::Config::default()
    };
    let output = sdkgen::generate("openapi.json", &spec, &config)
        .map_err(|e| format!("FastAPI's document: {e}"))?;
    output
        .crate_files()
        .write(&workspace.join(CRATE))
        .map_err(|e| e.to_string())?;
    write(
        &workspace.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [\"{CRATE}\", \"check\"]\n{}",
            crate::corpus::DEV_PROFILE
        ),
    )?;
    let test = root.join("tests/servers/fastapi/roundtrip.rs");
    write(&workspace.join("check/Cargo.toml"), &check_manifest(&test))?;
    write(&workspace.join("check/src/lib.rs"), "")?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let result = Command::new(cargo)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env("RUST_BACKTRACE", "0")
        .env(
            "TICKET_OFFICE_URL",
            format!("http://127.0.0.1:{}", server.port),
        )
        .args(["test", "--quiet", "-p", "check", "--test", "roundtrip"])
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    if !result.status.success() {
        return Err(format!(
            "the client test failed against FastAPI:\n{report}\nserver log:\n{}",
            server.log()
        ));
    }
    Ok(Outcome {
        operations: output.operations,
        report,
    })
}

/// The client test's crate: the generated crate and what the test uses.
fn check_manifest(test: &Path) -> String {
    format!(
        r#"[package]
name = "check"
version = "0.1.0"
edition = "2021"
publish = false

[dev-dependencies]
# full-serde: the harness writes what the client read as JSON.
{CRATE} = {{ path = "../{CRATE}", features = ["full-serde"] }}
futures-util = "0.3"
reqwest = {{ version = "0.12", default-features = false }}
serde = "1"
serde_json = {{ version = "1", features = ["float_roundtrip"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "net"] }}

[[test]]
name = "roundtrip"
path = {test:?}
"#,
        test = test.display().to_string()
    )
}

/// The uvicorn process; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts the app on a free port of 127.0.0.1 and waits until it answers.
    fn start(python: &Path, dir: &Path) -> Result<Server, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log = std::env::temp_dir().join(format!("sdkgen-fastapi-{port}.log"));
        let log_file =
            std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new(python)
            .current_dir(dir)
            .args(["app.py", &port.to_string()])
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", python.display()))?;
        let mut server = Server { child, port, log };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("the server exited ({status}):\n{}", server.log()));
            }
            if http_get(port, "/health").is_ok() {
                return Ok(server);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = server.child.kill();
        Err(format!(
            "the server did not answer within 60 s:\n{}",
            server.log()
        ))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The body of `GET path` on 127.0.0.1:`port`, when the status is 2xx.
fn http_get(port: u16, path: &str) -> Result<String, String> {
    ureq::get(&format!("http://127.0.0.1:{port}{path}"))
        .call()
        .map_err(|e| e.to_string())?
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole run (about a minute once the shared target folder is
    /// built): every endpoint of the FastAPI app through the generated client.
    #[test]
    fn fastapi_server_round_trips() {
        let root = crate::codegen::workspace_root();
        let target = root.join("target");
        let outcome = run(
            &root,
            &target.join("fastapi"),
            &target.join("conformance-target"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(outcome.operations >= 30, "{outcome:?}");
        assert!(
            outcome.report.contains("test result: ok"),
            "{}",
            outcome.report
        );
    }
}
