//! The figures of the generated data that the toelichting texts and the README quote, computed
//! from the typed rows by the definitions of `kpi-catalogus.md` (only the indicators with a norm,
//! and a few counts). This also lets the tests check the design: which norm is missed when.
//!
//! Revision 3: every indicator here has a norm, so the hulpvragen of the Proeftuin Ruwaard stay
//! out of all of them; the 4/6-week norm is judged over ISW and CSW together (`SW.*`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::activiteiten::Soort;
use super::financien::{komma, per_half};
use super::hulpvragen::Hulpvraag;
use super::kalender::{JAREN, d, laatste_dag, plus, plus_maanden};
use super::ontwerp::{SEED_REGELS, Ws};
use super::uren::Inzet;
use super::{Ctx, Gegenereerd};
use crate::afspraken::Richting;

/// A period: code, first day, peildatum.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Periode {
    pub(crate) code: String,
    pub(crate) start: NaiveDate,
    pub(crate) eind: NaiveDate,
}

impl Periode {
    pub(crate) fn kwartaal(jaar: i32, k: u32) -> Periode {
        let start = d(jaar, 3 * k - 2, 1);
        Periode {
            code: format!("{jaar}-Q{k}"),
            start,
            eind: laatste_dag(jaar, 3 * k),
        }
    }
    pub(crate) fn halfjaar(jaar: i32, h: u32) -> Periode {
        Periode {
            code: format!("{jaar}-H{h}"),
            start: d(jaar, 6 * h - 5, 1),
            eind: laatste_dag(jaar, 6 * h),
        }
    }
    pub(crate) fn jaar(jaar: i32) -> Periode {
        Periode {
            code: format!("{jaar}"),
            start: d(jaar, 1, 1),
            eind: d(jaar, 12, 31),
        }
    }
    pub(crate) fn maand(jaar: i32, m: u32) -> Periode {
        Periode {
            code: format!("{jaar}-{m:02}"),
            start: d(jaar, m, 1),
            eind: laatste_dag(jaar, m),
        }
    }
    fn bevat(&self, x: NaiveDate) -> bool {
        self.start <= x && x <= self.eind
    }
    /// Every quarter, half year and year of the demo data.
    pub(crate) fn alle() -> Vec<Periode> {
        let mut v = Vec::new();
        for j in JAREN {
            v.extend((1..=4).map(|k| Periode::kwartaal(j, k)));
            v.extend((1..=2).map(|h| Periode::halfjaar(j, h)));
            v.push(Periode::jaar(j));
        }
        v
    }
}

/// A fraction indicator's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Breuk {
    pub(crate) teller: u64,
    pub(crate) noemer: u64,
}

impl Breuk {
    /// `81,3%` (one decimal, half away from zero).
    pub(crate) fn pct(self) -> String {
        if self.noemer == 0 {
            return "–".into();
        }
        let tienden = (self.teller * 2000 + self.noemer) / (2 * self.noemer);
        format!("{},{}%", tienden / 10, tienden % 10)
    }
}

/// The normed indicators this module computes.
pub(crate) const NORM_IDS: [&str; 11] = [
    "SW.eerste_gesprek_4w",
    "SW.eerste_gesprek_6w",
    "ISW.afgesloten_6m",
    "ISW.doorverwijzing_wmo",
    "ISW.uitstroom_zelfstandig",
    "CSW.ontmoeting_wijkgebieden",
    "SW.inzet_individueel",
    "JGD.in_behandeling_2w",
    "JGD.toeleiding_8w",
    "JGD.zelf_opgelost_max5",
    "JGD.uitstroom_jeugdhulp",
];

fn schoon(h: &[Hulpvraag]) -> impl Iterator<Item = &Hulpvraag> {
    h.iter().filter(|h| h.fout.is_none())
}

fn gevuld_tot(x: Option<NaiveDate>, peil: NaiveDate) -> Option<NaiveDate> {
    x.filter(|x| *x <= peil)
}

/// A deadline cohort: rows with a deadline in P; on time when the event is on or before it;
/// withdrawn (left out) when afgesloten on or before the deadline without the event by the
/// peildatum.
fn termijn<'a>(
    rijen: impl Iterator<Item = &'a Hulpvraag>,
    p: &Periode,
    deadline: impl Fn(&Hulpvraag) -> Option<NaiveDate>,
    gebeurtenis: impl Fn(&Hulpvraag) -> Option<NaiveDate>,
) -> Breuk {
    let mut b = Breuk { teller: 0, noemer: 0 };
    for h in rijen {
        let Some(dl) = deadline(h) else { continue };
        if !p.bevat(dl) {
            continue;
        }
        let ev = gevuld_tot(gebeurtenis(h), p.eind);
        let af = gevuld_tot(h.afgesloten, p.eind);
        if ev.is_none() && af.is_some_and(|a| a <= dl) {
            continue;
        }
        b.noemer += 1;
        if ev.is_some_and(|e| e <= dl) {
            b.teller += 1;
        }
    }
    b
}

/// Computes one normed indicator over a period.
pub(crate) fn indicator(id: &str, g: &Gegenereerd, p: &Periode) -> Breuk {
    let hv = &g.hulpvragen;
    // Normed indicators only: the Proeftuin stays out.
    let ws = |w: Ws| schoon(hv).filter(move |h| h.ws == w && !h.proeftuin);
    let sw = || schoon(hv).filter(|h| matches!(h.ws, Ws::Isw | Ws::Csw) && !h.proeftuin);
    let afgesloten_in = |h: &Hulpvraag| h.afgesloten.is_some_and(|a| p.bevat(a));
    let tel = |it: &mut dyn Iterator<Item = &Hulpvraag>, f: &dyn Fn(&Hulpvraag) -> bool| {
        let mut b = Breuk { teller: 0, noemer: 0 };
        for h in it {
            b.noemer += 1;
            if f(h) {
                b.teller += 1;
            }
        }
        b
    };
    match id {
        "SW.eerste_gesprek_4w" => termijn(sw(), p, |h| Some(plus(h.aanmeld, 28)), |h| h.eerste),
        "SW.eerste_gesprek_6w" => termijn(sw(), p, |h| Some(plus(h.aanmeld, 42)), |h| h.eerste),
        "ISW.afgesloten_6m" => {
            let mut b = Breuk { teller: 0, noemer: 0 };
            for h in ws(Ws::Isw) {
                let (Some(_), Some(vv)) = (gevuld_tot(h.traject, p.eind), gevuld_tot(h.vv, p.eind)) else {
                    continue;
                };
                let dl = plus_maanden(vv, 6);
                if p.bevat(dl) {
                    b.noemer += 1;
                    if h.afgesloten.is_some_and(|a| a <= dl) {
                        b.teller += 1;
                    }
                }
            }
            b
        }
        "ISW.doorverwijzing_wmo" => tel(
            &mut ws(Ws::Isw).filter(|h| h.traject.is_some() && afgesloten_in(h)),
            &|h| h.uitstroom == Some("maatwerk_wmo"),
        ),
        "ISW.uitstroom_zelfstandig" => tel(&mut ws(Ws::Isw).filter(|h| afgesloten_in(h)), &|h| {
            matches!(h.uitstroom, Some("zelfstandig" | "netwerk"))
        }),
        "JGD.in_behandeling_2w" => termijn(ws(Ws::Jgd), p, |h| Some(plus(h.aanmeld, 14)), |h| h.eerste),
        "JGD.toeleiding_8w" => termijn(ws(Ws::Jgd), p, |h| h.aanvraag_jh.map(|a| plus(a, 56)), |h| h.besluit_jh),
        "JGD.zelf_opgelost_max5" => tel(
            &mut ws(Ws::Jgd).filter(|h| {
                afgesloten_in(h) && matches!(h.uitstroom, Some("zelfstandig" | "netwerk")) && h.gesprekken.is_some()
            }),
            &|h| h.gesprekken.is_some_and(|g| g <= 5),
        ),
        "JGD.uitstroom_jeugdhulp" => tel(&mut ws(Ws::Jgd).filter(|h| afgesloten_in(h)), &|h| {
            matches!(h.uitstroom, Some("jeugdhulp" | "specialistisch"))
        }),
        "SW.inzet_individueel" => {
            let mut b = Breuk { teller: 0, noemer: 0 };
            for u in g
                .uren
                .iter()
                .filter(|u| matches!(u.ws, Ws::Isw | Ws::Csw) && p.bevat(u.datum))
            {
                if u.inzet == Inzet::Overig {
                    continue;
                }
                b.noemer += u.kwartier as u64;
                if u.inzet == Inzet::Individueel {
                    b.teller += u.kwartier as u64;
                }
            }
            b
        }
        "CSW.ontmoeting_wijkgebieden" => {
            let mut wijken = [false; 11];
            for a in g.activiteiten.iter().filter(|a| a.fout.is_none()) {
                if a.soort == Soort::Ontmoeting
                    && a.door_inwoners
                    && a.start <= p.eind
                    && a.einde.is_none_or(|e| e >= p.start)
                {
                    wijken[a.wijk] = true;
                }
            }
            Breuk {
                teller: wijken.iter().filter(|x| **x).count() as u64,
                noemer: 11,
            }
        }
        _ => panic!("onbekende indicator {id}"),
    }
}

/// `Some(true)` gehaald, `Some(false)` niet gehaald, `None` nvt / geen gegevens / no norm.
pub(crate) fn gehaald(ctx: &Ctx, id: &str, p: &Periode, b: Breuk) -> Option<bool> {
    let a = ctx.afspraken.voor_jaar(p.eind.year());
    let ind = a.indicator(id)?;
    let norm = ind.norm.as_ref()?;
    if ind.vanaf.is_some_and(|v| p.eind < v) || b.noemer == 0 {
        return None;
    }
    // Exact: teller ≥ drempel × noemer, no division.
    let teller = Decimal::from(b.teller);
    let grens = norm.drempel * Decimal::from(b.noemer);
    Some(match norm.richting {
        Richting::Min => teller >= grens,
        Richting::Max => teller <= grens,
    })
}

/// The figures quoted in texts, by placeholder name, and the list of missed norms per period.
pub(crate) struct Cijfers {
    pub(crate) waarden: BTreeMap<String, String>,
    /// Period code → missed normed indicators.
    pub(crate) niet_gehaald: BTreeMap<String, Vec<&'static str>>,
    /// Financial (year, half) → regels with analyse_vereist.
    pub(crate) materieel: BTreeMap<(i32, u32), Vec<&'static str>>,
    /// Financial year → regels with analyse_vereist over the whole year (the raad letter).
    #[cfg_attr(not(test), allow(dead_code))] // checked against the year analyses by the tests
    pub(crate) materieel_jaar: BTreeMap<i32, Vec<&'static str>>,
}

impl Cijfers {
    pub(crate) fn bereken(ctx: &Ctx, g: &Gegenereerd) -> Cijfers {
        let mut waarden = BTreeMap::new();
        let mut niet_gehaald: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
        let mut zet = |k: String, v: String| {
            waarden.insert(k, v);
        };
        for p in Periode::alle() {
            let mut mis = Vec::new();
            for id in NORM_IDS {
                let b = indicator(id, g, &p);
                if gehaald(ctx, id, &p, b) == Some(false) {
                    mis.push(id);
                }
                zet(format!("{id}@{}", p.code), b.pct());
                zet(format!("{id}@{}#teller", p.code), b.teller.to_string());
                zet(format!("{id}@{}#noemer", p.code), b.noemer.to_string());
                zet(format!("{id}@{}#niet", p.code), (b.noemer - b.teller).to_string());
            }
            niet_gehaald.insert(p.code.clone(), mis);
        }
        // Monthly JGD overschrijdingen.
        for j in JAREN {
            for m in 1..=12 {
                let p = Periode::maand(j, m);
                for id in ["JGD.in_behandeling_2w", "JGD.toeleiding_8w"] {
                    let b = indicator(id, g, &p);
                    zet(format!("{id}@{}#niet", p.code), (b.noemer - b.teller).to_string());
                }
            }
        }
        // Aanmeldingen per period and werksoort, and in total.
        for p in Periode::alle() {
            let mut totaal = 0u64;
            for ws in Ws::ALLE {
                let n = schoon(&g.hulpvragen)
                    .filter(|h| h.ws == ws && p.bevat(h.aanmeld))
                    .count() as u64;
                totaal += n;
                zet(
                    format!("aanmeldingen.{}@{}", ws.code(), p.code),
                    super::duizendtallen(n),
                );
            }
            zet(format!("aanmeldingen@{}", p.code), super::duizendtallen(totaal));
        }
        // Waiting list ISW at 30 June 2024 (waiting more than 14 days).
        let peil = d(2024, 6, 30);
        let wachtlijst = schoon(&g.hulpvragen)
            .filter(|h| h.ws == Ws::Isw && h.aanmeld <= peil)
            .filter(|h| h.eerste.is_none_or(|e| e > peil) && h.afgesloten.is_none_or(|a| a > peil))
            .filter(|h| (peil - h.aanmeld).num_days() > 14)
            .count();
        zet("ISW.wachtlijst@2024-Q2".into(), wachtlijst.to_string());

        // Finance: per regel and half year the variance against half the budget.
        let realisatie = per_half(&g.boekingen);
        let mut materieel: BTreeMap<(i32, u32), Vec<&'static str>> = BTreeMap::new();
        let mut materieel_jaar: BTreeMap<i32, Vec<&'static str>> = BTreeMap::new();
        for b in &g.begroting {
            for half in [1u32, 2] {
                let begroot = (b.bedrag + 1) / 2; // half away from zero for a positive amount
                let real = realisatie.get(&(b.jaar, half, b.seed.id)).copied().unwrap_or(0);
                let verschil = real - begroot;
                let sleutel = format!("{}@{}-H{half}", b.seed.id, b.jaar);
                zet(format!("{sleutel}#verschil"), euro(verschil));
                zet(format!("{sleutel}#realisatie"), euro(real));
                zet(format!("{sleutel}#begroting"), euro(begroot));
                let pct = if begroot != 0 {
                    Some(Decimal::from(verschil) / Decimal::from(begroot))
                } else {
                    None
                };
                if let Some(pct) = pct {
                    zet(format!("{sleutel}#pct"), procent(pct));
                }
                let v = &ctx.afspraken.voor_jaar(b.jaar).variantie;
                let abs = Decimal::from(verschil.abs()) / Decimal::ONE_HUNDRED;
                let vereist = abs >= v.ondergrens_bedrag
                    && (abs >= v.drempel_bedrag || pct.is_some_and(|p| p.abs() >= v.drempel_pct));
                if vereist {
                    materieel.entry((b.jaar, half)).or_default().push(b.seed.id);
                }
            }
            // The whole year (the raad letter's differences).
            let real: i64 = [1u32, 2]
                .iter()
                .map(|h| realisatie.get(&(b.jaar, *h, b.seed.id)).copied().unwrap_or(0))
                .sum();
            let verschil = real - b.bedrag;
            let sleutel = format!("{}@{}", b.seed.id, b.jaar);
            zet(format!("{sleutel}#verschil"), euro(verschil));
            let pct = (b.bedrag != 0).then(|| Decimal::from(verschil) / Decimal::from(b.bedrag));
            if let Some(pct) = pct {
                zet(format!("{sleutel}#pct"), procent(pct));
            }
            let v = &ctx.afspraken.voor_jaar(b.jaar).variantie;
            let abs = Decimal::from(verschil.abs()) / Decimal::ONE_HUNDRED;
            if abs >= v.ondergrens_bedrag && (abs >= v.drempel_bedrag || pct.is_some_and(|p| p.abs() >= v.drempel_pct))
            {
                materieel_jaar.entry(b.jaar).or_default().push(b.seed.id);
            }
        }
        // Year totals (for the raad).
        for j in JAREN {
            let begroot: i64 = g.begroting.iter().filter(|b| b.jaar == j).map(|b| b.bedrag).sum();
            let real: i64 = realisatie.iter().filter(|(k, _)| k.0 == j).map(|(_, v)| *v).sum();
            zet(format!("begroting@{j}"), euro(begroot));
            zet(format!("realisatie@{j}"), euro(real));
            zet(format!("verschil@{j}"), euro(real - begroot));
            zet(
                format!("verschil_pct@{j}"),
                procent(Decimal::from(real - begroot) / Decimal::from(begroot)),
            );
        }
        // Formation of Voor elkaar on 30 June 2024 against the budget.
        let regel = SEED_REGELS.iter().find(|r| r.id == "ISW-04").expect("ISW-04");
        let f = super::personeel::formatie_op(&g.roster, "ISW-04", d(2024, 6, 30));
        zet(
            "formatie.ISW-04@2024-06-30".into(),
            format!("{},{:02}", f / 100, f % 100),
        );
        let fb = regel.fte_c.unwrap_or(0);
        zet(
            "formatie_begroot.ISW-04".into(),
            format!("{},{:02}", fb / 100, fb % 100),
        );
        Cijfers {
            waarden,
            niet_gehaald,
            materieel,
            materieel_jaar,
        }
    }

    /// Fills `{{naam}}` placeholders; an unknown name is an error (a text must never show one).
    pub(crate) fn vul_in(&self, sjabloon: &str, bron: &str) -> anyhow::Result<String> {
        vul_in(&self.waarden, sjabloon, bron)
    }
}

/// Fills `{{naam}}` placeholders from `waarden`.
pub(crate) fn vul_in(waarden: &BTreeMap<String, String>, sjabloon: &str, bron: &str) -> anyhow::Result<String> {
    let mut uit = String::with_capacity(sjabloon.len());
    let mut rest = sjabloon;
    while let Some(i) = rest.find("{{") {
        uit.push_str(&rest[..i]);
        let na = &rest[i + 2..];
        let j = na
            .find("}}")
            .ok_or_else(|| anyhow::anyhow!("{bron}: '{{{{' zonder '}}}}'"))?;
        let naam = na[..j].trim();
        let waarde = waarden
            .get(naam)
            .ok_or_else(|| anyhow::anyhow!("{bron}: onbekend cijfer '{naam}'"))?;
        uit.push_str(waarde);
        rest = &na[j + 2..];
    }
    uit.push_str(rest);
    Ok(uit)
}

/// `€ 65.646` (whole euros, half away from zero), negative as `-€ 65.646`.
pub(crate) fn euro(cent: i64) -> String {
    let hele = (cent.abs() + 50) / 100;
    let tekst = komma(hele * 100);
    let tekst = tekst.trim_end_matches(",00");
    if cent < 0 && hele > 0 {
        format!("-€ {tekst}")
    } else {
        format!("€ {tekst}")
    }
}

/// `-15,2%` (one decimal).
pub(crate) fn procent(f: Decimal) -> String {
    let t = (f * Decimal::ONE_THOUSAND)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .unwrap_or(0);
    let teken = if t < 0 { "-" } else { "" };
    format!("{teken}{},{}%", t.abs() / 10, t.abs() % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            Breuk {
                teller: 813,
                noemer: 1000
            }
            .pct(),
            "81,3%"
        );
        assert_eq!(Breuk { teller: 1, noemer: 8 }.pct(), "12,5%");
        assert_eq!(Breuk { teller: 0, noemer: 0 }.pct(), "–");
        assert_eq!(euro(6_564_649), "€ 65.646");
        assert_eq!(euro(-6_564_650), "-€ 65.647");
        assert_eq!(euro(49), "€ 0");
        assert_eq!(procent(Decimal::new(-1525, 4)), "-15,3%");
        assert_eq!(procent(Decimal::new(3, 2)), "3,0%");
    }
}
