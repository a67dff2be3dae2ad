//! The VM dump reader `zkstack replay` uses (`zkstack_bootloader::dump::VmDump::from_json`),
//! then what replay does with each transaction before running it (`to_bootloader`, the factory
//! dependencies' hashes).
//!
//! What must hold: any text gives a dump or a `DumpError`, and any dump's transactions give a
//! bootloader struct or a `DumpError` — never a panic (numbers out of range, hex of the wrong
//! width, unknown transaction types and versions, missing fields, deep nesting, factory
//! dependencies of any length).
//!
//! Two modes (first byte even / odd): the rest as JSON text; or edits of a small valid dump
//! (below, hand-written from the reader's field list) — each edit picks a node of the JSON tree
//! and replaces it with a fuzzer-chosen value of another shape, or removes it — so that the
//! fuzzer reaches the conversions behind the parser. With no edits the skeleton must read and
//! convert cleanly (so the edits start from a dump the reader accepts).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use zkstack_bootloader::dump::VmDump;

fn skeleton() -> Value {
    let word = |n: u8| format!("0x{:064x}", n);
    let fee = json!({
        "gas_limit": "0x1000000", "max_fee_per_gas": "0x100", "max_priority_fee_per_gas": "0x0",
        "gas_per_pubdata_limit": "0x320"
    });
    let l1 = json!({
        "sender": "0x0000000000000000000000000000000000000101", "serialId": 7,
        "upgradeId": "Version26", "maxFeePerGas": "0x100", "gasLimit": "0x1000000",
        "gasPerPubdataLimit": "0x320", "toMint": "0x5", "refundRecipient":
        "0x0000000000000000000000000000000000000102"
    });
    let dep = vec![0u8; 32];
    let execute = json!({
        "contractAddress": "0x0000000000000000000000000000000000000103", "calldata": "0x1234",
        "value": "0x0", "factoryDeps": [dep]
    });
    json!({
        "l1_batch_env": {
            "previous_batch_hash": word(1), "number": 1, "timestamp": 1000,
            "fee_input": {"PubdataIndependent": {
                "fair_l2_gas_price": 100, "fair_pubdata_price": 200, "l1_gas_price": 300}},
            "fee_account": "0x0000000000000000000000000000000000000104",
            "enforced_base_fee": null,
            "first_l2_block": {"number": 1, "timestamp": 1000, "prev_block_hash": word(2),
                "max_virtual_blocks_to_create": 1}
        },
        "system_env": {
            "version": "Version26",
            "base_system_smart_contracts": {
                "bootloader": {"code": ["0x1", "0x2", "0x3"], "hash": word(3)},
                "default_aa": {"code": ["0x4"], "hash": word(4)},
                "evm_emulator": null
            },
            "bootloader_gas_limit": 4_000_000_000u32, "execution_mode": "VerifyExecute",
            "default_validation_computational_gas_limit": 300_000, "chain_id": 270
        },
        "l2_blocks": [{
            "number": 1, "timestamp": 1000, "prev_block_hash": word(2), "virtual_blocks": 1,
            "txs": [
                {"common_data": {"L2": {
                    "nonce": 0, "fee": fee, "initiatorAddress":
                    "0x0000000000000000000000000000000000000105", "signature": [1, 2, 3],
                    "transactionType": "EIP712Transaction",
                    "input": {"hash": word(5), "data": [0xc0]},
                    "paymasterParams": {"paymaster": "0x0000000000000000000000000000000000000000",
                        "paymasterInput": []}}},
                 "execute": execute, "raw_bytes": "0x00"},
                {"common_data": {"L1": l1}, "execute": execute},
                {"common_data": {"ProtocolUpgrade": l1}, "execute": execute}
            ]
        }],
        "storage": {
            "storage": {word(6): null, word(7): [word(8), 3]},
            "factory_deps": {word(9): "0x00"}
        }
    })
}

/// Every node's path (object keys and array indices), root first.
fn paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(k.clone());
                paths(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(i.to_string());
                paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn replacement(kind: u8, byte: u8, rest: &[u8]) -> Option<Value> {
    let text = String::from_utf8_lossy(rest).into_owned();
    Some(match kind % 12 {
        0 => return None,
        1 => Value::Null,
        2 => json!(byte & 1 == 1),
        3 => json!(byte),
        4 => json!(u64::MAX),
        5 => json!(-i64::from(byte) - 1),
        6 => json!(f64::from(byte) + 0.5),
        7 => json!(format!("0x{}", rest.iter().map(|b| format!("{b:02x}")).collect::<String>())),
        8 => json!(text),
        9 => json!(rest),
        10 => json!([]),
        _ => json!({}),
    })
}

fn edit(root: &mut Value, path: &[String], new: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        if let Some(new) = new {
            *root = new;
        }
        return;
    };
    let mut node = root;
    for p in parents {
        node = match node {
            Value::Object(map) => map.get_mut(p),
            Value::Array(items) => p.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .expect("path from the same tree");
    }
    match (node, new) {
        (Value::Object(map), None) => {
            map.remove(last);
        }
        (Value::Object(map), Some(new)) => {
            map.insert(last.clone(), new);
        }
        (Value::Array(items), new) => {
            let i: usize = last.parse().expect("array index");
            match new {
                None => {
                    items.remove(i);
                }
                Some(new) => items[i] = new,
            }
        }
        _ => {}
    }
}

/// Reads `text` as a dump and converts its transactions; whether all of it succeeded.
fn read(text: &str) -> bool {
    let Ok(dump) = VmDump::from_json(text) else { return false };
    let mut ok = true;
    for block in &dump.l2_blocks {
        for tx in &block.txs {
            let _ = tx.factory_deps();
            let _ = tx.is_l1();
            ok &= tx.to_bootloader().is_ok();
        }
    }
    ok
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode & 1 == 0 {
        if let Ok(text) = core::str::from_utf8(rest) {
            let _ = read(text);
        }
        return;
    }
    if rest.is_empty() {
        assert!(read(&skeleton().to_string()), "the skeleton dump must read");
        return;
    }
    let mut dump = skeleton();
    // Edits: [what, which node (2 bytes), byte, payload length] then the payload.
    let mut rest = rest;
    while let [kind, node_hi, node_lo, byte, len, tail @ ..] = rest {
        let node = u16::from_be_bytes([*node_hi, *node_lo]);
        let len = usize::from(*len % 40).min(tail.len());
        let (payload, next) = tail.split_at(len);
        rest = next;
        let mut all = Vec::new();
        paths(&dump, &mut Vec::new(), &mut all);
        let path = &all[usize::from(node) % all.len()];
        edit(&mut dump, path, replacement(*kind, *byte, payload));
    }
    let _ = read(&dump.to_string());
});
