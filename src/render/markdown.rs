//! Markdown from the toelichting (`ontwikkelingen.md`, `knelpunten.md`, `aanbevelingen.md`,
//! `raad.md`) turned into [`Blok`]s of the generic [`Document`](super::document::Document).
//!
//! Parsing is done by pulldown-cmark (CommonMark plus tables); this module only maps its events:
//! - headings → [`Blok::Kop`], levels made relative: the highest heading level in the text
//!   becomes `niveau` 1 (a text under a `## ISW` section usually starts at `###`);
//! - paragraphs → [`Blok::Alinea`] with [`Span`]s for bold, italic and links; inline code and
//!   code blocks become plain text;
//! - bullet and numbered lists → [`Blok::Opsomming`]; nested lists are flattened into the items
//!   of the outermost list, each nested item prefixed with `– ` (bullets) or its number
//!   (`1. `), repeated indentation marks showing deeper levels;
//! - block quotes → paragraphs in italics;
//! - tables → [`Blok::Tabel`] with plain cell texts;
//! - raw HTML is left out, a horizontal rule is ignored, an image shows its alt text;
//! - a link becomes a link only when its target is an `http`, `https` or `mailto` address (see
//!   [`veilige_link`]); any other target (`javascript:`, `data:`, `vbscript:`, a relative path,
//!   an empty or over-long target, also when written with entities or as a reference) leaves
//!   the link text as plain text. The check is on the target as the Markdown parser decodes it,
//!   so `javascript&#58;…` is caught as `javascript:…`.
//!
//! The result never contains Markdown syntax: `**`, `_` or `##` only survive when the author
//! escaped them (`\*\*`).

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::document::{Blok, Kolom, Rij, Span, Tabel};

/// Converts Markdown text to document blocks (see the module docs for the mapping).
///
/// ```
/// use domeinrapport::render::document::{Blok, Span};
/// use domeinrapport::render::markdown::naar_blokken;
///
/// let blokken = naar_blokken("Wachtlijst **gedaald**.");
/// assert_eq!(
///     blokken,
///     vec![Blok::Alinea(vec![Span::tekst("Wachtlijst "), Span::vet("gedaald"), Span::tekst(".")])]
/// );
/// ```
pub fn naar_blokken(md: &str) -> Vec<Blok> {
    let opties = Options::ENABLE_TABLES;
    let events: Vec<Event<'_>> = Parser::new_ext(md, opties).collect();
    let hoogste = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(niveau_getal(*level)),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut o = Omzetter {
        hoogste_kop: hoogste,
        ..Omzetter::default()
    };
    for e in events {
        o.event(e);
    }
    o.sluit_af();
    o.blokken
}

/// The longest link target kept (characters); a longer one is shown as text.
pub const MAX_LINK_TEKENS: usize = 2000;

/// The link target when it is safe to publish as a link: an `http://`, `https://` or `mailto:`
/// address (scheme case-insensitive) of at most [`MAX_LINK_TEKENS`] characters, without white
/// space or control characters, with something after the scheme. `None` for anything else.
///
/// ```
/// use domeinrapport::render::markdown::veilige_link;
///
/// assert_eq!(veilige_link(" https://www.oss.nl/raad "), Some("https://www.oss.nl/raad".to_string()));
/// assert_eq!(veilige_link("MAILTO:griffie@oss.nl"), Some("MAILTO:griffie@oss.nl".to_string()));
/// assert_eq!(veilige_link("javascript:alert(5)"), None);
/// assert_eq!(veilige_link("https://"), None);
/// ```
pub fn veilige_link(doel: &str) -> Option<String> {
    let doel = doel.trim();
    if doel.len() > MAX_LINK_TEKENS * 4 || doel.chars().count() > MAX_LINK_TEKENS {
        return None;
    }
    if doel.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (schema, rest) = doel.split_once(':')?;
    let toegestaan = ["http", "https", "mailto"]
        .iter()
        .any(|s| schema.eq_ignore_ascii_case(s));
    let rest = match schema.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.strip_prefix("//")?,
        _ => rest,
    };
    (toegestaan && !rest.is_empty() && !rest.starts_with('/')).then(|| doel.to_string())
}

fn niveau_getal(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// One open list: its kind, the next number and the item being built.
#[derive(Debug, Default)]
struct Lijst {
    genummerd: bool,
    nummer: u64,
    /// Spans of the current item (with its prefix for nested lists).
    item: Vec<Span>,
    /// Whether `item` holds text beyond its prefix.
    inhoud: bool,
}

/// A table being collected.
#[derive(Debug, Default)]
struct TabelBouw {
    kop: Vec<String>,
    rijen: Vec<Vec<String>>,
    in_kop: bool,
    rij: Vec<String>,
}

#[derive(Debug, Default)]
struct Omzetter {
    blokken: Vec<Blok>,
    hoogste_kop: u8,
    /// Inline spans of the paragraph, heading or item text being read.
    inline: Vec<Span>,
    vet: usize,
    cursief: usize,
    /// The open links' targets; `None` for a target that is not shown as a link.
    links: Vec<Option<String>>,
    citaat: usize,
    lijsten: Vec<Lijst>,
    /// Items of the outermost open list (nested items flattened into it).
    items: Vec<Vec<Span>>,
    tabel: Option<TabelBouw>,
    /// Inside a code block: its text goes out as a plain paragraph.
    code: Option<String>,
    /// Inside an image: its alt text is kept, in italics.
    afbeelding: usize,
}

impl Omzetter {
    fn event(&mut self, e: Event<'_>) {
        match e {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.einde(tag),
            Event::Text(t) => {
                if let Some(code) = self.code.as_mut() {
                    code.push_str(&t);
                } else {
                    self.tekst(&t);
                }
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.tekst(&t),
            Event::SoftBreak | Event::HardBreak => self.tekst(" "),
            Event::FootnoteReference(t) => self.tekst(&format!("[{t}]")),
            Event::TaskListMarker(klaar) => self.tekst(if klaar { "☑ " } else { "☐ " }),
            // Raw HTML is not shown (it would be markup in the report); a rule is decoration.
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } => {}
            Tag::BlockQuote(_) => {
                self.paragraaf_af();
                self.citaat += 1;
            }
            Tag::CodeBlock(_) => {
                self.paragraaf_af();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                // A nested list: the text of the parent item goes out first.
                if let Some(ouder) = self.lijsten.last_mut() {
                    ouder.inhoud |= heeft_tekst(&self.inline);
                    ouder.item.append(&mut self.inline);
                    if ouder.inhoud {
                        let item = std::mem::take(&mut ouder.item);
                        self.items.push(samenvoegen(item));
                    }
                    ouder.item.clear();
                    ouder.inhoud = false;
                } else {
                    self.paragraaf_af();
                }
                self.lijsten.push(Lijst {
                    genummerd: start.is_some(),
                    nummer: start.unwrap_or(1),
                    ..Lijst::default()
                });
            }
            Tag::Item => {
                let diepte = self.lijsten.len();
                if let Some(l) = self.lijsten.last_mut() {
                    l.item.clear();
                    l.inhoud = false;
                    if diepte > 1 {
                        let inspringing = "– ".repeat(diepte - 2);
                        let teken = if l.genummerd {
                            format!("{}. ", l.nummer)
                        } else {
                            "– ".to_string()
                        };
                        l.item.push(Span::tekst(format!("{inspringing}{teken}")));
                    }
                    l.nummer += 1;
                }
            }
            Tag::Table(_) => {
                self.paragraaf_af();
                self.tabel = Some(TabelBouw::default());
            }
            Tag::TableHead => {
                if let Some(t) = self.tabel.as_mut() {
                    t.in_kop = true;
                }
            }
            Tag::TableRow | Tag::TableCell => {}
            Tag::Emphasis => self.cursief += 1,
            Tag::Strong => self.vet += 1,
            Tag::Link {
                link_type, dest_url, ..
            } => {
                // An e-mail autolink (`<griffie@oss.nl>`) has its address without the scheme.
                let doel = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                self.links.push(veilige_link(&doel));
            }
            Tag::Image { .. } => self.afbeelding += 1,
            Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn einde(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => self.paragraaf_af(),
            TagEnd::Heading(level) => {
                let spans = std::mem::take(&mut self.inline);
                let tekst = spans.iter().map(|s| s.tekst.as_str()).collect::<String>();
                let tekst = tekst.trim().to_string();
                if !tekst.is_empty() {
                    let niveau = niveau_getal(level).saturating_sub(self.hoogste_kop) + 1;
                    if self.lijsten.is_empty() {
                        self.blokken.push(Blok::Kop { niveau, tekst });
                    } else {
                        self.inline.push(Span::vet(tekst));
                        self.paragraaf_af();
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                self.paragraaf_af();
                self.citaat = self.citaat.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let regels: Vec<&str> = code.lines().map(str::trim_end).filter(|r| !r.is_empty()).collect();
                    if !regels.is_empty() {
                        self.inline.push(Span::tekst(regels.join(" ")));
                        self.paragraaf_af();
                    }
                }
            }
            TagEnd::Item => {
                if let Some(l) = self.lijsten.last_mut() {
                    l.inhoud |= heeft_tekst(&self.inline);
                    l.item.append(&mut self.inline);
                    if l.inhoud {
                        let item = std::mem::take(&mut l.item);
                        self.items.push(samenvoegen(item));
                    }
                    l.item.clear();
                    l.inhoud = false;
                }
            }
            TagEnd::List(_) => {
                let lijst = self.lijsten.pop();
                if self.lijsten.is_empty() {
                    let items = std::mem::take(&mut self.items);
                    if !items.is_empty() {
                        self.blokken.push(Blok::Opsomming {
                            genummerd: lijst.is_some_and(|l| l.genummerd),
                            items,
                        });
                    }
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.tabel.take() {
                    let breedte = t.rijen.iter().map(Vec::len).chain([t.kop.len()]).max().unwrap_or(0);
                    let kolommen = (0..breedte)
                        .map(|i| Kolom::links(t.kop.get(i).cloned().unwrap_or_default()))
                        .collect();
                    let rijen = t.rijen.into_iter().map(Rij::new).collect();
                    let mut tabel = Tabel::new(kolommen, rijen);
                    tabel.rijkoppen = false;
                    self.blokken.push(Blok::Tabel(tabel));
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.tabel.as_mut() {
                    t.in_kop = false;
                    // Without a TableRow inside the head, the head cells are collected in `rij`.
                    t.kop = std::mem::take(&mut t.rij);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.tabel.as_mut() {
                    let rij = std::mem::take(&mut t.rij);
                    if t.in_kop {
                        t.kop = rij;
                    } else {
                        t.rijen.push(rij);
                    }
                }
            }
            TagEnd::TableCell => {
                let spans = std::mem::take(&mut self.inline);
                let tekst = spans.iter().map(|s| s.tekst.as_str()).collect::<String>();
                if let Some(t) = self.tabel.as_mut() {
                    t.rij.push(tekst.trim().to_string());
                }
            }
            TagEnd::Emphasis => self.cursief = self.cursief.saturating_sub(1),
            TagEnd::Strong => self.vet = self.vet.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::Image => self.afbeelding = self.afbeelding.saturating_sub(1),
            TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Adds text to the current inline run with the current emphasis and link.
    fn tekst(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        let span = Span {
            tekst: t.to_string(),
            vet: self.vet > 0,
            cursief: self.cursief > 0 || self.citaat > 0 || self.afbeelding > 0,
            link: self.links.last().cloned().flatten(),
        };
        self.inline.push(span);
    }

    /// Ends the paragraph being read: into the open list item, or as an [`Blok::Alinea`].
    fn paragraaf_af(&mut self) {
        if self.inline.is_empty() {
            return;
        }
        let spans = std::mem::take(&mut self.inline);
        if let Some(l) = self.lijsten.last_mut() {
            if l.inhoud {
                l.item.push(Span::tekst(" "));
            }
            l.inhoud |= heeft_tekst(&spans);
            l.item.extend(spans);
            return;
        }
        let spans = samenvoegen(spans);
        if heeft_tekst(&spans) {
            self.blokken.push(Blok::Alinea(spans));
        }
    }

    /// Flushes whatever is still open at the end of the text.
    fn sluit_af(&mut self) {
        self.paragraaf_af();
        while !self.lijsten.is_empty() {
            self.einde(TagEnd::List(false));
        }
    }
}

/// Whether the spans hold any visible text.
fn heeft_tekst(spans: &[Span]) -> bool {
    spans.iter().any(|s| !s.tekst.trim().is_empty())
}

/// Joins neighbouring spans with the same style and trims the run's outer whitespace.
fn samenvoegen(spans: Vec<Span>) -> Vec<Span> {
    let mut uit: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match uit.last_mut() {
            Some(v) if v.vet == s.vet && v.cursief == s.cursief && v.link == s.link => v.tekst.push_str(&s.tekst),
            _ => uit.push(s),
        }
    }
    if let Some(eerste) = uit.first_mut() {
        eerste.tekst = eerste.tekst.trim_start().to_string();
    }
    if let Some(laatste) = uit.last_mut() {
        laatste.tekst = laatste.tekst.trim_end().to_string();
    }
    uit.retain(|s| !s.tekst.is_empty());
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alle_tekst(blokken: &[Blok]) -> String {
        let mut t = String::new();
        for b in blokken {
            match b {
                Blok::Alinea(s) => t.extend(s.iter().map(|s| s.tekst.clone())),
                Blok::Opsomming { items, .. } => {
                    for i in items {
                        t.extend(i.iter().map(|s| s.tekst.clone()));
                    }
                }
                Blok::Kop { tekst, .. } => t.push_str(tekst),
                _ => {}
            }
            t.push('\n');
        }
        t
    }

    #[test]
    fn paragraph_with_emphasis_and_link() {
        let b = naar_blokken("Zie *het plan* en **de [notitie](https://oss.nl/n)**.\nTweede regel.");
        assert_eq!(
            b,
            vec![Blok::Alinea(vec![
                Span::tekst("Zie "),
                Span::cursief("het plan"),
                Span::tekst(" en "),
                Span::vet("de "),
                Span {
                    tekst: "notitie".into(),
                    vet: true,
                    cursief: false,
                    link: Some("https://oss.nl/n".into())
                },
                Span::tekst(". Tweede regel."),
            ])]
        );
    }

    /// Every link target in the blocks.
    fn links(blokken: &[Blok]) -> Vec<String> {
        let mut v = Vec::new();
        for b in blokken {
            let spans: Vec<&Span> = match b {
                Blok::Alinea(s) => s.iter().collect(),
                Blok::Opsomming { items, .. } => items.iter().flatten().collect(),
                _ => vec![],
            };
            v.extend(spans.iter().filter_map(|s| s.link.clone()));
        }
        v
    }

    #[test]
    fn only_http_https_and_mailto_links_stay_links() {
        let md = "[a](javascript:alert(5)) [b](JaVaScRiPt:alert(1)) [c](javascript&#58;alert(2)) \
                  [d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:msgbox) [f][ref] [g]() \
                  [h](/relatief) [i](ftp://x.nl) <javascript:alert(3)> [j](https://) \
                  [k](&#x6A;avascript:alert(4)) [l](<java script:x>)\n\n\
                  [ok1](https://www.oss.nl/raad) [ok2](HTTP://oss.nl) [ok3](mailto:griffie@oss.nl) \
                  <https://oss.nl/auto> <griffie@oss.nl>\n\n[ref]: javascript:alert(6)\n";
        let b = naar_blokken(md);
        assert_eq!(
            links(&b),
            [
                "https://www.oss.nl/raad",
                "HTTP://oss.nl",
                "mailto:griffie@oss.nl",
                "https://oss.nl/auto",
                "mailto:griffie@oss.nl"
            ]
        );
        // The text of a refused link stays visible as plain text.
        let tekst = alle_tekst(&b);
        for t in ["a b c d e f g h i", "j k l", "ok1 ok2 ok3"] {
            assert!(tekst.contains(t), "{t} in {tekst}");
        }
        let lang = format!("[x](https://oss.nl/{})", "a".repeat(MAX_LINK_TEKENS));
        assert!(links(&naar_blokken(&lang)).is_empty());
    }

    #[test]
    fn headings_are_relative_to_the_highest() {
        let b = naar_blokken("### Wachtlijst\n\nTekst.\n\n#### Oorzaak\n\nMeer.");
        assert_eq!(
            b,
            vec![
                Blok::Kop {
                    niveau: 1,
                    tekst: "Wachtlijst".into()
                },
                Blok::alinea("Tekst."),
                Blok::Kop {
                    niveau: 2,
                    tekst: "Oorzaak".into()
                },
                Blok::alinea("Meer."),
            ]
        );
    }

    #[test]
    fn nested_lists_are_flattened() {
        let md = "- Eén\n  - een a\n  - een b\n- Twee `code`\n\n1. eerst\n2. dan\n";
        let b = naar_blokken(md);
        assert_eq!(
            b,
            vec![
                Blok::Opsomming {
                    genummerd: false,
                    items: vec![
                        vec![Span::tekst("Eén")],
                        vec![Span::tekst("– een a")],
                        vec![Span::tekst("– een b")],
                        vec![Span::tekst("Twee code")],
                    ]
                },
                Blok::Opsomming {
                    genummerd: true,
                    items: vec![vec![Span::tekst("eerst")], vec![Span::tekst("dan")]]
                },
            ]
        );
    }

    #[test]
    fn loose_list_items_and_numbered_nested() {
        let md = "- Eerste alinea.\n\n  Tweede alinea.\n\n  1. sub\n  2. sub twee\n- Laatste\n";
        let b = naar_blokken(md);
        assert_eq!(
            b,
            vec![Blok::Opsomming {
                genummerd: false,
                items: vec![
                    vec![Span::tekst("Eerste alinea. Tweede alinea.")],
                    vec![Span::tekst("1. sub")],
                    vec![Span::tekst("2. sub twee")],
                    vec![Span::tekst("Laatste")],
                ]
            }]
        );
    }

    #[test]
    fn quote_code_table_and_html() {
        let md = "> Citaat van een inwoner\n\n```\nregel 1\nregel 2\n```\n\n| a | b |\n|---|---|\n| 1 | **2** |\n\n<div>weg</div>\n";
        let b = naar_blokken(md);
        assert_eq!(b[0], Blok::Alinea(vec![Span::cursief("Citaat van een inwoner")]));
        assert_eq!(b[1], Blok::alinea("regel 1 regel 2"));
        let Blok::Tabel(t) = &b[2] else { panic!("{:?}", b[2]) };
        assert_eq!(
            t.kolommen.iter().map(|k| k.kop.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(t.rijen.len(), 1);
        assert_eq!(t.rijen[0].cellen[1].tekst, "2");
        assert_eq!(b.len(), 3, "{b:?}");
    }

    #[test]
    fn no_markdown_syntax_survives() {
        let md = "## Kop\n\n**vet** en __ook vet__ en _schuin_ met [link](x) en `code`.\n\n* item **vet**\n* item *schuin*\n";
        let t = alle_tekst(&naar_blokken(md));
        for teken in ["**", "__", "##", "](", "`", "* "] {
            assert!(!t.contains(teken), "{teken} in {t}");
        }
        assert!(t.contains("vet en ook vet en schuin met link en code."), "{t}");
    }

    #[test]
    fn empty_text_gives_no_blocks() {
        assert!(naar_blokken("").is_empty());
        assert!(naar_blokken("  \n\n").is_empty());
    }
}
