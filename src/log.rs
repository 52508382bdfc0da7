//! The build log: one line per stage with its duration, like Zola's.

use std::time::{Duration, Instant};

/// A stage that has run: its value, the detail for the log and how long it took.
pub struct Timed<T> {
    value: T,
    detail: String,
    elapsed: Duration,
}

impl<T> Timed<T> {
    /// The stage's value, for the next stage to use before this one is reported.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The same stage with its value changed (e.g. dropped once used), detail and time kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Timed<U> {
        Timed {
            value: f(self.value),
            detail: self.detail,
            elapsed: self.elapsed,
        }
    }
}

pub struct StageLog {
    quiet: bool,
    start: Instant,
}

impl StageLog {
    pub fn new(quiet: bool) -> Self {
        StageLog {
            quiet,
            start: Instant::now(),
        }
    }

    /// Runs one stage, printing "→ name … detail (12 ms)".
    pub fn stage<T>(
        &self,
        name: &str,
        f: impl FnOnce() -> anyhow::Result<(T, String)>,
    ) -> anyhow::Result<T> {
        Ok(self.report(name, self.timed(f)?))
    }

    /// Runs one stage without printing it, for stages that run at the same time: each is
    /// reported afterwards, in pipeline order, with its own duration.
    pub fn timed<T>(
        &self,
        f: impl FnOnce() -> anyhow::Result<(T, String)>,
    ) -> anyhow::Result<Timed<T>> {
        let start = Instant::now();
        let (value, detail) = f()?;
        Ok(Timed {
            value,
            detail,
            elapsed: start.elapsed(),
        })
    }

    /// Prints a stage run by [`StageLog::timed`] and returns its value.
    pub fn report<T>(&self, name: &str, done: Timed<T>) -> T {
        if !self.quiet {
            let sep = if done.detail.is_empty() { "" } else { ": " };
            println!("→ {name}{sep}{} ({})", done.detail, ms(done.elapsed));
        }
        done.value
    }

    pub fn done(&self, what: &str) {
        if !self.quiet {
            println!("✓ {what} en {}", ms(self.start.elapsed()));
        }
    }
}

fn ms(d: Duration) -> String {
    if d.as_secs() >= 1 {
        format!("{} s", crate::numfmt::dec(d.as_secs_f64(), 2))
    } else {
        format!("{} ms", d.as_millis())
    }
}
