//! The messages between the page and the sandbox worker (`runtime/worker.mjs`).
//!
//! Every message is a plain JS object whose `type` field names the variant, so the JS side can
//! `switch (msg.type)` without knowing Rust. One enum per direction keeps the whole conversation
//! readable in one place:
//!
//! | page → worker | meaning |
//! | --- | --- |
//! | `{type:"run", code, filename, env}` | evaluate the learner's server code (replacing any previous app) |
//! | `{type:"exec", id, line}` | run one terminal line, e.g. a `curl` command; answered by `output` with the same `id` |
//! | `{type:"stop"}` | stop the learner's server, as Ctrl+C would |
//! | `{type:"ping"}` | are you alive? answered by `pong` straight from the worker's event loop, ahead of queued work |
//!
//! | worker → page | meaning |
//! | --- | --- |
//! | `{type:"ready"}` | the wasm runtime has loaded; `run` may be sent |
//! | `{type:"logs", lines:[{stream, text}], dropped}` | console output of the learner's server, the lines of one task of the worker's event loop at a time; `dropped` counts earlier lines of a burst left out, as the terminal would not keep them |
//! | `{type:"log", stream, text}` | one line of console output (older runtimes; the page also uses it for the worker's uncaught errors) |
//! | `{type:"started", ok:true, port, note}` | the server listens on `port`; `note` explains anything the playground did for the learner |
//! | `{type:"started", ok:false, error}` | the code could not start; `error` points at the learner's line |
//! | `{type:"output", id, stdout, stderr, exitCode}` | the answer to `exec` |
//! | `{type:"pong"}` | the answer to `ping`: the event loop is free, so no endless loop holds it |

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ToWorker {
    /// Evaluate `code` as the learner's `filename`, with `env` as `process.env`.
    Run {
        code: String,
        filename: String,
        env: BTreeMap<String, String>,
    },
    /// Run one line typed into the terminal.
    Exec { id: u32, line: String },
    /// Stop the running server.
    Stop,
    /// Asks for a `pong`; the watchdog's heartbeat while the learner's program runs or a run
    /// or a command is in flight.
    Ping,
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FromWorker {
    /// The runtime has loaded and accepts `run`.
    Ready,
    /// A line of the learner's console output.
    Log { stream: Stream, text: String },
    /// Lines of the learner's console output, in order, after `dropped` earlier ones that
    /// the worker left out.
    Logs {
        lines: Vec<LogLine>,
        #[serde(default)]
        dropped: u64,
    },
    /// The outcome of `run`; see [`Started::outcome`].
    Started(Started),
    /// The answer to `exec` number `id`.
    /// Missing fields count as empty, so an answer is never dropped for want of one.
    Output {
        id: u32,
        #[serde(default)]
        stdout: String,
        #[serde(default)]
        stderr: String,
        #[serde(default)]
        exit_code: i32,
    },
    /// The answer to `ping`.
    Pong,
    /// The learner's program ended as `node` would end it: nothing left to wait for (code 0),
    /// `process.exit(code)`, or an uncaught error (code 1, after the crash report's log lines).
    /// Always after a successful `started`; the server no longer listens.
    Exited { code: i32 },
}

/// One line of console output in a `logs` message.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LogLine {
    pub stream: Stream,
    pub text: String,
}

/// Which console stream a log line or output belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// The raw `started` message. The wire format flags success with a boolean, which serde cannot
/// use as an enum tag, so the fields are optional here and [`Started::outcome`] turns them into a
/// `Result` the rest of the app can match on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Started {
    pub ok: bool,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub error: Option<RunError>,
}

/// A program that started: listening on `port`, or running without a server (a script).
#[derive(Debug, Clone, PartialEq)]
pub struct Listening {
    pub port: Option<u16>,
    /// Something the playground did on the learner's behalf, e.g. calling `app.listen(3000)`.
    pub note: Option<String>,
}

/// Why the learner's code did not start, located in the learner's own file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RunError {
    pub message: String,
    #[serde(default)]
    pub line: Option<u32>,
    #[serde(default)]
    pub column: Option<u32>,
    #[serde(default)]
    pub stack: Option<String>,
}

impl Started {
    /// Success or failure, whatever fields the worker filled in.
    pub fn outcome(self) -> Result<Listening, RunError> {
        match (self.ok, self.error) {
            (true, _) => Ok(Listening {
                port: self.port,
                note: self.note.filter(|n| !n.trim().is_empty()),
            }),
            (false, Some(error)) => Err(error),
            (false, None) => Err(RunError {
                message: "The code did not start, and the runtime gave no reason.".into(),
                line: None,
                column: None,
                stack: None,
            }),
        }
    }
}

impl RunError {
    /// `message (line L, column C)`, or just the message when the position is unknown.
    pub fn located(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                format!("{} (line {line}, column {column})", self.message)
            }
            (Some(line), None) => format!("{} (line {line})", self.message),
            _ => self.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[test]
    fn page_messages_have_the_documented_shape() {
        let cases = [
            (
                ToWorker::Run {
                    code: "app.listen(3000)".into(),
                    filename: "server.js".into(),
                    env: BTreeMap::from([("NODE_ENV".into(), "development".into())]),
                },
                json!({"type": "run", "code": "app.listen(3000)", "filename": "server.js", "env": {"NODE_ENV": "development"}}),
            ),
            (
                ToWorker::Exec {
                    id: 7,
                    line: "curl localhost:3000".into(),
                },
                json!({"type": "exec", "id": 7, "line": "curl localhost:3000"}),
            ),
            (ToWorker::Stop, json!({"type": "stop"})),
            (ToWorker::Ping, json!({"type": "ping"})),
        ];
        for (message, expected) in cases {
            assert_eq!(to_value(&message).unwrap(), expected, "{message:?}");
        }
    }

    #[test]
    fn worker_messages_parse() {
        let cases = [
            (json!({"type": "ready"}), FromWorker::Ready),
            (json!({"type": "pong"}), FromWorker::Pong),
            (
                json!({"type": "log", "stream": "stderr", "text": "oops"}),
                FromWorker::Log {
                    stream: Stream::Stderr,
                    text: "oops".into(),
                },
            ),
            (
                json!({"type": "logs", "lines": [{"stream": "stdout", "text": "tick 1"},
                    {"stream": "stderr", "text": "tick 2"}], "dropped": 40}),
                FromWorker::Logs {
                    lines: vec![
                        LogLine {
                            stream: Stream::Stdout,
                            text: "tick 1".into(),
                        },
                        LogLine {
                            stream: Stream::Stderr,
                            text: "tick 2".into(),
                        },
                    ],
                    dropped: 40,
                },
            ),
            (
                json!({"type": "logs", "lines": []}),
                FromWorker::Logs {
                    lines: vec![],
                    dropped: 0,
                },
            ),
            (
                json!({"type": "exited", "code": 1}),
                FromWorker::Exited { code: 1 },
            ),
            (
                json!({"type": "output", "id": 2, "stdout": "{}", "stderr": "", "exitCode": 0}),
                FromWorker::Output {
                    id: 2,
                    stdout: "{}".into(),
                    stderr: String::new(),
                    exit_code: 0,
                },
            ),
            (
                json!({"type": "output", "id": 3, "stderr": "curl: (7) Failed to connect", "exitCode": 7}),
                FromWorker::Output {
                    id: 3,
                    stdout: String::new(),
                    stderr: "curl: (7) Failed to connect".into(),
                    exit_code: 7,
                },
            ),
        ];
        for (wire, expected) in cases {
            assert_eq!(
                from_value::<FromWorker>(wire.clone()).unwrap(),
                expected,
                "{wire}"
            );
        }
    }

    #[test]
    fn started_becomes_a_result() {
        let started = |wire| match from_value::<FromWorker>(wire).unwrap() {
            FromWorker::Started(started) => started.outcome(),
            other => panic!("not a started message: {other:?}"),
        };
        assert_eq!(
            started(json!({"type": "started", "ok": true, "port": 3000, "note": null})),
            Ok(Listening {
                port: Some(3000),
                note: None
            })
        );
        assert_eq!(
            started(json!({"type": "started", "ok": true, "port": null, "note": null})),
            Ok(Listening {
                port: None,
                note: None
            })
        );
        assert_eq!(
            started(
                json!({"type": "started", "ok": true, "port": 8080, "note": "app.listen was never called"})
            ),
            Ok(Listening {
                port: Some(8080),
                note: Some("app.listen was never called".into())
            })
        );
        let error = started(json!({"type": "started", "ok": false,
            "error": {"message": "x is not defined", "line": 4, "column": 9, "stack": "ReferenceError: x is not defined"}}))
        .unwrap_err();
        assert_eq!(error.located(), "x is not defined (line 4, column 9)");
    }
}
