//! The command line: `parallax [PATHS...]` opens the reader, `parallax align` runs the analysis
//! for scripts. Parsing only; `main.rs` carries the commands out.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Read several articles about one event side by side, with their shared quotes and facts aligned",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles, folders, story.toml manifests or http(s) URLs to read; none opens the bundled
    /// sample story.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub tuning: Tuning,
    #[command(flatten)]
    pub fetching: Fetching,
    /// Read the configuration from this file (default: PARALLAX_CONFIG, then the platform's
    /// config folder; see `parallax config --path`).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Threads for the analysis (default: RAYON_NUM_THREADS, else one per core; in the reader
    /// they run at a lower priority than the interface). The results are the same whatever
    /// the number.
    #[arg(long, short = 'j', value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse the articles and write the shared events: JSON for scripts, Markdown or a
    /// self-contained HTML page for reading.
    Align(AlignArgs),
    /// Print the default configuration, or where the configuration file is looked for.
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print the default configuration, every key documented.
    #[arg(long)]
    pub default: bool,
    /// Print the path of the configuration file in force.
    #[arg(long)]
    pub path: bool,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Articles, folders, story.toml manifests or http(s) URLs; none analyses the bundled
    /// sample story.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Json)]
    pub format: FormatArg,
    /// Write to this file instead of standard output. A FIFO or a device such as /dev/null is
    /// written to as it is, never replaced; a folder is refused.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Leave out the notes saved for this story in the reader.
    #[arg(long)]
    pub no_notes: bool,
}

/// Where pages given as URLs come from.
#[derive(Debug, Args, Default)]
pub struct Fetching {
    /// Also read the URLs listed in this file, one per line (`#` comments and blank lines
    /// are passed over; `-` reads the list from standard input).
    #[arg(long, value_name = "FILE", global = true)]
    pub urls: Option<PathBuf>,
    /// Fetch nothing: read pages from the cache only, naming those it lacks.
    #[arg(long, global = true, conflicts_with = "refresh")]
    pub offline: bool,
    /// Fetch every page again instead of revalidating the cached copy.
    #[arg(long, global = true)]
    pub refresh: bool,
}

/// Settings overrides for one run, as in the config file.
#[derive(Debug, Args, Default)]
pub struct Tuning {
    /// Override one setting for this run, e.g. `--set align.strict_threshold=0.3` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE", global = true)]
    pub overrides: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// The versioned JSON contract.
    Json,
    /// Markdown (renders on GitHub).
    #[value(alias = "md")]
    Markdown,
    /// One self-contained HTML page.
    Html,
}
