//! `build`: the runtime into pkg/, then the page with Trunk into dist/ (which copies pkg/ to
//! dist/runtime/), then the size of everything a browser may download.

use crate::cmd::{header, root, run};
use crate::{runtime, sizes, tools, Result};

pub fn build() -> Result {
    header("checking tools");
    tools::ensure_for_site()?;
    build_ready()
}

/// `build` for a caller that has already ensured the tools.
pub fn build_ready() -> Result {
    runtime::build()?;
    header("site: trunk build (release, offline) into dist/");
    // Trunk runs the pre_build hook (www/editor/build.mjs) and finds wasm-opt on the PATH
    // that `run` puts node_modules/.bin on.
    run("trunk", &["build", "--release", "--offline"])?;
    header("site: dist/ sizes");
    sizes::report(&root().join("dist"))
}
