//! Command line: parses arguments, runs one command, prints errors cause by cause.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::commands;

/// The version and the commit it was built from (build.rs), as `ssme --version` prints them.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("SSME_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "ssme",
    version = VERSION,
    about = "Informes del SSME de la Red Cluster Colombia"
)]
pub struct Cli {
    /// Carpeta del proyecto (con ssme.yaml, data/, content/ y, si cambia plantillas, templates/).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Crea un proyecto nuevo (ssme.yaml, data/, content/) en una carpeta vacía; con --muestra,
    /// el proyecto de muestra.
    Init(crate::init::InitArgs),
    /// Valida los libros de todas las olas (o de una) y lista todos los problemas encontrados,
    /// los idénticos agrupados y los errores antes que los avisos.
    Check(crate::check::CheckArgs),
    /// Construye el sitio público y los archivos privados en output/.
    Build(commands::BuildArgs),
    /// Escribe las fichas privadas de cada iniciativa en output/privado/ola-N/fichas/.
    Cards(commands::CardsArgs),
    /// Prepara una ola nueva, en borrador: data/olas/N/ con ola.yaml y un libro en blanco para
    /// diligenciar, y content/olas/N/ con las secciones por escribir.
    Template(commands::TemplateArgs),
    /// Propone el ola.yaml de una exportación nueva: cada encabezado y cada respuesta asignados
    /// a su campo y valor canónicos, con su confianza; conserva lo ya decidido en ola.yaml.
    Mapear(crate::mapping::MapArgs),
    /// Envía a cada director su ficha (sin --send, solo prepara los mensajes para revisarlos).
    Email(crate::email::EmailArgs),
    /// Sirve una vista previa del sitio en 127.0.0.1 y la reconstruye al guardar cada cambio.
    Serve(crate::serve::ServeArgs),
    /// Escribe la página de manual y las terminaciones de la shell en una carpeta (para empaquetar).
    #[command(hide = true)]
    Manual {
        /// Carpeta de destino.
        #[arg(long)]
        out: PathBuf,
    },
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
        Command::Init(args) => crate::init::run(&cli.root, &args),
        Command::Check(args) => crate::check::run(&cli.root, &args),
        Command::Build(args) => commands::build(&cli.root, &args),
        Command::Cards(args) => commands::cards(&cli.root, &args),
        Command::Template(args) => commands::template(&cli.root, &args),
        Command::Mapear(args) => crate::mapping::run(&cli.root, &args),
        Command::Email(args) => crate::email::run(&cli.root, &args),
        Command::Serve(args) => crate::serve::run(&cli.root, &args),
        Command::Manual { out } => crate::manual::write(&out),
        Command::Campos => {
            print!(
                "{}",
                crate::fields_doc::markdown(&crate::Project::load(&cli.root)?)
            );
            Ok(0)
        }
    }
}
