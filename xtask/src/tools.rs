//! Making sure the tools a step needs are present in the right versions, installing the ones
//! cargo, rustup and npm can install, and naming the ones a person must install.

use std::fs;
use std::time::SystemTime;

use crate::cmd::{output, root, run};
use crate::Result;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk 0.22 needs a newer rustc than the project's 1.95; 0.21 does everything needed here.
const TRUNK_SERIES: &str = "0.21.";
const TRUNK_REQUIREMENT: &str = "~0.21";
/// What the npm `binaryen` package in package.json provides; Trunk.toml pins the same.
const WASM_OPT_VERSION: &str = "version 132";
const NODE_MAJOR_MIN: u32 = 20;

/// Each `ensure` prints what it found or installs; callers print the step's header.
///
/// Everything `build-runtime` uses: Node + npm packages (esbuild, wasm-opt), the wasm target,
/// and the wasm-bindgen CLI.
pub fn ensure_for_runtime() -> Result {
    ensure_node()?;
    ensure_npm_packages()?;
    ensure_wasm_opt()?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen()
}

/// Everything `build` uses: the runtime's tools plus Trunk.
pub fn ensure_for_site() -> Result {
    ensure_for_runtime()?;
    ensure_trunk()
}

fn ensure_node() -> Result {
    let missing = |what: &str| {
        format!(
            "{what}. Node.js >= {NODE_MAJOR_MIN} with npm bundles the editor, runs wasm-opt and the tests: \
             install it from https://nodejs.org or your package manager (Debian: apt-get install nodejs npm)."
        )
    };
    let version = output("node", &["--version"]).ok_or_else(|| missing("node was not found"))?;
    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    if major.is_none_or(|major| major < NODE_MAJOR_MIN) {
        return Err(missing(&format!("node is {version}")));
    }
    let npm = output("npm", &["--version"]).ok_or_else(|| missing("npm was not found"))?;
    println!("node {version}, npm {npm}");
    Ok(())
}

/// `npm ci` when node_modules is missing or older than package-lock.json. npm records the
/// installed tree in node_modules/.package-lock.json, so comparing the two files' times tells
/// whether the lock changed since the last install.
fn ensure_npm_packages() -> Result {
    let root = root();
    let modified = |path: &std::path::Path| fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock = modified(&root.join("package-lock.json")).unwrap_or(SystemTime::UNIX_EPOCH);
    let installed = modified(&root.join("node_modules/.package-lock.json"));
    match installed {
        Some(installed) if installed >= lock => {
            println!("npm packages: up to date with package-lock.json");
            Ok(())
        }
        Some(_) => {
            println!("npm packages: package-lock.json changed since the last install");
            run("npm", &["ci", "--no-audit", "--no-fund"])
        }
        None => {
            println!("npm packages: not installed yet");
            run("npm", &["ci", "--no-audit", "--no-fund"])
        }
    }
}

fn ensure_wasm_opt() -> Result {
    match output("wasm-opt", &["--version"]) {
        Some(version) if version.contains(WASM_OPT_VERSION) => {
            println!("wasm-opt: {version} (npm binaryen)");
            Ok(())
        }
        found => Err(format!(
            "wasm-opt {WASM_OPT_VERSION} should come from the npm package binaryen in node_modules, \
             but found {found:?}; run `npm ci`."
        )),
    }
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).ok_or(
        "rustup was not found: install Rust with rustup (https://rustup.rs), \
         or add the wasm32-unknown-unknown target to your toolchain another way",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("rust target: {WASM_TARGET}");
        Ok(())
    } else {
        run("rustup", &["target", "add", WASM_TARGET])
    }
}

/// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in Cargo.lock,
/// or the generated glue does not match the compiled wasm.
fn ensure_wasm_bindgen() -> Result {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let wanted = locked_version(&lock, "wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen")?;
    let trunk_toml = fs::read_to_string(root().join("Trunk.toml")).unwrap_or_default();
    if let Some(pinned) = toml_string(&trunk_toml, "wasm_bindgen") {
        if pinned != wanted {
            return Err(format!(
                "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {wanted}; make them equal"
            ));
        }
    }
    let found = output("wasm-bindgen", &["--version"]);
    if found.as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        println!("wasm-bindgen: {wanted}");
        return Ok(());
    }
    println!(
        "wasm-bindgen: want {wanted}, found {}",
        found.as_deref().unwrap_or("none")
    );
    // No --locked: the registry mirror may lack a crate version the CLI's own lockfile names.
    run(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &wanted],
    )
}

fn ensure_trunk() -> Result {
    let found = output("trunk", &["--version"]);
    if let Some(version) = found.as_deref().and_then(|v| v.strip_prefix("trunk ")) {
        if version.starts_with(TRUNK_SERIES) {
            println!("trunk: {version}");
            return Ok(());
        }
    }
    println!(
        "trunk: want {TRUNK_REQUIREMENT}, found {} (installing takes ~10 minutes on 2 cores)",
        found.as_deref().unwrap_or("none")
    );
    run(
        "cargo",
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_REQUIREMENT,
            "--locked",
        ],
    )
}

/// The version Cargo.lock records for `name` (the first, if several).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == wanted {
            let version = lines
                .next()?
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

/// `key = "value"` from a flat TOML file.
fn toml_string(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "yew"), None);
    }

    #[test]
    fn reads_a_toml_string() {
        let toml = "[tools]\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_string(toml, "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            toml_string(toml, "wasm_opt").as_deref(),
            Some("version_132")
        );
    }
}
