//! Command-line definitions (clap derive), nothing else.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

/// The help layout in Dutch: clap's own headings ("Usage", "Options", "Commands") replaced.
const HULP: &str = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}\n";

/// Rapportages sociaal domein: gemeente Oss en ONS welzijn.
///
/// Leest de exports in de datamap en schrijft de kwartaalrapportage, de halfjaarrapportages
/// (financieel en inhoudelijk) en de raadsinformatie.
#[derive(Debug, Parser)]
#[command(
    name = "domeinrapport",
    version,
    about,
    long_about = None,
    help_template = HULP,
    override_usage = "domeinrapport <OPDRACHT> [OPTIES]",
    subcommand_help_heading = "Opdrachten",
    subcommand_value_name = "OPDRACHT",
    next_help_heading = "Opties",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Meer over een opdracht: domeinrapport <OPDRACHT> --help"
)]
pub struct Cli {
    #[command(subcommand)]
    pub opdracht: Opdracht,
    /// Toon deze hulptekst
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    hulp: Option<bool>,
    /// Toon het versienummer
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    versie: Option<bool>,
}

/// Options every command shares.
#[derive(Debug, Clone, Args)]
pub struct Gemeenschappelijk {
    /// Map met de exports en afspraken/ (standaard data)
    #[arg(long, default_value = "data", value_name = "MAP", hide_default_value = true)]
    pub data: PathBuf,
    /// Map waarin de rapportages komen (standaard out)
    #[arg(long, default_value = "out", value_name = "MAP", hide_default_value = true)]
    pub out: PathBuf,
    /// Map met de Typst-sjablonen en lettertypen (standaard report_templates)
    #[arg(
        long,
        default_value = "report_templates",
        value_name = "MAP",
        hide_default_value = true
    )]
    pub templates: PathBuf,
    /// Maximaal percentage afgekeurde rijen per bestand voordat de run stopt (standaard 5)
    #[arg(long, default_value = "5", value_name = "PERCENTAGE", hide_default_value = true)]
    pub max_afgekeurd_pct: rust_decimal::Decimal,
}

#[derive(Debug, Subcommand)]
#[command(help_template = HULP, next_help_heading = "Opties")]
pub enum Opdracht {
    /// Schrijf de rapportages (zonder --period: de laatste volledige periodes)
    #[command(help_template = HULP, next_help_heading = "Opties", override_usage = "domeinrapport run [--period PERIODE] [--report RAPPORT,...] [OPTIES]")]
    Run {
        /// Periode: 2024-05 (maand), 2024-Q2 (kwartaal), 2024-H1 (halfjaar) of 2024 (jaar)
        #[arg(long, value_name = "PERIODE")]
        period: Option<String>,
        /// Beperk tot: maand,kwartaal,financieel,inhoud,raad
        #[arg(long, value_delimiter = ',', value_name = "RAPPORT")]
        report: Vec<String>,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// De onbeheerde run: bepaalt zelf welke rapportages aan de beurt zijn
    #[command(help_template = HULP, next_help_heading = "Opties", override_usage = "domeinrapport scheduled [--today JJJJ-MM-DD] [OPTIES]")]
    Scheduled {
        /// Datum van vandaag (JJJJ-MM-DD), standaard de systeemdatum
        #[arg(long, value_name = "DATUM")]
        today: Option<String>,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// Controleer de datamap en de afspraken; toon de datakwaliteit
    #[command(help_template = HULP, next_help_heading = "Opties", override_usage = "domeinrapport check [--json] [OPTIES]")]
    Check {
        /// Schrijf het datakwaliteit-object als JSON naar stdout
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        opties: Gemeenschappelijk,
    },
    /// Schrijf een synthetische demodataset
    #[command(help_template = HULP, next_help_heading = "Opties", override_usage = "domeinrapport demo-data [--seed GETAL] [--scale FACTOR] [--out MAP]")]
    DemoData {
        /// Startwaarde van de toevalsgenerator (standaard 42)
        #[arg(long, default_value_t = 42, value_name = "GETAL", hide_default_value = true)]
        seed: u64,
        /// Schaalfactor voor de volumes (standaard 1)
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR", hide_default_value = true)]
        scale: f64,
        /// Doelmap (standaard data)
        #[arg(long, default_value = "data", value_name = "MAP", hide_default_value = true)]
        out: PathBuf,
    },
}

/// A clap error in Dutch: the message for its kind, with the offending argument or value, and
/// where to find help. Help and version requests (not errors) keep clap's own rendering, which
/// the Dutch templates above already shape.
pub fn foutmelding(e: &clap::Error, opdracht: Option<&str>) -> String {
    let tekst = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = tekst(ContextKind::InvalidArg);
    let waarde = tekst(ContextKind::InvalidValue);
    let melding = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekend argument '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht '{}'; kies uit run, scheduled, check of demo-data",
            tekst(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if waarde.is_empty() => format!("{arg} verwacht een waarde"),
        ErrorKind::InvalidValue => {
            let geldig = tekst(ContextKind::ValidValue);
            if geldig.is_empty() {
                format!("ongeldige waarde '{waarde}' voor {arg}")
            } else {
                format!("ongeldige waarde '{waarde}' voor {arg}; kies uit {geldig}")
            }
        }
        ErrorKind::ValueValidation => format!("ongeldige waarde '{waarde}' voor {arg}"),
        ErrorKind::MissingRequiredArgument => format!("verplicht argument ontbreekt: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "geef een opdracht: run, scheduled, check of demo-data".to_string()
        }
        ErrorKind::ArgumentConflict => format!("{arg} kan niet samen met {}", tekst(ContextKind::PriorArg)),
        ErrorKind::TooManyValues => format!("te veel waarden voor {arg}: '{waarde}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("verkeerd aantal waarden voor {arg}"),
        ErrorKind::NoEquals => format!("{arg} verwacht een waarde met '=', bijvoorbeeld {arg}=waarde"),
        _ => "de argumenten zijn niet te verwerken".to_string(),
    };
    let hulp = match opdracht {
        Some(o) => format!("domeinrapport {o} --help"),
        None => "domeinrapport --help".to_string(),
    };
    format!("domeinrapport: {melding}\nMeer informatie: {hulp}\n")
}

/// The subcommand named on the command line, if any (for the help hint of an error).
pub fn opdracht_in(args: &[String]) -> Option<&'static str> {
    ["run", "scheduled", "check", "demo-data"]
        .into_iter()
        .find(|o| args.iter().skip(1).any(|a| a == o))
}
