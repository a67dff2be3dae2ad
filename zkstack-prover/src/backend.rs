//! Where proofs are computed.

/// The hardware a proof is computed on. Only the CPU exists today; the enum is non-exhaustive so
/// that a GPU backend can be added without breaking callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Backend {
    /// Boojum's reference CPU prover on a pool of worker threads.
    Cpu {
        /// Worker threads; `None` uses every available core.
        threads: Option<usize>,
    },
}

impl Default for Backend {
    fn default() -> Self {
        Self::Cpu { threads: None }
    }
}

impl Backend {
    /// The Boojum worker pool for this backend.
    pub(crate) fn worker(self) -> boojum::worker::Worker {
        match self {
            Self::Cpu { threads: Some(threads) } => {
                boojum::worker::Worker::new_with_num_threads(threads.max(1))
            }
            Self::Cpu { threads: None } => boojum::worker::Worker::new(),
        }
    }
}
