//! [`super::laad_toelichting`]: the narrative input of one period, `toelichting/<periode>/`.
//!
//! The CSV files go through the same schema reader as the data files (encoding, delimiter,
//! quoting, rejects with line and reason); in their text columns, the Markdown files and `raad.md`
//! every BSN-like number (any run of exactly nine digits, bounded by non-digits, that passes the
//! 11-proef) is masked as `*********` and reported as a warning with file, line and column (or
//! section); the number itself is never kept.

use std::collections::BTreeMap;
use std::path::Path;

use super::bsn::{bevat_bsn_token, maskeer};
use super::kwaliteit::{Datakwaliteit, Waarschuwing};
use super::laden::sha256_hex;
use super::schema::{
    Cel, Codes, Kolom, Lijst, Rij, Soort, Tabel, bsn_waarschuwing, dubbele_groepen, kol, lees_tabel,
    vreemde_bytes_waarschuwingen,
};
use super::text::decodeer;
use super::values::Reden;
use super::{
    AnalyseInvoer, DoelInvoer, DoelStatus, IngestFout, Invoerbestand, MarkdownTekst, RisicoInvoer, Toelichting,
};
use crate::afspraken::Afspraken;
use crate::domein::catalogus;
use crate::period::Periode;

/// Schema of `doelen.csv`.
pub const DOELEN_SCHEMA: &[Kolom] = &[
    kol("doel_id", true, Soort::Sleutel),
    kol("status", true, Soort::Code(Lijst::DoelStatus)),
    kol("toelichting", false, Soort::Verhaal),
];

/// Schema of `analyses.csv`. The sleutel is kept as written (an indicator id is case-sensitive).
pub const ANALYSES_SCHEMA: &[Kolom] = &[
    kol("sleutel", true, Soort::Systeem),
    kol("analyse", true, Soort::Verhaal),
    kol("maatregel", false, Soort::Verhaal),
];

/// Schema of `risicos.csv`.
pub const RISICOS_SCHEMA: &[Kolom] = &[
    kol("risico_id", true, Soort::Sleutel),
    kol("kans", true, Soort::Geheel32),
    kol("schade", true, Soort::Geheel32),
    kol("toelichting", false, Soort::Verhaal),
];

/// The Markdown files split per werksoort, in the order they are read.
const MARKDOWN: [&str; 3] = ["ontwikkelingen.md", "knelpunten.md", "aanbevelingen.md"];

/// The `DoelStatus` of each code of [`super::schema::DOEL_STATUS`], in the same order.
const STATUSSEN: [DoelStatus; 5] = [
    DoelStatus::Behaald,
    DoelStatus::OpKoers,
    DoelStatus::Risico,
    DoelStatus::NietBehaald,
    DoelStatus::Nvt,
];

/// The implementation of [`super::laad_toelichting`].
pub(crate) fn laad_toelichting(
    map: &Path,
    periode: &Periode,
    afspraken: &Afspraken,
) -> Result<Toelichting, IngestFout> {
    let code = periode.to_string();
    let mut uit = Toelichting {
        periode: code.clone(),
        ..Toelichting::default()
    };
    let folder = map.join("toelichting").join(&code);
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(uit),
        Err(bron) => {
            return Err(IngestFout::Io {
                bestand: format!("toelichting/{code}"),
                bron,
            });
        }
    };
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_file())
            && let Some(naam) = e.file_name().to_str()
        {
            uit.aanwezig.insert(naam.to_string());
        }
    }
    let pad = |naam: &str| format!("toelichting/{code}/{naam}");
    let lees = |naam: &str| -> Result<Option<Vec<u8>>, IngestFout> {
        if !uit.aanwezig.contains(naam) {
            return Ok(None);
        }
        std::fs::read(folder.join(naam))
            .map(Some)
            .map_err(|bron| IngestFout::Io {
                bestand: pad(naam),
                bron,
            })
    };
    let codes = Codes::uit_jaren([afspraken]);
    let werksoorten: Vec<&str> = afspraken.werksoorten.iter().map(|w| w.code.as_str()).collect();
    let mut invoer: Vec<Invoerbestand> = Vec::new();
    let mut kwaliteit = Datakwaliteit::default();

    // The CSV files.
    let mut lees_csv = |naam: &str,
                        schema: &'static [Kolom],
                        regels: &mut dyn FnMut(&mut Rij),
                        na: &mut dyn FnMut(&mut Tabel)|
     -> Result<Option<Tabel>, IngestFout> {
        let Some(bytes) = lees(naam)? else {
            return Ok(None);
        };
        let bestand = pad(naam);
        let mut inv = Invoerbestand {
            pad: bestand.clone(),
            sha256: sha256_hex(&bytes),
            gelezen: 0,
            geaccepteerd: 0,
            afgekeurd: 0,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            kwaliteit.waarschuwingen.push(leeg(&bestand));
            invoer.push(inv);
            return Ok(None);
        }
        let mut tabel = lees_tabel(&bestand, &bytes, schema, &codes, regels)?;
        na(&mut tabel);
        let k = tabel.kwaliteit();
        if let Some(f) = k.bestanden.first() {
            (inv.gelezen, inv.geaccepteerd, inv.afgekeurd) = (f.gelezen, f.geaccepteerd, f.afgekeurd);
        }
        invoer.push(inv);
        kwaliteit.voeg_toe(k);
        Ok(Some(tabel))
    };

    // doelen.csv: known doel id, known status, each doel once.
    let doelen = lees_csv(
        "doelen.csv",
        DOELEN_SCHEMA,
        &mut |r: &mut Rij| {
            if r.cel(0) == Cel::Tekst && canoniek_doel(afspraken, r.tekst(0)).is_none() {
                let id = r.tekst(0).to_string();
                r.fout(0, Reden::met_waarde("onbekend doel_id", &id));
            }
        },
        &mut |t: &mut Tabel| keur_dubbel_af(t, 0, "dubbel doel_id", |t, i| t.tekst(0).get(i).map(str::to_string)),
    )?;
    uit.doelen = doelen.map(|t| {
        let masker = t.masker();
        let statussen = t.code_indices(1);
        (0..t.len())
            .filter(|&i| masker[i])
            .filter_map(|i| {
                let id = canoniek_doel(afspraken, t.tekst(0).get(i)?)?;
                let invoer = DoelInvoer {
                    status: STATUSSEN[statussen[i] as usize],
                    toelichting: t.tekst(2).get(i).unwrap_or("").to_string(),
                };
                Some((id.to_string(), invoer))
            })
            .collect()
    });

    // analyses.csv: any non-empty sleutel, each once (indicator ids in catalogue spelling,
    // other keys upper-cased like the regel_ids of begroting.csv).
    let catalogus_ids: Vec<String> = catalogus::alle().into_iter().map(|d| d.id).collect();
    let canoniek_sleutel = |s: &str| -> String {
        catalogus_ids
            .iter()
            .find(|id| id.eq_ignore_ascii_case(s))
            .cloned()
            .unwrap_or_else(|| s.to_uppercase())
    };
    let analyses = lees_csv(
        "analyses.csv",
        ANALYSES_SCHEMA,
        &mut |_: &mut Rij| {},
        &mut |t: &mut Tabel| keur_dubbel_af(t, 0, "dubbele sleutel", |t, i| t.tekst(0).get(i).map(canoniek_sleutel)),
    )?;
    if let Some(t) = analyses {
        let masker = t.masker();
        uit.analyses = (0..t.len())
            .filter(|&i| masker[i])
            .filter_map(|i| {
                let invoer = AnalyseInvoer {
                    analyse: t.tekst(1).get(i)?.to_string(),
                    maatregel: t.tekst(2).get(i).unwrap_or("").to_string(),
                };
                Some((canoniek_sleutel(t.tekst(0).get(i)?), invoer))
            })
            .collect();
    }

    // risicos.csv: known risico id, kans and schade 1–3, each risico once.
    let risicos = lees_csv(
        "risicos.csv",
        RISICOS_SCHEMA,
        &mut |r: &mut Rij| {
            if r.cel(0) == Cel::Tekst && canoniek_risico(afspraken, r.tekst(0)).is_none() {
                let id = r.tekst(0).to_string();
                r.fout(0, Reden::met_waarde("onbekend risico_id", &id));
            }
            for (k, naam) in [(1, "kans"), (2, "schade")] {
                if let Some(g) = r.cel(k).getal()
                    && !(1..=3).contains(&g)
                {
                    r.fout(k, Reden::tekst("buiten 1–3", format!("{naam} {g} ligt buiten 1–3")));
                }
            }
        },
        &mut |t: &mut Tabel| keur_dubbel_af(t, 0, "dubbel risico_id", |t, i| t.tekst(0).get(i).map(str::to_string)),
    )?;
    uit.risicos = risicos.map(|t| {
        let masker = t.masker();
        let (kans, schade) = (t.getallen(1), t.getallen(2));
        (0..t.len())
            .filter(|&i| masker[i])
            .filter_map(|i| {
                let id = canoniek_risico(afspraken, t.tekst(0).get(i)?)?;
                let invoer = RisicoInvoer {
                    kans: u8::try_from(kans[i]?).ok()?,
                    schade: u8::try_from(schade[i]?).ok()?,
                    toelichting: t.tekst(3).get(i).unwrap_or("").to_string(),
                };
                Some((id.to_string(), invoer))
            })
            .collect::<BTreeMap<_, _>>()
    });

    // The Markdown files.
    for naam in MARKDOWN.into_iter().chain(["raad.md"]) {
        let Some(bytes) = lees(naam)? else { continue };
        let bestand = pad(naam);
        invoer.push(Invoerbestand {
            pad: bestand.clone(),
            sha256: sha256_hex(&bytes),
            gelezen: 0,
            geaccepteerd: 0,
            afgekeurd: 0,
        });
        let (tekst, vreemd) = decodeer(&bestand, &bytes)?;
        kwaliteit
            .waarschuwingen
            .extend(vreemde_bytes_waarschuwingen(&bestand, &vreemd));
        if naam == "raad.md" {
            uit.raad = Some(maskeer_regels(
                &bestand,
                &tekst,
                |_| "tekst",
                &mut kwaliteit.waarschuwingen,
            ));
            continue;
        }
        let md = splits_markdown(&bestand, &tekst, &werksoorten, &mut kwaliteit.waarschuwingen);
        match naam {
            "ontwikkelingen.md" => uit.ontwikkelingen = Some(md),
            "knelpunten.md" => uit.knelpunten = Some(md),
            _ => uit.aanbevelingen = Some(md),
        }
    }
    uit.invoer = invoer;
    uit.kwaliteit = kwaliteit;
    Ok(uit)
}

/// The warning for an optional file without content.
fn leeg(bestand: &str) -> Waarschuwing {
    Waarschuwing::new(
        bestand,
        None,
        "leeg_bestand",
        "het bestand is leeg en is behandeld als niet aangeleverd",
    )
}

/// The agreement's spelling of a doel id (matched case-insensitively).
fn canoniek_doel<'a>(afspraken: &'a Afspraken, id: &str) -> Option<&'a str> {
    afspraken
        .doelen
        .iter()
        .find(|d| d.id.eq_ignore_ascii_case(id))
        .map(|d| d.id.as_str())
}

/// The agreement's spelling of a risico id (matched case-insensitively).
fn canoniek_risico<'a>(afspraken: &'a Afspraken, id: &str) -> Option<&'a str> {
    afspraken
        .risicos
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
        .map(|r| r.id.as_str())
}

/// Rejects every row whose key (`sleutel`) occurs more than once, at column `k`.
fn keur_dubbel_af(t: &mut Tabel, k: usize, soort: &'static str, sleutel: impl Fn(&Tabel, usize) -> Option<String>) {
    let groepen = dubbele_groepen((0..t.len()).map(|i| sleutel(t, i)));
    let naam = t.schema[k].naam;
    t.keur_groepen_af(k, &groepen, soort, |w, regels| {
        format!("{naam} '{w}' komt meer dan eens voor (regels {regels})")
    });
}

/// `tekst` with every BSN-like number masked, a warning per line that had one; `sectie` names
/// the part of the file a line is in (from the line index, 0-based). Line ends are kept.
fn maskeer_regels<'a>(
    bestand: &str,
    tekst: &str,
    sectie: impl Fn(usize) -> &'a str,
    waarschuwingen: &mut Vec<Waarschuwing>,
) -> String {
    if !bevat_bsn_token(tekst) {
        return tekst.to_string();
    }
    let mut uit = String::with_capacity(tekst.len());
    for (i, regel) in tekst.split_inclusive('\n').enumerate() {
        if bevat_bsn_token(regel) {
            waarschuwingen.push(bsn_waarschuwing(bestand, i + 1, sectie(i)));
            uit.push_str(&maskeer(regel));
        } else {
            uit.push_str(regel);
        }
    }
    uit
}

/// The werksoort a `## ` heading line starts, if it is one: the heading text starts with a
/// werksoort code (case-insensitive) followed by the end or a character that is no letter or
/// digit. `None` for other lines; `Some(None)` for a level-2 heading of no werksoort.
fn kop<'a>(regel: &str, werksoorten: &[&'a str]) -> Option<Option<&'a str>> {
    let t = regel.trim_start();
    let rest = t.strip_prefix("##")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let tekst = rest.trim();
    let ws = werksoorten.iter().copied().find(|code| {
        tekst.get(..code.len()).is_some_and(|p| p.eq_ignore_ascii_case(code))
            && tekst[code.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    });
    Some(ws)
}

/// Splits a toelichting Markdown file by its `## <WERKSOORT>` headings (see [`MarkdownTekst`]);
/// a fenced code block is never split. A BSN-like number anywhere is masked, with a warning in
/// `waarschuwingen` naming the line and the werksoort (or `algemeen`).
pub fn splits_markdown(
    bestand: &str,
    tekst: &str,
    werksoorten: &[&str],
    waarschuwingen: &mut Vec<Waarschuwing>,
) -> MarkdownTekst {
    let mut algemeen = String::new();
    let mut per: BTreeMap<String, String> = BTreeMap::new();
    let mut huidig: Option<&str> = None;
    let mut in_code = false;
    for (i, regel) in tekst.lines().enumerate() {
        let t = regel.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        } else if !in_code && let Some(k) = kop(regel, werksoorten) {
            huidig = k;
            if k.is_some() {
                continue;
            }
        }
        let gemaskeerd;
        let regel = if bevat_bsn_token(regel) {
            waarschuwingen.push(bsn_waarschuwing(bestand, i + 1, huidig.unwrap_or("algemeen")));
            gemaskeerd = maskeer(regel);
            gemaskeerd.as_str()
        } else {
            regel
        };
        let doel = match huidig {
            Some(ws) => per.entry(ws.to_string()).or_default(),
            None => &mut algemeen,
        };
        doel.push_str(regel);
        doel.push('\n');
    }
    let per_werksoort: BTreeMap<String, String> = per
        .into_iter()
        .map(|(ws, t)| (ws, t.trim().to_string()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    MarkdownTekst {
        algemeen: algemeen.trim().to_string(),
        per_werksoort,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WS: [&str; 5] = crate::domein::werksoort::WERKSOORTEN;

    #[test]
    fn headings() {
        assert_eq!(kop("## ISW", &WS), Some(Some("ISW")));
        assert_eq!(kop("## isw – Individueel sociaal werk", &WS), Some(Some("ISW")));
        assert_eq!(kop("##JW", &WS), None);
        assert_eq!(kop("## JWX", &WS), Some(None));
        assert_eq!(kop("### ISW", &WS), None);
        assert_eq!(kop("## Overig", &WS), Some(None));
        assert_eq!(kop("ISW", &WS), None);
    }

    #[test]
    fn split_per_werksoort() {
        let md = "Inleiding.\n\n## ISW – Individueel\nDrukte.\n\n## Overig\nAlgemeen 2.\n## jw\nJongeren.\n```\n## CSW\n```\n## ISW\nMeer.\n";
        let mut w = Vec::new();
        let m = splits_markdown("k.md", md, &WS, &mut w);
        assert!(w.is_empty());
        assert_eq!(m.algemeen, "Inleiding.\n\n## Overig\nAlgemeen 2.");
        assert_eq!(m.per_werksoort.len(), 2);
        assert_eq!(m.per_werksoort["ISW"], "Drukte.\n\nMeer.");
        assert_eq!(m.per_werksoort["JW"], "Jongeren.\n```\n## CSW\n```");
    }

    #[test]
    fn bsn_in_markdown_is_masked_and_warned_not_echoed() {
        let mut w = Vec::new();
        let m = splits_markdown(
            "toelichting/2024-H1/knelpunten.md",
            "## ISW\nok\nclient 111222333 belde, dossier 1112223330\n",
            &WS,
            &mut w,
        );
        // 1112223330 has ten digits: not a BSN-like number, kept.
        assert_eq!(m.per_werksoort["ISW"], "ok\nclient ********* belde, dossier 1112223330");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].bestand, "toelichting/2024-H1/knelpunten.md");
        assert_eq!(w[0].regel, Some(3));
        assert!(w[0].melding.starts_with("kolom ISW: "), "{}", w[0].melding);
        assert!(!w[0].melding.contains("111222333"));
    }

    #[test]
    fn bsn_in_raad_md_is_masked_per_line() {
        let mut w = Vec::new();
        let t = maskeer_regels(
            "raad.md",
            "# Raad\r\n\r\nBSN123456782 en 111222333\r\n",
            |_| "tekst",
            &mut w,
        );
        assert_eq!(t, "# Raad\r\n\r\nBSN********* en *********\r\n");
        assert_eq!(w.iter().map(|w| w.regel).collect::<Vec<_>>(), vec![Some(3)]);
    }
}
