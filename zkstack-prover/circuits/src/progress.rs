//! Progress on stderr: an indicatif bar over the circuits with the current stage and its elapsed
//! time when stderr is a terminal, plain lines otherwise (logs, CI).

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Progress of one `prove` run.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar over `total` circuits (plain lines when stderr is not a terminal).
    pub fn new(total: usize) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self { bar: None };
        }
        let bar = ProgressBar::new(total as u64);
        let style = ProgressStyle::with_template(
            "{spinner} [{pos}/{len}] {msg} ({elapsed} on this step, {elapsed_precise} total)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Self { bar: Some(bar) }
    }

    /// Says what is being done now.
    pub fn stage(&self, message: String) {
        match &self.bar {
            Some(bar) => {
                bar.reset_elapsed();
                bar.set_message(message);
            }
            None => eprintln!("{message}"),
        }
    }

    /// Logs a finished step above the bar.
    pub fn done(&self, message: String) {
        match &self.bar {
            Some(bar) => {
                bar.println(message);
                bar.inc(1);
            }
            None => eprintln!("{message}"),
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
