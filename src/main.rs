//! The `moat` binary: parse the arguments, run the command, turn an error into a
//! message on stderr and an exit code.

/// A screen batch allocates and frees many small strings per applicant on every core;
/// mimalloc's per-thread heaps cut `screen`'s CPU time by about a tenth against glibc's
/// malloc (`benches/screen.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (global, command) = moat::cli::parse();
    if let Err(err) = moat::commands::execute(&global, command) {
        // Some failures (Ctrl-C in `ask`) have told the user everything already.
        let message = err.to_string();
        if !message.is_empty() {
            moat::io::stderr::line(&format!("error: {}", moat::text::inert::printable(&message)));
        }
        std::process::exit(err.exit_code());
    }
}
