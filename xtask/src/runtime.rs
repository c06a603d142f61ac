//! `build-runtime`: the sandbox runtime (crates/runtime) as `pkg/`, an ES-module package that
//! the site serves as `runtime/` and that Node >= 20 can import for tests and docs CI.

use std::fs;
use std::path::Path;

use crate::cmd::{header, root, run, target_dir};
use crate::Result;

/// What pkg/package.json says: enough for `import { createPlayground } from ".../pkg"`.
const PACKAGE_JSON: &str = r#"{
  "name": "express-playground",
  "type": "module",
  "exports": "./index.mjs"
}
"#;

/// Builds pkg/: the wasm (compiled, bound, optimized) and the two JS entries bundled around it.
pub fn build() -> Result {
    let root = root();
    let js = root.join("crates/runtime/js");
    for entry in ["index.mjs", "worker.mjs"] {
        if !js.join(entry).is_file() {
            return Err(format!(
                "crates/runtime/js/{entry} does not exist; the runtime cannot be bundled"
            ));
        }
    }
    let target = target_dir();
    let wasm = target.join("wasm32-unknown-unknown/release/runtime.wasm");
    let bindgen = target.join("runtime-bindgen");
    let pkg = root.join("pkg");

    header("runtime: compiling crates/runtime to wasm");
    run(
        "cargo",
        &[
            "build",
            "-p",
            "runtime",
            "--target",
            "wasm32-unknown-unknown",
            "--release",
        ],
    )?;

    header("runtime: generating the JS bindings");
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            // Exchange objects are freed when JS collects them (FinalizationRegistry).
            "--weak-refs",
            "--out-dir",
            &shown(&bindgen),
            &shown(&wasm),
        ],
    )?;

    header("runtime: optimizing the wasm for size");
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|e| format!("cannot empty pkg/: {e}"))?;
    }
    fs::create_dir_all(&pkg).map_err(|e| format!("cannot create pkg/: {e}"))?;
    run(
        "wasm-opt",
        &[
            "-Oz",
            &shown(&bindgen.join("runtime_bg.wasm")),
            "-o",
            &shown(&pkg.join("runtime_bg.wasm")),
        ],
    )?;

    header("runtime: bundling index.mjs and worker.mjs");
    // `runtime-glue` is how the runtime's JS names the wasm-bindgen output, wherever it lives.
    let glue = format!(
        "--alias:runtime-glue={}",
        import_path(&bindgen.join("runtime.js"))
    );
    // The worker imports the package entry instead of bundling a second copy of it.
    for (entry, extra) in [
        ("index.mjs", None),
        ("worker.mjs", Some("--external:./index.mjs")),
    ] {
        let input = format!("crates/runtime/js/{entry}");
        let output = format!("--outfile=pkg/{entry}");
        let mut args = vec![
            input.as_str(),
            "--bundle",
            "--format=esm",
            "--platform=neutral",
            "--minify",
            "--keep-names",
            output.as_str(),
            &glue,
            "--external:node:*",
            "--log-level=warning",
        ];
        args.extend(extra);
        run("esbuild", &args)?;
    }
    fs::write(pkg.join("package.json"), PACKAGE_JSON)
        .map_err(|e| format!("cannot write pkg/package.json: {e}"))?;
    println!("runtime: pkg/ is ready");
    Ok(())
}

/// A path as the commands, run from the root, should see it: relative when inside the root.
fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// esbuild resolves alias targets from the working directory; relative ones need a `./`.
fn import_path(path: &Path) -> String {
    match path.strip_prefix(root()) {
        Ok(relative) => format!("./{}", relative.display()),
        Err(_) => path.display().to_string(),
    }
}
