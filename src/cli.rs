//! Command-line definitions (clap derive), nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Rapportages sociaal domein: gemeente Oss en ONS welzijn.
///
/// Leest de exports in de datamap en schrijft de kwartaalrapportage, de halfjaarrapportages
/// (financieel en inhoudelijk) en de raadsinformatie.
#[derive(Debug, Parser)]
#[command(name = "domeinrapport", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub opdracht: Opdracht,
}

/// Options every command shares.
#[derive(Debug, Clone, Args)]
pub struct Gemeenschappelijk {
    /// Map met de exports en afspraken/
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Map waarin de rapportages komen
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Map met de Typst-sjablonen en lettertypen
    #[arg(long, default_value = "report_templates")]
    pub templates: PathBuf,
    /// Maximaal percentage afgekeurde rijen per bestand voordat de run stopt
    #[arg(long, default_value = "5")]
    pub max_afgekeurd_pct: rust_decimal::Decimal,
}

#[derive(Debug, Subcommand)]
pub enum Opdracht {
    /// Schrijf de rapportages (zonder --period: de laatste volledige periodes)
    Run {
        /// Periode: 2024-05 (maand), 2024-Q2 (kwartaal), 2024-H1 (halfjaar) of 2024 (jaar)
        #[arg(long)]
        period: Option<String>,
        /// Beperk tot: maand,kwartaal,financieel,inhoud,raad
        #[arg(long, value_delimiter = ',')]
        report: Vec<String>,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// De onbeheerde run: bepaalt zelf welke rapportages aan de beurt zijn
    Scheduled {
        /// Datum van vandaag (JJJJ-MM-DD), standaard de systeemdatum
        #[arg(long)]
        today: Option<String>,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// Controleer de datamap en de afspraken; toon de datakwaliteit
    Check {
        /// Schrijf het datakwaliteit-object als JSON naar stdout
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// Schrijf een synthetische demodataset
    DemoData {
        /// Startwaarde van de toevalsgenerator
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Schaalfactor voor de volumes
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Doelmap
        #[arg(long, default_value = "data")]
        out: PathBuf,
    },
}
