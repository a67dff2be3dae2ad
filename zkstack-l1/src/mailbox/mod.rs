//! The Mailbox's L1→L2 transaction rules: base cost and validation.
