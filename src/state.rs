//! The playground's shared state: where the sandbox is in its life, and what the terminal shows.
//!
//! Components read it through a context and change it only by dispatching an [`Action`]; side
//! effects (talking to the worker, timers) live in [`crate::sandbox`], so this reducer is plain
//! data in, plain data out, and testable without a browser.

use std::rc::Rc;

use yew::Reducible;

use crate::protocol::{FromWorker, RunError, Stream};

/// The most terminal entries kept; a logging loop must not grow the page without bound.
pub const MAX_LINES: usize = 2000;

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
            Phase::Listening { .. } => "ok",
            Phase::Failed(_) | Phase::Restarting(_) | Phase::Halted(_) | Phase::Broken(_) => {
                "error"
            }
        }
    }

    /// Whether Run does something now. While starting, a second Run would race the first.
    pub fn can_run(&self) -> bool {
        matches!(
            self,
            Phase::Ready | Phase::Listening { .. } | Phase::Failed(_) | Phase::Halted(_)
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

/// What kind of text a terminal entry holds; the terminal styles each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A command the learner typed, shown after a `$`.
    Command,
    Stdout,
    Stderr,
    /// A message from the playground itself (not from the learner's server).
    Note,
}

/// One entry in the terminal. `seq` is unique for the page's life, so it serves as the render key.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub seq: u64,
    pub kind: LineKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub phase: Phase,
    pub lines: Vec<Line>,
    next_seq: u64,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            phase: Phase::Loading,
            lines: Vec::new(),
            next_seq: 0,
        }
    }
}

/// Everything that changes the playground's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A message arrived from the worker.
    Worker(FromWorker),
    /// Run was pressed and the code of this file sent.
    Run(String),
    /// A terminal line was sent to the worker.
    Command(String),
    /// The learner typed `clear`.
    Clear,
    /// The learner pressed Ctrl+C in the terminal, which stops the server.
    Stop,
    /// A terminal line that could not be sent, with the reason to show.
    Refused(String),
    /// The worker stopped answering and was replaced by a fresh one: `note` for the terminal,
    /// `status` for the status line.
    Restarted { note: String, status: String },
    /// The worker could not be created or failed to load.
    Broken(String),
}

impl Session {
    fn push(&mut self, kind: LineKind, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.is_empty() && kind != LineKind::Command {
            return;
        }
        self.lines.push(Line {
            seq: self.next_seq,
            kind,
            text: text.to_string(),
        });
        self.next_seq += 1;
        if self.lines.len() > MAX_LINES {
            let excess = self.lines.len() - MAX_LINES;
            self.lines.drain(..excess);
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Worker(message) => self.receive(message),
            Action::Run(filename) => {
                self.push(LineKind::Note, &format!("Running {filename}…"));
                self.phase = Phase::Starting;
            }
            Action::Command(line) => self.push(LineKind::Command, &line),
            Action::Clear => self.lines.clear(),
            Action::Stop => {
                if matches!(self.phase, Phase::Listening { .. } | Phase::Starting) {
                    self.push(
                        LineKind::Note,
                        "^C Server stopped. Press Run to start it again.",
                    );
                    self.phase = Phase::Ready;
                } else {
                    self.push(LineKind::Note, "^C No server is running.");
                }
            }
            Action::Refused(reason) => self.push(LineKind::Note, &reason),
            Action::Restarted { note, status } => {
                self.push(LineKind::Note, &note);
                self.phase = Phase::Restarting(status);
            }
            Action::Broken(reason) => {
                self.push(LineKind::Stderr, &reason);
                self.phase = Phase::Broken(reason);
            }
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
            FromWorker::Started(started) => match started.outcome() {
                Ok(listening) => {
                    if let Some(note) = &listening.note {
                        self.push(LineKind::Note, note);
                    }
                    self.push(
                        LineKind::Note,
                        &format!("Listening on port {}", listening.port),
                    );
                    self.phase = Phase::Listening {
                        port: listening.port,
                    };
                }
                Err(error) => {
                    let text = error.stack.clone().unwrap_or_else(|| error.located());
                    self.push(LineKind::Stderr, &text);
                    self.phase = Phase::Failed(error);
                }
            },
            FromWorker::Output { stdout, stderr, .. } => {
                self.push(LineKind::Stdout, &stdout);
                self.push(LineKind::Stderr, &stderr);
            }
        }
    }
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
    use crate::protocol::Started;

    fn after(actions: impl IntoIterator<Item = Action>) -> Session {
        let mut state = Session::default();
        for action in actions {
            state.apply(action);
        }
        state
    }

    fn shown(state: &Session) -> Vec<(LineKind, &str)> {
        state
            .lines
            .iter()
            .map(|line| (line.kind, line.text.as_str()))
            .collect()
    }

    #[test]
    fn a_run_and_a_request() {
        let state = after([
            Action::Worker(FromWorker::Ready),
            Action::Run("server.js".into()),
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
    fn a_failed_start_reports_the_learners_line() {
        let error = RunError {
            message: "Unexpected token ')'".into(),
            line: Some(4),
            column: Some(80),
            stack: None,
        };
        let state = after([
            Action::Worker(FromWorker::Ready),
            Action::Run("server.js".into()),
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
        state.apply(Action::Run("server.js".into()));
        assert!(
            !state.phase.can_run(),
            "no second run while the first is starting"
        );
    }

    #[test]
    fn a_restart_is_told_in_the_terminal_and_the_status_line() {
        let mut state = after([
            Action::Worker(FromWorker::Ready),
            Action::Run("server.js".into()),
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
        state.apply(Action::Run("server.js".into()));
        assert_eq!(state.phase, Phase::Starting);
    }

    #[test]
    fn clear_and_the_line_cap() {
        let mut state = Session::default();
        for n in 0..MAX_LINES + 5 {
            state.apply(Action::Worker(FromWorker::Log {
                stream: Stream::Stdout,
                text: n.to_string(),
            }));
        }
        assert_eq!(state.lines.len(), MAX_LINES);
        assert_eq!(state.lines[0].text, "5");
        state.apply(Action::Clear);
        assert!(state.lines.is_empty());
    }
}
