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
    for c in all() {
        assert_eq!(c.svg(), c.clone().svg());
        assert!(c.png().unwrap() == c.clone().png().unwrap(), "{}", c.id);
    }
}

#[test]
fn png_is_valid_for_every_kind() {
    for c in all() {
        let (info, pixels) = decode(&c.png().unwrap());
        assert_eq!(info.width, PNG_WIDTH, "{}", c.id);
        let svg_height: f64 = c
            .svg()
            .split("viewBox=\"0 0 800 ")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|h| h.parse().ok())
            .unwrap();
        assert_eq!(
            f64::from(info.height),
            (svg_height * 1.5).round(),
            "{}",
            c.id
        );
        // Text and shapes make a real image, not a blank canvas.
        let inked = pixels.chunks(3).filter(|p| p != &[255, 255, 255]).count();
        assert!(inked * 50 > pixels.len() / 3, "{}: {inked} pixels", c.id);
    }
}

#[test]
fn png_refuses_what_is_not_an_svg() {
    let err = png_from_svg("<html><p>ficha</p></html>").unwrap_err();
    assert!(format!("{err:#}").contains("SVG"), "{err:#}");
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
