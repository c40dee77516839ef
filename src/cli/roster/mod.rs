//! `mips-whatif roster FILE [--format text|csv|xlsx|json] [-o PATH [--force]] [--check]
//! [--set FIELD=VALUE]... [--where COND]... [--year YEAR]`
//!
//! Rows stream from the file to the output, read and scored on every core and written in
//! file order as soon as they are ready; only the summary's totals are kept.

mod chunk;
mod rows;
mod totals;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use crate::diagnostic::Diagnostic;
use crate::files::{SaveError, save_atomically_with};
use crate::national::National;
use crate::roster::whatif::{SET_HELP, WHERE_HELP, parse_change, parse_condition};
use crate::roster::{Mapping, Ordered, Parallelism, ReadOptions, Summary, WhatIf, score_file_with};
use crate::rules::RuleSet;
use crate::spreadsheet::SheetWriter;
use chunk::{ChunkOut, Work};
use rows::{Shape, columns, text_header};
use totals::{summary_sheet, text_summary};

/// The roster output's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RosterFormat {
    Text,
    Csv,
    Xlsx,
    Json,
}

impl RosterFormat {
    fn from_path(path: &Path) -> Result<Option<RosterFormat>, String> {
        let Some(ext) = path.extension() else {
            return Ok(None);
        };
        match ext.to_string_lossy().to_ascii_lowercase().as_str() {
            "txt" => Ok(Some(RosterFormat::Text)),
            "csv" => Ok(Some(RosterFormat::Csv)),
            "xlsx" => Ok(Some(RosterFormat::Xlsx)),
            "json" => Ok(Some(RosterFormat::Json)),
            other => Err(other.to_string()),
        }
    }
}

/// `roster`'s options.
#[derive(Args, Debug, Clone)]
pub struct RosterArgs {
    /// The roster: a .csv (comma, semicolon or tab separated) or .xlsx file, one row per
    /// clinician, group or TIN (see docs/roster.md for the columns)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_enum)]
    pub format: Option<RosterFormat>,
    /// Write to this file instead of standard output (refuses to replace an existing file
    /// unless --force); needed for xlsx
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Show only the rows whose CMS final score or adjustment (in the file) differ from the
    /// rules', each with the likely reason: a targeted-review finder
    #[arg(long)]
    pub check: bool,
    /// Performance year of rows without a year column (CMS's public use file has none)
    #[arg(long, value_name = "YEAR")]
    pub performance_year: Option<u16>,
    /// Column-mapping file (TOML) naming the roster column of each of the file's own headers
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// What-if: change every row (or those --where selects), e.g. cost=+10, pi=85, quality=none;
    /// repeat for several changes
    #[arg(long = "set", value_name = "FIELD=VALUE", allow_hyphen_values = true)]
    pub set: Vec<String>,
    /// What-if: only rows that match, e.g. small=true, clinicians>15, pi=none; repeat to
    /// require all
    #[arg(long = "where", value_name = "CONDITION", allow_hyphen_values = true)]
    pub conditions: Vec<String>,
    /// What-if: score every row (or those --where selects) in this performance year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
}

fn bad(message: String, allowed: &str) -> ExitCode {
    eprintln!("error: {message}\n  = allowed: {allowed}");
    ExitCode::from(EXIT_BAD_INPUT)
}

pub fn run(args: &RosterArgs, rules: &RuleSet) -> color_eyre::Result<ExitCode> {
    // Options first: a refused option or output costs nothing.
    let mut what_if = WhatIf::default();
    for s in &args.set {
        match parse_change(s) {
            Ok(c) => what_if.changes.push(c),
            Err(m) => return Ok(bad(format!("--set {s}: {m}"), SET_HELP)),
        }
    }
    for s in &args.conditions {
        match parse_condition(s) {
            Ok(c) => what_if.conditions.push(c),
            Err(m) => return Ok(bad(format!("--where {s}: {m}"), WHERE_HELP)),
        }
    }
    if !what_if.conditions.is_empty() && what_if.is_empty() {
        return Ok(bad(
            "--where selects the rows a what-if changes, but no --set or --year is given".into(),
            "--set FIELD=VALUE or --year YEAR with --where",
        ));
    }
    for (flag, y) in [
        ("--year", args.year),
        ("--performance-year", args.performance_year),
    ] {
        if let Some(y) = y
            && rules.year(y).is_none()
        {
            return Ok(bad(
                format!("{flag} {y}: not a supported performance year"),
                &rules.years_text(),
            ));
        }
    }
    what_if.year = args.year;
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, None) => RosterFormat::Text,
        (None, Some(p)) => match RosterFormat::from_path(p) {
            Ok(f) => f.unwrap_or(RosterFormat::Text),
            Err(ext) => {
                return Ok(bad(
                    format!(
                        "-o {}: cannot tell the format from the extension .{ext}",
                        p.display()
                    ),
                    "a file ending in .txt, .csv, .xlsx or .json, or --format text|csv|xlsx|json",
                ));
            }
        },
    };
    if format == RosterFormat::Xlsx && args.output.is_none() {
        return Ok(bad(
            "--format xlsx needs -o PATH (a workbook is not text for the terminal)".into(),
            "-o roster-results.xlsx",
        ));
    }
    if let Some(path) = &args.output {
        if path.is_dir() {
            return Ok(bad(
                format!("-o {}: is a folder", path.display()),
                "a file path, e.g. -o results.csv",
            ));
        }
        let same = std::fs::canonicalize(path)
            .ok()
            .is_some_and(|o| std::fs::canonicalize(&args.file).ok() == Some(o));
        if same {
            return Ok(bad(
                format!(
                    "-o {}: is the roster itself; the results would replace it",
                    path.display()
                ),
                "another file name",
            ));
        }
        if path.exists() && !args.force {
            return Ok(bad(
                format!("-o {}: already exists", path.display()),
                "a new file name, or --force to replace the file",
            ));
        }
    }
    let mapping = match &args.mapping {
        Some(p) => match Mapping::load(p) {
            Ok(m) => Some(m),
            Err(d) => {
                super::report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => None,
    };
    let options = ReadOptions {
        performance_year: args.performance_year,
        mapping,
    };
    let national = National::embedded();
    let shown = args.file.display().to_string();
    let work = Work {
        format,
        check: args.check,
        what_if: &what_if,
        rules,
    };
    let mut output = Output {
        shape: Shape {
            cms: false,
            what_if: !what_if.is_empty(),
        },
        summary: Summary::default(),
        rows_written: 0,
        bad: false,
        failure: None,
    };

    // Stream into `out` (a workbook into `workbook_file`); returns the file-level problem if
    // there is one.
    let stream = |out: &mut dyn Write,
                  workbook_file: Option<&mut std::fs::File>,
                  output: &mut Output|
     -> Result<Result<(), Diagnostic>, String> {
        let mut workbook =
            (format == RosterFormat::Xlsx).then(|| Box::new(rust_xlsxwriter::Workbook::new()));
        let result = {
            let mut sheet = match workbook.as_deref_mut() {
                Some(wb) => Some(
                    SheetWriter::new_streaming(
                        wb,
                        "Rows",
                        &columns(Shape {
                            cms: true,
                            what_if: output.shape.what_if,
                        }),
                    )
                    .map_err(|e| e.to_string())?,
                ),
                None => None,
            };
            let r = score_file_with(
                &args.file,
                &options,
                rules,
                Parallelism::default(),
                || work.start(),
                |acc, layout, e| work.row(acc, layout, e),
                |o| output.take(o, out, sheet.as_mut(), &work, &shown),
            );
            drop(sheet);
            r
        };
        if let Some(f) = output.failure.take() {
            return Err(f);
        }
        if result.is_ok() {
            let io = |e: std::io::Error| e.to_string();
            match format {
                RosterFormat::Text => {
                    text_summary(out, &output.summary, &national, args.check).map_err(io)?
                }
                RosterFormat::Json => {
                    writeln!(out, "{}]", if output.rows_written > 0 { "\n" } else { "" })
                        .map_err(io)?
                }
                RosterFormat::Csv => {}
                RosterFormat::Xlsx => {
                    let mut wb = workbook.take().expect("an xlsx run has a workbook");
                    summary_sheet(&mut wb, &output.summary, &national)
                        .map_err(|e| e.to_string())?;
                    let file = workbook_file.expect("a workbook is written to a file");
                    wb.save_to_writer(std::io::BufWriter::with_capacity(1 << 16, file))
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(result)
    };

    let outcome = match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let r = stream(&mut lock, None, &mut output);
            lock.flush()?;
            r.map_err(|m| color_eyre::eyre::eyre!(m))?
        }
        Some(path) => {
            let mut inner: Option<Result<Result<(), Diagnostic>, String>> = None;
            let saved = save_atomically_with(path, "", args.force, |file, _| {
                let r = if format == RosterFormat::Xlsx {
                    stream(&mut std::io::sink(), Some(file), &mut output)
                } else {
                    let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *file);
                    let r = stream(&mut w, None, &mut output);
                    w.flush()?;
                    r
                };
                let failed = !matches!(r, Ok(Ok(())));
                inner = Some(r);
                if failed {
                    // Nothing half-written: the temporary file is removed, the target untouched.
                    return Err(std::io::Error::other("not written"));
                }
                Ok(())
            });
            let inner = inner.unwrap_or(Ok(Ok(())));
            match (saved, inner) {
                (_, Err(m)) => {
                    return Err(color_eyre::eyre::eyre!(m));
                }
                (_, Ok(Err(d))) => Err(d),
                (Ok(written), Ok(Ok(()))) => {
                    eprintln!("wrote {}", written.display());
                    Ok(())
                }
                (Err(e), Ok(Ok(()))) => {
                    let allowed = match e {
                        SaveError::Exists(_) => "a new file name, or --force to replace the file",
                        SaveError::IsDirectory(_) => "a file path, e.g. -o results.csv",
                        SaveError::Io { .. } => "a path in an existing folder you can write to",
                    };
                    return Ok(bad(format!("-o: {e}"), allowed));
                }
            }
        }
    };
    if let Err(d) = outcome {
        super::report(&d);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    Ok(if output.bad {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// The calling thread's side: the header, then each stretch of rows in file order.
struct Output {
    shape: Shape,
    summary: Summary,
    rows_written: usize,
    bad: bool,
    failure: Option<String>,
}

impl Output {
    fn take(
        &mut self,
        o: Ordered<'_, ChunkOut>,
        out: &mut dyn Write,
        sheet: Option<&mut SheetWriter<'_>>,
        work: &Work<'_>,
        shown: &str,
    ) {
        if self.failure.is_some() {
            return;
        }
        let written = match o {
            Ordered::Columns(layout) => {
                self.shape = work.shape(layout);
                match work.format {
                    RosterFormat::Text => text_header(out, shown, work.check),
                    RosterFormat::Json => write!(out, "["),
                    RosterFormat::Csv => {
                        let names: Vec<&str> =
                            columns(self.shape).iter().map(|(n, _)| *n).collect();
                        writeln!(out, "{}", names.join(","))
                    }
                    RosterFormat::Xlsx => Ok(()),
                }
            }
            Ordered::Note(n) => {
                eprintln!("note: {n}");
                Ok(())
            }
            Ordered::Rows(chunk) => self.rows(chunk, out, sheet),
        };
        if let Err(e) = written {
            self.failure = Some(e.to_string());
        }
    }

    fn rows(
        &mut self,
        chunk: ChunkOut,
        out: &mut dyn Write,
        sheet: Option<&mut SheetWriter<'_>>,
    ) -> std::io::Result<()> {
        if let Some(m) = chunk.failure {
            self.failure = Some(m);
            return Ok(());
        }
        if !chunk.err.is_empty() {
            std::io::stderr().lock().write_all(&chunk.err)?;
        }
        self.bad |= chunk.bad;
        self.summary.merge(chunk.summary);
        if chunk.rows_written > 0 {
            match chunk.csv {
                Some(w) => {
                    let bytes = w.into_inner().map_err(|e| e.into_error())?;
                    out.write_all(&bytes)?;
                }
                // The output's first JSON row has no comma before it.
                None if self.rows_written == 0 && chunk.out.first() == Some(&b',') => {
                    out.write_all(&chunk.out[1..])?
                }
                None => out.write_all(&chunk.out)?,
            }
        }
        if let Some(sheet) = sheet {
            for row in &chunk.sheet {
                if let Err(e) = sheet.row(row) {
                    self.failure = Some(match e {
                        rust_xlsxwriter::XlsxError::RowColumnLimitError => "the roster has more rows than a spreadsheet holds (1,048,575): use --format csv".to_string(),
                        e => e.to_string(),
                    });
                    return Ok(());
                }
            }
        }
        self.rows_written += chunk.rows_written;
        Ok(())
    }
}
