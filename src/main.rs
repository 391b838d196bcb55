//! The `moat` binary: parse the arguments, run the command, turn an error into a
//! message on stderr and an exit code.

fn main() {
    let (global, command) = moat::cli::parse();
    if let Err(err) = moat::app::execute(&global, command) {
        eprintln!("error: {err}");
        std::process::exit(err.exit_code());
    }
}
