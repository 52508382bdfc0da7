//! The Debian package: cargo-deb packs the binary under test with its man page, completions and
//! README (as scripts/deb.sh does with the release build); the package unpacked into a
//! temporary root (`dpkg-deb -x`) builds the sample project on its own.

mod common;

use std::path::Path;
use std::process::Command;

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} no se pudo ejecutar: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A file of the package, whether cargo-deb left it as is or gzipped it (man pages).
fn read_maybe_gz(path: &Path) -> String {
    if path.exists() {
        return std::fs::read_to_string(path).unwrap();
    }
    let gz = path.with_extension(format!(
        "{}.gz",
        path.extension().unwrap().to_str().unwrap()
    ));
    assert!(gz.exists(), "falta {} en el paquete", path.display());
    run(Command::new("gzip").arg("-dc").arg(&gz))
}

#[test]
fn the_deb_installs_a_working_ssme_with_man_page_and_completions() {
    let has_cargo_deb = Command::new("cargo")
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_cargo_deb,
        "falta cargo-deb: `cargo install cargo-deb --locked` (./scripts/test.sh lo instala)"
    );
    // A target folder of its own, holding the binary under test where cargo-deb looks for it.
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target");
    let release = target.join("release");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_ssme"), release.join("ssme")).unwrap();
    run(Command::new(release.join("ssme"))
        .args(["manual", "--out"])
        .arg(release.join("manual")));
    let deb = tmp.path().join("ssme.deb");
    run(Command::new("cargo")
        .current_dir(common::repo())
        .env("CARGO_TARGET_DIR", &target)
        .args([
            "deb",
            "-p",
            "ssme",
            "--no-build",
            "--fast",
            "--quiet",
            "--output",
        ])
        .arg(&deb));

    let fields = run(Command::new("dpkg-deb").arg("--field").arg(&deb));
    assert!(fields.contains("Package: ssme"), "{fields}");
    assert!(fields.contains("Recommends: chromium"), "{fields}");

    let unpacked = tmp.path().join("raiz");
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&unpacked));
    let ssme = unpacked.join("usr/bin/ssme");
    let version = run(Command::new(&ssme).arg("--version"));
    assert!(
        version.starts_with(&format!("ssme {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );

    let man = read_maybe_gz(&unpacked.join("usr/share/man/man1/ssme.1"));
    assert!(man.contains(".TH ssme 1"), "{man}");
    for command in ["build", "serve", "email"] {
        assert!(man.contains(command), "el manual no nombra «{command}»");
    }
    let bash = std::fs::read_to_string(unpacked.join("usr/share/bash-completion/completions/ssme"))
        .unwrap();
    assert!(bash.contains("complete -F _ssme"), "{bash}");
    let zsh =
        std::fs::read_to_string(unpacked.join("usr/share/zsh/vendor-completions/_ssme")).unwrap();
    assert!(zsh.starts_with("#compdef ssme"), "{zsh}");
    let fish =
        std::fs::read_to_string(unpacked.join("usr/share/fish/vendor_completions.d/ssme.fish"))
            .unwrap();
    assert!(fish.contains("complete -c ssme"), "{fish}");
    assert!(read_maybe_gz(&unpacked.join("usr/share/doc/ssme/README.md")).contains("ssme"));

    // The unpacked binary writes the sample project and builds it, with nothing else from this
    // repository (templates and the sample are embedded).
    let project = tmp.path().join("proyecto");
    let out = run(Command::new(&ssme)
        .args(["init", "--muestra"])
        .arg(&project)
        .current_dir(tmp.path()));
    assert!(project.join("ssme.yaml").is_file(), "{out}");
    let out = run(Command::new(&ssme)
        .arg("--root")
        .arg(&project)
        .args(["build", "--quiet"])
        .current_dir(tmp.path()));
    assert!(out.is_empty(), "{out}");
    let home = std::fs::read_to_string(project.join("output/sitio/index.html")).unwrap();
    assert!(home.contains("IV Ola"));
}
