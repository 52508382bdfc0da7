//! Command line: parses arguments, runs one command, prints errors cause by cause.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "ssme", version, about = "Informes del SSME de la Red Cluster Colombia")]
pub struct Cli {
    /// Carpeta del proyecto (con data/, content/, templates/).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Valida los libros de todas las olas y resume los problemas encontrados.
    Check,
}

pub fn run() -> i32 {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  causa: {cause}");
            }
            1
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32> {
    let project = crate::Project::load(&cli.root)?;
    match cli.command {
        Command::Check => {
            println!("{} olas configuradas", project.olas.len());
            Ok(0)
        }
    }
}
