//! `test` and `bench`: every check the project has, cheapest first, stopping at the first failure.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{header, root, run};
use crate::{site, tools, Result};

/// The browsers the end-to-end tests can drive; `all` is each of them in turn.
pub const BROWSERS: &[&str] = &["chromium", "firefox", "webkit", "all"];

/// Checks a `--browser` value before anything slow starts.
pub fn browser(name: &str) -> Result<&str> {
    if BROWSERS.contains(&name) {
        Ok(name)
    } else {
        Err(format!(
            "--browser is one of {}, not {name:?}",
            BROWSERS.join(", ")
        ))
    }
}

/// One named step; its name is what a failure reports.
fn step(name: &str, work: impl FnOnce() -> Result) -> Result {
    header(name);
    work().map_err(|error| format!("step \"{name}\" failed: {error}"))
}

pub fn all(browser: &str) -> Result {
    step("checking tools", tools::ensure_for_site)?;
    step("cargo fmt --check", || {
        run("cargo", &["fmt", "--all", "--check"])
    })?;
    step("clippy (host, all targets)", || {
        run(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    // The page and the runtime only ever run as wasm: lint them as that too.
    step("clippy (wasm32: page and runtime)", || {
        run(
            "cargo",
            &[
                "clippy",
                "-p",
                "express-playground",
                "-p",
                "runtime",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    step("unit tests (engine, runtime, page, xtask)", || {
        run(
            "cargo",
            &[
                "test",
                "-p",
                "engine",
                "-p",
                "runtime",
                "-p",
                "express-playground",
                "-p",
                "xtask",
            ],
        )
    })?;
    step("build (runtime + site)", site::build_ready)?;
    step("size budgets (tests/bench/budgets.json)", || {
        run("node", &["tests/bench/sizes.mjs", "dist"])
    })?;

    let root = root();
    let runtime_tests = test_files(&root.join("tests/runtime"));
    if runtime_tests.is_empty() {
        println!("\n(no runtime tests in tests/runtime/)");
    } else {
        step("runtime tests in Node", || {
            let mut args = vec!["--test".to_string()];
            args.extend(runtime_tests.iter().map(|f| relative(&root, f)));
            run("node", &args.iter().map(String::as_str).collect::<Vec<_>>())
        })?;
    }
    if root.join("tests/diff/run.mjs").is_file() {
        step("differential tests against real Express", || {
            run("node", &["tests/diff/run.mjs"])
        })?;
    } else {
        println!("\n(no differential tests: tests/diff/run.mjs does not exist)");
    }
    if root.join("tests/e2e/run.mjs").is_file() {
        step(&format!("end-to-end tests ({browser})"), || {
            run(
                "node",
                &["tests/e2e/run.mjs", "--dist", "dist", "--browser", browser],
            )
        })?;
    } else {
        println!("\n(no end-to-end tests: tests/e2e/run.mjs does not exist)");
    }
    println!("\nAll checks passed.");
    Ok(())
}

/// The benchmarks, each checked against tests/bench/budgets.json: bundle sizes, time from
/// navigation to a usable Run in each engine, and request latency (playground in-process vs
/// real Express over loopback).
pub fn bench() -> Result {
    step("checking tools", tools::ensure_for_site)?;
    step("build (runtime + site)", site::build_ready)?;
    step("size budgets", || {
        run("node", &["tests/bench/sizes.mjs", "dist"])
    })?;
    step("time to ready (median of 5 per engine)", || {
        run("node", &["tests/bench/ready.mjs", "--dist", "dist"])
    })?;
    step("request latency (median)", || {
        run("node", &["tests/bench/run.mjs"])
    })
}

/// Test files as `node --test` names them (`*.test.mjs` and friends), listed explicitly so the
/// command means the same on every Node version.
fn test_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            found.extend(test_files(&path));
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if [".test.mjs", ".test.js", ".test.cjs"]
                .iter()
                .any(|ext| name.ends_with(ext))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn relative(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}
