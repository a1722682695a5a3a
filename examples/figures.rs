//! The figures a passage states, one per line, and how each two relate (a measuring aid for the
//! discrepancies): `cargo run --release --example figures -- "TEXT" ["TEXT"...]`.

use parallax::discrepancies::{compare, figures};

fn main() {
    let texts: Vec<String> = std::env::args().skip(1).collect();
    let found: Vec<(usize, figures::Figure)> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| figures::figures(t).into_iter().map(move |f| (i, f)))
        .collect();
    for (i, f) in &found {
        println!("{i}: {:?}", f);
    }
    for (x, (i, a)) in found.iter().enumerate() {
        for (j, b) in found.iter().skip(x + 1) {
            if i != j {
                println!("{i}×{j}: {:?}", compare::relate(a, b));
            }
        }
    }
}
