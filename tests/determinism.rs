//! The analysis runs on several threads; its output must not depend on how many.

use assert_cmd::Command;
use parallax::export::{self, Format};
use parallax::{Corpus, Settings, align, analyse, ingest};

/// The story's JSON export, analysed on a pool of `threads` threads.
fn json_with(story: &Corpus, threads: usize) -> Vec<u8> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let analysis = pool.install(|| analyse(story.clone(), &Settings::default()));
    let mut out = Vec::new();
    export::write(&analysis, &[], Format::Json, &mut out).unwrap();
    out
}

fn same_on_one_and_many_threads(story: &Corpus) {
    let one = json_with(story, 1);
    assert!(one.len() > 1000);
    for threads in [2, 8] {
        let many = json_with(story, threads);
        let first_difference = String::from_utf8_lossy(&one)
            .lines()
            .zip(String::from_utf8_lossy(&many).lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}: {a:?} / {b:?}", i + 1));
        assert!(
            many == one,
            "{threads} threads differ from one: {first_difference:?}"
        );
    }
}

#[test]
fn the_bundled_story_is_the_same_on_any_number_of_threads() {
    same_on_one_and_many_threads(&ingest::bundled());
}

#[test]
fn a_synthetic_story_is_the_same_on_any_number_of_threads() {
    let story = align::synth::story(80, 11);
    let analysis = analyse(story.clone(), &Settings::default());
    assert!(analysis.events.len() > 5, "a story with events to compare");
    same_on_one_and_many_threads(&story);
}

#[test]
fn jobs_bounds_the_threads_without_changing_the_output() {
    let run = |jobs: &str| {
        Command::cargo_bin("parallax")
            .unwrap()
            .args(["align", "--format", "json", "--jobs", jobs])
            .env_remove("RAYON_NUM_THREADS")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("4"));
    Command::cargo_bin("parallax")
        .unwrap()
        .args(["align", "--jobs", "0"])
        .assert()
        .code(2);
}
