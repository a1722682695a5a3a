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
