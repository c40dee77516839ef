//! The report's formats, and which one a file name asks for (the CLI and the explorer both
//! ask here).

use std::path::Path;

use super::Report;

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    /// The format of a name without an extension, and of a report on standard output.
    pub const DEFAULT: Format = Format::Markdown;

    /// The format a file name asks for: `.md`/`.markdown` or `.html`/`.htm`. `Ok(None)` for a
    /// name without an extension; `Err(ext)` for any other extension.
    pub fn from_path(path: &Path) -> Result<Option<Format>, String> {
        let Some(ext) = path.extension() else {
            return Ok(None);
        };
        let ext = ext.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Ok(Some(Format::Markdown)),
            "html" | "htm" => Ok(Some(Format::Html)),
            _ => Err(ext),
        }
    }

    /// The extension a file of this format is given.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The report in this format.
    pub fn render(self, report: &Report) -> String {
        match self {
            Format::Markdown => report.to_markdown(),
            Format::Html => report.to_html(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("r.md"), Ok(Some(Format::Markdown)));
        assert_eq!(f("r.HTML"), Ok(Some(Format::Html)));
        assert_eq!(f("r.htm"), Ok(Some(Format::Html)));
        assert_eq!(f("report"), Ok(None));
        assert_eq!(f("r.pdf"), Err("pdf".to_string()));
    }
}
