//! Writes a PY2021-shaped public use file roster of N rows to standard output, for measuring
//! `mips-whatif roster` at scale (the file is generated, never committed):
//!
//! `cargo run --release --example puf_roster -- 1000000 > 2021_puf_big.csv`
//! `/usr/bin/time -v target/release/mips-whatif roster 2021_puf_big.csv --format csv > /dev/null`

use std::io::Write;

/// The header of a PY2017–2021 file (the columns scoring reads, plus the measure slots and
/// other columns every row carries).
pub const HEADER: &str = "provider key,practice state or us territory,practice size,clinician specialty,years in medicare,participation type,medicare patients,allowed charges,services,opted into mips,small practitioner,rural clinician,hpsa clinician,ambulatory surgical center,hospital-based clinician,non-patient facing,facility-based,extreme hardship,final score,payment adjustment percentage,complex patient bonus,quality category score,quality improvement bonus,quality bonus,promoting interoperability (pi) category score,pi bonus,pi hardship,pi reweighting,ia score,cost score,extreme hardship quality,extreme hardship pi,extreme hardship ia,extreme hardship cost,engaged,npi,quality measure id 1,quality measure score 1,quality measure id 2,quality measure score 2,pi measure id 1,pi measure score 1,ia measure id 1,ia measure score 1";

/// Row `i` of the generated file: sizes, scores and flags vary with `i`.
pub fn row(i: u64) -> String {
    let size = 1 + (i * 7919) % 60;
    let small = size <= 15;
    let quality = (i * 37) % 1000;
    let pi = if i.is_multiple_of(5) {
        0
    } else {
        60 + (i * 13) % 41
    };
    let hardship = i.is_multiple_of(5);
    let ia = [40, 20, 40, 0][(i % 4) as usize];
    let participation = ["Group", "Individual", "MIPS APM"][(i % 3) as usize];
    let cpb = (i % 50) as f64 / 10.0;
    format!(
        "{i:09},CO,{size},Internal Medicine,{},{participation},{},{},120,False,{},{},False,False,False,False,False,False,,,{cpb},{}.{},0,True,{pi},False,{hardship},{hardship},{ia},0,False,False,False,False,True,{},001,7.5,047,9.1,PI_EP_1,40,IA_BE_6,20",
        i % 30,
        300 + i % 900,
        50_000 + (i * 7777) % 3_000_000,
        if small { "True" } else { "False" },
        if i.is_multiple_of(7) { "True" } else { "False" },
        quality / 10,
        quality % 10,
        1_000_000_000 + i,
    )
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(out, "{HEADER}").expect("stdout");
    for i in 0..n {
        writeln!(out, "{}", row(i)).expect("stdout");
    }
}
