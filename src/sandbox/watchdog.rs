//! The watchdog's decision: is the worker stuck in an endless loop?
//!
//! While the learner's program runs, or a run or a command is in flight, the page pings the
//! worker, and the worker answers from its event loop. A handler awaiting a slow timer leaves that
//! loop free, so pongs keep coming and nothing happens; `while (true) {}` blocks it, whether in a
//! handler, at start-up or in a timer's callback, and once the worker has left the page's question
//! unanswered for [`HANG_AFTER_MS`] it counts as hung. A run or a command that never answers
//! although the worker is alive (top-level `await` on a promise that never settles) is caught by
//! a longer backstop. Plain data and millisecond timestamps in, a [`Verdict`] out: tested without
//! a browser.

/// How long the worker may leave a question unanswered before it counts as hung.
pub const HANG_AFTER_MS: f64 = 2_000.0;
/// How often the page pings the worker while a run or a command is in flight.
pub const PING_EVERY_MS: u32 = 250;
/// How often the page pings the worker while only the learner's program runs (its timers,
/// intervals and callbacks can loop too): half as often, as nobody waits on an answer.
pub const WATCH_EVERY_MS: u32 = 500;
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
    /// The oldest job unanswered when the worker went silent, the one most likely to have
    /// started the loop; `None` when none was: the program's own timers and callbacks ran it.
    pub job: Option<Job>,
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
    /// Nothing runs and nothing is in flight; no ping needed.
    Idle,
    /// The worker has something to do and is alive: ask it again.
    Ping,
    /// Replace the worker.
    Hung(Hang),
}

#[derive(Debug, Default)]
pub struct Watchdog {
    /// Jobs in the order they were sent, each with the time it was sent.
    in_flight: Vec<(Job, f64)>,
    /// Whether the learner's program runs (started, and neither exited nor stopped).
    running: bool,
    /// Since when the worker has left the page's oldest question unanswered: the first ping
    /// after it last said anything, or a job or a stop sent to a worker that had answered
    /// everything.
    asked_at: Option<f64>,
    last_tick: f64,
}

impl Watchdog {
    /// Records a job sent at `now`.
    pub fn sent(&mut self, job: Job, now: f64) {
        self.ask(now);
        self.in_flight.push((job, now));
    }

    /// The worker answered a ping: its event loop was free.
    pub fn pong(&mut self) {
        self.asked_at = None;
    }

    /// The worker answered the oldest `run`; the program now runs if it started (`ok`).
    pub fn started(&mut self, ok: bool) {
        self.answered(|job| matches!(job, Job::Run { .. }));
        self.running = ok;
    }

    /// The learner's program ended on its own; its timers will not fire again.
    pub fn exited(&mut self) {
        self.asked_at = None;
        self.running = false;
    }

    /// The page asked the worker, at `now`, to stop the program. The stop is a question too: a
    /// worker already stuck in a loop never takes it, and is still caught.
    pub fn stopped(&mut self, now: f64) {
        self.ask(now);
        self.running = false;
    }

    /// The worker answered `exec` number `id`.
    pub fn output(&mut self, id: u32) {
        self.answered(|job| matches!(job, Job::Exec { id: sent, .. } if *sent == id));
    }

    /// An answer is also a pong: the worker's event loop was free to send it.
    fn answered(&mut self, is_it: impl Fn(&Job) -> bool) {
        self.asked_at = None;
        if let Some(at) = self.in_flight.iter().position(|(job, _)| is_it(job)) {
            self.in_flight.remove(at);
        }
    }

    /// Notes a question put at `now`. An idle page does not tick, so its last tick says nothing
    /// about whether the page slept.
    fn ask(&mut self, now: f64) {
        if self.every().is_none() {
            self.last_tick = now;
        }
        self.asked_at.get_or_insert(now);
    }

    /// How often the page should tick: fast while someone waits on an answer, slower while only
    /// the program runs, never when the worker has nothing to do.
    pub fn every(&self) -> Option<u32> {
        if !self.in_flight.is_empty() {
            Some(PING_EVERY_MS)
        } else if self.running || self.asked_at.is_some() {
            Some(WATCH_EVERY_MS)
        } else {
            None
        }
    }

    /// Decides, at `now`, whether the worker is hung.
    pub fn tick(&mut self, now: f64) -> Verdict {
        let late = now - self.last_tick > LATE_TICK_MS;
        self.last_tick = now;
        if self.every().is_none() {
            return Verdict::Idle;
        }
        if late {
            self.asked_at = Some(now);
            return Verdict::Ping;
        }
        let asked_at = *self.asked_at.get_or_insert(now);
        let silent = now - asked_at;
        if silent >= HANG_AFTER_MS {
            // A job sent after the worker went silent never reached the loop; it is not to blame.
            let job = self
                .in_flight
                .iter()
                .find(|(_, sent)| *sent <= asked_at)
                .map(|(job, _)| job.clone());
            return Verdict::Hung(Hang {
                cause: Cause::Silent { ms: silent },
                job,
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
                job: Some(job.clone()),
            }),
            None => Verdict::Ping,
        }
    }

    /// Forgets everything, for a fresh worker.
    pub fn reset(&mut self) {
        *self = Watchdog::default();
    }
}

impl Hang {
    /// The terminal's account: what stopped, during what, and what the learner does next.
    pub fn explain(&self) -> String {
        let Some(job) = &self.job else {
            return format!(
                "The server's background code (a timer, an interval or another callback, not a \
                 command you typed) ran for more than {} s without returning — probably an \
                 endless loop — so the playground stopped it and started a fresh sandbox. Your \
                 code is unchanged; fix the loop and press Run.",
                seconds(HANG_AFTER_MS)
            );
        };
        let during = match job {
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

    /// A watchdog whose program started at 0 and whose worker answered every ping until `until`.
    fn running_until(until: f64) -> Watchdog {
        let mut dog = Watchdog::default();
        dog.sent(run(), 0.0);
        dog.pong();
        dog.started(true);
        assert_eq!(ticks(&mut dog, 500.0, until, true), None);
        dog
    }

    /// Ticks at the watchdog's own pace from `from` to `to`, answering each ping when `alive`;
    /// returns the first verdict that is not a ping, with its time.
    fn ticks(dog: &mut Watchdog, from: f64, to: f64, alive: bool) -> Option<(f64, Verdict)> {
        let mut now = from;
        while now <= to {
            match dog.tick(now) {
                Verdict::Ping if alive => dog.pong(),
                Verdict::Ping => {}
                other => return Some((now, other)),
            }
            now += f64::from(dog.every().unwrap_or(PING_EVERY_MS));
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
    fn the_page_ticks_while_the_worker_has_something_to_do() {
        /// What happened to the worker, in order.
        type Events = fn(&mut Watchdog);
        let cases: [(&str, Events, Option<u32>); 8] = [
            ("nothing ran yet", |_| {}, None),
            ("a run in flight", |dog| dog.sent(run(), 0.0), Some(250)),
            (
                "the program runs",
                |dog| {
                    dog.sent(run(), 0.0);
                    dog.pong();
                    dog.started(true);
                },
                Some(500),
            ),
            (
                "a command while it runs",
                |dog| {
                    dog.started(true);
                    dog.sent(spin(), 0.0);
                },
                Some(250),
            ),
            (
                "the program did not start",
                |dog| {
                    dog.sent(run(), 0.0);
                    dog.pong();
                    dog.started(false);
                },
                None,
            ),
            (
                "the program exited",
                |dog| {
                    dog.started(true);
                    dog.exited();
                },
                None,
            ),
            (
                "stopped, until the worker takes it",
                |dog| {
                    dog.started(true);
                    dog.stopped(0.0);
                },
                Some(500),
            ),
            (
                "stopped, and the worker answered since",
                |dog| {
                    dog.started(true);
                    dog.stopped(0.0);
                    dog.pong();
                },
                None,
            ),
        ];
        for (what, events, every) in cases {
            let mut dog = Watchdog::default();
            events(&mut dog);
            assert_eq!(dog.every(), every, "{what}");
        }
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
                job: Some(run())
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
    fn silence_counts_from_the_first_unanswered_ping() {
        let mut dog = Watchdog::default();
        dog.sent(spin(), 0.0);
        assert_eq!(ticks(&mut dog, 250.0, 1_000.0, true), None);
        // The handler enters its loop after the pong to the ping at 1 000 ms.
        let (at, _) = ticks(&mut dog, 1_250.0, 9_000.0, false).expect("a verdict");
        assert_eq!(at, 3_250.0);
    }

    #[test]
    fn silence_while_idle_does_not_count_against_a_new_job() {
        let mut dog = Watchdog::default();
        dog.sent(run(), 0.0);
        dog.pong();
        dog.started(false);
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
    fn a_loop_in_a_timer_is_stopped_with_no_job_to_blame() {
        let mut dog = running_until(5_000.0);
        // `setTimeout(() => { while (true) {} })` fires after the pong to the ping at 5 000 ms.
        let (at, verdict) = ticks(&mut dog, 5_500.0, 20_000.0, false).expect("a verdict");
        assert_eq!(at, 7_500.0);
        assert_eq!(
            verdict,
            Verdict::Hung(Hang {
                cause: Cause::Silent { ms: 2_000.0 },
                job: None
            })
        );
    }

    #[test]
    fn a_job_sent_to_a_worker_already_silent_is_not_blamed() {
        let cases = [spin(), run()];
        for job in cases {
            let mut dog = running_until(5_000.0);
            assert_eq!(dog.tick(5_500.0), Verdict::Ping, "unanswered");
            dog.sent(job.clone(), 6_000.0);
            let (at, verdict) = ticks(&mut dog, 6_250.0, 20_000.0, false).expect("a verdict");
            assert_eq!(at, 7_500.0, "{job:?}");
            assert_eq!(
                verdict,
                Verdict::Hung(Hang {
                    cause: Cause::Silent { ms: 2_000.0 },
                    job: None
                }),
                "{job:?}"
            );
        }
    }

    #[test]
    fn a_command_that_loops_while_the_program_runs_is_named() {
        // The program ran with pings answered until 5 000 ms, or had just started (no ping yet).
        let just_started = || {
            let mut dog = Watchdog::default();
            dog.sent(run(), 5_000.0);
            dog.started(true);
            dog
        };
        let cases = [(running_until(5_000.0), 5_100.0), (just_started(), 5_100.0)];
        for (mut dog, sent) in cases {
            dog.sent(spin(), sent);
            let (at, verdict) = ticks(&mut dog, sent + 250.0, 20_000.0, false).expect("a verdict");
            assert_eq!(at, sent + 2_000.0, "{dog:?}");
            assert_eq!(
                verdict,
                Verdict::Hung(Hang {
                    cause: Cause::Silent { ms: 2_000.0 },
                    job: Some(spin())
                })
            );
        }
    }

    #[test]
    fn a_stop_the_worker_never_takes_still_ends_in_a_restart() {
        let mut dog = running_until(5_000.0);
        dog.stopped(5_200.0);
        let (at, verdict) = ticks(&mut dog, 5_500.0, 20_000.0, false).expect("a verdict");
        assert_eq!(at, 7_500.0);
        assert_eq!(
            verdict,
            Verdict::Hung(Hang {
                cause: Cause::Silent { ms: 2_300.0 },
                job: None
            })
        );
        // A stop the worker takes ends the watch.
        let mut dog = running_until(5_000.0);
        dog.stopped(5_200.0);
        assert_eq!(ticks(&mut dog, 5_500.0, 5_500.0, true), None);
        assert_eq!(dog.tick(6_000.0), Verdict::Idle);
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
        assert_eq!(hang.job, Some(spin()));
    }

    #[test]
    fn answers_clear_their_own_job() {
        let mut dog = Watchdog::default();
        dog.sent(run(), 0.0);
        dog.sent(spin(), 0.0);
        dog.output(7);
        assert!(!dog.in_flight.is_empty());
        dog.output(1);
        dog.started(true);
        assert!(dog.in_flight.is_empty());
        dog.sent(spin(), 0.0);
        dog.reset();
        assert!(dog.in_flight.is_empty());
        assert_eq!(dog.every(), None);
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
                    job: Some(job)
                })
            );
        }
    }

    #[test]
    fn the_terminal_says_what_happened_and_during_what() {
        let cases = [
            (
                Hang { cause: Cause::Silent { ms: 2_100.0 }, job: Some(run()) },
                "The server stopped answering for 2 s while starting server.js — probably an endless loop — so the playground stopped it and started a fresh sandbox. Your code is unchanged; fix the loop and press Run.",
            ),
            (
                Hang { cause: Cause::Silent { ms: 2_000.0 }, job: Some(spin()) },
                "The server stopped answering for 2 s while answering `curl localhost:3000/spin` — probably an endless loop — so the playground stopped it and started a fresh sandbox. Your code is unchanged; fix the loop and press Run.",
            ),
            (
                Hang { cause: Cause::Silent { ms: 2_300.0 }, job: None },
                "The server's background code (a timer, an interval or another callback, not a command you typed) ran for more than 2 s without returning — probably an endless loop — so the playground stopped it and started a fresh sandbox. Your code is unchanged; fix the loop and press Run.",
            ),
            (
                Hang { cause: Cause::Unanswered { ms: 8_000.0 }, job: Some(run()) },
                "The server gave no answer within 8 s while starting server.js, so the playground stopped it and started a fresh sandbox. Your code is unchanged; check for a promise that never settles and press Run.",
            ),
        ];
        for (hang, expected) in cases {
            assert_eq!(hang.explain(), expected, "{hang:?}");
        }
    }
}
