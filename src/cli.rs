//! Command line: parses arguments, runs one command, prints errors cause by cause.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::commands;

#[derive(Parser)]
#[command(
    name = "ssme",
    version,
    about = "Informes del SSME de la Red Cluster Colombia"
)]
pub struct Cli {
    /// Carpeta del proyecto (con data/, content/, templates/).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Valida los libros de todas las olas y lista todos los problemas encontrados.
    Check,
    /// Construye el sitio público y los archivos privados en output/.
    Build(commands::BuildArgs),
    /// Escribe las fichas privadas de cada iniciativa en output/privado/ola-N/fichas/.
    Cards(commands::CardsArgs),
    /// Prepara una ola nueva: data/olas/N/ con ola.yaml y un libro en blanco para diligenciar.
    Template(commands::TemplateArgs),
    /// Envía a cada director su ficha (sin --send, solo prepara los mensajes para revisarlos).
    Email(crate::email::EmailArgs),
    /// Imprime la referencia de campos canónicos (docs/datos.md) en Markdown.
    Campos,
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
    match cli.command {
        Command::Check => commands::check(&cli.root),
        Command::Build(args) => commands::build(&cli.root, &args),
        Command::Cards(args) => commands::cards(&cli.root, &args),
        Command::Template(args) => commands::template(&cli.root, &args),
        Command::Email(args) => crate::email::run(&cli.root, &args),
        Command::Campos => {
            print!(
                "{}",
                crate::fields_doc::markdown(&crate::Project::load(&cli.root)?)
            );
            Ok(0)
        }
    }
}
