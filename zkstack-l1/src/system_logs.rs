//! System logs (placeholder).
