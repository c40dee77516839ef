fn main() -> std::process::ExitCode {
    mips_whatif::cli::main()
}
