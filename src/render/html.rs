//! HTML rendering of any [`Document`]: one self-contained, semantic HTML5 file.
//!
//! Meant for the raadsinformatiesysteem (the published raadsinformatiebrief) and for reading on
//! screen: `lang="nl"`, a `<title>`, one `<h1>` (the document title) and section headings by
//! nesting, real tables with `<caption>` and `<th scope>`, inline SVG charts with `role="img"`,
//! `aria-label` and `<title>`, status shown with colour *and* symbol *and* words, an embedded
//! stylesheet in the house style with WCAG AA contrast, and print rules (A4, repeating table
//! headers). No scripts, no external resources. Deterministic: the same `Document` always gives
//! the same bytes.

use std::fmt::Write as _;

use super::document::{
    Blok, Cel, Document, Heatmap, Kaart, RijSoort, Sectie, Span, Stijl, Tabel, Toon, Uitlijning, kopdiepten,
};
use super::grafiek::{self, esc};

/// Renders the document as a complete HTML page.
///
/// ```
/// use domeinrapport::render::document::*;
/// let doc = Document {
///     soort: "raadsinformatie".into(),
///     titel: "Raadsinformatiebrief".into(),
///     ondertitel: None,
///     gemeente: "Gemeente Oss".into(),
///     aanbieder: "ONS welzijn".into(),
///     periode_label: "2024".into(),
///     peildatum_label: "31-12-2024".into(),
///     datum: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
///     stijl: Stijl::Brief,
///     kenmerken: vec![],
///     samenvatting: None,
///     secties: vec![Sectie::new("Voortgang", vec![Blok::alinea("Tekst & uitleg")])],
///     bijlagen: vec![],
///     markering: None,
/// };
/// let html = domeinrapport::render::html::render_html(&doc);
/// assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
/// assert!(html.contains("<h2 id=\"h-1\">Voortgang</h2>"));
/// assert!(html.contains("<p>Tekst &amp; uitleg</p>"));
/// ```
pub fn render_html(doc: &Document) -> String {
    let mut w = Schrijver {
        uit: String::with_capacity(64 * 1024),
        genummerd: doc.stijl == Stijl::Rapport,
        volgnummer: 0,
    };
    w.document(doc);
    w.uit
}

/// The house style as CSS: the colours of `report_templates/huisstijl.typ`.
const CSS: &str = r#"
:root{--primair:#1F3A5F;--accent:#245F96;--tint:#E8EEF5;--zebra:#F4F6F9;--lijn:#C3CDD8;--tekst:#1A1A1A;--grijs:#575757;
--goed:#1B6530;--goed-vlak:#E1F1E5;--goed-rand:#2E8B47;--slecht:#A11F1F;--slecht-vlak:#FBE5E5;--slecht-rand:#C62828;
--let_op:#704600;--let_op-vlak:#FFF0CC;--let_op-rand:#D08700;--neutraal:#3F3F3F;--neutraal-vlak:#EDEDED;--neutraal-rand:#8C8C8C}
*{box-sizing:border-box}
html{font-family:"Noto Sans","Segoe UI",Arial,Helvetica,sans-serif;font-size:100%;line-height:1.5;color:var(--tekst);background:#FFF}
body{margin:0 auto;max-width:60rem;padding:0 1.25rem 3rem}
a{color:var(--accent);text-decoration:underline}
a:focus{outline:3px solid var(--let_op-rand);outline-offset:2px}
.visueel-verborgen{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
header.documentkop{border-bottom:3px solid var(--primair);padding:1.5rem 0 1rem;margin-bottom:1.5rem}
.gemeente{font-weight:700;color:var(--primair);font-size:1.25rem;margin:0}
h1{color:var(--primair);font-size:2rem;line-height:1.2;margin:.75rem 0 .25rem}
.ondertitel{color:var(--grijs);font-size:1.2rem;margin:0 0 .75rem}
dl.kenmerken{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:1rem 0 0;font-size:.95rem}
dl.kenmerken dt{color:var(--grijs)}dl.kenmerken dd{margin:0}
.markering{border-left:4px solid #C62828;background:#FBE5E5;color:#A11F1F;padding:.5rem .75rem;margin:1rem 0 0}
h2,h3,h4,h5,h6{color:var(--primair);line-height:1.25;margin:2rem 0 .75rem}
h2{font-size:1.5rem;border-bottom:1px solid var(--lijn);padding-bottom:.3rem}
h3{font-size:1.2rem}h4{font-size:1.05rem}h5,h6{font-size:1rem;font-style:italic}
.nummer{margin-right:.25em}
nav.inhoud{background:var(--zebra);padding:.75rem 1.25rem;margin:1.5rem 0}
nav.inhoud h2{border:0;margin:.25rem 0 .5rem;font-size:1.2rem}
nav.inhoud ol{list-style:none;padding-left:0;margin:0}nav.inhoud ol ol{padding-left:1.5rem}
section.samenvatting{background:var(--tint);border-left:5px solid var(--primair);padding:.25rem 1.25rem 1rem;margin:1.5rem 0}
section.samenvatting h2{border:0;margin-top:1rem}
.tabel{overflow-x:auto;margin:1.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:700;color:var(--primair);padding:0 0 .4rem}
thead th{background:var(--primair);color:#FFF;font-weight:700;vertical-align:bottom}
th,td{padding:.3rem .45rem;text-align:left;vertical-align:top}
tbody th{font-weight:400}
tbody tr.gewoon.zebra{background:var(--zebra)}
tr.groepskop th{background:var(--tint);color:var(--primair);font-weight:700;border-top:1px solid var(--lijn)}
tr.subtotaal>*{font-weight:700;border-top:1px solid var(--grijs)}
tr.totaal>*{font-weight:700;border-top:2px solid var(--primair);background:var(--tint)}
table{border-bottom:2px solid var(--primair)}
.r{text-align:right}.m{text-align:center}
td.r,td.status{white-space:nowrap}
.vet{font-weight:700}
td.status,.status{font-weight:700}
.goed{color:var(--goed)}td.goed{background:var(--goed-vlak)}
.slecht{color:var(--slecht)}td.slecht{background:var(--slecht-vlak)}
.let_op{color:var(--let_op)}td.let_op{background:var(--let_op-vlak)}
.neutraal{color:var(--neutraal)}td.neutraal{background:var(--neutraal-vlak)}
.voetnoten{font-size:.8rem;color:var(--grijs);margin:.4rem 0 0}.voetnoten p{margin:.1rem 0}
figure.grafiek{margin:1.5rem 0}
figure.grafiek svg{width:100%;height:auto;max-width:40rem;display:block}
figcaption{font-weight:700;color:var(--primair);margin-bottom:.4rem}
ul.kaarten{list-style:none;padding:0;margin:1.25rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem}
.kaart{background:var(--zebra);border-left:5px solid var(--neutraal-rand);padding:.6rem .8rem}
.kaart.goed{border-color:var(--goed-rand)}.kaart.slecht{border-color:var(--slecht-rand)}.kaart.let_op{border-color:var(--let_op-rand)}
.kaart p{margin:0;color:var(--tekst)}.kaart .kaart-titel{font-size:.85rem;color:var(--grijs)}
.kaart .kaart-waarde{font-size:1.5rem;font-weight:700;color:var(--primair)}.kaart .kaart-toelichting{font-size:.85rem;font-weight:700}
table.heatmap{table-layout:fixed;max-width:40rem}
table.heatmap td{text-align:center;vertical-align:middle;height:4rem;border:2px solid #FFF}
table.heatmap .effect{display:block;font-size:.75rem}
.melding{border-left:5px solid;padding:.5rem .9rem;margin:1rem 0}
.melding.goed{background:var(--goed-vlak);border-color:var(--goed-rand)}
.melding.slecht{background:var(--slecht-vlak);border-color:var(--slecht-rand)}
.melding.let_op{background:var(--let_op-vlak);border-color:var(--let_op-rand)}
.melding.neutraal{background:var(--neutraal-vlak);border-color:var(--neutraal-rand)}
.symbool{font-weight:700;margin-right:.4em}
footer.documentvoet{border-top:1px solid var(--lijn);margin-top:3rem;padding-top:.75rem;font-size:.85rem;color:var(--grijs)}
@media print{
@page{size:A4;margin:2.2cm 2cm}
html{font-size:10pt}body{max-width:none;padding:0}
a{color:var(--tekst)}
nav.inhoud{display:none}
thead{display:table-header-group}
.ondertekening{margin:2rem 0 1rem}
.ondertekenaars{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1.5rem}
.ondertekenaars p{padding-top:2.6rem;margin:0}
tr,figure,.kaart,.melding,.ondertekening{break-inside:avoid}
h2,h3,h4{break-after:avoid}
section.hoofdstuk.rapport,section.bijlage{break-before:page}
.paginabreuk{break-after:page}
.tabel{overflow:visible}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"#;

/// Writes the page; tracks heading levels so none is skipped.
struct Schrijver {
    uit: String,
    /// Rapport style: numbered headings.
    genummerd: bool,
    /// Level (1 = `<h2>`) of the previous heading, for clamping `Kop` blocks.
    /// Running number for element ids of tables and heat maps.
    volgnummer: usize,
}

impl Schrijver {
    fn document(&mut self, doc: &Document) {
        let titel = esc(&doc.titel);
        let _ = write!(
            self.uit,
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{titel}</title>\n<meta name=\"author\" content=\"{}\">\n\
             <meta name=\"description\" content=\"{} — {}, {}\">\n\
             <meta name=\"generator\" content=\"domeinrapport {}\">\n<style>{CSS}</style>\n</head>\n<body>\n",
            esc(&doc.gemeente),
            titel,
            esc(&doc.aanbieder),
            esc(&doc.periode_label),
            env!("CARGO_PKG_VERSION"),
        );

        // Document head: municipality, title, subtitle, kenmerken.
        self.uit.push_str("<header class=\"documentkop\">\n");
        let _ = writeln!(self.uit, "<p class=\"gemeente\">{}</p>", esc(&doc.gemeente));
        let _ = writeln!(self.uit, "<h1>{titel}</h1>");
        if let Some(o) = &doc.ondertitel {
            let _ = writeln!(self.uit, "<p class=\"ondertitel\">{}</p>", esc(o));
        }
        self.uit.push_str("<dl class=\"kenmerken\">\n");
        let mut kenmerken: Vec<(&str, &str)> = doc
            .kenmerken
            .iter()
            .map(|k| (k.label.as_str(), k.waarde.as_str()))
            .collect();
        for (label, waarde) in [
            ("Aanbieder", doc.aanbieder.as_str()),
            ("Periode", doc.periode_label.as_str()),
            ("Peildatum", doc.peildatum_label.as_str()),
        ] {
            if !kenmerken.iter().any(|(l, _)| *l == label) {
                kenmerken.push((label, waarde));
            }
        }
        for (label, waarde) in kenmerken {
            let _ = writeln!(self.uit, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(waarde));
        }
        self.uit.push_str("</dl>\n");
        if let Some(m) = &doc.markering {
            // Revision 3: a voorlopig report or a concept letter says so at the top.
            let _ = writeln!(
                self.uit,
                "<p class=\"markering\" role=\"note\"><strong>{}</strong> – {}</p>",
                esc(m),
                esc(super::status::uitleg(m).split_once(": ").map_or("", |(_, r)| r))
            );
        }
        self.uit.push_str("</header>\n");

        if doc.stijl == Stijl::Rapport && !doc.secties.is_empty() {
            self.inhoudsopgave(doc);
        }

        self.uit.push_str("<main>\n");
        if let Some(s) = &doc.samenvatting {
            self.uit
                .push_str("<section class=\"samenvatting\" aria-labelledby=\"samenvatting\">\n");
            let _ = writeln!(self.uit, "<h2 id=\"samenvatting\">{}</h2>", esc(&s.titel));
            self.blokken(&s.blokken, 1);
            self.uit.push_str("</section>\n");
        }
        for (i, s) in doc.secties.iter().enumerate() {
            self.sectie(s, &[i + 1], None);
        }
        for (i, s) in doc.bijlagen.iter().enumerate() {
            self.sectie(s, &[i + 1], Some(i + 1));
        }
        self.uit.push_str("</main>\n");
        let _ = writeln!(
            self.uit,
            "<footer class=\"documentvoet\"><p>{} · {} · {} · peildatum {}</p></footer>",
            esc(&doc.gemeente),
            esc(&doc.aanbieder),
            esc(&doc.periode_label),
            esc(&doc.peildatum_label)
        );
        self.uit.push_str("</body>\n</html>\n");
    }

    /// Table of contents: chapters and their first-level subsections.
    fn inhoudsopgave(&mut self, doc: &Document) {
        self.uit
            .push_str("<nav class=\"inhoud\" aria-labelledby=\"inhoud\">\n<h2 id=\"inhoud\">Inhoud</h2>\n<ol>\n");
        let regel = |uit: &mut String, pad: &[usize], titel: &str, bijlage: Option<usize>| {
            let _ = write!(
                uit,
                "<li><a href=\"#{}\">{}</a>",
                anker(pad, bijlage),
                self_nummer(pad, bijlage, self.genummerd)
                    .map(|n| format!("<span class=\"nummer\">{n}</span> "))
                    .unwrap_or_default()
                    + &esc(titel)
            );
        };
        for (i, s) in doc.secties.iter().enumerate() {
            regel(&mut self.uit, &[i + 1], &s.titel, None);
            if !s.subsecties.is_empty() {
                self.uit.push_str("\n<ol>\n");
                for (j, sub) in s.subsecties.iter().enumerate() {
                    regel(&mut self.uit, &[i + 1, j + 1], &sub.titel, None);
                    self.uit.push_str("</li>\n");
                }
                self.uit.push_str("</ol>\n");
            }
            self.uit.push_str("</li>\n");
        }
        for (i, s) in doc.bijlagen.iter().enumerate() {
            regel(&mut self.uit, &[i + 1], &s.titel, Some(i + 1));
            self.uit.push_str("</li>\n");
        }
        self.uit.push_str("</ol>\n</nav>\n");
    }

    fn sectie(&mut self, s: &Sectie, pad: &[usize], bijlage: Option<usize>) {
        let niveau = pad.len();
        let h = (niveau + 1).min(6);
        let klasse = match (bijlage, niveau, self.genummerd) {
            (Some(_), 1, _) => " class=\"bijlage\"",
            (None, 1, true) => " class=\"hoofdstuk rapport\"",
            (None, 1, false) => " class=\"hoofdstuk\"",
            _ => "",
        };
        let id = anker(pad, bijlage);
        let _ = writeln!(self.uit, "<section{klasse} aria-labelledby=\"{id}\">");
        let nummer = self_nummer(pad, bijlage, self.genummerd)
            .map(|n| format!("<span class=\"nummer\">{n}</span> "))
            .unwrap_or_default();
        let _ = writeln!(self.uit, "<h{h} id=\"{id}\">{nummer}{}</h{h}>", esc(&s.titel));
        self.blokken(&s.blokken, niveau);
        for (j, sub) in s.subsecties.iter().enumerate() {
            let mut p = pad.to_vec();
            p.push(j + 1);
            self.sectie(sub, &p, bijlage);
        }
        self.uit.push_str("</section>\n");
    }

    /// The blocks of one section at `niveau`; headings get their depth from the house style's
    /// one rule, [`kopdiepten`] (the PDF applies it too).
    fn blokken(&mut self, blokken: &[Blok], niveau: usize) {
        let niveaus: Vec<Option<u8>> = blokken
            .iter()
            .map(|b| match b {
                Blok::Kop { niveau, .. } => Some(*niveau),
                _ => None,
            })
            .collect();
        for (b, diepte) in blokken.iter().zip(kopdiepten(&niveaus)) {
            match (b, diepte) {
                (Blok::Kop { tekst, .. }, Some(d)) => {
                    let h = (niveau + usize::from(d)).min(5) + 1;
                    let _ = writeln!(self.uit, "<h{h}>{}</h{h}>", esc(tekst));
                }
                _ => self.blok(b, niveau),
            }
        }
    }

    fn blok(&mut self, b: &Blok, niveau: usize) {
        match b {
            Blok::Alinea(spans) => {
                let _ = writeln!(self.uit, "<p>{}</p>", spans_html(spans));
            }
            Blok::Opsomming { genummerd, items } => {
                let tag = if *genummerd { "ol" } else { "ul" };
                let _ = writeln!(self.uit, "<{tag}>");
                for item in items {
                    let _ = writeln!(self.uit, "<li>{}</li>", spans_html(item));
                }
                let _ = writeln!(self.uit, "</{tag}>");
            }
            Blok::Kop { .. } => self.blokken(std::slice::from_ref(b), niveau),
            Blok::Tabel(t) => self.tabel(t),
            Blok::Grafiek(g) => {
                let _ = writeln!(
                    self.uit,
                    "<figure class=\"grafiek\">\n<figcaption>{}</figcaption>\n{}\n</figure>",
                    esc(&g.titel),
                    grafiek::svg(g)
                );
            }
            Blok::Kaarten(kaarten) => self.kaarten(kaarten),
            Blok::Heatmap(h) => self.heatmap(h),
            Blok::Melding { toon, tekst } => {
                let _ = writeln!(
                    self.uit,
                    "<div class=\"melding {}\" role=\"note\"><p>{}{}</p></div>",
                    toon_klasse(*toon),
                    symbool_html(*toon),
                    esc(tekst)
                );
            }
            Blok::Ondertekening {
                afzender,
                ondertekenaars,
            } => {
                let _ = write!(
                    self.uit,
                    "<div class=\"ondertekening\">\n<p>{}</p>\n<div class=\"ondertekenaars\">",
                    esc(afzender)
                );
                for (functie, naam) in ondertekenaars {
                    let _ = write!(self.uit, "<p>{},<br><strong>{}</strong></p>", esc(functie), esc(naam));
                }
                self.uit.push_str("</div>\n</div>\n");
            }
            Blok::Paginabreuk => self
                .uit
                .push_str("<div class=\"paginabreuk\" aria-hidden=\"true\"></div>\n"),
        }
    }

    fn tabel(&mut self, t: &Tabel) {
        self.volgnummer += 1;
        let n = t.kolommen.len();
        self.uit.push_str("<div class=\"tabel\">\n<table");
        let beschrijving = t
            .samenvatting
            .as_ref()
            .map(|s| (format!("tabel-{}-uitleg", self.volgnummer), s));
        if let Some((id, _)) = &beschrijving {
            let _ = write!(self.uit, " aria-describedby=\"{id}\"");
        }
        self.uit.push_str(">\n");
        if let Some(titel) = &t.titel {
            let _ = writeln!(self.uit, "<caption>{}</caption>", esc(titel));
        }
        self.uit.push_str("<thead>\n<tr>");
        for k in &t.kolommen {
            let _ = write!(
                self.uit,
                "<th scope=\"col\"{}>{}</th>",
                uitlijning_klasse(k.uitlijning),
                esc(&k.kop)
            );
        }
        self.uit.push_str("</tr>\n</thead>\n<tbody>\n");
        // Each group (a `Groepskop` row and the rows under it) gets its own `<tbody>`, so that the
        // `scope="rowgroup"` header applies to that group only and not to the groups after it.
        // A total row after the groups likewise gets a `<tbody>` of its own.
        let mut tbody_leeg = true;
        let mut in_groep = false;
        let mut zebra = false;
        for rij in &t.rijen {
            let nieuwe_tbody = match rij.soort {
                RijSoort::Groepskop => true,
                RijSoort::Totaal => in_groep,
                RijSoort::Gewoon | RijSoort::Subtotaal => false,
            };
            if nieuwe_tbody && !tbody_leeg {
                self.uit.push_str("</tbody>\n<tbody>\n");
            }
            tbody_leeg = false;
            if rij.soort == RijSoort::Totaal {
                in_groep = false;
            }
            if rij.soort == RijSoort::Groepskop {
                in_groep = true;
                let tekst = rij.cellen.first().map(|c| c.tekst.as_str()).unwrap_or_default();
                let _ = writeln!(
                    self.uit,
                    "<tr class=\"groepskop\"><th scope=\"rowgroup\" colspan=\"{n}\">{}</th></tr>",
                    esc(tekst)
                );
                zebra = false;
                continue;
            }
            let klasse = match rij.soort {
                RijSoort::Gewoon => {
                    zebra = !zebra;
                    if zebra { "gewoon" } else { "gewoon zebra" }
                }
                RijSoort::Subtotaal => "subtotaal",
                RijSoort::Totaal => "totaal",
                RijSoort::Groepskop => unreachable!(),
            };
            let _ = write!(self.uit, "<tr class=\"{klasse}\">");
            let leeg = Cel::default();
            for (i, k) in t.kolommen.iter().enumerate() {
                let c = rij.cellen.get(i).unwrap_or(&leeg);
                let (tag, scope) = if i == 0 && t.rijkoppen {
                    ("th", " scope=\"row\"")
                } else {
                    ("td", "")
                };
                let mut klassen: Vec<&str> = Vec::new();
                match k.uitlijning {
                    Uitlijning::Rechts => klassen.push("r"),
                    Uitlijning::Midden => klassen.push("m"),
                    Uitlijning::Links => {}
                }
                if c.nadruk {
                    klassen.push("vet");
                }
                let inhoud = match c.toon {
                    Some(toon) => {
                        klassen.push("status");
                        klassen.push(toon_klasse(toon));
                        format!("{}{}", symbool_html(toon), esc(&c.tekst))
                    }
                    None => esc(&c.tekst),
                };
                let klasse = if klassen.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", klassen.join(" "))
                };
                let _ = write!(self.uit, "<{tag}{scope}{klasse}>{inhoud}</{tag}>");
            }
            self.uit.push_str("</tr>\n");
        }
        self.uit.push_str("</tbody>\n</table>\n");
        if let Some((id, tekst)) = &beschrijving {
            let _ = writeln!(
                self.uit,
                "<p id=\"{id}\" class=\"visueel-verborgen\">{}</p>",
                esc(tekst)
            );
        }
        if !t.voetnoten.is_empty() {
            self.uit.push_str("<div class=\"voetnoten\">\n");
            for v in &t.voetnoten {
                let _ = writeln!(self.uit, "<p>{}</p>", esc(v));
            }
            self.uit.push_str("</div>\n");
        }
        self.uit.push_str("</div>\n");
    }

    fn kaarten(&mut self, kaarten: &[Kaart]) {
        if kaarten.is_empty() {
            return;
        }
        self.uit.push_str("<ul class=\"kaarten\">\n");
        for k in kaarten {
            let _ = write!(
                self.uit,
                "<li class=\"kaart {}\"><p class=\"kaart-titel\">{}</p><p class=\"kaart-waarde\">{}</p>",
                toon_klasse(k.toon),
                esc(&k.titel),
                esc(&k.waarde)
            );
            if let Some(t) = &k.toelichting {
                let _ = write!(
                    self.uit,
                    "<p class=\"kaart-toelichting {}\">{}{}</p>",
                    toon_klasse(k.toon),
                    symbool_html(k.toon),
                    esc(t)
                );
            }
            self.uit.push_str("</li>\n");
        }
        self.uit.push_str("</ul>\n");
    }

    fn heatmap(&mut self, h: &Heatmap) {
        self.volgnummer += 1;
        let id = format!("heatmap-{}-uitleg", self.volgnummer);
        let naam = ["laag", "midden", "hoog"];
        let _ = write!(
            self.uit,
            "<div class=\"tabel\">\n<table class=\"heatmap\" aria-describedby=\"{id}\">\n<caption>{}</caption>\n\
             <thead>\n<tr><th scope=\"col\">Kans \\ schade</th>",
            esc(&h.titel)
        );
        for s in 1..=3 {
            let _ = write!(
                self.uit,
                "<th scope=\"col\" class=\"m\">Schade {s} ({})</th>",
                naam[s - 1]
            );
        }
        self.uit.push_str("</tr>\n</thead>\n<tbody>\n");
        for kans in (1..=3u8).rev() {
            let _ = write!(
                self.uit,
                "<tr><th scope=\"row\">Kans {kans} ({})</th>",
                naam[kans as usize - 1]
            );
            for schade in 1..=3u8 {
                let ids: Vec<&str> = h
                    .cellen
                    .iter()
                    .filter(|c| c.kans == kans && c.schade == schade)
                    .flat_map(|c| c.ids.iter().map(String::as_str))
                    .collect();
                let effect = kans * schade;
                let (toon, woord) = match effect {
                    1..=2 => (Toon::Goed, "laag"),
                    3..=4 => (Toon::LetOp, "midden"),
                    _ => (Toon::Slecht, "hoog"),
                };
                let inhoud = if ids.is_empty() {
                    "<span aria-label=\"geen risico's\">–</span>".to_string()
                } else {
                    format!("<strong>{}</strong>", esc(&ids.join(", ")))
                };
                let _ = write!(
                    self.uit,
                    "<td class=\"{}\"><span class=\"effect\">effect {effect} ({woord})</span>{inhoud}</td>",
                    toon_klasse(toon)
                );
            }
            self.uit.push_str("</tr>\n");
        }
        let _ = writeln!(
            self.uit,
            "</tbody>\n</table>\n<p id=\"{id}\" class=\"visueel-verborgen\">{}</p>\n</div>",
            esc(&h.alt)
        );
    }
}

/// The visible number of a heading: `1.2` in a Rapport, `Bijlage 1` / `B1.2` for appendices.
fn self_nummer(pad: &[usize], bijlage: Option<usize>, genummerd: bool) -> Option<String> {
    let pad_tekst = pad.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(".");
    match bijlage {
        Some(b) if pad.len() == 1 => Some(format!("Bijlage {b}")),
        Some(_) => Some(format!("B{pad_tekst}")),
        None if genummerd => Some(pad_tekst),
        None => None,
    }
}

/// Element id of a section heading: `h-1-2`, `bijlage-1-2`.
fn anker(pad: &[usize], bijlage: Option<usize>) -> String {
    let pad_tekst = pad.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("-");
    match bijlage {
        Some(_) => format!("bijlage-{pad_tekst}"),
        None => format!("h-{pad_tekst}"),
    }
}

fn toon_klasse(t: Toon) -> &'static str {
    match t {
        Toon::Goed => "goed",
        Toon::Slecht => "slecht",
        Toon::LetOp => "let_op",
        Toon::Neutraal => "neutraal",
    }
}

/// The status symbol, hidden from screen readers (the words carry the meaning).
fn symbool_html(t: Toon) -> String {
    match t.symbool() {
        "" => String::new(),
        s => format!("<span class=\"symbool\" aria-hidden=\"true\">{s}</span>"),
    }
}

fn uitlijning_klasse(u: Uitlijning) -> &'static str {
    match u {
        Uitlijning::Links => "",
        Uitlijning::Rechts => " class=\"r\"",
        Uitlijning::Midden => " class=\"m\"",
    }
}

/// Inline spans as HTML: `<strong>`, `<em>`, `<a href>`. A link whose target is not an http,
/// https or mailto address ([`super::markdown::veilige_link`]) is written as plain text, whoever
/// made the span.
fn spans_html(spans: &[Span]) -> String {
    let mut uit = String::new();
    for s in spans {
        let mut t = esc(&s.tekst);
        if s.cursief {
            t = format!("<em>{t}</em>");
        }
        if s.vet {
            t = format!("<strong>{t}</strong>");
        }
        if let Some(doel) = s.link.as_deref().and_then(super::markdown::veilige_link) {
            t = format!("<a href=\"{}\">{t}</a>", esc(&doel));
        }
        uit.push_str(&t);
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::{Kolom, Rij};

    #[test]
    fn table_has_caption_scoped_headers_status_text_and_alignment() {
        let mut t = Tabel::new(
            vec![
                Kolom::links("Indicator"),
                Kolom::rechts("Waarde"),
                Kolom::midden("Status"),
            ],
            vec![
                Rij::groepskop("ISW"),
                Rij::van(
                    RijSoort::Gewoon,
                    vec![
                        Cel::new("Binnen 4 weken"),
                        Cel::new("90,6%"),
                        Cel::met_toon("gehaald", Toon::Goed),
                    ],
                ),
                Rij::van(RijSoort::Totaal, vec![Cel::new("Totaal"), Cel::vet("1.234")]),
            ],
        );
        t.titel = Some("Indicatoren".into());
        t.samenvatting = Some("Uitleg".into());
        let mut w = Schrijver {
            uit: String::new(),
            genummerd: true,
            volgnummer: 0,
        };
        w.tabel(&t);
        let h = w.uit;
        assert!(h.contains("<table aria-describedby=\"tabel-1-uitleg\">"));
        assert!(h.contains("<caption>Indicatoren</caption>"));
        assert!(h.contains("<th scope=\"col\" class=\"r\">Waarde</th>"));
        assert!(h.contains("<tr class=\"groepskop\"><th scope=\"rowgroup\" colspan=\"3\">ISW</th></tr>"));
        assert!(h.contains("<th scope=\"row\">Binnen 4 weken</th><td class=\"r\">90,6%</td>"));
        assert!(
            h.contains("<td class=\"m status goed\"><span class=\"symbool\" aria-hidden=\"true\">✓</span>gehaald</td>")
        );
        // The missing third cell of the total row is an empty cell, so columns stay aligned.
        assert!(h.contains(
            "<tr class=\"totaal\"><th scope=\"row\">Totaal</th><td class=\"r vet\">1.234</td><td class=\"m\"></td></tr>"
        ));
        assert!(h.contains("<p id=\"tabel-1-uitleg\" class=\"visueel-verborgen\">Uitleg</p>"));
    }

    #[test]
    fn each_group_and_the_grand_total_get_their_own_tbody() {
        let gewoon = |a: &str, b: &str| Rij::van(RijSoort::Gewoon, vec![Cel::new(a), Cel::new(b)]);
        let t = Tabel::new(
            vec![Kolom::links("Indicator"), Kolom::rechts("Waarde")],
            vec![
                Rij::groepskop("ISW"),
                gewoon("Aanmeldingen", "2.021"),
                Rij::van(RijSoort::Subtotaal, vec![Cel::new("Subtotaal"), Cel::new("2.021")]),
                Rij::groepskop("CSW"),
                gewoon("Aanmeldingen", "624"),
                Rij::van(RijSoort::Totaal, vec![Cel::new("Totaal"), Cel::new("2.645")]),
            ],
        );
        let mut w = Schrijver {
            uit: String::new(),
            genummerd: false,
            volgnummer: 0,
        };
        w.tabel(&t);
        let body = &w.uit[w.uit.find("<tbody>").unwrap()..w.uit.find("</table>").unwrap()];
        assert_eq!(
            body,
            "<tbody>\n\
             <tr class=\"groepskop\"><th scope=\"rowgroup\" colspan=\"2\">ISW</th></tr>\n\
             <tr class=\"gewoon\"><th scope=\"row\">Aanmeldingen</th><td class=\"r\">2.021</td></tr>\n\
             <tr class=\"subtotaal\"><th scope=\"row\">Subtotaal</th><td class=\"r\">2.021</td></tr>\n\
             </tbody>\n<tbody>\n\
             <tr class=\"groepskop\"><th scope=\"rowgroup\" colspan=\"2\">CSW</th></tr>\n\
             <tr class=\"gewoon\"><th scope=\"row\">Aanmeldingen</th><td class=\"r\">624</td></tr>\n\
             </tbody>\n<tbody>\n\
             <tr class=\"totaal\"><th scope=\"row\">Totaal</th><td class=\"r\">2.645</td></tr>\n\
             </tbody>\n"
        );

        // Without groups a total row stays in the single tbody.
        let t = Tabel::new(
            vec![Kolom::links("Indicator")],
            vec![gewoon("a", ""), Rij::van(RijSoort::Totaal, vec![Cel::new("Totaal")])],
        );
        w.uit.clear();
        w.tabel(&t);
        assert_eq!(w.uit.matches("<tbody>").count(), 1);
    }

    #[test]
    fn kop_levels_never_skip_and_siblings_stay_level() {
        let mut w = Schrijver {
            uit: String::new(),
            genummerd: false,
            volgnummer: 0,
        };
        let kop = |niveau: u8, tekst: &str| Blok::Kop {
            niveau,
            tekst: tekst.into(),
        };
        // Under a level-1 section: 3 is raised to h3 (no skip), 2 stays its sibling, and the
        // two 3s under it are siblings at h4 (not cascading).
        w.blokken(&[kop(3, "a"), kop(2, "b"), kop(3, "c"), kop(3, "d")], 1);
        assert_eq!(w.uit, "<h3>a</h3>\n<h3>b</h3>\n<h4>c</h4>\n<h4>d</h4>\n");
    }

    #[test]
    fn a_span_with_an_unsafe_target_is_plain_text() {
        let html = spans_html(&[
            Span::link("klik", "javascript:alert(5)"),
            Span::link("ok", "mailto:a@oss.nl"),
        ]);
        assert_eq!(html, "klik<a href=\"mailto:a@oss.nl\">ok</a>");
    }

    #[test]
    fn spans_are_escaped_and_nested() {
        let s = vec![
            Span::vet("<b>"),
            Span::link("hier", "https://oss.nl/?a=1&b=\"2\""),
            Span {
                tekst: "x".into(),
                vet: true,
                cursief: true,
                link: None,
            },
        ];
        assert_eq!(
            spans_html(&s),
            "<strong>&lt;b&gt;</strong><a href=\"https://oss.nl/?a=1&amp;b=&quot;2&quot;\">hier</a><strong><em>x</em></strong>"
        );
    }
}
