//! Progress of a batch on stderr: a bar on a terminal, a plain line every few seconds
//! elsewhere, nothing with `--quiet`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A bar on a terminal, a plain line every few seconds elsewhere, nothing with `--quiet`.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    done: AtomicUsize,
    plain: Option<Mutex<Instant>>,
    started: Instant,
}

impl Progress {
    /// A progress display for `total` items; `quiet` shows nothing.
    pub fn new(total: usize, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        let bar = (terminal && !quiet).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files · {per_sec} · ETA {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let plain = (!terminal && !quiet).then(|| Mutex::new(Instant::now()));
        Progress { bar, total, done: AtomicUsize::new(0), plain, started: Instant::now() }
    }

    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if let Some(last) = &self.plain {
            if let Ok(mut last) = last.try_lock() {
                if last.elapsed() >= Duration::from_secs(5) {
                    *last = Instant::now();
                    let rate = done as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
                    crate::io::stderr::line(&format!("screened {done} of {} ({rate:.0}/s)", self.total));
                }
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
