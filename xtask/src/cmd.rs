//! Running programs the way every xtask step does: from the repository root, echoed first,
//! with node_modules/.bin on PATH, and failing with the command's name.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// A command started from the root, with npm's tools (wasm-opt, esbuild) found first on PATH,
/// for this program and for the programs it starts (Trunk runs wasm-opt).
pub fn command(program: &str, args: &[&str]) -> Command {
    let bin = root().join("node_modules").join(".bin");
    let local = bin.join(program);
    let mut command = if local.is_file() {
        Command::new(local)
    } else {
        Command::new(program)
    };
    command.args(args).current_dir(root());
    let path = std::env::var_os("PATH").unwrap_or_default();
    let paths = std::iter::once(bin).chain(std::env::split_paths(&path));
    if let Ok(joined) = std::env::join_paths(paths) {
        command.env("PATH", joined);
    }
    command
}

/// Runs `program args…`, showing it first; a non-zero exit is an error naming the command.
pub fn run(program: &str, args: &[&str]) -> Result {
    run_command(command(program, args))
}

pub fn run_command(mut command: Command) -> Result {
    let shown = describe(&command);
    println!("$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The trimmed stdout of a command that succeeded, or `None` (missing program, failure).
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let output = command(program, args).stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn describe(command: &Command) -> String {
    let program = Path::new(command.get_program());
    let name = program.strip_prefix(root()).unwrap_or(program).as_os_str();
    std::iter::once(name)
        .chain(command.get_args())
        .map(|part| {
            let part = part.to_string_lossy();
            if part.contains(' ') {
                format!("'{part}'")
            } else {
                part.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A step's header, so a long log shows where each part begins.
pub fn header(title: &str) {
    println!("\n==> {title}");
}
