//! Termination signals while the reader owns the terminal. SIGTERM, SIGHUP and SIGINT would
//! end the process with the screen still alternate, raw and reporting the mouse; instead they
//! set a flag that the event loop looks at between events, so the reader leaves its loop, gives
//! the terminal back the way a quit does, and then ends with 128 + the signal's number, the
//! status a shell reports for a process killed by that signal.
//!
//! The one decision to know: nothing happens inside the signal handler but setting flags. A
//! second signal while the first is pending, or any signal once the terminal is given back,
//! ends the process at once with the same status, so a stuck reader can still be stopped.

use signal_hook::consts::signal::{SIGINT, SIGTERM};
use signal_hook::flag;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[cfg(unix)]
const SIGNALS: [i32; 3] = [SIGTERM, SIGINT, signal_hook::consts::signal::SIGHUP];
#[cfg(not(unix))]
const SIGNALS: [i32; 2] = [SIGTERM, SIGINT];

/// How often `watch_terminal` asks whether the terminal is still there.
const TERMINAL_CHECK: std::time::Duration = std::time::Duration::from_millis(400);

#[cfg(unix)]
const HANGUP: i32 = signal_hook::consts::signal::SIGHUP;
#[cfg(not(unix))]
const HANGUP: i32 = SIGTERM;

/// The signals that end the reader, watched from `watch` on.
pub struct Signals {
    /// The number of the signal received, 0 while none is.
    pending: Arc<AtomicUsize>,
    /// Set once a signal is pending or the terminal is given back: the next one ends the
    /// process there and then.
    at_once: Arc<AtomicBool>,
}

impl Signals {
    /// Starts watching for the termination signals.
    pub fn watch() -> io::Result<Signals> {
        let signals = Signals {
            pending: Arc::default(),
            at_once: Arc::default(),
        };
        for signal in SIGNALS {
            // Handlers run in the order they are registered: the exit looks at the flag as it
            // was before this signal.
            flag::register_conditional_shutdown(signal, status(signal), Arc::clone(&signals.at_once))?;
            flag::register(signal, Arc::clone(&signals.at_once))?;
            let number = usize::try_from(signal).unwrap_or(0);
            flag::register_usize(signal, Arc::clone(&signals.pending), number)?;
        }
        Ok(signals)
    }

    /// Ends the process when the reader cannot: once the terminal has hung up (it reads as
    /// endless end-of-file, on which the terminal library's wait for input spins and never
    /// returns, and it no longer answers as a terminal), or when a signal has waited two seconds
    /// without the loop taking it up. The status is the signal's (SIGHUP's for a hang-up).
    /// There is nothing left to give back then; notes are saved as they are written.
    pub fn watch_terminal(&self) -> io::Result<()> {
        let at_once = Arc::clone(&self.at_once);
        let pending = Arc::clone(&self.pending);
        std::thread::Builder::new()
            .name("terminal watch".into())
            .spawn(move || {
                let mut waited = 0;
                loop {
                    std::thread::sleep(TERMINAL_CHECK);
                    let signal = i32::try_from(pending.load(Ordering::SeqCst)).unwrap_or(0);
                    let given_back = at_once.load(Ordering::SeqCst) && signal == 0;
                    if given_back {
                        return;
                    }
                    waited = if signal == 0 { 0 } else { waited + 1 };
                    if waited > 5 {
                        std::process::exit(status(signal));
                    }
                    if !io::IsTerminal::is_terminal(&io::stdout()) {
                        std::process::exit(status(if signal == 0 { HANGUP } else { signal }));
                    }
                }
            })
            .map(drop)
    }

    /// The signal received, if one is.
    pub fn pending(&self) -> Option<i32> {
        match self.pending.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// The terminal is given back: from now on a signal ends the process at once. Returns the
    /// exit status for a signal received before.
    pub fn given_back(&self) -> Option<i32> {
        self.at_once.store(true, Ordering::SeqCst);
        self.pending().map(status)
    }
}

/// The exit status of a process ended by `signal`.
fn status(signal: i32) -> i32 {
    128 + signal
}
