//! `cargo bench --bench cards`: times the private cards of the bundled sample. Every HTML card
//! of both olas (with its PNG chart, the index and the manifest), several runs; then PDF cards
//! printed by one reused headless Chromium. Prints the figures; speed is reported, not asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use ssme::browser::Printer;
use ssme::cards::Cards;
use ssme::content::Content;
use ssme::dataset::Dataset;
use ssme::numfmt;
use ssme::Project;

/// Runs of the HTML cards (the median is reported).
const RUNS: usize = 7;
/// PDF cards printed per round (the IV ola's first ones), and rounds.
const PDF_CARDS: usize = 60;
const PDF_ROUNDS: usize = 2;

/// CPU time (all threads) of this process so far, from /proc (Linux): unlike wall time, it
/// does not depend on what else the machine is running.
fn cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn ms(d: Duration) -> String {
    numfmt::dec(d.as_secs_f64() * 1000.0, 0)
}

fn main() {
    let root = &Path::new(env!("CARGO_MANIFEST_DIR")).join("ejemplos/muestra");
    let project = Project::load(root).expect("proyecto");
    let mut data = Dataset::read(&project);
    data.ensure_valid().expect("datos válidos");
    data.categorize();
    let content = Content::load(&root.join("content")).expect("contenido");

    let t = Instant::now();
    let cards = Cards::new(&project, &data, &content).expect("plantillas");
    println!("Plantillas y recomendaciones: {} ms", ms(t.elapsed()));

    let olas: Vec<_> = data
        .olas
        .iter()
        .filter(|o| o.methodology.is_some())
        .collect();
    let mut times = Vec::new();
    let mut count = 0;
    // Folders are removed after the runs, so that deleting files is not counted.
    let mut folders = Vec::new();
    let cpu_start = cpu();
    for _ in 0..RUNS {
        let tmp = tempfile::tempdir().unwrap();
        let t = Instant::now();
        count = 0;
        for ola in &olas {
            let dir = tmp.path().join(ola.config.slug());
            count += cards
                .write_ola(ola, &dir, None, None, false)
                .unwrap()
                .unwrap()
                .cards;
        }
        times.push(t.elapsed());
        folders.push(tmp);
    }
    let cpu_per_run = cpu().zip(cpu_start).map(|(b, a)| (b - a) / RUNS as u32);
    drop(folders);
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "Fichas HTML (con su PNG, índice y manifiesto): {count} fichas en {} ms (mediana de {RUNS}; mínimo {} ms), {} ms por ficha, {} hilos",
        ms(median),
        ms(times[0]),
        numfmt::dec(median.as_secs_f64() * 1000.0 / count as f64, 2),
        rayon::current_num_threads()
    );
    if let Some(c) = cpu_per_run {
        println!(
            "  tiempo de CPU por corrida: {} ms ({} ms por ficha)",
            ms(c),
            numfmt::dec(c.as_secs_f64() * 1000.0 / count as f64, 2)
        );
    }

    let tmp = tempfile::tempdir().unwrap();
    let ola = data.ola(4).expect("IV ola");
    let written = cards
        .write_ola(ola, tmp.path(), None, None, true)
        .unwrap()
        .unwrap();
    let jobs = &written.pdf_jobs[..PDF_CARDS.min(written.pdf_jobs.len())];
    let t = Instant::now();
    let printer = match Printer::launch() {
        Ok(p) => p,
        Err(e) => {
            println!("Fichas PDF: no medidas ({e:#})");
            return;
        }
    };
    println!("Inicio de Chromium: {} ms", ms(t.elapsed()));
    for round in 1..=PDF_ROUNDS {
        let t = Instant::now();
        printer.print_all(jobs).expect("impresión");
        let d = t.elapsed();
        println!(
            "Fichas PDF, ronda {round}: {} fichas en {} ms = {} fichas por segundo (un solo Chromium)",
            jobs.len(),
            ms(d),
            numfmt::dec(jobs.len() as f64 / d.as_secs_f64(), 1)
        );
    }
}
