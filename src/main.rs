//! The `parallax` binary: parses the command line, loads the articles, runs the analysis and
//! hands it to the reader or an exporter. Errors become one line on stderr and exit code 1;
//! usage errors exit with 2; a run that left out URLs it could not read ends with 3.

mod cli;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use cli::{AlignArgs, Cli, Command, ConfigArgs, Fetching, FormatArg, Tuning};
use parallax::config::{self, Config};
use parallax::display::{report, safe_line};
use parallax::export::{self, Format};
use parallax::{Settings, ingest};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit status of a run that left out URLs it could not read.
const SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(SKIPPED),
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

/// Carries out the command; returns how many URLs were left out.
fn run(cli: Cli) -> Result<usize> {
    threads(cli.jobs, cli.command.is_none());
    let located = config::locate(cli.config.as_deref());
    match cli.command {
        Some(Command::Config(args)) => print_config(&args, &located).map(|()| 0),
        Some(Command::Align(args)) => {
            let config = Config::load(&located)?;
            let settings = settings(&config, &cli.tuning)?;
            let loaded = load(&args.paths, &cli.fetching, &settings)?;
            align(loaded.corpus, &args, &settings)?;
            Ok(loaded.failed)
        }
        None => {
            let (config, text) = Config::read(&located)?;
            let settings = settings(&config, &cli.tuning)?;
            // The reader's part of the config is checked before any article is read.
            let options = reader_options(&config, &text, located.path.as_deref())?;
            #[cfg(feature = "tui")]
            if fetches(&cli.paths, &cli.fetching) && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                return read_fetching(cli.paths, cli.fetching, settings, options);
            }
            let loaded = load(&cli.paths, &cli.fetching, &settings)?;
            read(loaded.corpus, settings, options)?;
            Ok(loaded.failed)
        }
    }
}

/// Sizes the analysis's thread pool: `--jobs`, else `RAYON_NUM_THREADS`, else one per core.
/// When the reader runs, the pool's threads run at a lower priority than its interface thread,
/// so that the interface is served first whatever the analysis is doing.
fn threads(jobs: Option<u16>, reader: bool) {
    let from_env = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let n = match (jobs, from_env) {
        (Some(n), _) => usize::from(n),
        (None, Some(n)) if n > 0 => n,
        _ => cores,
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(n);
    #[cfg(feature = "tui")]
    let pool = if reader {
        pool.start_handler(|_| parallax::tui::yield_to_interface())
    } else {
        pool
    };
    #[cfg(not(feature = "tui"))]
    let _ = reader;
    // Fails only when a pool was already built, which nothing before this does.
    let _ = pool.build_global();
}

#[cfg(feature = "tui")]
type ReaderOptions = parallax::tui::Options;
/// Without the reader there are no reader options to check.
#[cfg(not(feature = "tui"))]
struct ReaderOptions;

#[cfg(feature = "tui")]
fn reader_options(config: &Config, text: &str, path: Option<&Path>) -> Result<ReaderOptions> {
    let env = parallax::tui::Env::from_process();
    let path = path.unwrap_or(Path::new("config.toml"));
    Ok(parallax::tui::Options::from_config(config, text, path, &env)?)
}

#[cfg(not(feature = "tui"))]
fn reader_options(_: &Config, _: &str, _: Option<&Path>) -> Result<ReaderOptions> {
    Ok(ReaderOptions)
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

/// The articles of the paths and URLs given (with those `--urls` lists), or the bundled story
/// when none is given. Pages being fetched are shown on standard error when it is a terminal;
/// each URL that fails is named there with why.
fn load(paths: &[PathBuf], fetching: &Fetching, settings: &Settings) -> Result<ingest::Loaded> {
    let mut progress = Progress::on_terminal();
    let loaded = load_telling(paths, fetching, settings, &mut |event| match event {
        ingest::Event::Skipped(why) => report(&format!("skipped {why}")),
        ingest::Event::Failed(why) => {
            progress.clear();
            report(&format!("left out {why}"));
        }
        ingest::Event::Warned(why) => {
            progress.clear();
            report(why);
        }
        ingest::Event::Fetching(at) => progress.show(&at.to_string()),
        ingest::Event::Arrived(_) => {}
    });
    progress.clear();
    loaded
}

/// Whether reading the inputs fetches pages.
#[cfg(feature = "tui")]
fn fetches(paths: &[PathBuf], fetching: &Fetching) -> bool {
    fetching.urls.is_some()
        || paths
            .iter()
            .any(|p| p.to_str().is_some_and(ingest::looks_like_url))
}

/// The reader on inputs that include pages to fetch: the fetching is shown in its status line,
/// and what was skipped or left out is named once the terminal is given back.
#[cfg(feature = "tui")]
fn read_fetching(
    paths: Vec<PathBuf>,
    fetching: Fetching,
    settings: Settings,
    options: ReaderOptions,
) -> Result<usize> {
    use parallax::tui::{Loaded, Progress, Story};
    use std::sync::{Arc, Mutex};
    let notes: Arc<Mutex<Vec<String>>> = Arc::default();
    let (kept, for_load) = (Arc::clone(&notes), settings.clone());
    let load: parallax::tui::Load = Box::new(move |step| {
        let keep = |line: String| {
            if let Ok(mut k) = kept.lock() {
                k.push(line);
            }
        };
        let mut warnings = Vec::new();
        let loaded = load_telling(&paths, &fetching, &for_load, &mut |event| match event {
            ingest::Event::Skipped(why) => keep(format!("skipped {why}")),
            ingest::Event::Failed(why) => keep(format!("left out {why}")),
            ingest::Event::Warned(why) => {
                keep(why.to_string());
                warnings.push(why.to_string());
                step(Progress::Warned(why.to_string()));
            }
            ingest::Event::Fetching(at) => step(Progress::Step(at.to_string())),
            ingest::Event::Arrived(so_far) => step(Progress::Arrived(so_far.corpus())),
        })
        .map_err(|e| message(&e))?;
        let failed = loaded.failed;
        let left_out = (failed > 0).then(|| {
            format!("{failed} URL(s) could not be read and were left out; named when the reader closes")
        });
        let notice = warnings
            .into_iter()
            .chain(left_out)
            .collect::<Vec<_>>()
            .join(" · ");
        Ok(Loaded {
            corpus: loaded.corpus,
            notice: (!notice.is_empty()).then_some(notice),
        })
    });
    let outcome = parallax::tui::run_story(Story::Load(load), settings, options).context("terminal")?;
    let lines = notes.lock().map(|n| n.clone()).unwrap_or_default();
    lines.iter().for_each(|line| report(line));
    outcome.map_err(|e| anyhow!(e))?;
    Ok(lines.iter().filter(|l| l.starts_with("left out")).count())
}

/// The articles of the paths and URLs given, telling `on` what happens as they are read.
fn load_telling(
    paths: &[PathBuf],
    fetching: &Fetching,
    settings: &Settings,
    on: &mut dyn FnMut(ingest::Event),
) -> Result<ingest::Loaded> {
    let mut paths = paths.to_vec();
    if let Some(list) = &fetching.urls {
        let urls = ingest::read_url_list(list, settings.ingest.max_article_bytes)?;
        paths.extend(urls.into_iter().map(PathBuf::from));
    }
    if paths.is_empty() {
        return Ok(ingest::Loaded {
            corpus: ingest::bundled(),
            failed: 0,
        });
    }
    let web = fetcher(fetching, settings);
    Ok(ingest::load_from(
        &paths,
        &settings.ingest,
        web.as_ref().map(|w| w as _),
        on,
    )?)
}

#[cfg(feature = "web")]
fn fetcher(fetching: &Fetching, settings: &Settings) -> Option<parallax::web::Web> {
    use parallax::web::{Mode, Options, Web};
    use std::time::Duration;
    let mode = if fetching.offline {
        Mode::Offline
    } else if fetching.refresh {
        Mode::Refresh
    } else {
        Mode::Revalidate
    };
    Some(Web::new(Options {
        connect_timeout: Duration::from_secs(settings.ingest.connect_timeout_secs),
        total_timeout: Duration::from_secs(settings.ingest.fetch_timeout_secs),
        cache_dir: config::cache_dir().map(|d| d.join("pages")),
        mode,
    }))
}

/// Without the `web` feature nothing is fetched; ingest refuses a URL, saying why.
#[cfg(not(feature = "web"))]
fn fetcher(_: &Fetching, _: &Settings) -> Option<NoFetch> {
    None
}

#[cfg(not(feature = "web"))]
enum NoFetch {}

#[cfg(not(feature = "web"))]
impl ingest::Fetch for NoFetch {
    fn fetch(&self, _: &str, _: u64) -> std::result::Result<ingest::Fetched, String> {
        match *self {}
    }
}

/// A progress line on standard error, shown only when that is a terminal and cleared before
/// anything else is written there.
struct Progress {
    shown: bool,
    terminal: bool,
}

impl Progress {
    fn on_terminal() -> Progress {
        Progress {
            shown: false,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    fn show(&mut self, line: &str) {
        if self.terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2Kparallax: {}", safe_line(line));
            let _ = err.flush();
            self.shown = true;
        }
    }

    fn clear(&mut self) {
        if std::mem::take(&mut self.shown) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

fn align(corpus: parallax::Corpus, args: &AlignArgs, settings: &Settings) -> Result<()> {
    let analysis = analyse_showing_progress(corpus, settings);
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    };
    // The notes the reader saved for this story, unless asked to leave them out. Notes that
    // cannot be read stop the export: without them the output would not be what was asked for.
    let notes = match config::data_dir() {
        Some(dir) if !args.no_notes => parallax::notes::read_saved(&dir.join("notes"), &analysis.corpus)
            .map_err(|e| anyhow!("{e}; --no-notes leaves the notes out"))?,
        _ => Vec::new(),
    };
    let written = write_export(&analysis, &notes, format, args);
    // The process ends next: the system takes a large story's analysis back at once, faster
    // than freeing it piece by piece.
    std::mem::forget(analysis);
    written
}

/// Writes the export of `align` where `args` asks.
fn write_export(
    analysis: &parallax::Analysis,
    notes: &[parallax::model::Note],
    format: Format,
    args: &AlignArgs,
) -> Result<()> {
    match &args.output {
        // A file is written whole or not at all: rendered first, then put in place.
        Some(path) => {
            let mut buffer = Vec::new();
            export::write(analysis, notes, format, &mut buffer)?;
            write_output(path, &buffer, args.force)
        }
        // Standard output is written as it is rendered: everything that can fail (reading the
        // notes) is done by now, and a copy of a large story's output is not held in memory.
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            export::write(analysis, notes, format, &mut out).context("writing to standard output")?;
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
    let ReaderOptions = options;
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
