//! The playground's shared state: where the sandbox is in its life, and what the terminal shows.
//!
//! Components read it through a context and change it only by dispatching an [`Action`]; side
//! effects (talking to the worker, timers) live in [`crate::sandbox`], so this reducer is plain
//! data in, plain data out, and testable without a browser.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::protocol::{FromWorker, RunError, Stream};
use crate::scrollback::{LineKind, Scrollback};

/// Where the sandbox is, as the status line reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The worker is loading the wasm runtime.
    Loading,
    /// The runtime is loaded and no server runs yet.
    Ready,
    /// `run` was sent; waiting for `started`.
    Starting,
    Listening {
        port: u16,
    },
    /// The learner's code started and runs, but no server listens (a script, or a job loop).
    Running,
    /// The learner's program ended with this exit code; Run starts it again.
    Exited(i32),
    /// The learner's code did not start.
    Failed(RunError),
    /// The worker stopped answering (an endless loop) and a fresh one is loading; says why.
    Restarting(String),
    /// The fresh worker is ready after a restart; the status keeps saying why until the next run.
    Halted(String),
    /// The worker itself could not load; nothing will run until the page is fixed and reloaded.
    Broken(String),
}

impl Phase {
    /// The status line's text.
    pub fn describe(&self) -> String {
        match self {
            Phase::Loading => "Loading the runtime…".into(),
            Phase::Ready => "Ready".into(),
            Phase::Starting => "Starting…".into(),
            Phase::Listening { port } => format!("Listening on port {port}"),
            Phase::Running => "Running (no server listening)".into(),
            Phase::Exited(code) => format!("Exited with code {code}. Press Run to start again."),
            Phase::Failed(error) => format!("Error: {}", error.located()),
            Phase::Restarting(why) => format!("{why}; starting a fresh sandbox…"),
            Phase::Halted(why) => format!("{why}. Fix it and press Run."),
            Phase::Broken(reason) => reason.clone(),
        }
    }

    /// A word for styling the status line (`data-state`).
    pub fn tone(&self) -> &'static str {
        match self {
            Phase::Loading | Phase::Starting => "busy",
            Phase::Ready => "ready",
            Phase::Listening { .. } | Phase::Running | Phase::Exited(0) => "ok",
            Phase::Exited(_)
            | Phase::Failed(_)
            | Phase::Restarting(_)
            | Phase::Halted(_)
            | Phase::Broken(_) => "error",
        }
    }

    /// Whether Run does something now. While starting, a second Run would race the first.
    pub fn can_run(&self) -> bool {
        matches!(
            self,
            Phase::Ready
                | Phase::Listening { .. }
                | Phase::Running
                | Phase::Exited(_)
                | Phase::Failed(_)
                | Phase::Halted(_)
        )
    }

    /// Whether the worker will answer a terminal command.
    pub fn can_exec(&self) -> bool {
        !matches!(
            self,
            Phase::Loading | Phase::Restarting(_) | Phase::Broken(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub phase: Phase,
    /// What the terminal shows.
    pub scrollback: Scrollback,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            phase: Phase::Loading,
            scrollback: Scrollback::default(),
        }
    }
}

/// Everything that changes the playground's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A message arrived from the worker.
    Worker(FromWorker),
    /// Run was pressed and the code of `filename` sent, with `env` as its `process.env`.
    Run {
        filename: String,
        env: BTreeMap<String, String>,
    },
    /// A terminal line was sent to the worker.
    Command(String),
    /// The learner typed `clear`.
    Clear,
    /// The learner pressed Ctrl+C in the terminal, which stops the server.
    Stop,
    /// A terminal line that could not be sent, with the reason to show.
    Refused(String),
    /// Something the page itself did, said in the terminal (what Reset did, and how to undo it).
    Note(String),
    /// The worker stopped answering and was replaced by a fresh one: `note` for the terminal,
    /// `status` for the status line.
    Restarted { note: String, status: String },
    /// The worker could not be created or failed to load.
    Broken(String),
    /// Several actions in order, applied as one update (one render) of the page.
    Batch(Vec<Action>),
}

impl Session {
    fn push(&mut self, kind: LineKind, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.is_empty() && kind != LineKind::Command {
            return;
        }
        self.scrollback.push(kind, text);
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Worker(message) => self.receive(message),
            Action::Run { filename, env } => {
                self.push(LineKind::Note, &running(&filename, &env));
                self.phase = Phase::Starting;
            }
            Action::Command(line) => self.push(LineKind::Command, &line),
            Action::Clear => self.scrollback.clear(),
            Action::Stop => {
                if matches!(
                    self.phase,
                    Phase::Listening { .. } | Phase::Running | Phase::Starting
                ) {
                    self.push(
                        LineKind::Note,
                        "^C Server stopped. Press Run to start it again.",
                    );
                    self.phase = Phase::Ready;
                } else {
                    self.push(LineKind::Note, "^C No server is running.");
                }
            }
            Action::Refused(reason) | Action::Note(reason) => self.push(LineKind::Note, &reason),
            Action::Restarted { note, status } => {
                self.push(LineKind::Note, &note);
                self.phase = Phase::Restarting(status);
            }
            Action::Broken(reason) => {
                self.push(LineKind::Stderr, &reason);
                self.phase = Phase::Broken(reason);
            }
            Action::Batch(actions) => actions.into_iter().for_each(|a| self.apply(a)),
        }
    }

    fn receive(&mut self, message: FromWorker) {
        match message {
            FromWorker::Ready => {
                self.phase = match &self.phase {
                    Phase::Restarting(why) => Phase::Halted(why.clone()),
                    _ => Phase::Ready,
                }
            }
            FromWorker::Pong => {}
            FromWorker::Log {
                stream: Stream::Stdout,
                text,
            } => self.push(LineKind::Stdout, &text),
            FromWorker::Log {
                stream: Stream::Stderr,
                text,
            } => self.push(LineKind::Stderr, &text),
            FromWorker::Logs { lines, dropped } => {
                self.scrollback.skipped(dropped);
                for line in lines {
                    let kind = match line.stream {
                        Stream::Stdout => LineKind::Stdout,
                        Stream::Stderr => LineKind::Stderr,
                    };
                    self.push(kind, &line.text);
                }
            }
            FromWorker::Started(started) => match started.outcome() {
                Ok(listening) => {
                    if let Some(note) = &listening.note {
                        self.push(LineKind::Note, note);
                    }
                    self.phase = match listening.port {
                        Some(port) => {
                            self.push(LineKind::Note, &format!("Listening on port {port}"));
                            Phase::Listening { port }
                        }
                        None => Phase::Running,
                    };
                }
                Err(error) => {
                    let text = error.stack.clone().unwrap_or_else(|| error.located());
                    self.push(LineKind::Stderr, &text);
                    self.phase = Phase::Failed(error);
                }
            },
            FromWorker::Exited { code } => {
                self.push(
                    LineKind::Note,
                    &format!("The program exited with code {code}; press Run to start it again."),
                );
                self.phase = Phase::Exited(code);
            }
            FromWorker::Output { stdout, stderr, .. } => {
                self.push(LineKind::Stdout, &stdout);
                self.push(LineKind::Stderr, &stderr);
            }
        }
    }
}

/// The note a run starts with; the environment reads as it would before `node` in a shell.
fn running(filename: &str, env: &BTreeMap<String, String>) -> String {
    if env.is_empty() {
        return format!("Running {filename}…");
    }
    let vars: Vec<String> = env
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    format!("Running {filename} with {}…", vars.join(" "))
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{LogLine, Started};
    use crate::scrollback::KEEP;

    fn after(actions: impl IntoIterator<Item = Action>) -> Session {
        let mut state = Session::default();
        for action in actions {
            state.apply(action);
        }
        state
    }

    fn run() -> Action {
        Action::Run {
            filename: "server.js".into(),
            env: BTreeMap::new(),
        }
    }

    fn shown(state: &Session) -> Vec<(LineKind, &str)> {
        state
            .scrollback
            .lines()
            .map(|line| (line.kind, &*line.text))
            .collect()
    }

    #[test]
    fn a_run_and_a_request() {
        let state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Worker(FromWorker::Started(Started {
                ok: true,
                port: Some(3000),
                note: Some("app.listen(3000) was added for you".into()),
                error: None,
            })),
            Action::Command("curl localhost:3000/nope".into()),
            Action::Worker(FromWorker::Output {
                id: 1,
                stdout: "Cannot GET /nope\n".into(),
                stderr: String::new(),
                exit_code: 0,
            }),
        ]);
        assert_eq!(state.phase.describe(), "Listening on port 3000");
        assert_eq!(
            shown(&state),
            [
                (LineKind::Note, "Running server.js…"),
                (LineKind::Note, "app.listen(3000) was added for you"),
                (LineKind::Note, "Listening on port 3000"),
                (LineKind::Command, "curl localhost:3000/nope"),
                (LineKind::Stdout, "Cannot GET /nope"),
            ]
        );
    }

    #[test]
    fn a_crash_ends_the_program_and_run_is_offered_again() {
        let state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Worker(FromWorker::Started(Started {
                ok: true,
                port: Some(3000),
                note: None,
                error: None,
            })),
            Action::Worker(FromWorker::Log {
                stream: Stream::Stderr,
                text: "Error: boom".into(),
            }),
            Action::Worker(FromWorker::Exited { code: 1 }),
        ]);
        assert_eq!(
            state.phase.describe(),
            "Exited with code 1. Press Run to start again."
        );
        assert_eq!(state.phase.tone(), "error");
        assert!(state.phase.can_run());
        assert_eq!(
            shown(&state)[2..],
            [
                (LineKind::Stderr, "Error: boom"),
                (
                    LineKind::Note,
                    "The program exited with code 1; press Run to start it again."
                ),
            ]
        );
    }

    #[test]
    fn a_script_without_a_server_runs_then_exits_cleanly() {
        let state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Worker(FromWorker::Started(Started {
                ok: true,
                port: None,
                note: None,
                error: None,
            })),
        ]);
        assert_eq!(state.phase, Phase::Running);
        assert!(!shown(&state)
            .iter()
            .any(|(_, text)| text.contains("Listening")));
        let state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Worker(FromWorker::Started(Started {
                ok: true,
                port: None,
                note: None,
                error: None,
            })),
            Action::Worker(FromWorker::Exited { code: 0 }),
        ]);
        assert_eq!(state.phase, Phase::Exited(0));
        assert_eq!(state.phase.tone(), "ok");
    }

    #[test]
    fn a_failed_start_reports_the_learners_line() {
        let error = RunError {
            message: "Unexpected token ')'".into(),
            line: Some(4),
            column: Some(80),
            stack: None,
        };
        let state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Worker(FromWorker::Started(Started {
                ok: false,
                port: None,
                note: None,
                error: Some(error),
            })),
        ]);
        assert_eq!(
            state.phase.describe(),
            "Error: Unexpected token ')' (line 4, column 80)"
        );
        assert_eq!(state.phase.tone(), "error");
        assert!(state.phase.can_run());
    }

    #[test]
    fn run_waits_for_the_runtime() {
        let mut state = Session::default();
        assert!(!state.phase.can_run());
        state.apply(Action::Worker(FromWorker::Ready));
        assert!(state.phase.can_run());
        state.apply(run());
        assert!(
            !state.phase.can_run(),
            "no second run while the first is starting"
        );
    }

    #[test]
    fn a_restart_is_told_in_the_terminal_and_the_status_line() {
        let mut state = after([
            Action::Worker(FromWorker::Ready),
            run(),
            Action::Restarted {
                note: "The server stopped answering for 2 s while starting server.js".into(),
                status: "Stopped an endless loop".into(),
            },
        ]);
        assert_eq!(
            shown(&state).last(),
            Some(&(
                LineKind::Note,
                "The server stopped answering for 2 s while starting server.js"
            ))
        );
        assert_eq!(
            state.phase.describe(),
            "Stopped an endless loop; starting a fresh sandbox…"
        );
        assert!(!state.phase.can_run() && !state.phase.can_exec());
        state.apply(Action::Worker(FromWorker::Ready));
        assert_eq!(
            state.phase.describe(),
            "Stopped an endless loop. Fix it and press Run."
        );
        assert_eq!(state.phase.tone(), "error");
        assert!(state.phase.can_run() && state.phase.can_exec());
        state.apply(run());
        assert_eq!(state.phase, Phase::Starting);
    }

    #[test]
    fn a_batch_of_logs_keeps_its_order_and_counts_what_the_worker_left_out() {
        let logs = |from: usize, to: usize, dropped: u64| {
            Action::Worker(FromWorker::Logs {
                lines: (from..to)
                    .map(|n| LogLine {
                        stream: if n % 2 == 0 {
                            Stream::Stdout
                        } else {
                            Stream::Stderr
                        },
                        text: format!("tick {n}"),
                    })
                    .collect(),
                dropped,
            })
        };
        let state = after([Action::Batch(vec![
            Action::Command("curl localhost:3000/flood".into()),
            logs(500, KEEP + 600, 499),
            logs(KEEP + 600, KEEP + 602, 0),
        ])]);
        let shown = shown(&state);
        assert_eq!(shown.len(), KEEP);
        assert_eq!(shown[0], (LineKind::Stdout, "tick 602"));
        assert_eq!(shown[KEEP - 1], (LineKind::Stderr, "tick 1601"));
        // The command, ticks 1 to 499 (left out in the worker), ticks 500 to 601 (let go here).
        assert_eq!(state.scrollback.dropped(), 1 + 499 + 102);
    }

    #[test]
    fn a_run_names_its_environment() {
        let state = after([Action::Run {
            filename: "server.js".into(),
            env: BTreeMap::from([
                ("NODE_ENV".into(), "production".into()),
                ("DEBUG".into(), "app".into()),
            ]),
        }]);
        assert_eq!(
            shown(&state),
            [(
                LineKind::Note,
                "Running server.js with DEBUG=app NODE_ENV=production…"
            )]
        );
    }

    #[test]
    fn clear_forgets_the_lines_and_the_count() {
        let mut state = Session::default();
        for n in 0..KEEP + 5 {
            state.apply(Action::Worker(FromWorker::Log {
                stream: Stream::Stdout,
                text: n.to_string(),
            }));
        }
        assert_eq!(state.scrollback.lines().count(), KEEP);
        assert_eq!(state.scrollback.dropped(), 5);
        state.apply(Action::Clear);
        assert!(state.scrollback.is_empty());
        assert_eq!(state.scrollback.dropped(), 0);
    }
}
