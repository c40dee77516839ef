//! Tables as XLSX workbooks: numbers stay numbers, with formats applied (scores to two
//! decimals, percents as percents, dollars as dollars), so consultants can work on them.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// What a column holds and how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number.
    Integer,
    /// A score or points, two decimals.
    Score,
    /// A percent given in percent units (1.43 is 1.43%): written as the fraction 0.0143 in
    /// a percent format, as spreadsheets keep percents.
    Percent,
    /// Dollars, whole.
    Dollars,
    /// A number as it is.
    Number,
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Number(v)
    }
}

impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Value::Empty, Value::Number)
    }
}

/// A sheet being written: a header row, then rows.
pub struct SheetWriter<'w> {
    sheet: &'w mut Worksheet,
    kinds: Vec<Kind>,
    next_row: u32,
    formats: Formats,
}

struct Formats {
    header: Format,
    score: Format,
    percent: Format,
    dollars: Format,
    integer: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Center),
            score: Format::new().set_num_format("0.00"),
            percent: Format::new().set_num_format("+0.00%;-0.00%;0.00%"),
            dollars: Format::new().set_num_format("+$#,##0;-$#,##0;$0"),
            integer: Format::new().set_num_format("0"),
        }
    }
}

/// Excel's last row (0-based index of the 1,048,576th row).
pub const MAX_ROWS: u32 = 1_048_575;

impl<'w> SheetWriter<'w> {
    /// A new sheet named `name` with these columns.
    pub fn new(
        workbook: &'w mut Workbook,
        name: &str,
        columns: &[(&str, Kind)],
    ) -> Result<SheetWriter<'w>, XlsxError> {
        SheetWriter::on(workbook.add_worksheet(), name, columns)
    }

    /// [`SheetWriter::new`] for a sheet of any length: each row goes to a temporary file as
    /// it is written (rows must come in order), so memory does not grow with the rows.
    pub fn new_streaming(
        workbook: &'w mut Workbook,
        name: &str,
        columns: &[(&str, Kind)],
    ) -> Result<SheetWriter<'w>, XlsxError> {
        SheetWriter::on(
            workbook.add_worksheet_with_constant_memory()?,
            name,
            columns,
        )
    }

    fn on(
        sheet: &'w mut Worksheet,
        name: &str,
        columns: &[(&str, Kind)],
    ) -> Result<SheetWriter<'w>, XlsxError> {
        let formats = Formats::new();
        sheet.set_name(name)?;
        for (i, (title, kind)) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, *title, &formats.header)?;
            let width: f64 = match kind {
                Kind::Text => 28.0,
                _ => 14.0,
            };
            sheet.set_column_width(i as u16, width.max(title.len() as f64 * 0.9))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(SheetWriter {
            sheet,
            kinds: columns.iter().map(|(_, k)| *k).collect(),
            next_row: 1,
            formats,
        })
    }

    /// Rows written so far (the header not counted).
    pub fn rows(&self) -> u32 {
        self.next_row - 1
    }

    /// Append a row. Fails past the spreadsheet's last row.
    pub fn row(&mut self, values: &[Value]) -> Result<(), XlsxError> {
        self.write_row(values, false)
    }

    /// Append a row of cells as they were read: numbers as they are, without the columns'
    /// formats (a percent column's number is not divided by 100).
    pub fn row_as_read(&mut self, values: &[Value]) -> Result<(), XlsxError> {
        self.write_row(values, true)
    }

    fn write_row(&mut self, values: &[Value], as_read: bool) -> Result<(), XlsxError> {
        if self.next_row > MAX_ROWS {
            return Err(XlsxError::RowColumnLimitError);
        }
        let r = self.next_row;
        for (i, v) in values.iter().enumerate() {
            let c = i as u16;
            let kind = if as_read {
                Kind::Number
            } else {
                self.kinds.get(i).copied().unwrap_or(Kind::Text)
            };
            match v {
                Value::Empty => {}
                Value::Text(t) => {
                    self.sheet.write_string(r, c, t)?;
                }
                Value::Bool(b) => {
                    self.sheet.write_boolean(r, c, *b)?;
                }
                Value::Number(n) => {
                    let f = &self.formats;
                    match kind {
                        Kind::Percent => {
                            self.sheet
                                .write_number_with_format(r, c, n / 100.0, &f.percent)?
                        }
                        Kind::Score => self.sheet.write_number_with_format(r, c, *n, &f.score)?,
                        Kind::Dollars => {
                            self.sheet.write_number_with_format(r, c, *n, &f.dollars)?
                        }
                        Kind::Integer => {
                            self.sheet.write_number_with_format(r, c, *n, &f.integer)?
                        }
                        Kind::Number | Kind::Text => self.sheet.write_number(r, c, *n)?,
                    };
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }
}

/// One whole table as a sheet of `workbook`.
pub fn add_table(
    workbook: &mut Workbook,
    name: &str,
    columns: &[(&str, Kind)],
    rows: &[Vec<Value>],
) -> Result<(), XlsxError> {
    let mut w = SheetWriter::new(workbook, name, columns)?;
    for r in rows {
        w.row(r)?;
    }
    Ok(())
}

/// The workbook as bytes.
pub fn to_bytes(mut workbook: Workbook) -> Result<Vec<u8>, XlsxError> {
    workbook.save_to_buffer()
}

/// Write a workbook to standard output, refusing a terminal (a workbook is not text): the
/// command's exit code, 2 when refused (with the message printed).
pub fn workbook_to_stdout(bytes: &[u8], how: &str) -> std::io::Result<std::process::ExitCode> {
    use std::io::{IsTerminal as _, Write as _};
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        eprintln!(
            "error: --format xlsx writes a workbook, not text for the terminal\n  = allowed: {how}"
        );
        return Ok(std::process::ExitCode::from(
            crate::diagnostic::EXIT_BAD_INPUT,
        ));
    }
    let mut out = stdout.lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// The columns of a "One more point" sheet (what one more point in each category is worth),
/// after any column naming the scenario.
pub const MARGINAL_COLUMNS: [(&str, Kind); 7] = [
    ("category", Kind::Text),
    ("score_now", Kind::Score),
    ("points_added", Kind::Score),
    ("final_score_points", Kind::Score),
    ("adjustment_points", Kind::Number),
    ("dollars", Kind::Dollars),
    ("notes", Kind::Text),
];

/// One category's marginal value as the cells of [`MARGINAL_COLUMNS`].
pub fn marginal_cells(m: &crate::sensitivity::Marginal) -> Vec<Value> {
    vec![
        m.category.label().into(),
        m.current.into(),
        m.step.into(),
        m.final_score_points.into(),
        m.adjustment_points.into(),
        m.dollars.into(),
        m.notes.join("; ").into(),
    ]
}

/// The four categories' columns of a table of scenarios: (title, kind).
pub fn category_columns(suffix: &str) -> Vec<(String, Kind)> {
    crate::rules::Category::ALL
        .iter()
        .map(|c| (format!("{}{suffix}", c.key()), Kind::Number))
        .collect()
}
