//! The build log: one line per stage with its duration, like Zola's.

use std::time::Instant;

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
        let t = Instant::now();
        let (value, detail) = f()?;
        if !self.quiet {
            let sep = if detail.is_empty() { "" } else { ": " };
            println!("→ {name}{sep}{detail} ({})", ms(t));
        }
        Ok(value)
    }

    pub fn done(&self, what: &str) {
        if !self.quiet {
            println!("✓ {what} en {}", ms(self.start));
        }
    }
}

fn ms(t: Instant) -> String {
    let d = t.elapsed();
    if d.as_secs() >= 1 {
        format!("{} s", crate::numfmt::dec(d.as_secs_f64(), 2))
    } else {
        format!("{} ms", d.as_millis())
    }
}
