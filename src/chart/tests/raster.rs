//! The fast bitmap path against plotters: the same pixels, byte for byte.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::raster;
use super::super::scene::Label;
use super::*;

/// The first pixel where two renderings differ, for the failure message.
fn first_difference<'a>(
    a: &'a [u8],
    b: &'a [u8],
    width: u32,
) -> Option<(usize, usize, &'a [u8], &'a [u8])> {
    let i = a.chunks(3).zip(b.chunks(3)).position(|(p, q)| p != q)?;
    let w = width as usize;
    Some((i % w, i / w, &a[i * 3..i * 3 + 3], &b[i * 3..i * 3 + 3]))
}

/// Both renderings of `scene` at `scale`; None when the fast path declines it.
fn both(scene: &Scene, scale: f64) -> Option<(Vec<u8>, Vec<u8>)> {
    let size = scene.size(scale);
    let fast = raster::draw(scene, scale, size)?;
    Some((fast, scene.plotters_pixels(scale, size).unwrap()))
}

#[test]
fn fast_raster_matches_plotters_on_every_upright_kind() {
    for c in all() {
        let scene = c.scene();
        for scale in [1.0, 1.5, 2.0, 3.0] {
            match both(&scene, scale) {
                Some((fast, slow)) => assert!(fast == slow, "{} a escala {scale}", c.id),
                None => assert!(
                    matches!(c.kind, Kind::Donut { .. } | Kind::Pareto { .. }),
                    "{}: la vía rápida debería dibujarlo",
                    c.id
                ),
            }
        }
    }
}

#[test]
fn fast_raster_matches_plotters_on_random_scenes() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let words = [
        "Gobernanza",
        "Ñandú",
        "2,33",
        "Área 8",
        "sin dato",
        "Promedio nacional",
        "Wá AV",
        "é",
        "¿Qué?",
        "1.234",
        "«Cafés»",
        "Ti",
        "",
    ];
    let colors = [
        palette::INK,
        palette::MUTED,
        palette::GRID,
        SERIES[0],
        LEVELS[2],
    ];
    let mut drawn = 0;
    for _ in 0..60 {
        let mut scene = Scene {
            width: 300.0,
            height: 200.0,
            shapes: Vec::new(),
        };
        for _ in 0..rng.random_range(1..14) {
            let (x, y) = (
                rng.random_range(-30.0..330.0),
                rng.random_range(-30.0..230.0),
            );
            let color = colors[rng.random_range(0..colors.len())];
            let shape = match rng.random_range(0..4) {
                0 => Shape::Rect {
                    x0: x,
                    y0: y,
                    x1: x + rng.random_range(-80.0..80.0),
                    y1: y + rng.random_range(-80.0..80.0),
                    fill: color,
                },
                1 => {
                    let len = rng.random_range(-120.0..120.0);
                    let end = if rng.random_bool(0.5) {
                        (x + len, y)
                    } else {
                        (x, y + len)
                    };
                    Shape::Line {
                        points: vec![(x, y), end],
                        color,
                        width: [0.5, 1.0, 1.5, 2.0, 2.5, 4.0][rng.random_range(0..6)],
                    }
                }
                _ => Shape::Text(Label {
                    x,
                    y,
                    text: words[rng.random_range(0..words.len())].to_string(),
                    size: [11.5, 13.0, 14.0, 15.0, 21.0][rng.random_range(0..5)],
                    bold: rng.random_bool(0.3),
                    color,
                    align: [Align::Start, Align::Middle, Align::End][rng.random_range(0..3)],
                    vertical: rng.random_bool(0.2),
                }),
            };
            scene.shapes.push(shape);
        }
        for scale in [1.0, 1.5, 2.0] {
            if let Some((fast, slow)) = both(&scene, scale) {
                let diff = first_difference(&fast, &slow, scene.size(scale).0);
                assert!(
                    diff.is_none(),
                    "a escala {scale}, {diff:?} en {:?}",
                    scene.shapes
                );
                drawn += 1;
            }
        }
    }
    // Only scenes with slivers of thick lines (short, or squeezed against an edge) are left
    // to plotters; most random scenes must go through the fast path.
    assert!(
        drawn * 3 > 180 * 2,
        "solo {drawn} de 180 escenas por la vía rápida"
    );
}

#[test]
fn fast_raster_leaves_slices_and_slanted_lines_to_plotters() {
    let scene = Scene {
        width: 100.0,
        height: 100.0,
        shapes: vec![Shape::Line {
            points: vec![(0.0, 0.0), (50.0, 40.0)],
            color: palette::INK,
            width: 1.0,
        }],
    };
    assert!(raster::draw(&scene, 1.0, (100, 100)).is_none());
    assert!(raster::draw(&donut().scene(), 1.0, (800, 600)).is_none());
}
