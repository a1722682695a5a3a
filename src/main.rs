//! The `parallax` binary: parses the command line, loads the articles, runs the analysis and
//! hands it to the reader or an exporter. Errors become one line on stderr and exit code 1;
//! usage errors exit with 2.

mod cli;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use cli::{AlignArgs, Cli, Command, ConfigArgs, FormatArg, Tuning};
use parallax::config::{self, Config};
use parallax::display::{report, safe_line};
use parallax::export::{self, Format};
use parallax::{Settings, ingest};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&message(&e));
            ExitCode::from(1)
        }
    }
}

/// An error and its causes on one line, each cause once. Library errors quote their cause in
/// their own message (the reader shows them alone) and also give it as `source()`, so a cause
/// the line already holds is not added again.
fn message(e: &anyhow::Error) -> String {
    let mut line = e.to_string();
    for cause in e.chain().skip(1).map(ToString::to_string) {
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

fn run(cli: Cli) -> Result<()> {
    threads(cli.jobs, cli.command.is_none());
    let located = config::locate(cli.config.as_deref());
    match cli.command {
        Some(Command::Config(args)) => print_config(&args, &located),
        Some(Command::Align(args)) => {
            let config = Config::load(&located)?;
            align(&args, &settings(&config, &cli.tuning)?)
        }
        None => {
            let (config, text) = Config::read(&located)?;
            let settings = settings(&config, &cli.tuning)?;
            // The reader's part of the config is checked before any article is read.
            let options = reader_options(&config, &text, located.path.as_deref())?;
            let corpus = load(&cli.paths, &settings)?;
            read(corpus, settings, options)
        }
    }
}

/// Sizes the analysis's thread pool: `--jobs`, else `RAYON_NUM_THREADS`, else one per core,
/// less one for the reader's interface when the reader runs.
fn threads(jobs: Option<u16>, reader: bool) {
    let from_env = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let n = match (jobs, from_env) {
        (Some(n), _) => usize::from(n),
        (None, Some(n)) if n > 0 => n,
        _ if reader => cores.saturating_sub(1).max(1),
        _ => cores,
    };
    // Fails only when a pool was already built, which nothing before this does.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
}

#[cfg(feature = "tui")]
type ReaderOptions = parallax::tui::Options;
#[cfg(not(feature = "tui"))]
type ReaderOptions = ();

#[cfg(feature = "tui")]
fn reader_options(config: &Config, text: &str, path: Option<&Path>) -> Result<ReaderOptions> {
    let env = parallax::tui::Env::from_process();
    let path = path.unwrap_or(Path::new("config.toml"));
    Ok(parallax::tui::Options::from_config(config, text, path, &env)?)
}

#[cfg(not(feature = "tui"))]
fn reader_options(_: &Config, _: &str, _: Option<&Path>) -> Result<ReaderOptions> {
    Ok(())
}

fn print_config(args: &ConfigArgs, located: &config::Located) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if args.default {
        out.write_all(config::EXAMPLE.as_bytes())?;
    } else if args.path {
        match &located.path {
            Some(p) => writeln!(out, "{}", p.display())?,
            None => bail!("no configuration folder is known on this system; use --config FILE"),
        }
    }
    Ok(())
}

/// The config file's settings with the `--set` overrides applied, each checked as it is
/// applied so that a message names the item at fault.
fn settings(config: &Config, tuning: &Tuning) -> Result<Settings> {
    let mut settings = Settings {
        align: config.align.clone(),
        ingest: config.ingest.clone(),
    };
    let mut value = toml::Value::try_from(&settings)?;
    for item in &tuning.overrides {
        let (key, raw) = item
            .split_once('=')
            .ok_or_else(|| anyhow!("--set {item}: expected KEY=VALUE"))?;
        let parsed: toml::Value = toml::from_str::<toml::Table>(&format!("v = {raw}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| toml::Value::String(raw.to_string()));
        let mut slot = &mut value;
        for part in key.trim().split('.') {
            slot = slot
                .get_mut(part)
                .ok_or_else(|| anyhow!("--set {item}: no setting named {key}"))?;
        }
        *slot = parsed;
        settings = value
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| anyhow!("--set {item}: {}", e.message()))?;
        settings
            .check()
            .map_err(|e| anyhow!("--set {item}: must be {}", e.valid))?;
    }
    Ok(settings)
}

fn load(paths: &[PathBuf], settings: &Settings) -> Result<parallax::Corpus> {
    if paths.is_empty() {
        Ok(ingest::bundled())
    } else {
        let mut skipped = |why: &parallax::Error| report(&format!("skipped {why}"));
        Ok(ingest::load_with(paths, &settings.ingest, &mut skipped)?)
    }
}

fn align(args: &AlignArgs, settings: &Settings) -> Result<()> {
    let corpus = load(&args.paths, settings)?;
    let analysis = analyse_showing_progress(corpus, settings);
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    };
    // Render fully before writing anything, so a failure never leaves partial output.
    let mut buffer = Vec::new();
    // The notes the reader saved for this story, unless asked to leave them out. Notes that
    // cannot be read stop the export: without them the output would not be what was asked for.
    let notes = match config::data_dir() {
        Some(dir) if !args.no_notes => parallax::notes::read_saved(&dir.join("notes"), &analysis.corpus)
            .map_err(|e| anyhow!("{e}; --no-notes leaves the notes out"))?,
        _ => Vec::new(),
    };
    export::write(&analysis, &notes, format, &mut buffer)?;
    match &args.output {
        Some(path) => write_output(path, &buffer, args.force),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buffer).context("writing to standard output")?;
            out.flush().context("writing to standard output")
        }
    }
}

/// The analysis, with its steps shown on standard error when that is a terminal and the story
/// is large enough to take a while; the line is cleared when the analysis is done.
fn analyse_showing_progress(corpus: parallax::Corpus, settings: &Settings) -> parallax::Analysis {
    const SHOWN_FROM_ARTICLES: usize = 50;
    let n = corpus.articles.len();
    if n < SHOWN_FROM_ARTICLES || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return parallax::analyse(corpus, settings);
    }
    let mut err = std::io::stderr();
    let analysis = parallax::analyse_with(corpus, settings, &mut |stage| {
        let _ = write!(err, "\r\x1b[2Kparallax: {n} articles: {}…", stage.describe());
        let _ = err.flush();
    });
    let _ = write!(err, "\r\x1b[2K");
    let _ = err.flush();
    analysis
}

/// Writes the output through the library's writer (atomic for a file, in place for a FIFO or a
/// device); `--force` allows replacing a file. The message is the error's own line, which
/// already names its cause.
fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    export::write_file(path, bytes, force).map_err(|e| match e {
        export::WriteError::Exists(_) => anyhow!("{e} (use --force to overwrite)"),
        other => anyhow!("{other}"),
    })
}

/// The reader on a terminal; a plain listing when output goes to a file or a pipe.
fn read(corpus: parallax::Corpus, settings: Settings, options: ReaderOptions) -> Result<()> {
    #[cfg(feature = "tui")]
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return parallax::tui::run(corpus, settings, options).context("terminal");
    }
    #[cfg(not(feature = "tui"))]
    let () = options;
    summary(corpus, &settings)
}

/// A plain listing of the shared events, used where no terminal reader is available.
fn summary(corpus: parallax::Corpus, settings: &Settings) -> Result<()> {
    let analysis = parallax::analyse(corpus, settings);
    let mut out = std::io::stdout().lock();
    let n = analysis.corpus.articles.len();
    writeln!(out, "{} articles, {} shared events", n, analysis.events.len())?;
    for a in &analysis.corpus.articles {
        writeln!(
            out,
            "  {} {} · {}",
            a.id,
            safe_line(&a.source),
            safe_line(&a.title)
        )?;
    }
    for e in &analysis.events {
        let strip: String = analysis
            .corpus
            .articles
            .iter()
            .map(|a| if e.reports(a.id) { '■' } else { '□' })
            .collect();
        writeln!(
            out,
            "{:>4} {} {}/{} {}",
            e.id.to_string(),
            strip,
            e.sources.len(),
            n,
            safe_line(&e.label)
        )?;
    }
    Ok(())
}
