//! Shared by `tests/precompiles.rs` and `benches/precompiles.rs`: precompile calls (an ABI word
//! and the memory cells it reads) generated from a seed, with valid inputs made by the `k256`,
//! `p256` and arkworks crates and then mutated into the edge cases; and zk_evm 0.153.12's own
//! precompile functions run over zk_evm's reference memory.

#![allow(dead_code)]

use ark_bn254::{Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup};
use ark_ff::{BigInteger, PrimeField, UniformRand};
use zk_evm::abstractions::{Memory as RefMemory, MemoryType};
use zk_evm::aux_structures::{
    LogQuery, MemoryIndex, MemoryLocation, MemoryPage, MemoryQuery, Timestamp,
};
use zk_evm::ethereum_types::{Address as RefAddress, U256 as RefU256};
use zk_evm::reference_impls::memory::SimpleMemory;
use zk_evm::zk_evm_abstractions::precompiles as reference;
use zkstack_vm::memory::Memory;
use zkstack_vm::precompiles::{Precompile, PrecompileAbi};
use zkstack_vm::{Address, U256};
use zkstack_vm_oracle::splitmix64;

/// One precompile call: what it is, its ABI word, and the memory cells set before it.
#[derive(Clone, Debug)]
pub struct Call {
    /// The precompile.
    pub precompile: Precompile,
    /// The ABI word's fields.
    pub abi: PrecompileAbi,
    /// `(page, cell, value)` set before the call, in order (later ones win).
    pub cells: Vec<(u32, u32, U256)>,
    /// What the case is, for failure messages and tallies.
    pub kind: &'static str,
}

impl Call {
    /// Our memory with the call's cells.
    pub fn our_memory(&self) -> Memory {
        let mut memory = Memory::new();
        for (page, cell, value) in &self.cells {
            memory.write_cell(*page, *cell, value);
        }
        memory
    }

    /// zk_evm's reference memory with the call's cells.
    pub fn reference_memory(&self) -> SimpleMemory {
        let mut memory = SimpleMemory::new_without_preallocations();
        for (page, cell, value) in &self.cells {
            let query = MemoryQuery {
                timestamp: Timestamp(0),
                location: location(*page, *cell),
                value: to_ref(value),
                rw_flag: true,
                value_is_pointer: false,
            };
            memory.execute_partial_query(0, query);
        }
        memory
    }

    /// The log query `log.precompile` hands zk_evm's precompile processor.
    pub fn query(&self) -> LogQuery {
        LogQuery {
            timestamp: Timestamp(1),
            tx_number_in_block: 0,
            aux_byte: zk_evm::zkevm_opcode_defs::system_params::PRECOMPILE_AUX_BYTE,
            shard_id: 0,
            address: ref_address(&self.precompile.address()),
            key: to_ref(&self.abi.to_word()),
            read_value: RefU256::zero(),
            written_value: RefU256::zero(),
            rw_flag: false,
            rollback: false,
            is_service: false,
        }
    }
}

/// A heap location of zk_evm's memory.
pub fn location(page: u32, cell: u32) -> MemoryLocation {
    MemoryLocation {
        memory_type: MemoryType::Heap,
        page: MemoryPage(page),
        index: MemoryIndex(cell),
    }
}

/// Our word as zk_evm's.
pub fn to_ref(v: &U256) -> RefU256 {
    RefU256(*v.as_limbs())
}

/// zk_evm's word as ours.
pub fn from_ref(v: &RefU256) -> U256 {
    U256::from_limbs(v.0)
}

/// Our address as zk_evm's.
pub fn ref_address(a: &Address) -> RefAddress {
    RefAddress::from_slice(a.as_slice())
}

/// Runs zk_evm 0.153.12's precompile (the function its `DefaultPrecompilesProcessor`
/// dispatches to, with the witness on) over `memory`: its round count and the memory writes
/// it made, in order.
pub fn run_reference(call: &Call, memory: &mut SimpleMemory) -> (usize, Vec<MemoryQuery>) {
    let query = call.query();
    macro_rules! run {
        ($f:path) => {{
            let (rounds, witness) = $f(0, query, memory);
            let writes = witness.map(|(_, writes, _)| writes).unwrap_or_default();
            (rounds, writes)
        }};
    }
    match call.precompile {
        Precompile::Keccak256 => run!(reference::keccak256::keccak256_rounds_function::<_, true>),
        Precompile::Sha256 => run!(reference::sha256::sha256_rounds_function::<_, true>),
        Precompile::Ecrecover => run!(reference::ecrecover::ecrecover_function::<_, true>),
        Precompile::Secp256r1Verify => {
            run!(reference::secp256r1_verify::secp256r1_verify_function::<_, true>)
        }
        Precompile::Modexp => run!(reference::modexp::modexp_function::<_, true>),
        Precompile::EcAdd => run!(reference::ecadd::ecadd_function::<_, true>),
        Precompile::EcMul => run!(reference::ecmul::ecmul_function::<_, true>),
        Precompile::EcPairing => run!(reference::ecpairing::ecpairing_function::<_, true>),
    }
}

/// Runs zk_evm 0.153.12's precompile without the witness (as its VM does when no witness is
/// wanted: `DefaultPrecompilesProcessor<false>`); its round count.
pub fn run_reference_plain(call: &Call, memory: &mut SimpleMemory) -> usize {
    let query = call.query();
    match call.precompile {
        Precompile::Keccak256 => {
            reference::keccak256::keccak256_rounds_function::<_, false>(0, query, memory).0
        }
        Precompile::Sha256 => {
            reference::sha256::sha256_rounds_function::<_, false>(0, query, memory).0
        }
        Precompile::Ecrecover => {
            reference::ecrecover::ecrecover_function::<_, false>(0, query, memory).0
        }
        Precompile::Secp256r1Verify => {
            reference::secp256r1_verify::secp256r1_verify_function::<_, false>(0, query, memory).0
        }
        Precompile::Modexp => reference::modexp::modexp_function::<_, false>(0, query, memory).0,
        Precompile::EcAdd => reference::ecadd::ecadd_function::<_, false>(0, query, memory).0,
        Precompile::EcMul => reference::ecmul::ecmul_function::<_, false>(0, query, memory).0,
        Precompile::EcPairing => {
            reference::ecpairing::ecpairing_function::<_, false>(0, query, memory).0
        }
    }
}

/// A seeded generator of calls.
pub struct Gen(pub u64);

/// The generator as the `rand_core` 0.6 source arkworks' `UniformRand` and `ff`'s
/// `Field::random` (k256) take.
impl ark_std::rand::RngCore for Gen {
    fn next_u32(&mut self) -> u32 {
        self.next() as u32
    }
    fn next_u64(&mut self) -> u64 {
        self.next()
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for b in dest {
            *b = self.next() as u8;
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), ark_std::rand::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl Gen {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        splitmix64(&mut self.0)
    }

    /// True with `percent` % probability.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A random word.
    pub fn word(&mut self) -> U256 {
        U256::from_limbs([self.next(), self.next(), self.next(), self.next()])
    }

    /// A random nonzero word (so that a write of zero over it shows).
    pub fn nonzero(&mut self) -> U256 {
        self.word() | U256::from(1u8)
    }

    /// A word that is often an edge value.
    pub fn edgy_word(&mut self) -> U256 {
        match self.below(10) {
            0 => U256::ZERO,
            1 => U256::from(1u8),
            2 => U256::MAX,
            3 => U256::MAX - U256::from(1u8),
            4 => U256::from(self.below(16)),
            5 => U256::from(1u8) << self.below(256) as usize,
            6 => self.word() >> self.below(256) as usize,
            _ => self.word(),
        }
    }

    /// A cell offset: mostly small, sometimes far, sometimes around cell 2^27 (past byte 2^32).
    /// (zk_evm's reference memory is a vector of 64-cell leaves, so offsets near 2^32 would
    /// make it allocate gigabytes; the wrap of cell indices at 2^32 is a unit test.)
    pub fn cell_offset(&mut self) -> u32 {
        match self.below(100) {
            0..=84 => self.below(256) as u32,
            85..=97 => self.below(1 << 20) as u32,
            _ => (1 << 27) - 8 + self.below(16) as u32,
        }
    }

    /// A page: pages 1..5, so read and write pages sometimes coincide.
    pub fn page(&mut self) -> u32 {
        1 + self.below(4) as u32
    }

    /// An ABI with random pages and offsets, reading cells.
    pub fn abi(&mut self, interpreted_data: u64) -> PrecompileAbi {
        PrecompileAbi {
            input_offset: self.cell_offset(),
            input_length: self.next() as u32,
            output_offset: if self.chance(10) { 0 } else { self.cell_offset() },
            output_length: self.next() as u32,
            read_page: self.page(),
            write_page: self.page(),
            interpreted_data,
        }
    }

    /// A call of `precompile` whose inputs are `inputs` from the ABI's input cell, with
    /// nonzero garbage in the `outputs` cells it will write.
    pub fn cells_call(
        &mut self,
        precompile: Precompile,
        kind: &'static str,
        interpreted_data: u64,
        inputs: &[U256],
        outputs: u32,
    ) -> Call {
        let abi = self.abi(interpreted_data);
        let mut cells = Vec::new();
        for i in 0..outputs {
            cells.push((abi.write_page, abi.output_offset.wrapping_add(i), self.nonzero()));
        }
        for (i, value) in inputs.iter().enumerate() {
            cells.push((abi.read_page, abi.input_offset.wrapping_add(i as u32), *value));
        }
        Call { precompile, abi, cells, kind }
    }

    /// A random call of `precompile`.
    pub fn call(&mut self, precompile: Precompile) -> Call {
        match precompile {
            Precompile::Keccak256 => self.keccak(),
            Precompile::Sha256 => self.sha256(),
            Precompile::Ecrecover => self.ecrecover(),
            Precompile::Secp256r1Verify => self.secp256r1(),
            Precompile::Modexp => self.modexp(),
            Precompile::EcAdd => self.ecadd(),
            Precompile::EcMul => self.ecmul(),
            Precompile::EcPairing => self.ecpairing(),
        }
    }

    fn keccak(&mut self) -> Call {
        let length = match self.below(10) {
            0 => [0, 1, 31, 32, 33, 135, 136, 137, 271, 272, 273][self.below(11) as usize],
            1 => self.below(5000) as u32,
            _ => self.below(600) as u32,
        };
        let offset = match self.below(20) {
            0 => (u32::MAX - self.below(300) as u32) as u64, // crosses byte 2^32
            1..=3 => self.below(1 << 25),
            _ => self.below(8192),
        };
        let data = self.next();
        let mut abi = self.abi(data);
        abi.input_offset = offset as u32;
        abi.input_length = length;
        let mut cells = Vec::new();
        if self.chance(30) {
            // the output lands inside the input
            abi.write_page = abi.read_page;
            abi.output_offset = (offset / 32) as u32;
        }
        cells.push((abi.write_page, abi.output_offset, self.nonzero()));
        // The cells the input spans, and one garbage cell either side.
        let first = offset / 32;
        let last = (offset + u64::from(length)).div_ceil(32);
        for cell in first.saturating_sub(1)..=last {
            cells.push((abi.read_page, cell as u32, self.word()));
        }
        Call { precompile: Precompile::Keccak256, abi, cells, kind: "keccak" }
    }

    fn sha256(&mut self) -> Call {
        let rounds = match self.below(10) {
            0 => 0,
            1 => self.below(64),
            _ => 1 + self.below(4),
        };
        let inputs: Vec<U256> = (0..2 * rounds).map(|_| self.word()).collect();
        let mut call = self.cells_call(Precompile::Sha256, "sha256", rounds, &inputs, 1);
        if self.chance(10) {
            // reads past the written cells: zeros
            call.abi.interpreted_data += 1 + self.below(3);
        }
        call
    }

    fn modexp(&mut self) -> Call {
        let inputs = [self.edgy_word(), self.edgy_word(), self.edgy_word()];
        let data = self.next();
        self.cells_call(Precompile::Modexp, "modexp", data, &inputs, 1)
    }

    fn ecrecover(&mut self) -> Call {
        use k256::ecdsa::SigningKey;
        use k256::elliptic_curve::sec1::ToEncodedPoint;
        use k256::elliptic_curve::{Field, PrimeField as _};

        let n = U256::from_be_slice(&hex(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        ));
        let hash = self.word();
        let key = loop {
            if let Ok(key) = SigningKey::from_slice(&self.word().to_be_bytes::<32>()) {
                break key;
            }
        };
        let (signature, recovery) = match key.sign_prehash_recoverable(&hash.to_be_bytes::<32>()) {
            Ok(pair) => pair,
            Err(e) => panic!("k256 signs a 32-byte prehash: {e}"),
        };
        let (r, s) = signature.split_bytes();
        let (mut r, mut s) = (U256::from_be_slice(&r), U256::from_be_slice(&s));
        let mut v = recovery.to_byte() & 1;
        let mut hash = hash;
        let kind = match self.below(14) {
            0..=2 => "valid",
            3 => {
                s = n - s;
                v ^= 1;
                "high s (same key)"
            }
            4 => {
                s = n - s;
                "high s"
            }
            5 => {
                hash = self.word();
                "other hash"
            }
            6 => {
                r = U256::ZERO;
                "r = 0"
            }
            7 => {
                s = U256::ZERO;
                "s = 0"
            }
            8 => {
                r = n + U256::from(self.below(3));
                "r >= n"
            }
            9 => {
                s = if self.chance(50) { n } else { U256::MAX };
                "s >= n"
            }
            10 => {
                r = self.word() % n;
                "random r"
            }
            11 => {
                v ^= 1;
                "flipped v"
            }
            12 => {
                // R = kG and z = s·k make s·R = z·G: the recovered key is the point at infinity.
                let k = k256::Scalar::random(&mut *self);
                let point = (k256::ProjectivePoint::GENERATOR * k).to_affine();
                let encoded = point.to_encoded_point(false);
                r = U256::from_be_slice(encoded.x().map_or(&[][..], |x| &x[..]));
                v = encoded.y().map_or(0, |y| y[31] & 1);
                let s_scalar = k256::Scalar::random(&mut *self);
                s = U256::from_be_slice(&s_scalar.to_repr());
                hash = U256::from_be_slice(&(s_scalar * k).to_repr());
                "key at infinity"
            }
            _ => {
                r = self.word();
                s = self.word();
                "random r, s"
            }
        };
        // Only the last byte of v counts; zk_evm asserts it is 0 or 1.
        let v_word = (self.word() << 8) | U256::from(v);
        let inputs = [hash, v_word, r, s];
        let data = self.next();
        self.cells_call(Precompile::Ecrecover, kind, data, &inputs, 2)
    }

    fn secp256r1(&mut self) -> Call {
        use p256::ecdsa::signature::hazmat::PrehashSigner;
        use p256::ecdsa::{Signature, SigningKey};
        use p256::elliptic_curve::sec1::ToEncodedPoint;

        let n = U256::from_be_slice(&hex(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        ));
        let p = U256::from_be_slice(&hex(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        ));
        let hash = self.word();
        let key = loop {
            if let Ok(key) = SigningKey::from_slice(&self.word().to_be_bytes::<32>()) {
                break key;
            }
        };
        let signature: Signature = match key.sign_prehash(&hash.to_be_bytes::<32>()) {
            Ok(signature) => signature,
            Err(e) => panic!("p256 signs a 32-byte prehash: {e}"),
        };
        let (r, s) = signature.split_bytes();
        let (mut r, mut s) = (U256::from_be_slice(&r), U256::from_be_slice(&s));
        let point = key.verifying_key().as_affine().to_encoded_point(false);
        let mut x = U256::from_be_slice(point.x().map_or(&[][..], |x| &x[..]));
        let mut y = U256::from_be_slice(point.y().map_or(&[][..], |y| &y[..]));
        let mut hash = hash;
        let kind = match self.below(14) {
            0..=2 => "valid",
            3 => {
                s = n - s;
                "high s"
            }
            4 => {
                hash = self.word();
                "other hash"
            }
            5 => {
                r = U256::ZERO;
                "r = 0"
            }
            6 => {
                s = U256::ZERO;
                "s = 0"
            }
            7 => {
                r = n;
                "r = n"
            }
            8 => {
                s = n + U256::from(1u8);
                "s > n"
            }
            9 => {
                y += U256::from(1u8);
                "key off curve"
            }
            10 => {
                x = U256::ZERO;
                y = U256::ZERO;
                "key (0, 0)"
            }
            11 => {
                x = p + U256::from(self.below(3));
                "x >= p"
            }
            12 => {
                r = self.word();
                s = self.word();
                "random r, s"
            }
            _ => {
                x = self.word();
                y = self.word();
                "random key"
            }
        };
        let inputs = [hash, r, s, x, y];
        let data = self.next();
        self.cells_call(Precompile::Secp256r1Verify, kind, data, &inputs, 2)
    }

    /// A G1 point as words, often an edge case; the kind says which.
    fn g1(&mut self) -> ([U256; 2], &'static str) {
        let point = (G1Projective::generator() * Fr::rand(self)).into_affine();
        let [x, y] = g1_words(&point);
        match self.below(12) {
            0 => ([U256::ZERO; 2], "infinity"),
            1 => ([x, y + U256::from(1u8)], "off curve"),
            2 => ([x + fq_modulus(), y], "x >= p"),
            3 => ([x, fq_modulus() + U256::from(self.below(2))], "y >= p"),
            4 => ([U256::ZERO, y], "(0, y)"),
            5 => ([self.word(), self.word()], "random words"),
            6 => ([U256::from(1u8), U256::from(2u8)], "generator"),
            _ => ([x, y], "valid"),
        }
    }

    fn ecadd(&mut self) -> Call {
        let (p, kind_p) = self.g1();
        let (q, kind_q) = match self.below(6) {
            0 => (p, "same"),
            1 => ([p[0], (fq_modulus() - p[1]) % fq_modulus()], "negated"),
            _ => self.g1(),
        };
        let kind = if kind_p == "valid" { kind_q } else { kind_p };
        let inputs = [p[0], p[1], q[0], q[1]];
        let data = self.next();
        self.cells_call(Precompile::EcAdd, kind, data, &inputs, 3)
    }

    fn ecmul(&mut self) -> Call {
        let (p, kind) = self.g1();
        let r = fr_modulus();
        let s = match self.below(10) {
            0 => U256::ZERO,
            1 => U256::from(1u8),
            2 => r - U256::from(1u8),
            3 => r,
            4 => r + U256::from(1u8),
            5 => U256::MAX,
            6 => r * U256::from(5u8) + U256::from(self.below(3)),
            _ => self.word(),
        };
        let inputs = [p[0], p[1], s];
        let data = self.next();
        self.cells_call(Precompile::EcMul, kind, data, &inputs, 3)
    }

    /// A G2 point as words (x_im, x_re, y_im, y_re), often an edge case.
    fn g2(&mut self) -> ([U256; 4], &'static str) {
        let point = (G2Projective::generator() * Fr::rand(self)).into_affine();
        let words = g2_words(&point);
        match self.below(12) {
            0 => ([U256::ZERO; 4], "infinity"),
            1 => ([words[0], words[1], words[2], words[3] + U256::from(1u8)], "off twist"),
            2 => {
                // a point of the twist outside the order-r subgroup
                let outside = loop {
                    let x = Fq2::new(Fq::rand(self), Fq::rand(self));
                    if let Some(q) = G2Affine::get_point_from_x_unchecked(x, self.chance(50)) {
                        break q;
                    }
                };
                (g2_words(&outside), "not in subgroup")
            }
            3 => ([words[0] + fq_modulus(), words[1], words[2], words[3]], "x_im >= p"),
            4 => ([words[0], words[1], words[2], fq_modulus()], "y_re = p"),
            5 => ([words[1], words[0], words[3], words[2]], "swapped halves"),
            6 => ([self.word(), self.word(), self.word(), self.word()], "random words"),
            _ => (words, "valid"),
        }
    }

    fn ecpairing(&mut self) -> Call {
        let mut inputs = Vec::new();
        let mut kind = "valid";
        let pairs = match self.below(10) {
            0 => 0,
            1..=4 => {
                // e(aP, bQ) · e(-abP, Q) = 1 (or not, when the last scalar is off by one)
                let (a, b) = (Fr::rand(self), Fr::rand(self));
                let mut ab = a * b;
                kind = "balanced";
                if self.chance(30) {
                    ab += Fr::from(1u8);
                    kind = "unbalanced";
                }
                let g1 = G1Projective::generator();
                let g2 = G2Projective::generator();
                inputs.extend(g1_words(&(g1 * a).into_affine()));
                inputs.extend(g2_words(&(g2 * b).into_affine()));
                inputs.extend(g1_words(&(-(g1 * ab)).into_affine()));
                inputs.extend(g2_words(&g2.into_affine()));
                2
            }
            _ => 1 + self.below(4),
        };
        for _ in inputs.len() / 6..pairs as usize {
            let (p, kind_p) = self.g1();
            let (q, kind_q) = self.g2();
            if kind == "valid" {
                kind = if kind_p == "valid" { kind_q } else { kind_p };
            }
            inputs.extend(p);
            inputs.extend(q);
        }
        let pairs = (inputs.len() / 6) as u64;
        self.cells_call(Precompile::EcPairing, kind, pairs, &inputs, 2)
    }
}

/// The BN254 base-field modulus p.
pub fn fq_modulus() -> U256 {
    U256::from_limbs(Fq::MODULUS.0)
}

/// The BN254 group order r.
pub fn fr_modulus() -> U256 {
    U256::from_limbs(Fr::MODULUS.0)
}

/// A G1 point's words, (0, 0) for infinity.
pub fn g1_words(p: &G1Affine) -> [U256; 2] {
    p.xy().map_or([U256::ZERO; 2], |(x, y)| [fq_word(&x), fq_word(&y)])
}

/// A G2 point's words (x_im, x_re, y_im, y_re), zeros for infinity.
pub fn g2_words(q: &G2Affine) -> [U256; 4] {
    q.xy().map_or([U256::ZERO; 4], |(x, y)| {
        [fq_word(&x.c1), fq_word(&x.c0), fq_word(&y.c1), fq_word(&y.c0)]
    })
}

fn fq_word(v: &Fq) -> U256 {
    U256::from_be_slice(&v.into_bigint().to_bytes_be())
}

/// Bytes from hex.
pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0)).collect()
}
