//! The product links no random number generator: the sample generator that needs one is a
//! workspace member of its own, and PDFs are printed over Chromium's DevTools pipe without a
//! WebSocket client (issue 13).

use std::process::Command;

#[test]
fn the_product_depends_on_no_rand() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-e", "normal", "-p", "ssme", "--prefix", "none"])
        .args(["--format", "{p}", "--offline", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let crates: Vec<&str> = text.lines().filter_map(|l| l.split(' ').next()).collect();
    // The tree is the product's: its own dependencies are there, the test-only ones are not.
    for present in ["calamine", "lettre", "serde_json"] {
        assert!(crates.contains(&present), "{present} falta en:\n{text}");
    }
    assert!(!crates.contains(&"insta"), "{text}");
    let random: Vec<&&str> = crates
        .iter()
        .filter(|c| **c == "rand" || c.starts_with("rand_"))
        .collect();
    assert!(random.is_empty(), "{random:?} en:\n{text}");
}
