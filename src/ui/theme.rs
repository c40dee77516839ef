//! Colours and text styles. Two themes: colour, and mono for `NO_COLOR`, where bold, dim,
//! underline and reverse video carry the meaning. Nothing in the explorer relies on colour
//! alone: bands have names and fill patterns, the focus and the "you are here" marker have
//! glyphs and reverse video.

use ratatui::style::{Color, Modifier, Style};

use crate::engine::Band;
use crate::rules::Confidence;

/// The styles the panels draw with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// No colour at all (NO_COLOR).
    pub mono: bool,
    pub base: Style,
    pub title: Style,
    pub heading: Style,
    pub dim: Style,
    pub label: Style,
    pub value: Style,
    /// The focused field's row.
    pub focus: Style,
    /// A value the rules ignore.
    pub ignored: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub key: Style,
    /// The ASSUMED badge.
    pub assumed: Style,
    /// Deltas against the baseline.
    pub better: Style,
    pub worse: Style,
    pub border: Style,
    pub border_focus: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            mono: false,
            base: Style::default(),
            title: Style::default().add_modifier(Modifier::BOLD),
            heading: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::DarkGray),
            label: Style::default(),
            value: Style::default().add_modifier(Modifier::BOLD),
            focus: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            ignored: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
            error: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            warning: Style::default().fg(Color::Yellow),
            info: Style::default().fg(Color::Cyan),
            key: Style::default()
                .fg(Color::Black)
                .bg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            assumed: Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            better: Style::default()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            worse: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Cyan),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::default();
        Theme {
            mono: true,
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            heading: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: plain.add_modifier(Modifier::DIM),
            label: plain,
            value: plain.add_modifier(Modifier::BOLD),
            focus: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ignored: plain.add_modifier(Modifier::DIM | Modifier::CROSSED_OUT),
            error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            warning: plain.add_modifier(Modifier::BOLD),
            info: plain,
            key: plain.add_modifier(Modifier::REVERSED),
            assumed: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            better: plain.add_modifier(Modifier::BOLD),
            worse: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// Mono when `NO_COLOR` is set to anything non-empty (no-color.org), colour otherwise.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }

    /// The colour of a band (text and bars). Red and green are never the only difference:
    /// bands also differ in name, position and fill pattern.
    pub fn band(&self, band: Band) -> Style {
        if self.mono {
            return Style::default();
        }
        Style::default().fg(match band {
            Band::MaxNegative => Color::Red,
            Band::Negative => Color::LightRed,
            Band::Neutral => Color::Gray,
            Band::Positive => Color::Green,
            Band::Positive89Plus | Band::Exceptional => Color::LightCyan,
        })
    }

    /// A band name as a badge: reverse video in its colour.
    pub fn band_badge(&self, band: Band) -> Style {
        self.band(band)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn confidence(&self, c: Confidence) -> Style {
        match c {
            Confidence::Confirmed => self.dim,
            Confidence::Likely => self.warning,
            Confidence::Assumed => self.assumed,
        }
    }
}

/// A short glyph per band used in the chart's bars, so bands differ without colour.
pub fn band_fill(band: Band) -> char {
    match band {
        Band::MaxNegative => '▓',
        Band::Negative => '▒',
        Band::Neutral => '░',
        Band::Positive => '▒',
        Band::Positive89Plus | Band::Exceptional => '▓',
    }
}

/// An arrow for a band's direction: ▼ negative, ● neutral, ▲ positive.
pub fn band_arrow(band: Band) -> &'static str {
    match band {
        Band::MaxNegative => "▼▼",
        Band::Negative => "▼",
        Band::Neutral => "●",
        Band::Positive => "▲",
        Band::Positive89Plus | Band::Exceptional => "▲▲",
    }
}
