//! `mips-whatif completions SHELL` and `mips-whatif man`: shell completions and a man page,
//! both generated from the command line's own definitions, so they never fall behind it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::Cli;

/// Print the completion script for `shell` to standard output.
pub fn completions(shell: Shell) -> color_eyre::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "mips-whatif", &mut out);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The man page (roff) of the command and every subcommand, one after the other.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let command = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        // A one-shot command: the few page names live until the process ends.
        let name: &'static str =
            Box::leak(format!("mips-whatif-{}", sub.get_name()).into_boxed_str());
        let sub = sub
            .clone()
            .name(name)
            .bin_name(format!("mips-whatif {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        out.extend_from_slice(b"\n");
        clap_mangen::Man::new(sub).render(&mut out)?;
    }
    Ok(out)
}

/// Print the man page to standard output (`mips-whatif man | man -l -`).
pub fn man() -> color_eyre::Result<ExitCode> {
    let page = man_page()?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&page)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
