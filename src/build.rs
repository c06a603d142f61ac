//! Build script for the page: renders each lesson's Markdown into Rust values in `OUT_DIR`, so
//! the wasm carries finished HTML instead of a Markdown parser.

use std::path::Path;
use std::{env, fs};

mod lesson {
    include!("lesson/model.rs");
    pub mod parse;
}

/// (Markdown file under lessons/, generated file name in OUT_DIR).
const LESSONS: &[(&str, &str)] = &[("background-workers.md", "background_workers.rs")];

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for (source, generated) in LESSONS {
        let path = Path::new("lessons").join(source);
        println!("cargo::rerun-if-changed={}", path.display());
        let markdown = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let lesson = lesson::Lesson::parse(&markdown)
            .unwrap_or_else(|e| panic!("{} is not a valid lesson: {e:?}", path.display()));
        let code = lesson::parse::to_rust(&lesson);
        fs::write(Path::new(&out_dir).join(generated), code).expect("cannot write to OUT_DIR");
    }
    println!("cargo::rerun-if-changed=src/lesson/parse.rs");
    println!("cargo::rerun-if-changed=src/lesson/model.rs");
}
