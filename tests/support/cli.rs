//! Helpers for the command-line test files (included with `#[path]`).

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

/// The built binary.
pub fn parallax() -> Command {
    Command::cargo_bin("parallax").expect("binary built")
}

/// `parallax align ARGS --format json` with `stdin`: expects success and returns the JSON.
pub fn align_json_with(args: &[&str], stdin: &[u8]) -> Value {
    let out = parallax()
        .arg("align")
        .args(args)
        .args(["--format", "json"])
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// `parallax align ARGS --format json`: expects success and returns the JSON.
pub fn align_json(args: &[&str]) -> Value {
    align_json_with(args, b"")
}

/// Runs `parallax align ARGS` with `stdin` and expects exit code 1, nothing on stdout, and one
/// line on stderr, free of control characters, holding every needle.
pub fn fails_with_input(args: &[&str], stdin: &[u8], needles: &[&str]) {
    let out = parallax()
        .arg("align")
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(out.stdout.is_empty(), "no partial output on stdout");
    for needle in needles {
        assert!(err.contains(needle), "stderr {err:?} lacks {needle:?}");
    }
    assert_eq!(err.trim_end().lines().count(), 1, "one-line message: {err:?}");
    assert!(
        !err.trim_end().chars().any(|c| c.is_control()),
        "no controls: {err:?}"
    );
}

/// Runs `parallax ARGS` with no standard input, waiting at most `limit`: a run still going
/// then is killed and fails the test, so a read or write that blocks cannot hang the suite.
pub fn output_within(args: &[&std::ffi::OsStr], limit: std::time::Duration) -> std::process::Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // Drained while the child runs, so a full pipe never stalls it.
    fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    }
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("parallax {args:?} still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
    }
}

/// Makes a FIFO (named pipe) at `path`.
pub fn make_fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}
