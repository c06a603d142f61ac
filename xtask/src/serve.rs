//! `serve`: a small static file server for dist/, so the playground is served exactly as it
//! will be hosted (static files, correct types for .wasm and .mjs), with nothing to install.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use crate::Result;

pub fn serve(dir: &Path, port: u16) -> Result {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e} (choose another with --port N)")
    })?;
    println!(
        "\nServing {} on http://127.0.0.1:{port}/ (Ctrl+C stops)",
        dir.display()
    );
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        thread::spawn(move || {
            // A client that hangs up mid-answer is no error worth reporting.
            let _ = answer(stream, &dir);
        });
    }
    Ok(())
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Headers are read and ignored; the answer depends on the path alone.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET or HEAD only\n",
            true,
        );
    }
    let file = resolve(dir, target);
    match file.as_deref().map(fs::read) {
        Some(Ok(body)) => {
            let file = file.unwrap_or_default();
            respond(
                &mut stream,
                "200 OK",
                content_type(&file),
                &body,
                method == "GET",
            )
        }
        _ => respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"Not found\n",
            method == "GET",
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The file a URL path names inside `dir`, never outside it; directories mean their index.html.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = dir.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let segment = percent_decode(segment)?;
        if segment == ".." || segment == "." || segment.contains(['/', '\\']) {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Module workers and `WebAssembly.instantiateStreaming` insist on these types.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_served_folder() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("runtime")).unwrap();
        fs::write(dir.join("index.html"), "page").unwrap();
        fs::write(dir.join("runtime/worker.mjs"), "worker").unwrap();
        let cases = [
            ("/", Some("index.html")),
            ("/?x=1", Some("index.html")),
            ("/runtime/worker.mjs", Some("runtime/worker.mjs")),
            ("/runtime/%77orker.mjs", Some("runtime/worker.mjs")),
            ("/runtime/", None),
            ("/../etc/passwd", None),
            ("/runtime/%2e%2e/index.html", None),
            ("/missing.js", None),
        ];
        for (target, expected) in cases {
            assert_eq!(
                resolve(&dir, target),
                expected.map(|f| dir.join(f)),
                "{target}"
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn types_that_browsers_check() {
        assert_eq!(
            content_type(Path::new("a/runtime_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("runtime/worker.mjs")),
            "text/javascript; charset=utf-8"
        );
    }
}
