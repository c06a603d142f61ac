//! `cargo xtask <command>`: the project's only entry points. Each command first installs or
//! checks what it needs (and says so), then does its work, so a fresh clone needs nothing but
//! Rust, Node and npm.

mod cmd;
mod runtime;
mod serve;
mod site;
mod sizes;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]     build everything, then serve dist/ on http://127.0.0.1:N (default 8080)
  build                build the runtime (pkg/) and the site (dist/), then list dist/ sizes
  build-runtime        build only the sandbox runtime into pkg/ (also a Node >= 20 package)
  test [--browser B]   formatting, lints, unit tests, build, runtime, differential and browser
                       tests; B is chromium, firefox, webkit or all (the default)
  bench                run the benchmarks (tests/bench/run.mjs)
";

/// Every failure carries a message for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result {
    let (command, options) = args.split_first().ok_or_else(|| USAGE.to_string())?;
    match command.as_str() {
        "serve" => {
            let port = option(options, "--port")?.map_or(Ok(8080), |p| {
                p.parse::<u16>()
                    .map_err(|_| format!("--port wants a number, not {p:?}"))
            })?;
            site::build()?;
            serve::serve(&cmd::root().join("dist"), port)
        }
        "build" => {
            no_options(options)?;
            site::build()
        }
        "build-runtime" => {
            no_options(options)?;
            cmd::header("checking tools");
            tools::ensure_for_runtime()?;
            runtime::build()
        }
        "test" => {
            let browser = option(options, "--browser")?.unwrap_or_else(|| "all".into());
            test::all(test::browser(&browser)?)
        }
        "bench" => {
            no_options(options)?;
            test::bench()
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

/// The value of `--name value` or `--name=value`; any other argument is an error.
fn option(args: &[String], name: &str) -> Result<Option<String>> {
    let mut found = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == name {
            let value = rest.next().ok_or_else(|| format!("{name} needs a value"))?;
            found = Some(value.clone());
        } else if let Some(value) = arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            found = Some(value.to_string());
        } else {
            return Err(format!("unexpected argument {arg:?}\n\n{USAGE}"));
        }
    }
    Ok(found)
}

fn no_options(args: &[String]) -> Result {
    match args.first() {
        Some(arg) => Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::option;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(
            option(&args(&["--port", "9000"]), "--port"),
            Ok(Some("9000".into()))
        );
        assert_eq!(
            option(&args(&["--port=9000"]), "--port"),
            Ok(Some("9000".into()))
        );
        assert_eq!(option(&args(&[]), "--port"), Ok(None));
        assert!(option(&args(&["--port"]), "--port").is_err());
        assert!(option(&args(&["--prot", "1"]), "--port").is_err());
    }
}
