//! docs/datos.md is generated from the sample project's data/: it must match what `ssme campos` prints today.

use std::path::Path;

#[test]
fn datos_md_matches_the_canonical_fields() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = ssme::Project::load(&root.join("ejemplos/muestra")).unwrap();
    let expected = ssme::fields_doc::markdown(&project);
    let committed = std::fs::read_to_string(root.join("docs/datos.md")).unwrap();
    assert!(
        committed == expected,
        "docs/datos.md está desactualizado: ejecute `cargo run -- campos --root ejemplos/muestra > docs/datos.md`"
    );
    for field in project.fields.all() {
        assert!(
            committed.contains(&format!("| `{}` |", field.id)),
            "falta {}",
            field.id
        );
    }
}
