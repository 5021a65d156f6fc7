//! The status mark of a report (revision 3): a voorlopig report and a concept raad letter carry
//! a visible mark on the cover or letter head and on every page; a final report carries none.

use crate::domein::status::Rapportstatus;

/// The mark for a report's status: `VOORLOPIG`, `CONCEPT`, or none for `definitief`.
pub fn markering(status: Rapportstatus) -> Option<String> {
    match status {
        Rapportstatus::Definitief => None,
        Rapportstatus::Voorlopig => Some("VOORLOPIG".into()),
        Rapportstatus::Concept => Some("CONCEPT".into()),
    }
}

/// The sentence under the mark, for the reader of the cover or letter head.
pub fn uitleg(markering: &str) -> &'static str {
    match markering {
        "CONCEPT" => {
            "Concept: deze brief is nog niet compleet: er ontbreken teksten of briefgegevens. Alleen een brief zonder dit \
             merk is bestemd voor publicatie."
        }
        _ => {
            "Voorlopig: de gegevens lopen niet tot het einde van de periode. De cijfers kunnen nog \
             veranderen."
        }
    }
}
