//! The byte size of every file in dist/, raw and gzipped, so growth shows up in every build.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::command;
use crate::Result;

/// Gzip at level 9 with Node's zlib, which every machine that builds this project already has.
const GZIP_SIZES: &str = r#"
const { readFileSync } = require("node:fs");
const { gzipSync } = require("node:zlib");
for (const file of process.argv.slice(1)) {
  const bytes = readFileSync(file);
  console.log(`${bytes.length} ${gzipSync(bytes, { level: 9 }).length}`);
}
"#;

pub fn report(dir: &Path) -> Result {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    files.sort();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec!["-e", GZIP_SIZES];
    args.extend(names.iter().map(String::as_str));
    let output = command("node", &args)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "measuring gzip sizes failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let sizes: Vec<(u64, u64)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (raw, gzip) = line.split_once(' ')?;
            Some((raw.parse().ok()?, gzip.parse().ok()?))
        })
        .collect();
    if sizes.len() != files.len() {
        return Err("measuring gzip sizes gave an unexpected answer".into());
    }

    let width = files
        .iter()
        .map(|f| relative(dir, f).len())
        .max()
        .unwrap_or(0)
        .max(5);
    println!("{:<width$} {:>10} {:>10}", "file", "raw", "gzip");
    for (file, (raw, gzip)) in files.iter().zip(&sizes) {
        println!("{:<width$} {:>10} {:>10}", relative(dir, file), raw, gzip);
    }
    let raw: u64 = sizes.iter().map(|(raw, _)| raw).sum();
    let gzip: u64 = sizes.iter().map(|(_, gzip)| gzip).sum();
    println!("{:<width$} {:>10} {:>10}", "total", raw, gzip);
    println!("({} files; bytes; gzip -9)", files.len());
    Ok(())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn relative(dir: &Path, file: &Path) -> String {
    file.strip_prefix(dir).unwrap_or(file).display().to_string()
}
