//! The command line: `mips-whatif [FILE]` opens the explorer; subcommands print results.

mod compare;
mod completions;
mod inputs;
mod lesson;
mod measure_whatif;
mod measures;
mod report;
mod roster;
mod rules;
mod score;
mod solve;
mod sweep;
mod table;
mod whatif;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;
use crate::sensitivity::Target;
pub use whatif::{CategoryArg, CategoryChoice, WhatIfArgs};

pub use crate::diagnostic::{EXIT_BAD_INPUT, report};

#[derive(Parser, Debug)]
#[command(
    name = "mips-whatif",
    version,
    about = "What-if explorer for the Medicare MIPS final score and payment adjustment",
    long_about = long_about(),
    after_help = "Examples:\n  mips-whatif                                  open the explorer on the built-in example\n  mips-whatif scenarios/small-practice-no-pi.toml\n  mips-whatif score scenarios/*.toml --format json\n  mips-whatif --rules my-rules/ score scenarios/*.toml\n  mips-whatif table --year 2024 --step 5\n  mips-whatif sweep scenarios/small-rural-group-no-pi.toml --category cost\n  mips-whatif solve scenarios/small-rural-group-no-pi.toml --category all --target neutral\n  mips-whatif compare scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml\n  mips-whatif report scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml -o report.html"
)]
pub struct Cli {
    /// Scenario, workspace or roster (.csv, .xlsx: the Roster view) to open in the explorer
    /// (default: a built-in PY2024 group)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Folder of year-rules files (like assets/rules/) that replace the built-in years they define
    #[arg(long, value_name = "DIR", global = true)]
    pub rules: Option<PathBuf>,

    /// Let the explorer use the mouse (click a field, scroll to nudge). Off by default because
    /// capturing the mouse stops the terminal's own copy and paste
    #[arg(long)]
    pub mouse: bool,

    /// Performance year of a roster's rows without a year column (CMS's public use file has
    /// none), for the explorer's Roster view
    #[arg(long, value_name = "YEAR")]
    pub performance_year: Option<u16>,

    /// Draw one frame and exit (for measuring startup)
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    /// Panic after drawing one frame (for testing that the terminal is restored on a panic)
    #[arg(long, hide = true)]
    pub panic_after_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The command's long help; the year span is the built-in rules' own.
fn long_about() -> String {
    format!(
        "What-if explorer for the Medicare MIPS final score and payment adjustment.\n\n\
        With no subcommand it opens the full-screen explorer on FILE (or on a built-in PY2024 group):\n\
        edit category scores and practice attributes and watch the final score, the payment adjustment\n\
        two years later (percent and dollars) and the national adjustment bands move on every key.\n\n\
        Rules for performance years {} are built in; every rule carries its source and its\n\
        confidence (confirmed / likely / assumed).",
        crate::rules::embedded_years_text()
    )
}

impl Cli {
    /// FILE and the explorer's options go with no subcommand. (Checked here rather than with
    /// clap's `args_conflicts_with_subcommands`, which would also refuse the global `--rules`
    /// before a subcommand: `mips-whatif --rules DIR score FILE`.)
    fn explorer_options_only_without_command(self) -> Result<Cli, clap::Error> {
        use clap::CommandFactory as _;
        if let Some(cmd) = &self.command {
            let name = match cmd {
                Command::Score { .. } => "score",
                Command::Table { .. } => "table",
                Command::Compare { .. } => "compare",
                Command::Sweep { .. } => "sweep",
                Command::Solve { .. } => "solve",
                Command::Report { .. } => "report",
                Command::Roster(_) => "roster",
                Command::Completions { .. } => "completions",
                Command::Man => "man",
                Command::Rules(_) => "rules",
                Command::Lesson(_) => "lesson",
                Command::Measures { .. } => "measures",
                Command::Benchmark { .. } => "benchmark",
            };
            let explorer_only = [
                (self.file.is_some(), "FILE"),
                (self.mouse, "--mouse"),
                (self.performance_year.is_some(), "--performance-year"),
                (self.exit_after_first_frame, "--exit-after-first-frame"),
                (self.panic_after_first_frame, "--panic-after-first-frame"),
            ];
            if let Some((_, what)) = explorer_only.iter().find(|(given, _)| *given) {
                return Err(Cli::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "{what} is for the explorer and cannot be used with the `{name}` subcommand"
                    ),
                ));
            }
        }
        Ok(self)
    }

    /// What the explorer needs from the command line.
    pub fn explorer_options(&self) -> crate::explorer::ExplorerOptions {
        crate::explorer::ExplorerOptions {
            file: self.file.clone(),
            mouse: self.mouse,
            performance_year: self.performance_year,
            exit_after_first_frame: self.exit_after_first_frame,
            panic_after_first_frame: self.panic_after_first_frame,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score scenario files: final score, payment adjustment, dollars and the rule trace
    Score {
        /// Scenario files (TOML)
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Compare 2 to 4 scenario files side by side, with differences against the first
    #[command(
        long_about = "Compare 2 to 4 scenario files side by side: inputs, the weights applied (with the reason and \
            its confidence), final score, band, payment adjustment and dollars, then the differences of \
            each scenario against the first (final-score points, adjustment percentage points, dollars).",
        after_help = "Example:\n  mips-whatif compare scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml --format markdown"
    )]
    Compare {
        /// Scenario files (TOML), 2 to 4; the first is the baseline. Or one workspace file
        /// (its columns, named, the baseline first)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format: an aligned text table, JSON (every number unrounded) or markdown
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
    /// Write a client report of 1 to 4 scenario files (Markdown or one self-contained HTML file)
    #[command(
        long_about = "Write a client report of 1 to 4 scenario files. For each scenario: the inputs; the final \
            score, band and payment adjustment (percent and dollars, with the payment year) and the rule \
            trace behind them, each step with its source and confidence; a chart of where clinicians of the \
            same kind landed nationally; what one more point in each category is worth, the points needed \
            for no penalty, a positive adjustment and the 89+ band, and the biggest lever from 0 to 100; the \
            uncertainty range of the adjustment; and every assumption. With 2 to 4 files the side-by-side \
            comparison comes first (differences against the first file), opened by an executive summary: \
            the best option, what each is worth against the baseline (points, percentage points, dollars, \
            with the range where the maximum is not published) and the break-even of each lever.\n\n\
            --title, --client, --prepared-by, --date and --note put the report's details at its top (a \
            workspace file gives its own; the options replace them). The date is shown as given; only \
            --date today reads the clock.\n\n\
            Markdown goes to standard output unless -o is given. The HTML is one file with its styles and \
            charts inside (no scripts, nothing fetched) that prints one scenario per page. With -o the format \
            follows the file's extension (.md or .html) unless --format says otherwise; the file is written \
            whole or not at all, and an existing file is only replaced with --force.",
        after_help = "Examples:\n  mips-whatif report scenarios/small-practice-no-pi.toml\n  mips-whatif report scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml -o report.html\n  mips-whatif report scenarios/aco-app.toml --format html > aco.html"
    )]
    Report {
        /// Scenario files (TOML), 1 to 4; with several, the first is the baseline of the comparison.
        /// Or one workspace file (its columns, named, the baseline first, and its report details)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        details: report::DetailsArgs,
        /// Output format [default: from the -o extension, else markdown]
        #[arg(long, value_enum)]
        format: Option<crate::report::Format>,
        /// Write the report to this file instead of standard output (refuses to replace an
        /// existing file unless --force)
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the -o file if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Score a roster (CSV or XLSX, one row per clinician, group or TIN; CMS's public use file
    /// too): each row's result, a summary beside the national bands, a check of CMS's own
    /// numbers (--check) and portfolio what-ifs (--set, --where, --year)
    #[command(
        long_about = "Score a roster: a CSV or XLSX file with one row per clinician, group or TIN, in the scenario's \
            own column names or CMS's QPP Experience public use file names of any year (see docs/roster.md). \
            Rows stream: each is scored as it is read. For each row: the final score, band, payment \
            adjustment, dollars, the weights and why, and the confidence; then a summary (rows, bands beside \
            the national shares, total dollars, the best and worst rows). A bad row is reported with its row \
            and column and the rest are still scored (exit code 2).\n\n\
            Where rows carry CMS's own final score and adjustment, each is compared within CMS's published \
            rounding; --check shows only the rows that differ, with the likely reason: a targeted-review \
            finder, not proof of an error.\n\n\
            --set, --where and --year try a change across the portfolio and report the change in points, \
            bands and dollars, per row and in total.",
        after_help = "Examples:\n  mips-whatif roster rosters/practice.csv\n  mips-whatif roster 2021_puf.csv --check\n  mips-whatif roster rosters/practice.csv --set promoting_interoperability=85 --where small=true\n  mips-whatif roster rosters/practice.csv --year 2026 -o results.xlsx"
    )]
    Roster(roster::RosterArgs),
    /// The rules of every performance year side by side; with --year, one year's rules, what
    /// changed from the year before (or --diff PREV) and, with --scenario, what that does to it
    #[command(
        after_help = "Examples:\n  mips-whatif rules\n  mips-whatif rules --year 2022\n  mips-whatif rules --year 2024 --diff 2019 --format markdown\n  mips-whatif rules --scenario scenarios/small-practice-no-pi.toml"
    )]
    Rules(rules::RulesArgs),
    /// Play a lesson (a trainer's script of steps over scenarios) in the explorer, check it,
    /// or print it as a handout
    #[command(
        after_help = "In the explorer: n / N step, i asks the room, p hides the presenter strip, r returns to the script.\n\nExamples:\n  mips-whatif lesson lessons/how-a-final-score-is-made.toml\n  mips-whatif lesson lessons/how-a-final-score-is-made.toml --check\n  mips-whatif lesson lessons/the-cliff-and-the-threshold.toml --print > handout.md"
    )]
    Lesson(lesson::LessonArgs),
    /// Print final score → payment adjustment for a year, with the band edges
    Table {
        /// Performance year
        #[arg(long, default_value_t = 2024)]
        year: u16,
        /// Step between final scores (0.01 to 100); band edges are always included
        #[arg(long, default_value_t = 5.0, allow_negative_numbers = true)]
        step: f64,
        /// Base positive adjustment at a final score of 100, in percent (default: published,
        /// or the year's assumption where not yet published)
        #[arg(long, value_name = "PERCENT", allow_negative_numbers = true)]
        max_positive: Option<f64>,
        /// Output format
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
    },
    /// Sweep one category's score with everything else held: final score, band, adjustment and
    /// dollars, band changes marked; plus what one more point is worth now and the uncertainty
    /// range of the adjustment
    Sweep {
        /// Scenario file (TOML)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Category to sweep: quality, cost, improvement_activities (ia), promoting_interoperability (pi)
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            required_unless_present = "measure",
            conflicts_with = "measure"
        )]
        category: Option<CategoryArg>,
        /// Sweep one measure of the scenario instead: a quality measure's rate or a cost
        /// measure's dollars (its category is rebuilt at each value)
        #[arg(long, value_name = "ID")]
        measure: Option<String>,
        /// With --measure: the measure's collection type, when it is listed in several
        #[arg(long, value_name = "TYPE", requires = "measure")]
        collection_type: Option<String>,
        /// First score (0 to 100) [default: 0; a measure: rate 0, cost 50% of now]
        #[arg(long, allow_negative_numbers = true)]
        from: Option<f64>,
        /// Last score (0 to 100, at least --from) [default: 100; a measure: rate 100, cost 150% of now]
        #[arg(long, allow_negative_numbers = true)]
        to: Option<f64>,
        /// Step between scores (0.01 to 100) [default: 1; a measure: 1 point of rate, 5% of the cost now]
        #[arg(long, allow_negative_numbers = true)]
        step: Option<f64>,
        /// Output format
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
        #[command(flatten)]
        what_if: WhatIfArgs,
    },
    /// Points needed: the lowest score (to 0.01) each category needs, alone, to reach a target
    Solve {
        /// Scenario file (TOML)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Category: quality, cost, improvement_activities (ia), promoting_interoperability (pi), or all
        #[arg(long, value_enum, default_value_t = CategoryChoice::All, hide_possible_values = true)]
        category: CategoryChoice,
        /// Solve for one measure of the scenario instead: the rate a quality measure (or the cost
        /// a cost measure) needs, alone, for each target
        #[arg(long, value_name = "ID", conflicts_with = "category")]
        measure: Option<String>,
        /// With --measure: the measure's collection type, when it is listed in several
        #[arg(long, value_name = "TYPE", requires = "measure")]
        collection_type: Option<String>,
        /// Target: neutral (no penalty), positive (any positive adjustment), 89 (the 89+ band; the
        /// exceptional performance threshold in PY2017-2022), or a final score from 0 to 100 (89.0
        /// is the final score 89). Repeat or separate with commas for several [default: neutral,
        /// positive and 89]
        #[arg(long, value_parser = solve::parse_target, value_delimiter = ',', value_name = "TARGET")]
        target: Vec<Target>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        what_if: WhatIfArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell)
    #[command(
        after_help = "Examples:\n  mips-whatif completions bash > ~/.local/share/bash-completion/completions/mips-whatif\n  mips-whatif completions zsh > ~/.zfunc/_mips-whatif\n  mips-whatif completions fish > ~/.config/fish/completions/mips-whatif.fish"
    )]
    Completions {
        /// The shell to complete for
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of the command and its subcommands
    #[command(after_help = "Example:\n  mips-whatif man | man -l -")]
    Man,
    /// List a year's CMS measures (quality, cost, improvement activities, PI) with their
    /// benchmark status per collection type
    #[command(
        after_help = "Examples:\n  mips-whatif measures --year 2024 --search blood pressure\n  mips-whatif measures --year 2025 --category ia --format csv"
    )]
    Measures {
        /// Performance year (2017 to 2026)
        #[arg(long)]
        year: u16,
        /// Only this category: quality, cost, improvement_activities (ia), promoting_interoperability (pi)
        #[arg(long, value_enum, hide_possible_values = true)]
        category: Option<CategoryArg>,
        /// Only measures whose id or title has every one of these words
        #[arg(long, num_args = 1.., value_name = "WORDS")]
        search: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
    },
    /// Print a measure's benchmark for a year: each decile's bounds and the points at each
    #[command(
        after_help = "Examples:\n  mips-whatif benchmark 236 --year 2024\n  mips-whatif benchmark TPCC_1 --year 2024 --format json"
    )]
    Benchmark {
        /// CMS measure id ("047", "TPCC_1", "CAHPS_1")
        #[arg(value_name = "ID")]
        id: String,
        /// Performance year (2017 to 2026)
        #[arg(long)]
        year: u16,
        /// Only this collection type: registry (mips_cqm), electronicHealthRecord (ecqm), claims,
        /// cmsWebInterface, certifiedSurveyVendor, administrativeClaims
        #[arg(long, value_name = "TYPE")]
        collection_type: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Markdown,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

/// Load the rules: built-in, or with `--rules DIR` overrides.
pub fn load_rules(dir: Option<&PathBuf>) -> Result<RuleSet, Diagnostic> {
    match dir {
        Some(d) => RuleSet::with_overrides(d),
        None => RuleSet::embedded(),
    }
}

/// Load scenario files as labelled entries (label: the file name without extension; source:
/// the path as given), reporting every file that fails. `None` when any file failed.
pub(crate) fn load_entries(
    files: &[PathBuf],
    rules: &RuleSet,
) -> Option<Vec<crate::compare::Entry>> {
    let mut entries = Vec::with_capacity(files.len());
    let mut failed = false;
    for path in files {
        match crate::scenario::Scenario::load(path, rules) {
            Ok(s) => {
                let shown = path.display().to_string();
                let stem = path
                    .file_stem()
                    .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned());
                entries.push(crate::compare::Entry::named(s, stem).with_source(shown));
            }
            Err(d) => {
                report(&d);
                failed = true;
            }
        }
    }
    (!failed).then_some(entries)
}

/// Parse the command line and run; the binary's `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse().and_then(Cli::explorer_options_only_without_command) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_BAD_INPUT } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let rules = match load_rules(cli.rules.as_ref()) {
        Ok(r) => r,
        Err(d) => {
            report(&d);
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let result = match cli.command {
        Some(Command::Score { files, format }) => score::run(&files, format, &rules),
        Some(Command::Compare { files, format }) => compare::run(&files, format, &rules),
        Some(Command::Report {
            files,
            format,
            output,
            force,
            details,
        }) => report::run(&files, format, output.as_deref(), force, &details, &rules),
        Some(Command::Rules(args)) => rules::run(&args, &rules),
        Some(Command::Lesson(args)) => lesson::run(&args, &rules),
        Some(Command::Table {
            year,
            step,
            max_positive,
            format,
        }) => table::run(year, step, max_positive, format, &rules),
        Some(Command::Sweep {
            file,
            category,
            measure,
            collection_type,
            from,
            to,
            step,
            format,
            what_if,
        }) => match (measure, category) {
            (Some(id), _) => measure_whatif::sweep(
                &file,
                &id,
                collection_type.as_deref(),
                (from, to, step),
                format,
                &what_if,
                &rules,
            ),
            (None, Some(category)) => sweep::run(
                &file,
                category,
                from.unwrap_or(0.0),
                to.unwrap_or(100.0),
                step.unwrap_or(1.0),
                format,
                &what_if,
                &rules,
            ),
            (None, None) => unreachable!("clap requires --category or --measure"),
        },
        Some(Command::Solve {
            file,
            category,
            measure,
            collection_type,
            target,
            format,
            what_if,
        }) => match measure {
            Some(id) => measure_whatif::solve(
                &file,
                &id,
                collection_type.as_deref(),
                &target,
                format,
                &what_if,
                &rules,
            ),
            None => solve::run(&file, category, &target, format, &what_if, &rules),
        },
        Some(Command::Roster(args)) => roster::run(&args, &rules),
        Some(Command::Completions { shell }) => completions::completions(shell),
        Some(Command::Man) => completions::man(),
        Some(Command::Measures {
            year,
            category,
            search,
            format,
        }) => measures::run_list(year, category, &search, format),
        Some(Command::Benchmark {
            id,
            year,
            collection_type,
            format,
        }) => measures::run_benchmark(&id, year, collection_type.as_deref(), format),
        None => crate::explorer::main(&cli.explorer_options(), rules),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Output failures (a closed pipe) are not the user's input: exit 1, quietly for EPIPE.
            let closed_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if !closed_pipe {
                let _ = writeln!(std::io::stderr(), "error: {e:#}");
            }
            ExitCode::from(1)
        }
    }
}
