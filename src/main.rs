//! Entry point: the window, or a command-line command.

use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};
use lianfang::cli::{self, Cli};

/// mimalloc: printing and consolidation allocate a great deal across threads (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `--version` names the file versions and the build date too (lianfang::about).
    let command = Cli::command().version(lianfang::about::version_text());
    let parsed = match command.try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(parsed) => parsed,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                print!("{e}");
                return ExitCode::SUCCESS;
            }
            eprintln!("命令行参数有误（运行 lianfang --help 查看用法）：\n{e}");
            return ExitCode::from(2);
        }
    };
    match parsed.command {
        Some(command) => cli::finish(cli::run(command)),
        None => match lianfang::ui::run(parsed.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("错误：{message}");
                ExitCode::FAILURE
            }
        },
    }
}
