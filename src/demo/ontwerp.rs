//! The design of the demo data set in one place: the real budget lines of seed 002, the volumes,
//! and the deliberate patterns that make the reports worth reading (which norms are missed in
//! which period, which budget lines deviate). The toelichting texts and `data/README.md` are
//! written to match exactly these choices.

use chrono::NaiveDate;

use super::kalender::d;

/// The five werksoorten (fixed codes of the data contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ws {
    Srw,
    Isw,
    Csw,
    Jgd,
    Jw,
}

impl Ws {
    /// All werksoorten in the order of seed 002.
    pub(crate) const ALLE: [Ws; 5] = [Ws::Srw, Ws::Isw, Ws::Csw, Ws::Jgd, Ws::Jw];

    /// The contract code.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Ws::Srw => "SRW",
            Ws::Isw => "ISW",
            Ws::Csw => "CSW",
            Ws::Jgd => "JGD",
            Ws::Jw => "JW",
        }
    }
}

/// One line of a "Financiering" table of seed 002 (prijspeil 2021).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeedRegel {
    /// `<WS>-<nn>` in the order of the seed's tables.
    pub(crate) id: &'static str,
    pub(crate) ws: Ws,
    /// The line's name exactly as in the seed.
    pub(crate) naam: &'static str,
    /// Budgeted fte in hundredths (`None`: no fte column in the seed).
    pub(crate) fte_c: Option<u32>,
    /// The 2021 amount in cents.
    pub(crate) bedrag_2021: i64,
}

const fn r(id: &'static str, ws: Ws, naam: &'static str, fte_c: Option<u32>, bedrag_2021: i64) -> SeedRegel {
    SeedRegel {
        id,
        ws,
        naam,
        fte_c,
        bedrag_2021,
    }
}

/// Seed 002, "Financiering" per werksoort, verbatim (amounts in cents, fte in hundredths).
/// Every fte line is fte × € 107.331,09. The Jeugd subtotal in the seed (€ 3.182.890,81) is one
/// cent below the sum of its lines; we only keep the lines.
pub(crate) const SEED_REGELS: [SeedRegel; 28] = [
    r("SRW-01", Ws::Srw, "Sociaal Raadslieden", Some(195), 20_929_563),
    r("SRW-02", Ws::Srw, "Activiteitenbudget", None, 0),
    r(
        "ISW-01",
        Ws::Isw,
        "Persoonlijke begeleiding volwassenen (Wmo)",
        Some(1500),
        160_996_635,
    ),
    r("ISW-02", Ws::Isw, "Huisvesting", None, 1_749_300),
    r("ISW-03", Ws::Isw, "Blink", Some(104), 11_162_433),
    r("ISW-04", Ws::Isw, "Voor elkaar", Some(706), 75_775_750),
    r(
        "ISW-05",
        Ws::Isw,
        "Activiteitenbudget vrijwilligersondersteuning",
        None,
        2_412_800,
    ),
    r(
        "CSW-01",
        Ws::Csw,
        "Groepen en voorzieningen volwassenen",
        Some(596),
        63_969_330,
    ),
    r("CSW-02", Ws::Csw, "Dement Talent", Some(38), 4_078_581),
    r("CSW-03", Ws::Csw, "Doorontwikkeling Talentcentrum", Some(67), 7_191_183),
    r("CSW-04", Ws::Csw, "Huisvesting", None, 8_028_000),
    r(
        "CSW-05",
        Ws::Csw,
        "Activiteitenbudget Groepen en voorzieningen",
        None,
        31_752_000,
    ),
    r("CSW-06", Ws::Csw, "Samen Doen volwassenen", Some(1013), 108_726_394),
    r("CSW-07", Ws::Csw, "Activiteitenbudget Samen Doen", None, 3_209_400),
    r("CSW-08", Ws::Csw, "Sociale Reductie", None, 4_645_800),
    r(
        "JGD-01",
        Ws::Jgd,
        "Persoonlijke begeleiding Jeugd, opvoedingsondersteuning, deskundigheidsbevordering",
        Some(2097),
        225_073_296,
    ),
    r("JGD-02", Ws::Jgd, "CJG (Jw)", Some(230), 24_686_151),
    r("JGD-03", Ws::Jgd, "Integrale vroeghulp (Jw)", None, 1_198_200),
    r("JGD-04", Ws::Jgd, "Flexibel budget (maatwerk budget)", None, 5_480_000),
    r("JGD-05", Ws::Jgd, "Materieel budget Zorg voor Jeugd", None, 6_116_100),
    r("JGD-06", Ws::Jgd, "Groepen en voorzieningen jeugd", Some(56), 6_010_541),
    r("JGD-07", Ws::Jgd, "CJG (Jw)", Some(57), 6_117_872),
    r("JGD-08", Ws::Jgd, "Activiteitenbudget CJG", None, 812_900),
    r("JGD-09", Ws::Jgd, "Formatie SMI", Some(20), 2_146_622),
    r("JGD-10", Ws::Jgd, "Materieel budget SMI", None, 40_647_400),
    r("JW-01", Ws::Jw, "Jongerenwerkers", Some(453), 48_620_984),
    r("JW-02", Ws::Jw, "Huisvesting", None, 4_200_000),
    r("JW-03", Ws::Jw, "Activiteitenbudget", None, 1_750_000),
];

/// Hulpvragen per year at scale 1 (deliverables.md).
pub(crate) fn jaarvolume(ws: Ws) -> u32 {
    match ws {
        Ws::Srw => 2500,
        Ws::Isw => 1800,
        Ws::Csw => 600,
        Ws::Jgd => 2000,
        Ws::Jw => 300,
    }
}

/// Growth of the demand per year, in percent of the 2023 level.
pub(crate) fn jaartrend(jaar: i32) -> u32 {
    match jaar {
        2022 => 95,
        2023 => 100,
        _ => 104,
    }
}

/// Relative weight of a month for new aanmeldingen and activities: the summer dip in July and
/// August, a quieter December, busy autumn and January.
pub(crate) fn maandgewicht(maand: u32) -> u32 {
    const G: [u32; 12] = [112, 104, 108, 100, 98, 100, 68, 62, 116, 112, 106, 84];
    G[(maand - 1) as usize]
}

/// Relative size of the wijkgebieden W01–W11 (population and social need; W03 Ruwaard, the
/// Proeftuin, has the most hulpvragen).
pub(crate) const WIJKGEWICHT: [u32; 11] = [9, 13, 15, 9, 9, 11, 6, 8, 7, 7, 6];

// ---------------------------------------------------------------------------------------------
// Timeliness patterns (kpi-catalogus.md)

/// The spring wave of ISW aanmeldingen: (year, months, extra aanmeldingen in percent of the
/// year's volume, spread over those months).
pub(crate) const ISW_PIEK: Option<(i32, [u32; 2], u64)> = Some((2024, [3, 4], 8));

/// Quarters in which `SW.eerste_gesprek_4w` drops below 90% (the deadline quarter), and `6w`
/// below 100%: summer staff shortage in 2023, a wave of aanmeldingen in spring 2024.
pub(crate) const ISW_WACHT_SLECHT: [(i32, u32); 2] = [(2023, 3), (2024, 2)];

/// Quarter whose `ISW.afgesloten_6m` cohort is below 80%.
pub(crate) const ISW_TRAJECT_SLECHT: (i32, u32) = (2023, 4);

/// Months (deadline month) with JGD hulpvragen not in behandeling within 2 weeks, with the chance
/// per case in per mille.
pub(crate) const JGD_2W_SLECHT: [(i32, u32, u32); 5] = [
    (2022, 10, 25),
    (2023, 9, 35),
    (2023, 10, 50),
    (2024, 5, 40),
    (2024, 6, 55),
];

/// Months (deadline month) with a besluit jeugdhulp later than 8 weeks after the aanvraag, with
/// the chance per aanvraag in per mille.
pub(crate) const JGD_8W_SLECHT: [(i32, u32, u32); 6] = [
    (2022, 11, 60),
    (2023, 2, 70),
    (2023, 11, 90),
    (2023, 12, 100),
    (2024, 4, 110),
    (2024, 10, 80),
];

/// The Proeftuin Ruwaard (revision 3): its wijkgebied (index of W03 Ruwaard), the first
/// aanmelddatum handled there, and the share of the W03 hulpvragen of ISW, CSW and JGD from
/// then on that the Proeftuin handles (per mille).
pub(crate) const PROEFTUIN_WIJK: usize = 2;
/// See [`PROEFTUIN_WIJK`].
pub(crate) fn proeftuin_start() -> NaiveDate {
    d(2022, 1, 1)
}
/// See [`PROEFTUIN_WIJK`].
pub(crate) const PROEFTUIN_PROMILLE: u32 = 400;

/// Share (per mille) of the JGD crisis registrations whose first conversation is moved to the
/// day of aanmelding or the next day: the CJG picks up a crisis directly, mostly.
pub(crate) const CRISIS_DIRECT_PROMILLE: u32 = 850;

/// Quarters (of afsluiting) in which a few JGD hulpvragen solved by the CJG itself took more than
/// five gesprekken.
pub(crate) const JGD_MAX5_SLECHT: [(i32, u32); 2] = [(2022, 3), (2023, 1)];

/// Target share of inzet `individueel` in ISW+CSW uren per quarter (basis points; norm: at most
/// 3000 from 2023).
pub(crate) fn inzet_individueel_bp(jaar: i32, kwartaal: u32) -> i64 {
    const T: [[i64; 4]; 3] = [
        [3400, 3300, 3300, 3200],
        [3300, 3120, 2800, 2600],
        [2700, 3150, 2700, 2600],
    ];
    T[(jaar - 2022).clamp(0, 2) as usize][(kwartaal - 1) as usize]
}

/// The ontmoetingsactiviteit gaps: W09 has none organised by inwoners until 16 January 2023;
/// in W11 the one there ends on 30 June 2023 and the next starts on 2 September 2024.
pub(crate) fn w09_start() -> NaiveDate {
    d(2023, 1, 16)
}
/// See [`w09_start`].
pub(crate) fn w11_einde() -> NaiveDate {
    d(2023, 6, 30)
}
/// See [`w09_start`].
pub(crate) fn w11_herstart() -> NaiveDate {
    d(2024, 9, 2)
}

// ---------------------------------------------------------------------------------------------
// Finance

/// Deliberate deviations of the realisation from the budget, per (year, regel): basis points for
/// the first and the second half year. Lines not listed deviate by a small random amount.
pub(crate) const AFWIJKINGEN: [(i32, &str, i64, i64); 24] = [
    // 2022: slow restart after the lockdown, energy prices from the summer, SMI demand.
    (2022, "CSW-05", -2600, -900),
    (2022, "ISW-02", 300, 1500),
    (2022, "CSW-04", 200, 1300),
    (2022, "JW-02", 100, 1200),
    (2022, "JGD-10", 1600, 1900),
    // 2023: energy contracts at high prices, fewer groups for lack of volunteers, more SMI and
    // maatwerk for children waiting for jeugdhulp.
    (2023, "ISW-02", 2200, 1800),
    (2023, "CSW-04", 1700, 1500),
    (2023, "JW-02", 900, 800),
    (2023, "CSW-05", -1400, -2100),
    (2023, "JGD-10", 1200, 2000),
    (2023, "JGD-04", 600, 2400),
    // 2024: flexible budget for overbruggingszorg, vacancies at Voor elkaar, fewer groups,
    // an extra jongerenruimte, an extra sociaal raadslid hired in.
    (2024, "JGD-04", 3000, 2200),
    (2024, "ISW-04", -1500, -700),
    (2024, "CSW-05", -1800, -600),
    (2024, "JW-02", 2300, 2000),
    (2024, "SRW-01", 1250, 900),
    (2024, "ISW-02", 500, 300),
    (2024, "CSW-04", 400, 200),
    (2024, "JGD-10", 300, 700),
    (2023, "SRW-01", 200, 300),
    (2022, "JGD-04", -300, 900),
    (2022, "ISW-04", -200, 100),
    (2023, "ISW-04", -100, -400),
    (2024, "JW-03", -350, 250),
];

/// The deliberate deviation of a regel in a half year (basis points), if any.
pub(crate) fn afwijking(jaar: i32, regel: &str, half: u32) -> Option<i64> {
    AFWIJKINGEN
        .iter()
        .find(|a| a.0 == jaar && a.1 == regel)
        .map(|a| if half == 1 { a.2 } else { a.3 })
}

/// The Voor elkaar (ISW-04) vacancies behind the 2024 underspending: two colleagues leave, the
/// vacancies are filled on 2 September 2024.
pub(crate) fn voor_elkaar_vertrek() -> [NaiveDate; 2] {
    [d(2023, 12, 31), d(2024, 2, 29)]
}
/// See [`voor_elkaar_vertrek`].
pub(crate) fn voor_elkaar_invulling() -> NaiveDate {
    d(2024, 9, 2)
}
