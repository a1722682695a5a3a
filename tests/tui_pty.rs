//! End to end: the real binary in a pseudo-terminal, read through a terminal emulator (`vt100`).
//! It must draw the bundled story's titles, step to an event on `n`, and on `q` quit with the
//! terminal given back: alternate screen left, mouse capture off, exit code 0; on SIGTERM or
//! SIGHUP give it back the same way and exit with 143 or 129. Given URLs, it must show the
//! fetching in the status line, then the pages.
#![cfg(all(feature = "tui", unix))]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 120;

/// Everything the program has written so far.
type Output = Arc<Mutex<Vec<u8>>>;

fn screen(output: &Output) -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
    parser.process(&output.lock().expect("output"));
    parser
}

fn wait_for(output: &Output, what: &str, timeout: Duration) -> String {
    let start = Instant::now();
    loop {
        let contents = screen(output).screen().contents();
        if contents.contains(what) {
            return contents;
        }
        assert!(
            start.elapsed() < timeout,
            "no {what:?} on screen after {timeout:?}:\n{contents}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The binary in a pseudo-terminal of `ROWS`×`COLS`, with `args`, a terminal type and a
/// temporary home (nothing of the run reaches the real config and data folders). Everything it
/// writes is gathered into the returned output by a thread that ends when the terminal closes.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    output: Output,
    reading: std::thread::JoinHandle<()>,
    _home: tempfile::TempDir,
}

/// The binary started in a fresh pseudo-terminal with `args` and a temporary home; the
/// terminal's other end and the home are returned.
type Spawned = (
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn portable_pty::MasterPty + Send>,
    tempfile::TempDir,
);

fn spawn_in_pty(args: &[&std::ffi::OsStr]) -> Spawned {
    spawn_in_pty_with(args, |_| {})
}

/// `spawn_in_pty` with the temporary home first made ready by `prepare`.
fn spawn_in_pty_with(args: &[&std::ffi::OsStr], prepare: impl FnOnce(&std::path::Path)) -> Spawned {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_parallax"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("PARALLAX_TIMING");
    let home = tempfile::tempdir().expect("temporary home");
    prepare(home.path());
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
    cmd.env_remove("PARALLAX_CONFIG");
    cmd.env_remove("PARALLAX_THEME");
    let child = pair.slave.spawn_command(cmd).expect("spawn parallax");
    drop(pair.slave);
    (child, pair.master, home)
}

fn run_in_pty(args: &[&std::ffi::OsStr]) -> Running {
    run_in_pty_with(args, |_| {})
}

fn run_in_pty_with(args: &[&std::ffi::OsStr], prepare: impl FnOnce(&std::path::Path)) -> Running {
    let (child, master, home) = spawn_in_pty_with(args, prepare);
    let output: Output = Arc::default();
    let mut reader = master.try_clone_reader().expect("reader");
    let sink = Arc::clone(&output);
    let reading = std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().expect("output").extend_from_slice(&chunk[..n]);
        }
    });
    Running {
        child,
        master,
        output,
        reading,
        _home: home,
    }
}

#[test]
fn the_binary_draws_steps_and_quits_restoring_the_terminal() {
    let Running {
        mut child,
        master,
        output,
        _home,
        ..
    } = run_in_pty(&[]);
    let mut keys = master.take_writer().expect("writer");

    let timeout = Duration::from_secs(30);
    let first = wait_for(&output, "shared events", timeout);
    assert!(first.contains("Article 1 · Russia says it doesn"), "{first}");
    assert!(first.contains("Article 2 · Russia says it has NO"), "{first}");
    assert!(screen(&output).screen().alternate_screen());

    keys.write_all(b"n").expect("send n");
    keys.flush().expect("flush");
    wait_for(&output, "event 1/", timeout);

    keys.write_all(b"q").expect("send q");
    keys.flush().expect("flush");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < timeout, "parallax did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    // Let the reader thread collect the last bytes.
    std::thread::sleep(Duration::from_millis(200));
    assert_given_back(&output);
}

/// The terminal as the program leaves it: main screen, no mouse reporting, cursor shown.
fn assert_given_back(output: &Output) {
    let done = screen(output);
    assert!(!done.screen().alternate_screen(), "still on the alternate screen");
    assert_eq!(
        done.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture left on"
    );
    assert!(!done.screen().hide_cursor(), "cursor left hidden");
}

/// The control sequences the output ends with, nothing drawn between them.
fn closing_sequences(written: &str) -> Vec<&str> {
    let mut rest = written;
    let mut found = Vec::new();
    // Each ends in a final byte, after "ESC [" and parameter bytes.
    while let Some(at) = rest.rfind("\x1b[") {
        let sequence = &rest[at..];
        let params = &sequence[2..sequence.len().saturating_sub(1)];
        let ends = sequence.len() > 2 && sequence.ends_with(|c: char| c.is_ascii_alphabetic());
        if !ends || !params.chars().all(|c| c.is_ascii_digit() || c == ';' || c == '?') {
            break;
        }
        found.push(sequence);
        rest = &rest[..at];
    }
    found
}

/// The reader on the bundled story, ended by `signal` once its first frame is up: it must
/// give the terminal back and exit with 128 + the signal's number, as a shell expects.
fn ends_on_signal(signal: &str, code: u32) {
    let Running {
        mut child,
        output,
        _home,
        master: _master,
        ..
    } = run_in_pty(&[]);
    let timeout = Duration::from_secs(30);
    wait_for(&output, "shared events", timeout);
    let pid = child.process_id().expect("the child's process id");
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{signal} {pid}: {sent:?}");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < timeout, "parallax did not end on SIG{signal}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), code, "{status:?}");
    assert_eq!(status.signal(), None, "{status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let written = String::from_utf8_lossy(&output.lock().expect("output")).into_owned();
    let closing = closing_sequences(&written);
    for (sequence, what) in [
        ("\x1b[?1049l", "leave the alternate screen"),
        ("\x1b[?1000l", "stop mouse reporting"),
        ("\x1b[?25h", "show the cursor"),
    ] {
        assert!(
            closing.contains(&sequence),
            "does not {what} at the end: {closing:?}"
        );
    }
    assert_given_back(&output);
}

#[test]
fn a_terminal_that_goes_away_ends_the_reader() {
    let (mut child, master, _home) = spawn_in_pty(&[]);
    // Read on this thread until the reader is up, so that nothing else holds the terminal's
    // other end open.
    let mut reader = master.try_clone_reader().expect("reader");
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("shared events") {
        let n = reader.read(&mut chunk).expect("read the screen");
        assert!(n > 0, "the terminal closed before the reader drew");
        seen.extend_from_slice(&chunk[..n]);
    }
    // The terminal closes under the reader, as when its window or connection goes.
    drop(reader);
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("parallax still runs 10 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), 129, "{status:?}");
}

#[test]
fn sigterm_gives_the_terminal_back_and_exits_with_143() {
    ends_on_signal("TERM", 143);
}

#[test]
fn sighup_gives_the_terminal_back_and_exits_with_129() {
    ends_on_signal("HUP", 129);
}

#[test]
fn align_on_a_terminal_shows_its_steps_and_clears_the_line() {
    // Sixty articles, enough for progress to show.
    let dir = tempfile::tempdir().expect("temporary folder");
    let corpus = parallax::align::synth::story(60, 7);
    for (i, a) in corpus.articles.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:03}.txt")), &a.text).expect("write article");
    }
    let out = dir.path().join("out.json");
    let args = [
        "align".as_ref(),
        "--no-notes".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        dir.path().as_os_str(),
    ];
    let Running {
        mut child,
        master,
        output,
        reading,
        _home,
    } = run_in_pty(&args);
    let status = child.wait().expect("parallax exits");
    assert!(status.success(), "{status:?}");
    drop(master);
    reading.join().expect("reader thread");
    let written = String::from_utf8_lossy(&output.lock().expect("output")).into_owned();
    for step in [
        "reading sentences",
        "finding quotations",
        "aligning",
        "grouping events",
    ] {
        assert!(
            written.contains(&format!("parallax: 60 articles: {step}…")),
            "{written:?}"
        );
    }
    // The progress line is erased at the end, and the JSON went to the file.
    assert!(written.ends_with("\r\x1b[2K"), "{written:?}");
    let json = std::fs::read_to_string(&out).expect("output file");
    assert!(json.contains("\"schema_version\": 1"));
}

#[cfg(feature = "web")]
#[path = "support/server.rs"]
mod server;

/// Pages given as URLs: the reader is up at once with the fetching in its status line, the
/// panes follow, a page that could not be read is named once the terminal is given back, and
/// the run ends with 3.
#[cfg(feature = "web")]
#[test]
fn the_reader_shows_the_fetching_then_the_pages() {
    use server::{Response, Server};
    let fixture = |name: &str| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/html")
                .join(name),
        )
        .expect("fixture")
    };
    let (harbour, coastal) = (fixture("harbour-daily.html"), fixture("coastal-wire.htm"));
    let server = Server::start(move |r| match r.path.as_str() {
        "/harbour" => Response {
            delay: Duration::from_millis(1500),
            ..Response::ok("text/html", harbour.clone())
        },
        "/coastal" => Response::ok("text/html", coastal.clone()),
        _ => Response::status(404),
    });
    let urls = [
        server.url("/harbour"),
        server.url("/coastal"),
        server.url("/gone"),
    ];
    let args: Vec<&std::ffi::OsStr> = urls.iter().map(std::ffi::OsStr::new).collect();
    let Running {
        mut child,
        master,
        output,
        _home,
        reading,
    } = run_in_pty(&args);
    let mut keys = master.take_writer().expect("writer");
    let timeout = Duration::from_secs(30);
    let fetching = wait_for(&output, "fetching ", timeout);
    let status = fetching.lines().last().unwrap_or("").to_string();
    assert!(status.contains("/3 · 127.0.0.1…"), "{fetching}");
    let shown = wait_for(&output, "1 URL(s) could not be read", timeout);
    assert!(
        shown.contains("1 · The Harbour Daily · Harbour bridge reopens"),
        "{shown}"
    );
    assert!(shown.contains("2 · 127.0.0.1 · Bridge open again"), "{shown}");
    keys.write_all(b"q").expect("send q");
    keys.flush().expect("flush");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < timeout, "parallax did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), 3, "{status:?}");
    drop(master);
    let _ = reading.join();
    assert_given_back(&output);
    let written = String::from_utf8_lossy(&output.lock().expect("output")).into_owned();
    let gone = server.url("/gone");
    assert!(
        written.contains(&format!("parallax: left out {gone}: HTTP 404 Not Found")),
        "{written}"
    );
}

/// Pages are shown as they arrive: while one page is held back by the server, the page that
/// came is on screen as a pane of text with the fetching in the status line (a key that must
/// wait says so there, before any warning); when the held page comes, it takes its place before
/// the other (the order given), and the analysis follows.
#[cfg(feature = "web")]
#[test]
fn each_page_is_shown_as_soon_as_it_arrives() {
    use server::{Response, Server};
    use std::sync::Condvar;
    let fixture = |name: &str| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/html")
                .join(name),
        )
        .expect("fixture")
    };
    let (harbour, coastal) = (fixture("harbour-daily.html"), fixture("coastal-wire.htm"));
    // The held page is answered only once the test opens the gate.
    let gate = Arc::new((Mutex::new(false), Condvar::new()));
    let held = Arc::clone(&gate);
    let server = Server::start(move |r| match r.path.as_str() {
        "/held" => {
            let (open, opened) = &*held;
            let mut open = open.lock().expect("gate");
            while !*open {
                open = opened.wait(open).expect("gate");
            }
            Response::ok("text/html", coastal.clone())
        }
        "/harbour" => Response::ok("text/html", harbour.clone()),
        _ => Response::status(404),
    });
    let urls = [server.url("/held"), server.url("/harbour")];
    let args: Vec<&std::ffi::OsStr> = urls.iter().map(std::ffi::OsStr::new).collect();
    let Running {
        mut child,
        master,
        output,
        _home,
        reading,
    } = run_in_pty_with(&args, |home| {
        // With a cache that cannot be written, whose warning takes the rest of the status line.
        std::fs::write(home.join("cache"), b"a file").expect("file")
    });
    let mut keys = master.take_writer().expect("writer");
    let timeout = Duration::from_secs(30);

    let early = wait_for(&output, "1 · The Harbour Daily · Harbour bridge reopens", timeout);
    assert!(
        early.contains("The harbour bridge reopened to traffic on Thursday"),
        "the text is there: {early}"
    );
    assert!(
        !early.contains("Bridge open again"),
        "the held page is not: {early}"
    );
    let status = early.lines().last().unwrap_or("");
    assert!(status.contains("fetching 2/2 · 127.0.0.1…"), "{early}");
    // While a page is still on its way, the keys that only read work (help opens and closes);
    // the others say they wait (search is over the whole story).
    keys.write_all(b"/").expect("send /");
    keys.flush().expect("flush");
    let refused = wait_for(&output, "that key waits until every page is read", timeout);
    let status = refused.lines().last().unwrap_or("");
    assert!(
        status.starts_with(
            " fetching 2/2 · 127.0.0.1… · that key waits until every page is read · the page cache"
        ),
        "{refused}"
    );
    keys.write_all(b"?").expect("send ?");
    keys.flush().expect("flush");
    let help = wait_for(&output, " Keys ", timeout);
    assert!(help.contains("fetching 2/2"), "{help}");
    keys.write_all(b"\x1b").expect("send esc");
    keys.flush().expect("flush");
    let start = Instant::now();
    while screen(&output).screen().contents().contains(" Keys ") {
        assert!(start.elapsed() < timeout, "esc did not close the help");
        std::thread::sleep(Duration::from_millis(50));
    }

    let (open, opened) = &*gate;
    *open.lock().expect("gate") = true;
    opened.notify_all();
    // Analysed: the shared passages are marked.
    let done = wait_for(&output, "▌The harbour bridge reopened", timeout);
    assert!(done.contains("1 · 127.0.0.1 · Bridge open again"), "{done}");
    assert!(
        done.contains("2 · The Harbour Daily · Harbour bridge reopens"),
        "{done}"
    );

    keys.write_all(b"q").expect("send q");
    keys.flush().expect("flush");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < timeout, "parallax did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    drop(master);
    let _ = reading.join();
    assert_given_back(&output);
}

/// A cache folder that cannot be written: the reader says so in its status line while the
/// pages come and once the texts are analysed, the pages are read all the same, and the
/// failure is named once on standard error when the terminal is given back.
#[cfg(feature = "web")]
#[test]
fn a_cache_that_cannot_be_written_is_named_in_the_status_line() {
    use server::{Response, Server};
    let fixture = |name: &str| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/html")
                .join(name),
        )
        .expect("fixture")
    };
    let (harbour, coastal) = (fixture("harbour-daily.html"), fixture("coastal-wire.htm"));
    let server = Server::start(move |r| match r.path.as_str() {
        "/harbour" => Response::ok("text/html", harbour.clone()),
        "/coastal" => Response::ok("text/html", coastal.clone()),
        _ => Response::status(404),
    });
    let urls = [server.url("/harbour"), server.url("/coastal")];
    let args: Vec<&std::ffi::OsStr> = urls.iter().map(std::ffi::OsStr::new).collect();
    // The cache's home is a file, so no folder can be made in it.
    let Running {
        mut child,
        master,
        output,
        _home,
        reading,
    } = run_in_pty_with(&args, |home| {
        std::fs::write(home.join("cache"), b"a file").expect("file")
    });
    let mut keys = master.take_writer().expect("writer");
    let timeout = Duration::from_secs(30);
    // Once the texts are analysed the status line opens with what the load had to say (while
    // they are fetched or analysed, it opens with that).
    let start = Instant::now();
    let done = loop {
        let contents = screen(&output).screen().contents();
        let status = contents.lines().last().unwrap_or("");
        if status.starts_with(" the page cache cannot be written: ") {
            break contents;
        }
        assert!(start.elapsed() < timeout, "{contents}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(done.contains("2 · 127.0.0.1 · Bridge open again"), "{done}");
    assert!(
        done.contains("▌The harbour bridge reopened"),
        "shared passages marked: {done}"
    );
    keys.write_all(b"q").expect("send q");
    keys.flush().expect("flush");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < timeout, "parallax did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    drop(master);
    let _ = reading.join();
    assert_given_back(&output);
    let written = String::from_utf8_lossy(&output.lock().expect("output")).into_owned();
    let cache = _home.path().join("cache/parallax/pages");
    let line = format!(
        "parallax: the page cache cannot be written: {}: Not a directory (os error 20); pages are fetched again next time",
        cache.display()
    );
    assert_eq!(written.matches(&line).count(), 1, "{written}");
}
