//! Known-answer tests of the precompiles, through memory and the ABI word as `log.precompile`
//! runs them. Where each expected value comes from is said at the vector; the exhaustive
//! comparison with zk_evm itself is `oracle/tests/precompiles.rs`.

use k256::ecdsa::SigningKey;
use zkstack_vm::memory::Memory;
use zkstack_vm::precompiles::{Precompile, PrecompileAbi, StandardPrecompiles};
use zkstack_vm::world::Precompiles;
use zkstack_vm::{Address, U256};

fn word(hex: &str) -> U256 {
    match U256::from_str_radix(hex.trim_start_matches("0x"), 16) {
        Ok(v) => v,
        Err(e) => panic!("test vector {hex}: {e}"),
    }
}

fn dec(decimal: &str) -> U256 {
    match U256::from_str_radix(decimal, 10) {
        Ok(v) => v,
        Err(e) => panic!("test vector {decimal}: {e}"),
    }
}

/// Calls `precompile` through the world hook with `inputs` in cells 0.. of page 3 and returns
/// `outputs` cells from cell 100 of page 4.
fn call(precompile: Precompile, inputs: &[U256], rounds: u64, outputs: u32) -> Vec<U256> {
    let mut memory = Memory::new();
    for (i, v) in inputs.iter().enumerate() {
        memory.write_cell(3, i as u32, v);
    }
    let abi = PrecompileAbi {
        output_offset: 100,
        read_page: 3,
        write_page: 4,
        interpreted_data: rounds,
        ..PrecompileAbi::default()
    };
    StandardPrecompiles.call(&precompile.address(), &abi.to_word(), &mut memory);
    (0..outputs).map(|i| memory.read_cell(4, 100 + i)).collect()
}

const ONE: U256 = U256::from_limbs([1, 0, 0, 0]);

#[test]
fn ecrecover_recovers_known_addresses() {
    // go-ethereum core/vm/testdata/precompiles/ecRecover.json, "ValidKey" (v = 27 there, the
    // system contract passes v - 27).
    let out = call(
        Precompile::Ecrecover,
        &[
            word("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"),
            U256::ZERO,
            word("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"),
            word("789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02"),
        ],
        0,
        2,
    );
    assert_eq!(out, [ONE, word("ceaccac640adf55b2028469bd36ba501f28b699d")]);

    // The private key 1 belongs to 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf (the address of
    // the generator point, widely published); k256 signs, the precompile must recover it.
    let key = SigningKey::from_slice(&ONE.to_be_bytes::<32>()).unwrap_or_else(|e| panic!("{e}"));
    let hash = [0x42u8; 32];
    let (signature, recovery) =
        key.sign_prehash_recoverable(&hash).unwrap_or_else(|e| panic!("{e}"));
    let (r, s) = signature.split_bytes();
    let inputs = [
        U256::from_be_bytes(hash),
        U256::from(recovery.to_byte()),
        U256::from_be_slice(&r),
        U256::from_be_slice(&s),
    ];
    let out = call(Precompile::Ecrecover, &inputs, 0, 2);
    assert_eq!(out, [ONE, word("7e5f4552091a69125d5dfcb7b8c2659029395bdf")]);

    // r = 0 is no signature: 0, 0 (zk_evm's failure marker).
    let out = call(Precompile::Ecrecover, &[inputs[0], inputs[1], U256::ZERO, inputs[3]], 0, 2);
    assert_eq!(out, [U256::ZERO, U256::ZERO]);
}

#[test]
fn p256_verifies_the_rip7212_vector() {
    // RIP-7212's test vector (also go-ethereum's p256Verify.json): hash, r, s, x, y.
    let inputs = [
        word("4cee90eb86eaa050036147a12d49004b6b9c72bd725d39d4785011fe190f0b4d"),
        word("a73bd4903f0ce3b639bbbf6e8e80d16931ff4bcf5993d58468e8fb19086e8cac"),
        word("36dbcd03009df8c59286b162af3bd7fcc0450c9aa81be5d10d312af6c66b1d60"),
        word("4aebd3099c618202fcfe16ae7770b0c49ab5eadf74b754204a3bb6060e44eff3"),
        word("7618b065f9832de4ca6ca971a7a1adc826d0f7c00181a5fb2ddf79ae00b4e10e"),
    ];
    assert_eq!(call(Precompile::Secp256r1Verify, &inputs, 0, 2), [ONE, ONE]);
    // Another hash: checked, not valid.
    let mut other = inputs;
    other[0] ^= ONE;
    assert_eq!(call(Precompile::Secp256r1Verify, &other, 0, 2), [ONE, U256::ZERO]);
    // zk_evm_abstractions 0.153.12's own test: r = s = 1 with the generator as key is checked
    // and invalid.
    let generator = [
        word("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
        word("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
    ];
    let inputs = [ONE, ONE, ONE, generator[0], generator[1]];
    assert_eq!(call(Precompile::Secp256r1Verify, &inputs, 0, 2), [ONE, U256::ZERO]);
    // A key off the curve cannot be checked: 0, 0.
    let inputs = [ONE, ONE, ONE, generator[0], generator[1] + ONE];
    assert_eq!(call(Precompile::Secp256r1Verify, &inputs, 0, 2), [U256::ZERO, U256::ZERO]);
}

/// 2·G of BN254 G1 (G = (1, 2)); the decimal values are zk_evm_abstractions 0.153.12's
/// `test_ecadd_inner_correctness_evm_codes` (evm.codes' ecAdd example).
fn two_g() -> [U256; 2] {
    [
        dec("1368015179489954701390400359078579693043519447331113978918064868415326638035"),
        dec("9918110051302171585080402603319702774565515993150576347155970296011118125764"),
    ]
}

#[test]
fn ecadd_and_ecmul_known_answers() {
    let g = [ONE, U256::from(2u8)];
    let [x2, y2] = two_g();
    assert_eq!(call(Precompile::EcAdd, &[g[0], g[1], g[0], g[1]], 0, 3), [ONE, x2, y2]);
    assert_eq!(call(Precompile::EcMul, &[g[0], g[1], U256::from(2u8)], 0, 3), [ONE, x2, y2]);
    // go-ethereum bn256Add.json "chfast1".
    let out = call(
        Precompile::EcAdd,
        &[
            word("18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9"),
            word("063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266"),
            word("07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed"),
            word("06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7"),
        ],
        0,
        3,
    );
    assert_eq!(
        out,
        [
            ONE,
            word("2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703"),
            word("301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915"),
        ]
    );
    // EIP-196: (0, 0) is infinity; G + (-G) is infinity, encoded (0, 0).
    let p = dec("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    assert_eq!(call(Precompile::EcAdd, &[U256::ZERO; 4], 0, 3), [ONE, U256::ZERO, U256::ZERO]);
    let minus_g = [ONE, p - U256::from(2u8)];
    assert_eq!(
        call(Precompile::EcAdd, &[g[0], g[1], minus_g[0], minus_g[1]], 0, 3),
        [ONE, U256::ZERO, U256::ZERO]
    );
    // EIP-196: a point off the curve, or a coordinate not below p, is an error: 0, 0, 0.
    assert_eq!(call(Precompile::EcAdd, &[ONE, ONE, g[0], g[1]], 0, 3), [U256::ZERO; 3]);
    assert_eq!(call(Precompile::EcMul, &[ONE, p + U256::from(2u8), ONE], 0, 3), [U256::ZERO; 3]);
    // The scalar acts modulo the group order r: r·G is infinity, (r + 2)·G is 2·G.
    let r = dec("21888242871839275222246405745257275088548364400416034343698204186575808495617");
    assert_eq!(call(Precompile::EcMul, &[g[0], g[1], r], 0, 3), [ONE, U256::ZERO, U256::ZERO]);
    assert_eq!(call(Precompile::EcMul, &[g[0], g[1], r + U256::from(2u8)], 0, 3), [ONE, x2, y2]);
}

#[test]
fn ecpairing_known_answers() {
    // The G2 generator as EIP-197 defines it, in its encoding (x_im, x_re, y_im, y_re).
    let q = [
        dec("11559732032986387107991004021392285783925812861821192530917403151452391805634"),
        dec("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
        dec("4082367875863433681332203403145435568316851327593401208105741076214120093531"),
        dec("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
    ];
    let p = dec("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    let g = [ONE, U256::from(2u8)];
    let minus_g = [ONE, p - U256::from(2u8)];
    let pair = |a: [U256; 2]| [a[0], a[1], q[0], q[1], q[2], q[3]];
    // Bilinearity: e(G, Q)·e(-G, Q) = 1 and e(2G, Q)·e(-G, Q)·e(-G, Q) = 1, but
    // e(G, Q)·e(G, Q) ≠ 1 (the pairing is non-degenerate).
    let inputs = [pair(g), pair(minus_g)].concat();
    assert_eq!(call(Precompile::EcPairing, &inputs, 2, 2), [ONE, ONE]);
    let inputs = [pair(two_g()), pair(minus_g), pair(minus_g)].concat();
    assert_eq!(call(Precompile::EcPairing, &inputs, 3, 2), [ONE, ONE]);
    let inputs = [pair(g), pair(g)].concat();
    assert_eq!(call(Precompile::EcPairing, &inputs, 2, 2), [ONE, U256::ZERO]);
    // EIP-197: the empty input's product is 1; infinity contributes 1.
    assert_eq!(call(Precompile::EcPairing, &[], 0, 2), [ONE, ONE]);
    assert_eq!(call(Precompile::EcPairing, &pair([U256::ZERO; 2]), 1, 2), [ONE, ONE]);
    // An invalid pair (Q with its halves swapped is not on the twist) fails the call: 0, 0.
    let swapped = [U256::ZERO, U256::ZERO, q[1], q[0], q[3], q[2]];
    let inputs = [pair(g), pair(minus_g), swapped].concat();
    assert_eq!(call(Precompile::EcPairing, &inputs, 3, 2), [U256::ZERO, U256::ZERO]);
}

#[test]
fn the_world_runs_the_standard_precompiles_by_default() {
    let world = zkstack_vm::world::World::default();
    let mut precompiles = world.precompiles;
    let mut memory = Memory::new();
    memory.write_cell(1, 0, &U256::from(3u8));
    memory.write_cell(1, 1, &U256::from(4u8));
    memory.write_cell(1, 2, &U256::from(5u8));
    let abi = PrecompileAbi { read_page: 1, write_page: 1, output_offset: 9, ..Default::default() };
    let modexp = Address::with_last_byte(5);
    precompiles.call(&modexp, &abi.to_word(), &mut memory);
    assert_eq!(memory.read_cell(1, 9), U256::from(1u8)); // 3^4 mod 5
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any ABI word and any memory: no precompile panics (round counts kept small so that the
        /// run stays short; the loops do not allocate by round count). Offsets reach the top of
        /// the cell range, where indices wrap, and keccak inputs cross byte 2^32; ecrecover gets
        /// every `v`, also those zk_evm asserts away.
        #[test]
        fn any_input_runs(
            limbs in any::<[u64; 4]>(),
            rounds in 0u64..6,
            length in 0u32..4096,
            cells in proptest::collection::vec((0u32..4, any::<u32>(), any::<[u64; 4]>()), 0..24),
            near_top in any::<bool>(),
            which in 0usize..8,
        ) {
            let mut abi = PrecompileAbi::from_word(&U256::from_limbs(limbs));
            abi.read_page %= 4;
            abi.write_page %= 4;
            abi.interpreted_data = rounds;
            abi.input_length = length;
            if near_top {
                abi.input_offset |= 0xffff_ff00;
                abi.output_offset |= 0xffff_ff00;
            }
            let mut memory = Memory::new();
            for (page, cell, value) in &cells {
                memory.write_cell(*page, abi.input_offset.wrapping_add(*cell % 16), &U256::from_limbs(*value));
            }
            let precompile = Precompile::ALL[which];
            let counted = precompile.run(&abi, &mut memory);
            let expected = match precompile {
                Precompile::Keccak256 => u64::from(length) / 136 + 1,
                Precompile::Sha256 | Precompile::EcPairing => rounds,
                _ => 1,
            };
            prop_assert_eq!(counted, expected);
        }
    }
}
