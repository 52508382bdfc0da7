//! The e-mail picture of a chart: drawn with the embedded fonts, from the SVG alone, bounded.

use super::*;

/// An SVG of `w` × `h` units with `body`, as plotters' text would be written.
fn svg(w: u32, h: u32, body: &str) -> String {
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\">{body}</svg>")
}

fn inked(png: &[u8]) -> usize {
    let (_, pixels) = decode(png);
    pixels.chunks(3).filter(|p| p != &[255, 255, 255]).count()
}

#[test]
fn text_is_drawn_with_the_embedded_font() {
    let text = |family: &str, weight: &str| {
        svg(
            800,
            100,
            &format!(
                "<text x=\"10\" y=\"50\" font-family=\"{family}\" font-size=\"24\" \
                 font-weight=\"{weight}\" fill=\"#000000\">Ñandú 1,65 de 3,0</text>"
            ),
        )
    };
    let family = "DejaVu Sans, Verdana, Arial, sans-serif";
    let regular = png_from_svg(&text(family, "normal")).unwrap();
    let bold = png_from_svg(&text(family, "bold")).unwrap();
    assert!(inked(&regular) > 1000, "{} píxeles", inked(&regular));
    assert!(inked(&bold) > inked(&regular), "la negrita pinta más");
    // Fonts of the machine are never used: the generic family is the embedded DejaVu Sans.
    assert!(png_from_svg(&text("Verdana, Arial, sans-serif", "normal")).unwrap() == regular);
}

#[test]
fn nothing_outside_the_svg_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let red = dir.path().join("rojo.svg");
    std::fs::write(
        &red,
        svg(
            10,
            10,
            "<rect width=\"10\" height=\"10\" fill=\"#ff0000\"/>",
        ),
    )
    .unwrap();
    let body = format!(
        "<image href=\"{}\" width=\"100\" height=\"100\"/>",
        red.display()
    );
    let png = png_from_svg(&svg(100, 100, &body)).unwrap();
    assert_eq!(inked(&png), 0, "se leyó {}", red.display());
    // The same drawing inline is painted: the check above can fail.
    let inline = svg(
        100,
        100,
        "<rect width=\"100\" height=\"100\" fill=\"#ff0000\"/>",
    );
    assert!(inked(&png_from_svg(&inline).unwrap()) > 0);
}

#[test]
fn a_huge_picture_is_refused() {
    let err = png_from_svg(&svg(100_000, 100_000, "")).unwrap_err();
    assert!(err.to_string().contains("demasiado grande"), "{err}");
}
