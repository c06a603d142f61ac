//! The watchdog's decision: is the worker stuck in an endless loop?
//!
//! While a run or a command is in flight the page pings the worker every [`PING_EVERY_MS`]; the
//! worker answers from its event loop. A handler awaiting a slow timer leaves that loop free, so
//! pongs keep coming and nothing happens; `while (true) {}` blocks it, the pongs stop, and after
//! [`HANG_AFTER_MS`] of silence the worker counts as hung. A run that never answers although the
//! worker is alive (top-level `await` on a promise that never settles) is caught by a longer
//! backstop. Plain data and millisecond timestamps in, a [`Verdict`] out: tested without a browser.

/// How long the worker may stay silent, while something is in flight, before it counts as hung.
pub const HANG_AFTER_MS: f64 = 2_000.0;
/// How often the page pings the worker while something is in flight.
pub const PING_EVERY_MS: u32 = 250;
/// A tick later than this means the page itself was asleep (a background tab, a stalled thread),
/// so the silence may be the page's own; the watchdog starts counting again instead of judging.
const LATE_TICK_MS: f64 = 1_000.0;
/// How long a live worker may take to start the learner's server.
const RUN_BACKSTOP_MS: f64 = 8_000.0;
/// How long a live worker may take to answer one command. Above the runtime's own request
/// timeout (5 s), so a request no handler answers gets curl's message, not a restart.
const EXEC_BACKSTOP_MS: f64 = 15_000.0;

/// Something sent to the worker that it has not answered yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// `run` of the learner's file.
    Run { filename: String },
    /// `exec` of one terminal line.
    Exec { id: u32, line: String },
}

/// Why the worker was given up on, and what it was doing.
#[derive(Debug, Clone, PartialEq)]
pub struct Hang {
    pub cause: Cause,
    /// The oldest unanswered job, the one most likely to have started the loop.
    pub job: Job,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// No pong for this long: the worker's event loop is blocked.
    Silent { ms: f64 },
    /// The worker kept answering pings but never answered the job within this long.
    Unanswered { ms: f64 },
}

/// What the page should do on a tick.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Nothing is in flight; no ping needed.
    Idle,
    /// Something is in flight and the worker is alive: ask it again.
    Ping,
    /// Replace the worker.
    Hung(Hang),
}

#[derive(Debug, Default)]
pub struct Watchdog {
    /// Jobs in the order they were sent, each with the time it was sent.
    in_flight: Vec<(Job, f64)>,
    /// When the worker last proved its event loop free (a pong), or when it became busy.
    heard_at: f64,
    last_tick: f64,
}

impl Watchdog {
    /// Records a job sent at `now`. When nothing was in flight, the silence is counted from now:
    /// the page does not ping an idle worker, so an old pong says nothing.
    pub fn sent(&mut self, job: Job, now: f64) {
        if self.in_flight.is_empty() {
            self.heard_at = now;
            self.last_tick = now;
        }
        self.in_flight.push((job, now));
    }

    /// The worker answered a ping.
    pub fn pong(&mut self, now: f64) {
        self.heard_at = self.heard_at.max(now);
    }

    /// The worker answered the oldest `run`.
    pub fn started(&mut self) {
        self.answered(|job| matches!(job, Job::Run { .. }));
    }

    /// The worker answered `exec` number `id`.
    pub fn output(&mut self, id: u32) {
        self.answered(|job| matches!(job, Job::Exec { id: sent, .. } if *sent == id));
    }

    fn answered(&mut self, is_it: impl Fn(&Job) -> bool) {
        if let Some(at) = self.in_flight.iter().position(|(job, _)| is_it(job)) {
            self.in_flight.remove(at);
        }
    }

    /// Decides, at `now`, whether the worker is hung.
    pub fn tick(&mut self, now: f64) -> Verdict {
        let late = now - self.last_tick > LATE_TICK_MS;
        self.last_tick = now;
        let Some((oldest, _)) = self.in_flight.first() else {
            return Verdict::Idle;
        };
        if late {
            self.heard_at = self.heard_at.max(now);
            return Verdict::Ping;
        }
        let silent = now - self.heard_at;
        if silent >= HANG_AFTER_MS {
            return Verdict::Hung(Hang {
                cause: Cause::Silent { ms: silent },
                job: oldest.clone(),
            });
        }
        let overdue = self.in_flight.iter().find(|(job, sent)| {
            let backstop = match job {
                Job::Run { .. } => RUN_BACKSTOP_MS,
                Job::Exec { .. } => EXEC_BACKSTOP_MS,
            };
            now - sent >= backstop
        });
        match overdue {
            Some((job, sent)) => Verdict::Hung(Hang {
                cause: Cause::Unanswered { ms: now - sent },
                job: job.clone(),
            }),
            None => Verdict::Ping,
        }
    }

    /// Forgets everything in flight, for a fresh worker.
    pub fn reset(&mut self) {
        self.in_flight.clear();
    }
}

impl Hang {
    /// The terminal's account: what stopped, during what, and what the learner does next.
    pub fn explain(&self) -> String {
        let during = match &self.job {
            Job::Run { filename } => format!("while starting {filename}"),
            Job::Exec { line, .. } => format!("while answering `{line}`"),
        };
        match self.cause {
            Cause::Silent { .. } => format!(
                "The server stopped answering for {} s {during} — probably an endless loop — so \
                 the playground stopped it and started a fresh sandbox. Your code is unchanged; \
                 fix the loop and press Run.",
                seconds(HANG_AFTER_MS)
            ),
            Cause::Unanswered { ms } => format!(
                "The server gave no answer within {} s {during}, so the playground stopped it and \
                 started a fresh sandbox. Your code is unchanged; check for a promise that never \
                 settles and press Run.",
                seconds(ms)
            ),
        }
    }

    /// The status line's short version.
    pub fn summary(&self) -> &'static str {
        match self.cause {
            Cause::Silent { .. } => "Stopped an endless loop",
            Cause::Unanswered { .. } => "Stopped a server that never answered",
        }
    }
}

/// Whole seconds, as a learner reads a duration.
fn seconds(ms: f64) -> u64 {
    (ms / 1000.0).floor() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Job {
        Job::Run {
            filename: "server.js".into(),
        }
    }

    fn spin() -> Job {
        Job::Exec {
            id: 1,
            line: "curl localhost:3000/spin".into(),
        }
    }

    /// Ticks every `PING_EVERY_MS` from `from` to `to`, answering each ping when `alive`;
    /// returns the first verdict that is not a ping, with its time.
    fn ticks(dog: &mut Watchdog, from: f64, to: f64, alive: bool) -> Option<(f64, Verdict)> {
        let mut now = from;
        while now <= to {
            match dog.tick(now) {
                Verdict::Ping if alive => dog.pong(now + 1.0),
                Verdict::Ping => {}
                other => return Some((now, other)),
            }
            now += f64::from(PING_EVERY_MS);
        }
        None
    }

    #[test]
    fn an_idle_worker_is_left_alone() {
        let mut dog = Watchdog::default();
        assert_eq!(dog.tick(0.0), Verdict::Idle);
        assert_eq!(dog.tick(60_000.0), Verdict::Idle);
        assert!(dog.in_flight.is_empty());
    }

    #[test]
    fn a_loop_at_start_up_is_stopped_after_two_seconds_of_silence() {
        let mut dog = Watchdog::default();
        dog.sent(run(), 10_000.0);
        let (at, verdict) = ticks(&mut dog, 10_250.0, 20_000.0, false).expect("a verdict");
        assert_eq!(at, 12_000.0);
        assert_eq!(
            verdict,
            Verdict::Hung(Hang {
                cause: Cause::Silent { ms: 2_000.0 },
                job: run()
            })
        );
    }

    #[test]
    fn a_slow_but_live_handler_is_not_stopped() {
        let mut dog = Watchdog::default();
        dog.sent(spin(), 0.0);
        assert_eq!(ticks(&mut dog, 250.0, 4_000.0, true), None);
        dog.output(1);
        assert_eq!(dog.tick(4_250.0), Verdict::Idle);
    }

    #[test]
    fn silence_counts_from_the_last_pong() {
        let mut dog = Watchdog::default();
        dog.sent(spin(), 0.0);
        assert_eq!(ticks(&mut dog, 250.0, 1_000.0, true), None);
        // The handler enters its loop after the pong at 1 001 ms.
        let (at, _) = ticks(&mut dog, 1_250.0, 9_000.0, false).expect("a verdict");
        assert_eq!(at, 3_250.0);
    }

    #[test]
    fn an_old_pong_does_not_count_against_a_new_job() {
        let mut dog = Watchdog::default();
        dog.sent(run(), 0.0);
        dog.pong(100.0);
        dog.started();
        assert_eq!(dog.tick(250.0), Verdict::Idle);
        // A minute later, a command: the silence since the last pong is not the worker's fault.
        dog.sent(spin(), 60_000.0);
        assert_eq!(dog.tick(60_250.0), Verdict::Ping);
    }

    #[test]
    fn a_page_that_slept_counts_again_instead_of_judging() {
        let mut dog = Watchdog::default();
        dog.sent(spin(), 0.0);
        // A throttled background tab ticks again only after 5 s.
        assert_eq!(dog.tick(5_000.0), Verdict::Ping);
        let (at, _) = ticks(&mut dog, 5_250.0, 9_000.0, false).expect("a verdict");
        assert_eq!(at, 7_000.0);
    }

    #[test]
    fn the_hang_names_the_oldest_job() {
        let mut dog = Watchdog::default();
        dog.sent(spin(), 0.0);
        dog.sent(
            Job::Exec {
                id: 2,
                line: "curl localhost:3000/".into(),
            },
            100.0,
        );
        let (_, verdict) = ticks(&mut dog, 250.0, 5_000.0, false).expect("a verdict");
        let Verdict::Hung(hang) = verdict else {
            panic!("not hung: {verdict:?}")
        };
        assert_eq!(hang.job, spin());
    }

    #[test]
    fn answers_clear_their_own_job() {
        let mut dog = Watchdog::default();
        dog.sent(run(), 0.0);
        dog.sent(spin(), 0.0);
        dog.output(7);
        assert!(!dog.in_flight.is_empty());
        dog.output(1);
        dog.started();
        assert!(dog.in_flight.is_empty());
        dog.sent(spin(), 0.0);
        dog.reset();
        assert!(dog.in_flight.is_empty());
    }

    #[test]
    fn a_live_worker_that_never_answers_hits_the_backstop() {
        let cases = [(run(), 8_000.0), (spin(), 15_000.0)];
        for (job, backstop) in cases {
            let mut dog = Watchdog::default();
            dog.sent(job.clone(), 0.0);
            let (at, verdict) = ticks(&mut dog, 250.0, 30_000.0, true).expect("a verdict");
            assert_eq!(at, backstop, "{job:?}");
            assert_eq!(
                verdict,
                Verdict::Hung(Hang {
                    cause: Cause::Unanswered { ms: backstop },
                    job
                })
            );
        }
    }

    #[test]
    fn the_terminal_says_what_happened_and_during_what() {
        let cases = [
            (
                Hang { cause: Cause::Silent { ms: 2_100.0 }, job: run() },
                "The server stopped answering for 2 s while starting server.js — probably an endless loop — so the playground stopped it and started a fresh sandbox. Your code is unchanged; fix the loop and press Run.",
            ),
            (
                Hang { cause: Cause::Silent { ms: 2_000.0 }, job: spin() },
                "The server stopped answering for 2 s while answering `curl localhost:3000/spin` — probably an endless loop — so the playground stopped it and started a fresh sandbox. Your code is unchanged; fix the loop and press Run.",
            ),
            (
                Hang { cause: Cause::Unanswered { ms: 8_000.0 }, job: run() },
                "The server gave no answer within 8 s while starting server.js, so the playground stopped it and started a fresh sandbox. Your code is unchanged; check for a promise that never settles and press Run.",
            ),
        ];
        for (hang, expected) in cases {
            assert_eq!(hang.explain(), expected, "{hang:?}");
        }
    }
}
