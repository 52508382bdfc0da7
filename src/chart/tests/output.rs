//! SVG and PNG output: escaping, determinism, validity, accessibility, number format.

use super::*;

#[test]
fn svg_escapes_untrusted_labels() {
    let evil = r#"<script>alert(1)</script> & "Café" <Norte>"#;
    for c in all() {
        let mut c = with_labels(c, evil);
        c.id = r#"x"><script>"#.into();
        let svg = c.svg();
        assert!(!svg.to_lowercase().contains("<script"), "{}", c.title);
        assert!(svg.contains(
            "<title id=\"x&quot;&gt;&lt;script&gt;-title\">&lt;script&gt;alert(1)&lt;/script&gt; \
             &amp; &quot;Café&quot; &lt;Norte&gt;</title>"
        ));
        // Every drawn label is escaped once, never twice.
        assert!(svg.matches("&lt;script&gt;").count() >= 3);
        assert!(!svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"));
        assert!(!svg.contains("<Norte>"));
    }
}

#[test]
fn same_chart_gives_identical_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    for c in all() {
        assert_eq!(c.svg(), c.clone().svg());
        let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
        c.png(&a).unwrap();
        c.clone().png(&b).unwrap();
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{}",
            c.id
        );
    }
}

#[test]
fn png_is_valid_for_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    for c in all() {
        let path = dir.path().join(format!("{}.png", c.id));
        c.png(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!(width, PNG_WIDTH);
        assert!(height > 300, "{}: {height}", c.id);
        // Text and shapes make a real image, not a blank canvas.
        assert!(bytes.len() > 20_000, "{}: {} bytes", c.id, bytes.len());
    }
}

#[test]
fn png_refuses_other_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let err = hbar().png(&dir.path().join("grafico.jpg")).unwrap_err();
    assert!(err.to_string().contains(".png"));
}

#[test]
fn svg_is_responsive_and_accessible() {
    let svg = hbar().svg();
    let root = svg.lines().next().unwrap();
    assert!(root.starts_with("<svg "));
    assert!(root.contains("viewBox=\"0 0 800 "));
    assert!(root.contains("width=\"100%\"") && !root.contains("height="));
    assert!(root.contains("role=\"img\""));
    assert!(root.contains("aria-labelledby=\"ola-3-macrosectores-title\""));
    assert!(
        svg.contains("<title id=\"ola-3-macrosectores-title\">Iniciativas por macrosector</title>")
    );
    assert!(svg.contains("<desc id=\"ola-3-macrosectores-desc\">Gráfico de barras: Servicios 51 %"));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn numbers_are_colombian_in_svg() {
    let mut c = hbar();
    c.unit = Unit::Count;
    c.kind = Kind::HBar {
        categories: strings(&["Empleos", "Empresas"]),
        values: vec![Some(582_791.0), Some(12_684.0)],
        color: None,
    };
    let svg = c.svg();
    assert!(svg.contains("582.791") && svg.contains("12.684"));
    assert!(!svg.contains("582791"));

    let svg = grouped().svg();
    assert!(svg.contains(">\n1,65\n<") && svg.contains(">\n2,5\n<"));
    assert!(!svg.contains(">\n1.65\n<"));
    assert!(hbar().svg().contains(">\n0,8 %\n<"));
    assert!(pareto().svg().contains(">\n100 %\n<"));
    assert!(tiles().svg().contains(">\n1.234\n<"));
}
