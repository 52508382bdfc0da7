//! `ssme-muestra`: writes the synthetic sample workbooks of `ejemplos/muestra` and synthetic olas
//! of any size for benchmarks. A development tool: the `ssme` binary does not include it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Parser;

#[derive(Parser)]
#[command(
    name = "ssme-muestra",
    version,
    about = "Escribe los libros de muestra (datos sintéticos calibrados con los informes publicados)"
)]
struct Cli {
    /// Carpeta del proyecto de muestra (con data/).
    #[arg(long, default_value = "ejemplos/muestra")]
    root: PathBuf,
    /// Semilla del generador (la misma semilla escribe los mismos archivos).
    #[arg(long, default_value_t = muestra::DEFAULT_SEED)]
    seed: u64,
    /// Escribe solo la muestra de esta ola (3 o 4).
    #[arg(long)]
    ola: Option<u32>,
    /// Escribe una ola sintética de este tamaño en --out (ola.yaml y libro), para pruebas de rendimiento.
    #[arg(long, requires = "out")]
    initiatives: Option<usize>,
    /// Carpeta de la ola sintética (con --initiatives).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Reemplaza los libros que ya existen (sin esta opción, un libro existente, que pudo
    /// editarse a mano, no se toca).
    #[arg(long)]
    sobrescribir: bool,
}

fn main() {
    if let Err(err) = run(Cli::parse()) {
        eprintln!("error: {err}");
        for cause in err.chain().skip(1) {
            eprintln!("  causa: {cause}");
        }
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    let project = ssme::Project::load(&cli.root)?;
    if !cli.sobrescribir {
        refuse_existing(&project, &cli)?;
    }
    match (cli.initiatives, cli.out) {
        (Some(n), Some(out)) => {
            let path = muestra::write_big(&project, cli.seed, n, &out)?;
            println!("{n} iniciativas sintéticas escritas en {}", path.display());
        }
        _ => {
            for path in muestra::write_sample(&project, cli.seed, cli.ola)? {
                println!("escrito {}", path.display());
            }
        }
    }
    Ok(())
}

/// Refuses to replace a workbook that exists, as `ssme template` does: it may hold edits.
fn refuse_existing(project: &ssme::Project, cli: &Cli) -> Result<()> {
    let targets: Vec<PathBuf> = match (&cli.initiatives, &cli.out) {
        (Some(_), Some(out)) => vec![out.join("ola.yaml")],
        _ => [3, 4]
            .into_iter()
            .filter(|n| cli.ola.is_none_or(|o| o == *n))
            .filter_map(|n| project.ola(n).and_then(|c| c.workbook_path()))
            .collect(),
    };
    if let Some(path) = targets.iter().find(|p| p.exists()) {
        anyhow::bail!(
            "{} ya existe y no se reemplaza (pudo editarse a mano); use --sobrescribir para \
             escribirlo de nuevo",
            path.display()
        );
    }
    Ok(())
}
