//! The modules under fuzzing, compiled straight from the main crate's sources (`../src`), so the
//! fuzz build needs only their own small dependencies. The module tree mirrors the main crate's
//! (`ingest::…`, `render::…`) so the files' `super::` paths resolve unchanged.
#![allow(dead_code)]

#[path = "../../src/period.rs"]
pub mod period;

#[path = "../../src/domein"]
pub mod domein {
    pub mod format;
    pub mod kwaliteit;
}

#[path = "../../src/ingest"]
pub mod ingest {
    pub mod bsn;
    pub mod fout;
    pub mod kwaliteit;
    pub mod text;
    pub mod values;

    pub use fout::IngestFout;
    pub use kwaliteit::Datakwaliteit;
}

#[path = "../../src/render"]
pub mod render {
    pub mod document;
    pub mod markdown;
}
