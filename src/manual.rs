//! The man page (clap_mangen) and shell completions (clap_complete) of the command line, written
//! by the hidden `ssme manual --out DIR` for the Debian package (scripts/deb.sh).

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes `ssme.1`, `ssme.bash`, `_ssme` (zsh) and `ssme.fish` into `out`.
pub fn write(out: &Path) -> Result<i32> {
    std::fs::create_dir_all(out).with_context(|| format!("no se pudo crear {}", out.display()))?;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    save(&out.join("ssme.1"), &page)?;
    for (shell, name) in [
        (Shell::Bash, "ssme.bash"),
        (Shell::Zsh, "_ssme"),
        (Shell::Fish, "ssme.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "ssme", &mut script);
        save(&out.join(name), &script)?;
    }
    println!("Manual y terminaciones escritos en {}", out.display());
    Ok(0)
}

fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("no se pudo escribir {}", path.display()))
}
