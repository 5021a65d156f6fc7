//! Synthetic demo data (stub).
