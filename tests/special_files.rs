//! Paths that name no regular file, through the real binary: an output that is a device or a
//! FIFO is written to in place and never replaced, one that is a folder or a socket is refused;
//! an article, manifest entry or config file that is a FIFO or a device is refused at once,
//! never waited on. Every run that could block is bounded by a timeout.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

#[path = "support/cli.rs"]
mod support;

use support::{fails_with_input, make_fifo, output_within};

const LIMIT: Duration = Duration::from_secs(10);

fn run(args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    output_within(&args, LIMIT)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Expects exit code 1 and one line on stderr holding every needle.
fn refused(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    for needle in needles {
        assert!(err.contains(needle), "stderr {err:?} lacks {needle:?}");
    }
    assert_eq!(err.trim_end().lines().count(), 1, "one-line message: {err:?}");
}

fn is_char_device(path: &str) -> bool {
    fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn dev_null_is_written_to_and_stays_a_device() {
    // Without --force first: the device is written to, not treated as a file in the way.
    for force in [false, true] {
        let mut args = vec!["align", "-o", "/dev/null"];
        if force {
            args.push("--force");
        }
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert!(is_char_device("/dev/null"), "/dev/null is still a device");
    }
}

#[test]
fn dev_stdout_reaches_standard_output() {
    let out = run(&["align", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(doc["schema_version"], 1);
}

#[test]
fn a_full_device_ends_in_a_clear_error() {
    fails_with_input(
        &["-o", "/dev/full"],
        b"",
        &["/dev/full: ", "No space left on device"],
    );
    assert!(is_char_device("/dev/full"));
}

#[test]
fn a_fifo_output_receives_the_export_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.json");
    make_fifo(&fifo);
    for force in [false, true] {
        let reading = fifo.clone();
        let reader = std::thread::spawn(move || fs::read(reading));
        let mut args = vec!["align", "-o", fifo.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let bytes = reader.join().unwrap().expect("read the FIFO");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON through the FIFO");
        assert_eq!(doc["schema_version"], 1);
        let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "still a FIFO after {args:?}");
    }
}

#[test]
fn a_folder_or_socket_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("out.json");
    fs::create_dir(&folder).unwrap();
    let socket = dir.path().join("sock.json");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (path, kind) in [(&folder, "is a folder"), (&socket, "is a socket")] {
        for force in [false, true] {
            let mut args = vec!["align", "-o", path.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            refused(&run(&args), &[path.to_str().unwrap(), kind]);
        }
    }
    assert!(fs::symlink_metadata(&folder).unwrap().is_dir());
    assert!(fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing left beside them"
    );
}

#[test]
fn a_fifo_article_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    make_fifo(&fifo);
    let out = run(&["align", fifo.to_str().unwrap()]);
    refused(&out, &[fifo.to_str().unwrap(), "is a FIFO"]);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_fifo_in_a_manifest_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end in Geneva.").unwrap();
    make_fifo(&dir.path().join("pipe.txt"));
    fs::write(
        dir.path().join("story.toml"),
        "[[article]]\npath = \"a.txt\"\n[[article]]\npath = \"pipe.txt\"\n",
    )
    .unwrap();
    let out = run(&["align", dir.path().to_str().unwrap()]);
    refused(&out, &["pipe.txt", "is a FIFO"]);
}

#[test]
fn a_device_article_is_refused_at_once() {
    refused(
        &run(&["align", "/dev/zero"]),
        &["/dev/zero: is a character device"],
    );
}

#[test]
fn a_config_from_a_device_or_too_large_is_refused() {
    let out = run(&["--config", "/dev/zero", "align"]);
    refused(&out, &["/dev/zero", "is a character device"]);
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("config.toml");
    let mut text = "# padding\n".repeat(110_000);
    text.push_str("[ui]\nmouse = false\n");
    fs::write(&big, text).unwrap();
    let out = run(&["--config", big.to_str().unwrap(), "align"]);
    refused(&out, &["config.toml", "over the limit of 1048576 bytes"]);
}

#[test]
fn a_fifo_config_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    make_fifo(&fifo);
    refused(
        &run(&["--config", fifo.to_str().unwrap(), "align"]),
        &["config.toml", "is a FIFO"],
    );
    assert!(Path::new(&fifo).exists());
}
